/**
 * The scenario's population as chain accounts. Ids (r3, a0, p1, ...) are the scenario's own;
 * addresses derive from seed and id, so the same seed names the same accounts. Providers get real
 * private keys (they sign task results, which double-sign evidence needs); everyone else is
 * impersonated on the devnet and needs no key.
 */
import { keccak256, toBytes, getAddress, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { Scenario } from './scenario'

export type ParticipantKind = 'reviewer' | 'author' | 'provider' | 'verifier' | 'council' | 'client'

export interface Participant {
  id: string
  kind: ParticipantKind
  address: Address
  /** Registered in the reviewer registry (reviewers, and authors below authorReviewers). */
  reviews: boolean
  privateKey?: Hex
}

function derivedKey(seed: string, id: string): Hex {
  return keccak256(toBytes(`peerwatch/${seed}/${id}`))
}

export function createParticipants(scenario: Scenario, seed: string): Participant[] {
  const p = scenario.population
  const out: Participant[] = []
  const add = (prefix: string, n: number, kind: ParticipantKind, reviews: (i: number) => boolean, withKey = false) => {
    for (let i = 0; i < n; i++) {
      const id = `${prefix}${i}`
      const key = derivedKey(seed, id)
      const address = withKey ? privateKeyToAccount(key).address : getAddress(`0x${keccak256(key).slice(-40)}`)
      out.push({ id, kind, address, reviews: reviews(i), ...(withKey ? { privateKey: key } : {}) })
    }
  }
  add('r', p.reviewers, 'reviewer', () => true)
  add('a', p.authors, 'author', (i) => i < p.authorReviewers)
  add('p', p.providers, 'provider', () => false, true)
  add('v', p.verifiers, 'verifier', () => false)
  add('c', p.council, 'council', () => false)
  add('k', p.clients, 'client', () => false)
  return out
}

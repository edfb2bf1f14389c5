/**
 * Shared helpers of the mapping unit tests (the *.test.ts files beside the mappings): accounts and
 * ids, the usual preludes (a registered reviewer, a proposal under review, a staked provider),
 * and the three checks every module's tests make:
 *
 *   - `expectIndexed`: a batch maps without quarantining anything;
 *   - `expectRejected`: an event is quarantined with exactly the given reason, counted, and
 *     changes no entity at all;
 *   - `expectBatchIndependent`: a list of events mapped as one batch, one event per batch and in
 *     random splits gives the same store, entity class by entity class.
 *
 * Imported by tests only.
 */
import { expect } from 'vitest'
import { encodeAbiParameters, type Abi, type AbiEvent, type Address, type Hex } from 'viem'
import { artifacts } from '../../abi/artifacts'
import type { ContractName } from '../contracts/names'
import { reviewIdOf } from '../contracts/ids'
import * as model from '../model'
import { EventCount, QuarantinedEvent } from '../model'
import { eventId, type EventMeta, type RawLog } from './events'
import { createBatchMapper, type BatchResult } from './index'
import type { EntityClass } from './state'
import { createHarness, HARNESS_ADDRESSES, MemoryStore, type EmitOptions } from './testing'
import { mulberry32 } from '../simulator/random'

export type Harness = ReturnType<typeof createHarness>

// ----- accounts and values -----

/** A distinct, lower-case address per label (labels are short ASCII: 'alice', 'p1'). */
export function account(label: string): Address {
  return `0x${Buffer.from(label, 'ascii').toString('hex').padStart(40, '0')}` as Address
}

export const bytes32 = (n: number | bigint): Hex => `0x${BigInt(n).toString(16).padStart(64, '0')}`
export const hash = (byte: string): Hex => `0x${byte.repeat(32)}` as Hex
export const ZERO32 = bytes32(0)
/** The contracts' "forever" (type(uint64).max). */
export const FOREVER = 2n ** 64n - 1n
export { reviewIdOf }

/** The block timestamp the harness gives `block` (its defaults: 1 767 225 600 + 12 s per block). */
export const harnessTime = (block: number): Date => new Date((1_767_225_600 + block * 12) * 1000)
export const seconds = (d: Date): bigint => BigInt(d.getTime() / 1000)

// ----- entity classes and snapshots -----

/** Every entity class the mappings write (the enums are objects, the entities classes; analytics' own left out). */
export const ENTITY_CLASSES = (Object.values(model) as unknown[]).filter((v): v is EntityClass => typeof v === 'function' && !model.ANALYTICS_ENTITIES.includes(v))

const BOOKKEEPING = new Set<EntityClass>([QuarantinedEvent, EventCount])

/** The store's content, by entity class name; bookkeeping (quarantine and counts) left out unless asked. */
export function snapshot(store: Pick<MemoryStore, 'all'>, opts: { bookkeeping?: boolean } = {}): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const cls of ENTITY_CLASSES) {
    if (!opts.bookkeeping && BOOKKEEPING.has(cls)) continue
    out[cls.name] = store.all(cls).map((e) => structuredClone(e))
  }
  return out
}

// ----- checks -----

/** Maps what was emitted as one batch and expects nothing quarantined (the reasons, if any, in the failure). */
export async function expectIndexed(h: Harness): Promise<BatchResult> {
  const before = h.all(QuarantinedEvent).length
  const result = await h.flush()
  expect(h.all(QuarantinedEvent).slice(before).map((q) => `${q.eventName}: ${q.reason}`)).toEqual([])
  expect(result.quarantined).toBe(0)
  return result
}

/**
 * Emits one event alone in a batch and expects it quarantined with exactly `reason` (a RegExp
 * for decoder messages that quote library errors): the quarantine row keeps the raw log, the
 * event's count gains one quarantined and no indexed, and no entity changes.
 */
export async function expectRejected(
  h: Harness,
  contract: ContractName,
  eventName: string,
  args: Record<string, unknown>,
  reason: string | RegExp,
  opts: EmitOptions = {},
): Promise<QuarantinedEvent> {
  const before = snapshot(h.store)
  const countId = `${contract}.${eventName}`
  const count = h.get(EventCount, countId) ?? { indexed: 0, quarantined: 0 }
  const otherCounts = h.all(EventCount).filter((c) => c.id !== countId)
  const quarantined = h.all(QuarantinedEvent)
  const log = h.emit(contract, eventName, args, opts)
  const result = await h.flush()
  expect(result).toMatchObject({ events: 1, quarantined: 1 })
  const q = h.get(QuarantinedEvent, eventId(log.block.height, log.logIndex))
  expect(q, `${countId} was not quarantined`).toBeDefined()
  if (typeof reason === 'string') expect(q!.reason).toBe(reason)
  else expect(q!.reason).toMatch(reason)
  expect(q).toMatchObject({
    block: log.block.height, blockHash: log.block.hash, txHash: log.transactionHash, logIndex: log.logIndex,
    address: log.address.toLowerCase(), topic0: log.topics[0], topics: log.topics, data: log.data, eventName,
    timestamp: new Date(log.block.timestamp),
  })
  expect(h.get(EventCount, countId)).toMatchObject({ indexed: count.indexed, quarantined: count.quarantined + 1 })
  expect(h.all(EventCount).filter((c) => c.id !== countId)).toEqual(otherCounts)
  expect(h.all(QuarantinedEvent).filter((x) => x.id !== q!.id)).toEqual(quarantined)
  expect(snapshot(h.store)).toEqual(before)
  return q!
}

/** The ways `expectBatchIndependent` cuts a list of logs into batches. */
function splits(n: number): { name: string; sizes: number[] }[] {
  const out = [
    { name: 'one batch', sizes: [n] },
    { name: 'one event per batch', sizes: Array(n).fill(1) },
  ]
  for (const seed of [1, 2, 3]) {
    const next = mulberry32(seed)
    const sizes: number[] = []
    for (let left = n; left > 0; ) {
      const size = Math.min(left, 1 + Math.floor(next() * 6))
      sizes.push(size)
      left -= size
    }
    out.push({ name: `random split (seed ${seed})`, sizes })
  }
  return out
}

/**
 * Encodes the events `emit` produces (with the harness's encoder: same blocks, log indexes and
 * timestamps every time), maps them over fresh stores in one batch, one event per batch and in
 * random splits, and expects identical stores for every entity class, quarantine and counts
 * included. Returns the one-batch store and the logs, for further checks.
 */
export async function expectBatchIndependent(emit: (h: Pick<Harness, 'emit' | 'nextBlock'>) => void): Promise<{ store: MemoryStore; logs: RawLog[] }> {
  const h = createHarness()
  const logs: RawLog[] = []
  emit({ emit: (...a: Parameters<Harness['emit']>) => (logs.push(h.emit(...a)), logs.at(-1)!), nextBlock: h.nextBlock })
  const addresses = new Map(Object.entries(HARNESS_ADDRESSES).map(([name, a]) => [a, name as ContractName]))
  const mapBatch = createBatchMapper(addresses)
  let reference: { name: string; store: MemoryStore; content: Record<string, unknown[]> } | undefined
  for (const { name, sizes } of splits(logs.length)) {
    const store = new MemoryStore()
    let at = 0
    for (const size of sizes) {
      await mapBatch(logs.slice(at, at + size), store)
      at += size
    }
    const content = snapshot(store, { bookkeeping: true })
    if (!reference) reference = { name, store, content }
    else for (const cls of Object.keys(content)) expect(content[cls], `${cls}: ${name} differs from ${reference.name}`).toEqual(reference.content[cls])
  }
  return { store: reference!.store, logs }
}

// ----- hand-built event data -----

/**
 * The ABI data of `eventName` with `args`, except that the string `field` holds the raw bytes
 * `rawHex` (invalid UTF-8, say, which viem's encoder cannot produce). Emit it with the
 * placeholder this returns as the field's value, so that the topics still encode.
 */
export function rawStringData(contract: ContractName, eventName: string, args: Record<string, unknown>, field: string, rawHex: string): { data: Hex; args: Record<string, unknown> } {
  const bytes = rawHex.replace(/^0x/, '').length / 2
  const placeholder = '\u0007'.repeat(bytes)
  const withPlaceholder = { ...args, [field]: placeholder }
  const abi = artifacts[contract].abi as Abi
  const event = abi.find((x): x is AbiEvent => x.type === 'event' && x.name === eventName)!
  const inputs = event.inputs.filter((i) => !i.indexed)
  const data = encodeAbiParameters(inputs, inputs.map((i) => withPlaceholder[i.name!]))
  // The string's bytes follow its length word, at a word boundary.
  const needle = bytes.toString(16).padStart(64, '0') + '07'.repeat(bytes)
  const at = data.indexOf(needle)
  if (at < 0 || (at - 2) % 64 !== 0) throw new Error(`placeholder of ${field} not found in the encoded data`)
  const patched = data.slice(0, at + 64) + rawHex.replace(/^0x/, '').toLowerCase() + data.slice(at + 64 + bytes * 2)
  return { data: patched as Hex, args: withPlaceholder }
}

/** A decoded event as a handler receives it, for handler checks the ABI decoder cannot reach. */
export function decodedEvent<T>(contract: ContractName, name: string, args: Record<string, unknown>, block = 7, logIndex = 0): T {
  const meta: EventMeta = {
    id: eventId(block, logIndex), block, blockHash: hash('bb'), timestamp: harnessTime(block), txHash: hash('cc'), logIndex,
    address: HARNESS_ADDRESSES[contract], topics: [], data: '0x',
  }
  return { contract, name, args, meta } as T
}

// ----- preludes -----

/** Admits a reviewer as the contract does: ReviewerRegistered, then the genesis RepChanged. */
export function admitReviewer(h: Pick<Harness, 'emit'>, reviewer: Address, rep = 300n, domains: number[] = [1]): void {
  h.emit('ReputationStaking', 'ReviewerRegistered', { reviewer, domains, genesisRep: rep })
  if (rep > 0n) h.emit('ReputationStaking', 'RepChanged', { reviewer, reason: 0, delta: rep, balance: rep, ref: ZERO32 })
}

export interface ProposalOpts {
  domain?: number
  reviewType?: number
  discussion?: boolean
  reviewersWanted?: number
}

/** ProposalSubmitted and its PhaseChanged(Assignment), as submitProposal emits them. */
export function submitProposal(h: Pick<Harness, 'emit'>, proposalId: bigint, author: Address, o: ProposalOpts = {}): void {
  h.emit('ReviewHub', 'ProposalSubmitted', {
    proposalId, author, domain: o.domain ?? 1, reviewType: o.reviewType ?? 0, discussion: o.discussion ?? false,
    reviewersWanted: o.reviewersWanted ?? 3, contentHash: hash('ab'),
  })
  h.emit('ReviewHub', 'PhaseChanged', { proposalId, phase: 1, deadline: 0n })
}

/** StakeLocked then ReviewerAssigned, as assignReviewers emits them; returns the review id. */
export function assignReviewer(h: Pick<Harness, 'emit'>, proposalId: bigint, reviewer: Address, stake = 10n): Hex {
  const reviewId = reviewIdOf(proposalId, reviewer)
  h.emit('ReputationStaking', 'StakeLocked', { reviewer, reviewId, amount: stake })
  h.emit('ReviewHub', 'ReviewerAssigned', { proposalId, reviewId, reviewer, stake })
  return reviewId
}

export function commitReview(h: Pick<Harness, 'emit'>, proposalId: bigint, reviewer: Address): void {
  h.emit('ReviewHub', 'ReviewCommitted', { proposalId, reviewId: reviewIdOf(proposalId, reviewer), reviewer, commitment: hash('cd') })
}

/** ReviewRevealed, the on-time RepChanged and StakeUnlockScheduled, as revealReview emits them. */
export function revealReview(
  h: Pick<Harness, 'emit'>, proposalId: bigint, reviewer: Address,
  o: { score?: number; text?: string; citedWorks?: bigint[]; balance?: bigint; unlockAt?: bigint } = {},
): void {
  const reviewId = reviewIdOf(proposalId, reviewer)
  h.emit('ReviewHub', 'ReviewRevealed', { proposalId, reviewId, reviewer, score: o.score ?? 7, citedWorks: o.citedWorks ?? [], text: o.text ?? 'A careful review.' })
  h.emit('ReputationStaking', 'RepChanged', { reviewer, reason: 1, delta: 10n, balance: o.balance ?? 310n, ref: reviewId })
  h.emit('ReputationStaking', 'StakeUnlockScheduled', { reviewer, reviewId, unlockAt: o.unlockAt ?? 1_800_000_000n })
}

/** A reviewer with a revealed review of proposal 1 (by `author`): the usual start of review tests. */
export function revealedReview(h: Pick<Harness, 'emit'>, reviewer: Address, author: Address, proposalId = 1n): Hex {
  admitReviewer(h, reviewer)
  submitProposal(h, proposalId, author)
  const reviewId = assignReviewer(h, proposalId, reviewer)
  commitReview(h, proposalId, reviewer)
  revealReview(h, proposalId, reviewer)
  return reviewId
}

export function registerProvider(h: Pick<Harness, 'emit'>, provider: Address, stake = 2_000n, epoch = 0n): void {
  h.emit('ComputeStaking', 'ProviderRegistered', { provider, stake, epoch })
}

export function registerVerifier(h: Pick<Harness, 'emit'>, verifier: Address, stake = 800n, epoch = 0n): void {
  h.emit('ComputeStaking', 'VerifierRegistered', { verifier, stake, epoch })
}

/**
 * The scenario file is the ground truth: each planted behaviour it lists must be visible in the
 * events the chain emitted, where a detector will later look for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Address } from 'viem'
import { runScenario, smallScenario, type DecodedEvent, type ScenarioRun } from '../support/simulation'

const behaviours = [
  { kind: 'scoreClique', members: ['r0', 'r1', 'r2'], proposals: 5, strength: 1 },
  { kind: 'textTemplate', members: ['r3', 'r4'], editRate: 0, proposals: 2 },
  { kind: 'syncedCommits', members: ['r5', 'r6', 'r7'], jitterSeconds: 10, proposals: 3 },
  { kind: 'reciprocalRing', members: ['a0', 'a1', 'a2'], favourableScore: 9, rounds: 1 },
  { kind: 'citationCoercion', reviewer: 'r8', rate: 1 },
  { kind: 'flakyProvider', provider: 'p0', uptime: 0.2 },
  { kind: 'faultyProvider', provider: 'p1', faultRate: 1 },
  { kind: 'doubleSigner', provider: 'p2' },
]

describe('planted behaviours in the emitted events', () => {
  let run: ScenarioRun
  const addressOf = (id: string) => run.plan.participants.find((p) => p.id === id)!.address.toLowerCase()
  const events = (name: string, filter: (e: DecodedEvent) => boolean = () => true) => run.events.filter((e) => e.eventName === name && filter(e))
  const lower = (a: unknown) => String(a).toLowerCase()
  const truth = (kind: string) => run.plan.truth.find((t) => t.behaviour.kind === kind)!

  beforeAll(async () => {
    run = await runScenario(smallScenario({ proposals: { count: 20 }, epochs: 30, compute: { tasksPerEpoch: 3 }, behaviours }))
  }, 120_000)
  afterAll(() => run?.anvil.stop())

  it('a score clique reveals identical scores on every proposal it shares', () => {
    const members = ['r0', 'r1', 'r2'].map(addressOf)
    const proposals = truth('scoreClique').proposals
    expect(proposals.length).toBe(5)
    for (const id of proposals) {
      const scores = events('ReviewRevealed', (e) => e.args.proposalId === BigInt(id) && members.includes(lower(e.args.reviewer))).map((e) => e.args.score)
      expect(scores.length).toBeGreaterThanOrEqual(2)
      expect(new Set(scores).size).toBe(1)
    }
  })

  it('a text template with no edits reveals the same text from each member', () => {
    const texts = events('ReviewRevealed', (e) => ['r3', 'r4'].map(addressOf).includes(lower(e.args.reviewer))).map((e) => e.args.text)
    expect(texts.length).toBeGreaterThanOrEqual(4)
    expect(new Set(texts).size).toBe(1)
  })

  it('synced committers commit within their jitter on each shared proposal', () => {
    const members = ['r5', 'r6', 'r7'].map(addressOf)
    for (const id of truth('syncedCommits').proposals) {
      const times = events('ReviewCommitted', (e) => e.args.proposalId === BigInt(id) && members.includes(lower(e.args.reviewer))).map((e) => e.timestamp)
      expect(times.length).toBe(3)
      // Jitter plus one second per block, as each commit takes its own block.
      expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(10 + times.length)
    }
  })

  it('a review ring assigns each member to the next member\'s proposal, with favourable scores', () => {
    const ring = ['a0', 'a1', 'a2'].map(addressOf)
    const authorOf = new Map(events('ProposalSubmitted').map((e) => [e.args.proposalId as bigint, lower(e.args.author)]))
    const edges = events('ReviewRevealed', (e) => ring.includes(lower(e.args.reviewer)) && ring.includes(authorOf.get(e.args.proposalId as bigint)!))
    const pairs = new Set(edges.map((e) => `${ring.indexOf(lower(e.args.reviewer))}->${ring.indexOf(authorOf.get(e.args.proposalId as bigint)!)}`))
    // Honest assignment may add an edge of its own (a chance reciprocal pair); the ring's are all there.
    for (const edge of ['2->0', '0->1', '1->2']) expect(pairs).toContain(edge)
    const planted = new Set(truth('reciprocalRing').reviews)
    expect(planted.size).toBe(3)
    expect(edges.filter((e) => planted.has(e.args.reviewId as `0x${string}`)).map((e) => e.args.score)).toEqual([9, 9, 9])
  })

  it('a coercing reviewer cites their own registered works in every review', () => {
    const reviewer = addressOf('r8')
    const own = new Set(events('WorkRegistered', (e) => (e.args.authors as Address[]).map(lower).includes(reviewer)).map((e) => e.args.workId))
    expect(own.size).toBeGreaterThanOrEqual(2)
    const reviews = events('ReviewRevealed', (e) => lower(e.args.reviewer) === reviewer)
    expect(reviews.length).toBeGreaterThan(0)
    for (const r of reviews) expect((r.args.citedWorks as bigint[]).some((w) => own.has(w))).toBe(true)
  })

  it('a flaky provider posts few heartbeats and is jailed for liveness', () => {
    const flaky = addressOf('p0')
    const beats = (a: string) => events('Heartbeat', (e) => lower(e.args.provider) === a).length
    expect(beats(flaky)).toBeLessThan(beats(addressOf('p1')) / 2)
    expect(events('Jailed', (e) => lower(e.args.provider) === flaky).length).toBeGreaterThan(0)
  })

  it('a faulty provider is challenged and slashed for each faulty result', () => {
    const faulty = addressOf('p1')
    const resolved = events('ChallengeResolved', (e) => e.args.providerFaulty === true)
    const slashes = events('Slashed', (e) => lower(e.args.account) === faulty && e.args.reason === 0)
    expect(resolved.length).toBeGreaterThan(0)
    expect(slashes.length).toBe(resolved.length)
  })

  it('a double signer is tombstoned on evidence signed with its own key', () => {
    const tombstoned = events('Tombstoned').map((e) => lower(e.args.provider))
    expect(tombstoned).toEqual([addressOf('p2')])
  })
})

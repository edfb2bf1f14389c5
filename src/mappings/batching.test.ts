/**
 * The batch mapper itself (mappings/index.ts, events.ts, state.ts): what cannot be decoded, what a
 * batch sees, what it reports, how ids sort, and that batch boundaries never change the result
 * (the processor's batches vary in size with the chain's pace and the archive's pages).
 */
import { describe, expect, it } from 'vitest'
import { keccak256, toBytes, type Address } from 'viem'
import type { ContractName } from '../contracts/names'
import {
  CaseStatus, CollusionCase, EventCount, Proposal, QuarantinedEvent, RepChange, Review, ReviewStatus, Reviewer, Staker, StakerStatus, Task, TaskStatus,
} from '../model'
import {
  account, admitReviewer, assignReviewer, bytes32, commitReview, ENTITY_CLASSES, expectBatchIndependent, expectIndexed, FOREVER, hash, harnessTime,
  registerProvider, registerVerifier, revealReview, reviewIdOf, snapshot, submitProposal, ZERO32, type Harness,
} from './fixtures'
import { eventId, type RawLog } from './events'
import { createBatchMapper } from './index'
import { createHarness, HARNESS_ADDRESSES, MemoryStore } from './testing'

const alice = account('alice')
const bob = account('bob')
const carol = account('carol')
const dave = account('dave')
const author = account('author')
const rogue = account('rogue')
const council = [account('c1'), account('c2'), account('c3')]
const [p1, p2, v1, v2, client] = ['p1', 'p2', 'v1', 'v2', 'client'].map(account) as [Address, Address, Address, Address, Address]
const role = (name: string) => keccak256(toBytes(name))
const ether = 10n ** 18n

describe('logs that do not decode', () => {
  it('a log of an address that is no protocol contract is quarantined as such', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    await expectIndexed(h)
    const before = snapshot(h.store)
    const log = h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 1, delta: 10n, balance: 310n, ref: ZERO32 }, { address: rogue })
    expect(await h.flush()).toMatchObject({ events: 1, quarantined: 1 })
    expect(h.all(QuarantinedEvent)).toEqual([
      new QuarantinedEvent({
        id: eventId(log.block.height, 0), block: log.block.height, blockHash: log.block.hash, timestamp: new Date(log.block.timestamp), txHash: log.transactionHash,
        logIndex: 0, address: rogue, topic0: log.topics[0], eventName: null, topics: log.topics, data: log.data, reason: `log of ${rogue}, not a protocol contract`,
      }),
    ])
    expect(h.get(EventCount, 'unknown.unknown')).toMatchObject({ contract: 'unknown', event: 'unknown', indexed: 0, quarantined: 1 })
    expect(snapshot(h.store)).toEqual(before)
    expect(h.get(Reviewer, alice)?.reputation).toBe(300n)
  })

  it('an address is matched whatever its case', async () => {
    const h = createHarness()
    h.emit('ReputationStaking', 'ReviewerRegistered', { reviewer: alice, domains: [1], genesisRep: 0n }, { address: HARNESS_ADDRESSES.ReputationStaking.toUpperCase().replace('0X', '0x') })
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)).toBeDefined()
  })

  it('an event a protocol contract does not declare is quarantined with its selector', async () => {
    const h = createHarness()
    // ZooToken's Transfer, as if ReviewHub had emitted it.
    const log = h.emit('ZooToken', 'Transfer', { from: alice, to: bob, value: 1n }, { address: HARNESS_ADDRESSES.ReviewHub })
    expect(await h.flush()).toMatchObject({ quarantined: 1 })
    expect(h.all(QuarantinedEvent).map((q) => [q.reason, q.eventName, q.address, q.topic0])).toEqual([
      [`unknown event selector ${log.topics[0]} for ReviewHub`, null, HARNESS_ADDRESSES.ReviewHub, log.topics[0]],
    ])
    expect(h.get(EventCount, 'ReviewHub.unknown')).toMatchObject({ contract: 'ReviewHub', event: 'unknown', quarantined: 1 })
    expect(snapshot(h.store)).toEqual(snapshot(new MemoryStore()))
  })

  it('a log without topics is quarantined', async () => {
    const store = new MemoryStore()
    const mapBatch = createBatchMapper(new Map([[HARNESS_ADDRESSES.ZooToken, 'ZooToken' as ContractName]]))
    const log: RawLog = { address: HARNESS_ADDRESSES.ZooToken, topics: [], data: '0x', logIndex: 3, transactionHash: hash('77'), block: { height: 12, hash: hash('bb'), timestamp: 1_767_225_744_000 } }
    expect(await mapBatch([log], store)).toMatchObject({ events: 1, quarantined: 1, upserted: 1, inserted: 1 })
    expect(store.all(QuarantinedEvent)).toEqual([
      new QuarantinedEvent({
        id: '0000000012-000003', block: 12, blockHash: hash('bb'), timestamp: new Date(1_767_225_744_000), txHash: hash('77'), logIndex: 3,
        address: HARNESS_ADDRESSES.ZooToken, topic0: null, eventName: null, topics: [], data: '0x', reason: 'unknown event selector (no topics) for ZooToken',
      }),
    ])
    expect(store.get(EventCount, 'ZooToken.unknown')).toMatchObject({ quarantined: 1 })
  })

  it('data that does not decode as the event is quarantined as undecodable, under the event\'s name', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    await expectIndexed(h)
    const before = snapshot(h.store)
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 1, delta: 10n, balance: 310n, ref: ZERO32 }, { data: '0x1234' })
    // A string whose length runs past the data.
    const word = (n: number) => n.toString(16).padStart(64, '0')
    h.emit('ReviewHub', 'DiscussionPosted', { proposalId: 1n, reviewId: ZERO32, fromAuthor: true, text: 'x' }, { data: `0x${word(1)}${word(64)}${word(1_000)}${'61'.padEnd(64, '0')}` })
    expect(await h.flush()).toMatchObject({ events: 2, quarantined: 2 })
    const q = h.all(QuarantinedEvent)
    expect(q.map((x) => x.eventName)).toEqual(['RepChanged', 'DiscussionPosted'])
    expect(q[0]!.reason).toMatch(/^undecodable RepChanged: /)
    expect(q[1]!.reason).toMatch(/^undecodable DiscussionPosted: /)
    expect(q[0]!.data).toBe('0x1234')
    expect(h.get(EventCount, 'ReputationStaking.RepChanged')).toMatchObject({ indexed: 1, quarantined: 1 })
    expect(h.get(EventCount, 'ReviewHub.DiscussionPosted')).toMatchObject({ indexed: 0, quarantined: 1 })
    expect(snapshot(h.store)).toEqual(before)
  })

  it('a bad log does not stop the rest of its batch', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 1, delta: 10n, balance: 310n, ref: ZERO32 }, { data: '0x1234' })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 1, delta: 10n, balance: 310n, ref: ZERO32 }, { address: rogue })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 99, delta: 10n, balance: 310n, ref: ZERO32 })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 1, delta: 10n, balance: 310n, ref: ZERO32 })
    expect(await h.flush()).toMatchObject({ events: 6, quarantined: 3 })
    expect(h.get(Reviewer, alice)?.reputation).toBe(310n)
    expect(h.all(RepChange)).toHaveLength(2)
  })
})

describe('within a batch', () => {
  it('later events see what earlier ones created and changed', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    submitProposal(h, 1n, author)
    const rA = assignReviewer(h, 1n, alice)
    commitReview(h, 1n, alice)
    revealReview(h, 1n, alice)
    h.emit('ReputationStaking', 'StakeReleased', { reviewer: alice, reviewId: rA, amount: 10n })
    // Rejections see the batch too: the second registration, lock and release.
    h.emit('ReputationStaking', 'ReviewerRegistered', { reviewer: alice, domains: [1], genesisRep: 0n })
    h.emit('ReputationStaking', 'StakeLocked', { reviewer: alice, reviewId: rA, amount: 10n })
    h.emit('ReputationStaking', 'StakeReleased', { reviewer: alice, reviewId: rA, amount: 10n })
    expect(await h.flush()).toMatchObject({ quarantined: 3 })
    expect(h.all(QuarantinedEvent).map((q) => q.reason)).toEqual([
      `reviewer ${alice} is already registered`, `stake ${rA} already locked`, `stake ${rA} already released`,
    ])
    expect(h.get(Reviewer, alice)).toMatchObject({ reputation: 310n, locked: 0n, assignments: 1, reviewsRevealed: 1 })
    expect(h.get(Review, rA)).toMatchObject({ status: ReviewStatus.REVEALED, stakeReleased: true, unlockAt: new Date(1_800_000_000_000) })
  })

  it('reports what it did: events, quarantined, rows upserted and inserted', async () => {
    const h = createHarness()
    expect(await h.flush()).toMatchObject({ events: 0, quarantined: 0, upserted: 0, inserted: 0 })
    admitReviewer(h, alice)
    h.emit('ReputationStaking', 'RepChanged', { reviewer: bob, reason: 1, delta: 10n, balance: 10n, ref: ZERO32 })
    // Reviewer alice; counts of ReviewerRegistered and RepChanged (upserts); RepChange and the quarantine row (inserts).
    const result = await h.flush()
    expect(result).toMatchObject({ events: 3, quarantined: 1, upserted: 3, inserted: 2 })
    expect(Object.keys(result.ms)).toEqual(['decode', 'load', 'map', 'write'])
    for (const ms of Object.values(result.ms)) expect(ms).toBeGreaterThanOrEqual(0)
  })

  it('event counts add up across batches: indexed + quarantined = logs', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    await h.flush()
    for (let i = 0; i < 3; i++) {
      h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 1, delta: 1n, balance: 301n + BigInt(i), ref: ZERO32 })
      h.emit('ReputationStaking', 'RepChanged', { reviewer: bob, reason: 1, delta: 1n, balance: 1n, ref: ZERO32 })
      await h.flush()
    }
    expect(h.get(EventCount, 'ReputationStaking.RepChanged')).toEqual(new EventCount({ id: 'ReputationStaking.RepChanged', contract: 'ReputationStaking', event: 'RepChanged', indexed: 4, quarantined: 3 }))
    expect(h.get(EventCount, 'ReputationStaking.ReviewerRegistered')).toMatchObject({ indexed: 1, quarantined: 0 })
  })
})

describe('ids', () => {
  it('are zero-padded block and log index, so that they sort in chain order', () => {
    expect(eventId(9, 10)).toBe('0000000009-000010')
    const inChainOrder = [[9, 0], [9, 9], [9, 10], [9, 100], [10, 0], [10, 2], [99, 999_999], [100, 0], [1_234_567_890, 5]].map(([b, l]) => eventId(b!, l!))
    expect([...inChainOrder].sort()).toEqual(inChainOrder)
  })

  it('records read back in chain order across blocks and log indexes', async () => {
    const h = createHarness()
    admitReviewer(h, alice, 0n)
    let balance = 0n
    const emitted: string[] = []
    const change = () => {
      balance += 1n
      const log = h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 1, delta: 1n, balance, ref: ZERO32 })
      emitted.push(eventId(log.block.height, log.logIndex))
    }
    // Blocks 1 to 12 (crossing 9 -> 10), with 12 logs in one block (log index 9 -> 10).
    for (let block = 1; block <= 12; block++) {
      for (let i = 0; i < (block === 10 ? 12 : 1); i++) change()
      h.nextBlock()
    }
    await expectIndexed(h)
    const rows = h.all(RepChange)
    expect(rows.map((r) => r.id)).toEqual(emitted)
    expect(rows.map((r) => r.balance)).toEqual(emitted.map((_, i) => BigInt(i + 1)))
    expect(h.get(Reviewer, alice)?.reputation).toBe(balance)
  })
})

// ----- batch boundaries -----

/** A season of the protocol, in the contracts' emission order, with some events the mappings reject. */
function season(h: Pick<Harness, 'emit' | 'nextBlock'>): void {
  // Deployment and funding.
  for (const contract of ['ReputationStaking', 'ReviewHub', 'ComputeStaking'] as const) h.emit(contract, 'RoleGranted', { role: role('GOVERNANCE'), account: author })
  h.emit('ReputationStaking', 'RoleGranted', { role: role('MODULE'), account: HARNESS_ADDRESSES.ReviewHub })
  h.emit('ZooToken', 'Transfer', { from: `0x${'0'.repeat(40)}`, to: HARNESS_ADDRESSES.ReviewPayment, value: 1_000n * ether })
  for (const r of [alice, bob, carol, dave]) admitReviewer(h, r, 300n, [1, 2])
  h.emit('WorkRegistry', 'WorkRegistered', { workId: 1n, registrant: alice, authors: [alice, author], contentHash: hash('01'), title: 'Prior work' })
  h.nextBlock()

  // Proposal 1 with discussion: alice and bob reveal, carol misses the commit deadline.
  submitProposal(h, 1n, author, { discussion: true })
  submitProposal(h, 2n, dave)
  const [rA, rB, rC] = [alice, bob, carol].map((r) => assignReviewer(h, 1n, r)) as [string, string, string]
  h.emit('ReviewHub', 'PhaseChanged', { proposalId: 1n, phase: 2, deadline: 1_790_000_000n })
  h.nextBlock()
  commitReview(h, 1n, alice)
  commitReview(h, 1n, bob)
  commitReview(h, 1n, bob) // rejected: committed already
  h.nextBlock()
  h.emit('ReviewHub', 'DeadlineMissed', { proposalId: 1n, reviewId: rC, reviewer: carol, phase: 2 })
  h.emit('ReputationStaking', 'RepChanged', { reviewer: carol, reason: 5, delta: -15n, balance: 285n, ref: rC })
  h.emit('ReputationStaking', 'StakeReleased', { reviewer: carol, reviewId: rC, amount: 10n })
  h.emit('ReviewHub', 'DeadlineMissed', { proposalId: 1n, reviewId: rA, reviewer: dave, phase: 2 }) // rejected: not dave's
  h.emit('ReviewHub', 'PhaseChanged', { proposalId: 1n, phase: 3, deadline: 1_790_300_000n })
  revealReview(h, 1n, alice, { score: 8, citedWorks: [1n] })
  revealReview(h, 1n, bob, { score: 3, text: 'Weak.' })
  h.emit('ReviewHub', 'ReviewRevealed', { proposalId: 1n, reviewId: rC, reviewer: carol, score: 5, citedWorks: [], text: 'late' }) // rejected: missed
  h.nextBlock()
  h.emit('ReviewHub', 'PhaseChanged', { proposalId: 1n, phase: 4, deadline: 1_790_900_000n })
  h.emit('ReviewHub', 'DiscussionPosted', { proposalId: 1n, reviewId: rB, fromAuthor: false, text: 'I stand by it.' })
  h.emit('ReviewHub', 'DiscussionPosted', { proposalId: 1n, reviewId: ZERO32, fromAuthor: true, text: 'Rebuttal.' })
  h.emit('ReviewHub', 'PhaseChanged', { proposalId: 1n, phase: 5, deadline: 0n })
  h.emit('ReviewHub', 'PhaseChanged', { proposalId: 1n, phase: 6, deadline: 0n })
  h.emit('ReviewHub', 'ProposalDecided', { proposalId: 1n, outcome: 1, rationale: 'Funded.' })
  h.emit('ReviewHub', 'ProposalDecided', { proposalId: 3n, outcome: 1, rationale: 'No such proposal.' }) // rejected
  h.nextBlock()
  h.emit('ReviewHub', 'ReviewAcknowledged', { proposalId: 1n, reviewId: rA })
  h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 3, delta: 3n, balance: 313n, ref: rA })
  h.emit('ReviewHub', 'IdentityRevealed', { proposalId: 1n, reviewId: rA, reviewer: alice, did: 'did:web:alice.example' })
  h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 10, delta: 5n, balance: 318n, ref: rA })
  h.emit('ReviewHub', 'AppealFiled', { appealId: 1n, proposalId: 1n, reviewId: rB, appellant: author, grounds: 'Unfair.' })
  h.emit('ReviewHub', 'AppealResolved', { appealId: 1n, reviewId: rB, upheld: true, rationale: 'Upheld.' })
  h.emit('ReputationStaking', 'RepChanged', { reviewer: bob, reason: 4, delta: -20n, balance: 290n, ref: rB })
  h.nextBlock()

  // Meta-reviews of alice's review (dave sits on the panel as a Tier 3 reviewer), payments, releases.
  const panel = [council[0]!, council[1]!, dave]
  panel.forEach((m, i) => {
    h.emit('QualityScoring', 'MetaReviewSubmitted', { reviewId: rA, metaReviewer: m, dimensions: [8, 9, 8 + (i % 2), 7, 8] })
    h.emit('ReviewPayment', 'PaymentMade', { recipient: m, reviewId: rA, kind: 1, amount: 3n * ether })
  })
  h.emit('QualityScoring', 'MetaReviewSubmitted', { reviewId: rA, metaReviewer: dave, dimensions: [1, 1, 1, 1, 1] }) // rejected: scored already
  h.emit('QualityScoring', 'QualityScored', { reviewId: rA, proposalId: 1n, reviewer: alice, medians: [8, 9, 8, 7, 8], overall: 8 })
  h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 2, delta: 5n, balance: 323n, ref: rA })
  h.emit('QualityScoring', 'QualityScored', { reviewId: rB, proposalId: 1n, reviewer: carol, medians: [2, 2, 2, 2, 2], overall: 2 }) // rejected: not carol's
  h.nextBlock()
  h.emit('ReviewPayment', 'PaymentMade', { recipient: alice, reviewId: rA, kind: 0, amount: 65n * ether / 10n })
  h.emit('ReputationStaking', 'StakeReleased', { reviewer: alice, reviewId: rA, amount: 10n })
  h.emit('ReputationStaking', 'StakeReleased', { reviewer: alice, reviewId: rA, amount: 10n }) // rejected: released already

  // A confirmed case against bob and carol, a dismissed one, a conflict of interest.
  h.emit('CollusionRegistry', 'CollusionFlagRaised', { caseId: 1n, signal: 0, raisedBy: council[2], subjects: [bob, carol], evidenceHash: hash('e1'), summary: 'Clustered.' })
  h.emit('CollusionRegistry', 'CollusionFlagRaised', { caseId: 2n, signal: 2, raisedBy: council[2], subjects: [alice, dave], evidenceHash: hash('e2'), summary: 'Timing.' })
  h.nextBlock()
  h.emit('CollusionRegistry', 'CaseConfirmed', { caseId: 1n, subjects: [bob, carol], annulledReviews: [rB], finding: 'Confirmed.' })
  h.emit('ReputationStaking', 'RepChanged', { reviewer: bob, reason: 6, delta: -100n, balance: 190n, ref: bytes32(1) })
  h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: bob, reason: 6, until: 1_810_000_000n, permanent: false, ref: bytes32(1) })
  h.emit('ReputationStaking', 'RepChanged', { reviewer: carol, reason: 6, delta: -100n, balance: 185n, ref: bytes32(1) })
  h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: carol, reason: 6, until: 1_810_000_000n, permanent: false, ref: bytes32(1) })
  h.emit('ReviewHub', 'ReviewAnnulled', { proposalId: 1n, reviewId: rB, caseRef: bytes32(1) })
  h.emit('CollusionRegistry', 'CaseDismissed', { caseId: 2n, reason: 'Coincidence.' })
  h.emit('CollusionRegistry', 'ConflictOfInterestRecorded', { reviewer: dave, proposalId: 2n, finding: 'Author of proposal 2.' })
  h.emit('ReputationStaking', 'RepChanged', { reviewer: dave, reason: 7, delta: -50n, balance: 250n, ref: bytes32(2) })
  h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: dave, reason: 7, until: 1_800_000_000n, permanent: false, ref: bytes32(2) })
  h.nextBlock()
  // bob again, in a later case: banned for good.
  h.emit('ReputationStaking', 'RepChanged', { reviewer: bob, reason: 6, delta: -100n, balance: 90n, ref: bytes32(3) })
  h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: bob, reason: 6, until: FOREVER, permanent: true, ref: bytes32(3) })
  h.emit('ReputationStaking', 'RepChanged', { reviewer: carol, reason: 9, delta: -5n, balance: 180n, ref: bytes32(1) })

  // Compute: two providers, two verifiers, four tasks.
  registerProvider(h, p1, 2_000n, 1n)
  h.emit('ComputeStaking', 'ResourceTokenized', { tokenId: 1n, provider: p1, gpuType: 'H100', gpuCount: 8, vcpus: 96, ramGb: 768 })
  registerProvider(h, p2, 1_500n, 1n)
  h.emit('ComputeStaking', 'ResourceTokenized', { tokenId: 2n, provider: p2, gpuType: 'A100', gpuCount: 4, vcpus: 3_000_000_000, ramGb: 512 }) // rejected: vcpus
  registerVerifier(h, v1, 800n, 1n)
  registerVerifier(h, v2, 600n, 1n)
  h.nextBlock()
  for (const p of [p1, p2]) {
    h.emit('ComputeStaking', 'Heartbeat', { provider: p, epoch: 2n })
    h.emit('ComputeStaking', 'RewardPaid', { recipient: p, kind: 4, amount: 1n, ref: bytes32(2) })
  }
  h.emit('ComputeStaking', 'Heartbeat', { provider: p1, epoch: 2n }) // rejected: second in the epoch
  h.emit('ComputeStaking', 'StakeAdded', { account: v1, amount: 200n, bonded: 1_000n })
  for (const taskId of [1n, 2n, 3n, 4n]) h.emit('TaskMarket', 'TaskSubmitted', { taskId, client, bid: 1_000n, specHash: hash('5e') })
  h.emit('TaskMarket', 'TaskAssigned', { taskId: 1n, provider: p1, deadline: 1_790_000_000n })
  h.emit('TaskMarket', 'TaskAssigned', { taskId: 2n, provider: p2, deadline: 1_790_000_000n })
  h.emit('TaskMarket', 'TaskAssigned', { taskId: 3n, provider: p1, deadline: 1_790_000_000n })
  h.emit('TaskMarket', 'TaskAssigned', { taskId: 4n, provider: v1, deadline: 1_790_000_000n }) // rejected: not a provider
  h.emit('TaskMarket', 'TaskCancelled', { taskId: 4n })
  h.nextBlock()
  h.emit('TaskMarket', 'ResultSubmitted', { taskId: 1n, provider: p1, resultHash: hash('41'), challengeDeadline: 1_790_100_000n })
  h.emit('TaskMarket', 'ResultSubmitted', { taskId: 2n, provider: p2, resultHash: hash('42'), challengeDeadline: 1_790_100_000n })
  h.emit('TaskMarket', 'Attested', { taskId: 1n, verifier: v1, weight: 1_000n })
  h.emit('TaskMarket', 'Attested', { taskId: 1n, verifier: v2, weight: 600n })
  h.emit('TaskMarket', 'Attested', { taskId: 2n, verifier: v2, weight: 600n })
  h.emit('TaskMarket', 'Challenged', { taskId: 2n, verifier: v1, claimedResultHash: hash('43') })
  h.nextBlock()
  h.emit('TaskMarket', 'ChallengeResolved', { taskId: 2n, challenger: v1, providerFaulty: true })
  h.emit('ComputeStaking', 'Slashed', { account: p2, reason: 0, amount: 150n, bonded: 1_350n, unbonding: 0n, ref: bytes32(2) })
  h.emit('ComputeStaking', 'RewardPaid', { recipient: v1, kind: 2, amount: 75n, ref: bytes32(2) })
  h.emit('ComputeStaking', 'Slashed', { account: v2, reason: 3, amount: 12n, bonded: 588n, unbonding: 0n, ref: bytes32(2) })
  for (const [v, fee] of [[v1, 62n], [v2, 37n]] as const) h.emit('TaskMarket', 'RewardPaid', { recipient: v, kind: 1, amount: fee, ref: bytes32(1) })
  h.emit('TaskMarket', 'RewardPaid', { recipient: p1, kind: 0, amount: 901n, ref: bytes32(1) })
  h.emit('TaskMarket', 'TaskFinalized', { taskId: 1n, provider: p1, providerPayout: 901n, verifierFees: 99n })
  h.emit('TaskMarket', 'TaskMissed', { taskId: 3n, provider: p1 })
  h.emit('ComputeStaking', 'Slashed', { account: p1, reason: 1, amount: 20n, bonded: 1_980n, unbonding: 0n, ref: bytes32(3) })
  h.emit('ComputeStaking', 'Jailed', { provider: p1, reason: 1, until: 1_790_500_000n })
  h.nextBlock()
  h.emit('ComputeStaking', 'Unjailed', { provider: p1 })
  h.emit('ComputeStaking', 'UnbondingStarted', { account: v2, amount: 88n, bonded: 500n, unbonding: 88n, releaseAt: 1_791_000_000n })
  h.emit('ComputeStaking', 'UnbondedWithdrawn', { account: v2, amount: 88n })
  h.emit('ComputeStaking', 'Slashed', { account: p2, reason: 2, amount: 67n, bonded: 1_283n, unbonding: 0n, ref: hash('7a') })
  h.emit('ComputeStaking', 'RewardPaid', { recipient: client, kind: 3, amount: 33n, ref: hash('7a') })
  h.emit('ComputeStaking', 'Tombstoned', { provider: p2, ref: hash('7a') })
  h.emit('ComputeStaking', 'Jailed', { provider: p2, reason: 2, until: FOREVER })

  // Logs the decoder cannot use.
  h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 1, delta: 1n, balance: 1n, ref: ZERO32 }, { address: rogue })
  h.emit('ZooToken', 'Transfer', { from: alice, to: bob, value: 1n }, { address: HARNESS_ADDRESSES.TaskMarket })
  h.emit('ReviewHub', 'ProposalSubmitted', { proposalId: 9n, author, domain: 1, reviewType: 0, discussion: false, reviewersWanted: 3, contentHash: hash('ab') }, { data: '0x1234' })
  // And a proposal that follows them.
  submitProposal(h, 4n, alice)
}

describe('batch boundaries', () => {
  it('a season of the protocol gives the same store in one batch, one event per batch, or any split', async () => {
    const { store, logs } = await expectBatchIndependent(season)
    const rA = reviewIdOf(1n, alice)
    const rB = reviewIdOf(1n, bob)
    // The season did what it says: exactly the planned rejections, and the derived values.
    expect(store.all(QuarantinedEvent).map((q) => `${q.eventName}: ${q.reason}`)).toEqual([
      `ReviewCommitted: review ${rB} is COMMITTED, cannot commit`,
      `DeadlineMissed: review ${rA} belongs to ${alice}, not ${dave}`,
      `ReviewRevealed: review ${reviewIdOf(1n, carol)} is MISSED, cannot reveal`,
      'ProposalDecided: unknown proposal 3',
      `MetaReviewSubmitted: ${dave} already scored review ${rA}`,
      `QualityScored: review ${rB} belongs to ${bob}, not ${carol}`,
      `StakeReleased: stake ${rA} already released`,
      'ResourceTokenized: vcpus 3000000000 out of range',
      `Heartbeat: second heartbeat of ${p1} in epoch 2`,
      `TaskAssigned: task assigned to ${v1}, not a registered provider`,
      `null: log of ${rogue}, not a protocol contract`,
      expect.stringMatching(/^null: unknown event selector 0x[0-9a-f]{64} for TaskMarket$/),
      expect.stringMatching(/^ProposalSubmitted: undecodable ProposalSubmitted: /),
    ])
    const reviewer = (id: string) => store.get(Reviewer, id)!
    expect([alice, bob, carol, dave].map((r) => [reviewer(r).reputation, reviewer(r).locked, reviewer(r).confirmedOffences, reviewer(r).permanentlyBanned])).toEqual([
      [323n, 0n, 0, false],
      [90n, 10n, 2, true],
      [180n, 0n, 1, false],
      [250n, 0n, 0, false],
    ])
    expect(reviewer(alice)).toMatchObject({ earnings: 65n * ether / 10n, qualityScoreSum: 8, qualityScoreCount: 1, reviewsRevealed: 1 })
    expect(reviewer(dave).earnings).toBe(3n * ether)
    expect(reviewer(carol)).toMatchObject({ deadlinesMissed: 1, bannedUntil: new Date(1_810_000_000_000) })
    expect(store.get(Proposal, '1')).toMatchObject({ assigned: 3, committed: 2, revealed: 2, outcome: 'FUNDED', phase: 'DECIDED' })
    expect(store.get(Review, rB)).toMatchObject({ status: ReviewStatus.ANNULLED, annulledByCase: '1' })
    expect(store.get(Staker, p1)).toMatchObject({ status: StakerStatus.ACTIVE, bonded: 1_980n, tasksAssigned: 2, tasksFinalized: 1, tasksMissed: 1, rewardsTotal: 902n, heartbeats: 1 })
    expect(store.get(Staker, p2)).toMatchObject({ status: StakerStatus.TOMBSTONED, bonded: 1_283n, tasksFaulty: 1, slashedTotal: 217n })
    expect(store.get(Staker, v2)).toMatchObject({ bonded: 500n, unbonding: 0n, withdrawnTotal: 88n, attestations: 2 })
    expect(store.all(Task).map((t) => t.status)).toEqual([TaskStatus.FINALIZED, TaskStatus.FAULTY, TaskStatus.MISSED, TaskStatus.CANCELLED])
    // Every log is accounted for, and the season touched every entity class of the model.
    expect(store.all(EventCount).reduce((n, c) => n + c.indexed + c.quarantined, 0)).toBe(logs.length)
    expect(ENTITY_CLASSES).toHaveLength(30)
    expect(ENTITY_CLASSES.filter((cls) => store.all(cls).length === 0).map((cls) => cls.name)).toEqual([])
  })

  it('the case status survives a split between raising and deciding', async () => {
    const { store } = await expectBatchIndependent((h) => {
      h.emit('CollusionRegistry', 'CollusionFlagRaised', { caseId: 1n, signal: 0, raisedBy: council[0], subjects: [bob], evidenceHash: hash('e1'), summary: 's' })
      h.emit('CollusionRegistry', 'CaseDismissed', { caseId: 1n, reason: 'r' })
      h.emit('CollusionRegistry', 'CaseDismissed', { caseId: 2n, reason: 'r' })
    })
    expect(store.all(QuarantinedEvent).map((q) => q.reason)).toEqual(['unknown case 2'])
    expect(store.get(CollusionCase, '1')?.status).toBe(CaseStatus.DISMISSED)
  })

  it('the store a batch reads is not changed by reading it (a failed batch leaves it as it was)', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    await expectIndexed(h)
    const before = snapshot(h.store, { bookkeeping: true })
    const loaded = await h.store.load(Reviewer, [alice])
    loaded[0]!.reputation = 1n
    expect(snapshot(h.store, { bookkeeping: true })).toEqual(before)
    expect(h.get(Reviewer, alice)?.registeredAt).toEqual(harnessTime(1))
  })
})

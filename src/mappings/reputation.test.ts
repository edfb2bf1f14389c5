/** ReputationStaking: reviewer registry, REP ledger, stakes and bans (mappings/reputation.ts). */
import { describe, expect, it } from 'vitest'
import { getAddress } from 'viem'
import { EventCount, RepChange, RepReason, Review, Reviewer, ReviewerBan, StakeLock } from '../model'
import {
  account, admitReviewer, assignReviewer, bytes32, commitReview, decodedEvent, expectIndexed, expectRejected, FOREVER, harnessTime,
  revealReview, submitProposal, ZERO32,
} from './fixtures'
import { reputation, REP_REASONS } from './reputation'
import { BatchState } from './state'
import { createHarness } from './testing'

const alice = account('alice')
const bob = account('bob')
const author = account('author')
const review1 = bytes32(0xa1)

describe('ReviewerRegistered', () => {
  it('creates the reviewer with zero balances and its domains', async () => {
    const h = createHarness()
    h.emit('ReputationStaking', 'ReviewerRegistered', { reviewer: getAddress(alice), domains: [3, 0, 15], genesisRep: 300n })
    await expectIndexed(h)
    expect(h.all(Reviewer)).toEqual([
      new Reviewer({
        id: alice, domains: [3, 0, 15], registeredAt: harnessTime(1), registeredBlock: 1, reputation: 0n, locked: 0n, bannedUntil: null,
        permanentlyBanned: false, confirmedOffences: 0, assignments: 0, reviewsRevealed: 0, deadlinesMissed: 0, qualityScoreSum: 0,
        qualityScoreCount: 0, earnings: 0n, lastActivityAt: null,
      }),
    ])
    expect(h.get(EventCount, 'ReputationStaking.ReviewerRegistered')).toMatchObject({ contract: 'ReputationStaking', event: 'ReviewerRegistered', indexed: 1, quarantined: 0 })
  })

  it('rejects a second registration of the same address, in a later batch or the same one', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    await expectIndexed(h)
    await expectRejected(h, 'ReputationStaking', 'ReviewerRegistered', { reviewer: alice, domains: [2], genesisRep: 5n }, `reviewer ${alice} is already registered`)
    expect(h.get(Reviewer, alice)).toMatchObject({ domains: [1], reputation: 300n })

    const h2 = createHarness()
    h2.emit('ReputationStaking', 'ReviewerRegistered', { reviewer: bob, domains: [1], genesisRep: 0n })
    h2.emit('ReputationStaking', 'ReviewerRegistered', { reviewer: bob, domains: [9], genesisRep: 0n })
    expect((await h2.flush()).quarantined).toBe(1)
    expect(h2.get(Reviewer, bob)?.domains).toEqual([1])
  })

  it('rejects a domain beyond uint8 (a check the decoder, which reads a uint8\'s low byte, never lets through)', () => {
    const s = new BatchState()
    const e = decodedEvent<any>('ReputationStaking', 'ReviewerRegistered', { reviewer: alice, domains: [1, 256], genesisRep: 0n })
    expect(reputation.handle.ReviewerRegistered!(e, s)).toBe('domain out of range')
    expect(s.find(Reviewer, alice)).toBeUndefined()
  })
})

describe('DomainsUpdated', () => {
  it('replaces the domains', async () => {
    const h = createHarness()
    admitReviewer(h, alice, 300n, [1, 2])
    h.emit('ReputationStaking', 'DomainsUpdated', { reviewer: alice, domains: [7] })
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)).toMatchObject({ domains: [7], reputation: 300n })
  })

  it('rejects an unknown reviewer', async () => {
    const h = createHarness()
    await expectRejected(h, 'ReputationStaking', 'DomainsUpdated', { reviewer: alice, domains: [7] }, `unknown reviewer ${alice}`)
  })
})

describe('RepChanged', () => {
  it('sets the reputation to the contract\'s balance and appends one ledger row per change', async () => {
    const h = createHarness()
    admitReviewer(h, alice, 300n)
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 5, delta: -15n, balance: 285n, ref: review1 }, { newBlock: true })
    await expectIndexed(h)
    // The balance is authoritative even when it disagrees with the running sum of deltas (a
    // penalty larger than the balance takes what there is).
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 6, delta: -100n, balance: 185n, ref: bytes32(1) })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 9, delta: -5n, balance: 170n, ref: bytes32(2) })
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)?.reputation).toBe(170n)
    expect(h.all(RepChange)).toEqual([
      new RepChange({ id: '0000000001-000001', reviewer: alice, reason: RepReason.GENESIS, delta: 300n, balance: 300n, ref: ZERO32, timestamp: harnessTime(1), block: 1, txHash: `0x${(1).toString(16).padStart(64, '0')}` }),
      new RepChange({ id: '0000000002-000000', reviewer: alice, reason: RepReason.MISSED_DEADLINE, delta: -15n, balance: 285n, ref: review1, timestamp: harnessTime(2), block: 2, txHash: `0x${(2).toString(16).padStart(64, '0')}` }),
      new RepChange({ id: '0000000003-000000', reviewer: alice, reason: RepReason.COLLUSION, delta: -100n, balance: 185n, ref: bytes32(1), timestamp: harnessTime(3), block: 3, txHash: `0x${(3).toString(16).padStart(64, '0')}` }),
      new RepChange({ id: '0000000003-000001', reviewer: alice, reason: RepReason.DECAY, delta: -5n, balance: 170n, ref: bytes32(2), timestamp: harnessTime(3), block: 3, txHash: `0x${(3).toString(16).padStart(64, '0')}` }),
    ])
  })

  it('maps every reason of ReputationStaking.Reason by ordinal', async () => {
    const h = createHarness()
    admitReviewer(h, alice, 0n)
    REP_REASONS.forEach((_, i) => h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: i, delta: 1n, balance: BigInt(i + 1), ref: ZERO32 }))
    await expectIndexed(h)
    expect(h.all(RepChange).map((r) => r.reason)).toEqual([
      'GENESIS', 'REVIEW_ON_TIME', 'QUALITY_BONUS', 'CITED_IN_REVISION', 'APPEAL_LOST', 'MISSED_DEADLINE', 'COLLUSION',
      'CONFLICT_OF_INTEREST', 'LOW_QUALITY', 'DECAY', 'IDENTITY_REVEAL',
    ])
    expect(h.get(Reviewer, alice)?.reputation).toBe(11n)
  })

  it('records the last on-time review as activity, and only that reason', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)?.lastActivityAt).toBeNull()
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 1, delta: 10n, balance: 310n, ref: review1 })
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)?.lastActivityAt).toEqual(harnessTime(2))
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 2, delta: 5n, balance: 315n, ref: review1 })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 3, delta: 3n, balance: 318n, ref: review1 })
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)?.lastActivityAt).toEqual(harnessTime(2))
  })

  it('rejects a reason beyond the enum', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    await expectIndexed(h)
    await expectRejected(h, 'ReputationStaking', 'RepChanged', { reviewer: alice, reason: 11, delta: 1n, balance: 301n, ref: ZERO32 }, 'REP reason 11 out of range')
  })

  it('rejects a change of an unregistered account', async () => {
    const h = createHarness()
    await expectRejected(h, 'ReputationStaking', 'RepChanged', { reviewer: bob, reason: 0, delta: 10n, balance: 10n, ref: ZERO32 }, `unknown reviewer ${bob}`)
    expect(h.all(RepChange)).toEqual([])
  })

  it('rejects a negative balance (uint256 on chain: a defensive check the decoder never reaches)', () => {
    const s = new BatchState()
    const e = decodedEvent<any>('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 4, delta: -20n, balance: -1n, ref: ZERO32 })
    s.seed(Reviewer, [new Reviewer({ id: alice, reputation: 5n })])
    expect(reputation.handle.RepChanged!(e, s)).toBe('negative REP balance')
    expect(s.find(Reviewer, alice)?.reputation).toBe(5n)
  })
})

describe('stakes', () => {
  it('StakeLocked adds to locked and creates the lock', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    h.emit('ReputationStaking', 'StakeLocked', { reviewer: alice, reviewId: review1, amount: 10n })
    h.emit('ReputationStaking', 'StakeLocked', { reviewer: alice, reviewId: bytes32(0xa2), amount: 30n })
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)).toMatchObject({ reputation: 300n, locked: 40n })
    expect(h.get(StakeLock, review1)).toEqual(new StakeLock({ id: review1, reviewer: alice, amount: 10n, lockedAt: harnessTime(1), unlockAt: null, releasedAt: null }))
  })

  it('StakeLocked rejects an unknown reviewer and a review id already locked', async () => {
    const h = createHarness()
    await expectRejected(h, 'ReputationStaking', 'StakeLocked', { reviewer: alice, reviewId: review1, amount: 10n }, `unknown reviewer ${alice}`)
    admitReviewer(h, alice)
    admitReviewer(h, bob)
    h.emit('ReputationStaking', 'StakeLocked', { reviewer: alice, reviewId: review1, amount: 10n })
    await expectIndexed(h)
    await expectRejected(h, 'ReputationStaking', 'StakeLocked', { reviewer: bob, reviewId: review1, amount: 20n }, `stake ${review1} already locked`)
    expect(h.get(Reviewer, bob)?.locked).toBe(0n)
  })

  it('StakeUnlockScheduled sets the unlock time on the lock and on its review', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    submitProposal(h, 1n, author)
    const reviewId = assignReviewer(h, 1n, alice)
    commitReview(h, 1n, alice)
    revealReview(h, 1n, alice, { unlockAt: 1_800_000_000n })
    await expectIndexed(h)
    expect(h.get(StakeLock, reviewId)?.unlockAt).toEqual(new Date(1_800_000_000_000))
    expect(h.get(Review, reviewId)?.unlockAt).toEqual(new Date(1_800_000_000_000))
  })

  it('StakeUnlockScheduled of a lock without a review (yet) sets the lock only', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    h.emit('ReputationStaking', 'StakeLocked', { reviewer: alice, reviewId: review1, amount: 10n })
    h.emit('ReputationStaking', 'StakeUnlockScheduled', { reviewer: alice, reviewId: review1, unlockAt: 1_800_000_000n })
    await expectIndexed(h)
    expect(h.get(StakeLock, review1)?.unlockAt).toEqual(new Date(1_800_000_000_000))
    expect(h.all(Review)).toEqual([])
  })

  it('StakeUnlockScheduled rejects an unknown stake', async () => {
    const h = createHarness()
    await expectRejected(h, 'ReputationStaking', 'StakeUnlockScheduled', { reviewer: alice, reviewId: review1, unlockAt: 1n }, `unknown stake ${review1}`)
  })

  it('StakeReleased subtracts from locked, stamps the lock and marks the review\'s stake released', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    submitProposal(h, 1n, author)
    const reviewId = assignReviewer(h, 1n, alice, 10n)
    h.emit('ReputationStaking', 'StakeLocked', { reviewer: alice, reviewId: review1, amount: 25n })
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)?.locked).toBe(35n)
    h.emit('ReputationStaking', 'StakeReleased', { reviewer: alice, reviewId, amount: 10n })
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)).toMatchObject({ locked: 25n, reputation: 300n })
    expect(h.get(StakeLock, reviewId)?.releasedAt).toEqual(harnessTime(2))
    expect(h.get(Review, reviewId)?.stakeReleased).toBe(true)
    expect(h.get(StakeLock, review1)?.releasedAt).toBeNull()
  })

  it('StakeReleased rejects an unknown stake, an unknown reviewer and a second release', async () => {
    const h = createHarness()
    await expectRejected(h, 'ReputationStaking', 'StakeReleased', { reviewer: alice, reviewId: review1, amount: 10n }, `unknown stake ${review1} of ${alice}`)
    admitReviewer(h, alice)
    h.emit('ReputationStaking', 'StakeLocked', { reviewer: alice, reviewId: review1, amount: 10n })
    await expectIndexed(h)
    await expectRejected(h, 'ReputationStaking', 'StakeReleased', { reviewer: bob, reviewId: review1, amount: 10n }, `unknown stake ${review1} of ${bob}`)
    h.emit('ReputationStaking', 'StakeReleased', { reviewer: alice, reviewId: review1, amount: 10n })
    await expectIndexed(h)
    await expectRejected(h, 'ReputationStaking', 'StakeReleased', { reviewer: alice, reviewId: review1, amount: 10n }, `stake ${review1} already released`)
    expect(h.get(Reviewer, alice)?.locked).toBe(0n)
  })
})

describe('ReviewerBanned', () => {
  it('a temporary ban sets bannedUntil and records the ban; conflict of interest is not an offence', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: alice, reason: 7, until: 1_790_000_000n, permanent: false, ref: bytes32(12) })
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)).toMatchObject({ bannedUntil: new Date(1_790_000_000_000), permanentlyBanned: false, confirmedOffences: 0 })
    expect(h.all(ReviewerBan)).toEqual([
      new ReviewerBan({ id: '0000000001-000002', reviewer: alice, reason: RepReason.CONFLICT_OF_INTEREST, until: new Date(1_790_000_000_000), permanent: false, ref: bytes32(12), timestamp: harnessTime(1), block: 1 }),
    ])
  })

  it('a collusion ban counts a confirmed offence; a permanent ban sets permanentlyBanned with no end date', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    admitReviewer(h, bob)
    // bob's first recorded ban is permanent (in the harness; the contract bans temporarily first).
    h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: bob, reason: 6, until: FOREVER, permanent: true, ref: bytes32(1) })
    h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: alice, reason: 6, until: 1_790_000_000n, permanent: false, ref: bytes32(1) })
    await expectIndexed(h)
    expect(h.get(Reviewer, bob)).toMatchObject({ bannedUntil: null, permanentlyBanned: true, confirmedOffences: 1 })
    expect(h.get(Reviewer, alice)).toMatchObject({ bannedUntil: new Date(1_790_000_000_000), permanentlyBanned: false, confirmedOffences: 1 })

    // A repeat offence (punishCollusion: confirmedOffences >= 2) bans for good. The contract keeps
    // bannedUntil as it was (it sets only permanentlyBanned), and so does the mapping.
    h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: alice, reason: 6, until: FOREVER, permanent: true, ref: bytes32(2) })
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)).toMatchObject({ bannedUntil: new Date(1_790_000_000_000), permanentlyBanned: true, confirmedOffences: 2 })
    expect(h.all(ReviewerBan).map((b) => [b.reviewer, b.reason, b.until, b.permanent])).toEqual([
      [bob, RepReason.COLLUSION, null, true],
      [alice, RepReason.COLLUSION, new Date(1_790_000_000_000), false],
      [alice, RepReason.COLLUSION, null, true],
    ])
  })

  it('rejects a reason beyond the enum and an unknown reviewer', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    await expectIndexed(h)
    await expectRejected(h, 'ReputationStaking', 'ReviewerBanned', { reviewer: alice, reason: 11, until: 1n, permanent: false, ref: ZERO32 }, 'ban reason 11 out of range')
    await expectRejected(h, 'ReputationStaking', 'ReviewerBanned', { reviewer: bob, reason: 6, until: FOREVER, permanent: true, ref: ZERO32 }, `unknown reviewer ${bob}`)
    expect(h.all(ReviewerBan)).toEqual([])
  })
})

describe('ParametersChanged', () => {
  it('is counted as indexed and changes no entity', async () => {
    const h = createHarness()
    h.emit('ReputationStaking', 'ParametersChanged', { decayBps: 300n, minReputation: 20n, collusionBan: 1n, conflictBan: 2n })
    expect(await expectIndexed(h)).toMatchObject({ events: 1, inserted: 0, upserted: 1 })
    expect(h.get(EventCount, 'ReputationStaking.ParametersChanged')).toMatchObject({ indexed: 1, quarantined: 0 })
  })
})

/** CollusionRegistry: collusion cases and conflict-of-interest findings, and what a confirmed case does to reviewers and reviews (mappings/collusion.ts). */
import { describe, expect, it } from 'vitest'
import { getAddress } from 'viem'
import { CaseStatus, CollusionCase, CollusionSignal, ConflictOfInterest, RepChange, Review, ReviewStatus, Reviewer, ReviewerBan } from '../model'
import {
  account, admitReviewer, assignReviewer, bytes32, commitReview, expectIndexed, expectRejected, FOREVER, hash, harnessTime, rawStringData,
  revealReview, submitProposal,
} from './fixtures'
import { createHarness } from './testing'

const r3 = account('r3')
const r7 = account('r7')
const detector = account('detector')
const author = account('author')

const flag = (caseId: bigint, o: Partial<{ signal: number; subjects: string[]; summary: string }> = {}) => ({
  caseId, signal: o.signal ?? 0, raisedBy: detector, subjects: o.subjects ?? [r3, r7], evidenceHash: hash('e1'), summary: o.summary ?? 'Scores within 0.1 on 9 of 10 proposals.',
})

describe('CollusionFlagRaised', () => {
  it('opens a case with its signal, subjects and evidence', async () => {
    const h = createHarness()
    h.emit('CollusionRegistry', 'CollusionFlagRaised', flag(1n, { signal: 4, subjects: [getAddress(r3), r7] }))
    await expectIndexed(h)
    expect(h.get(CollusionCase, '1')).toEqual(
      new CollusionCase({
        id: '1', signal: CollusionSignal.CITATION_COERCION, raisedBy: detector, subjects: [r3, r7], evidenceHash: hash('e1'),
        summary: 'Scores within 0.1 on 9 of 10 proposals.', status: CaseStatus.OPEN, raisedAt: harnessTime(1), raisedBlock: 1, closedAt: null, closedBlock: null, finding: null, annulledReviews: null,
      }),
    )
  })

  it('maps every signal by ordinal', async () => {
    const h = createHarness()
    for (let signal = 0; signal < 6; signal++) h.emit('CollusionRegistry', 'CollusionFlagRaised', flag(BigInt(signal + 1), { signal }))
    await expectIndexed(h)
    expect(h.all(CollusionCase).map((c) => c.signal)).toEqual(['SCORE_CLUSTERING', 'TEXT_SIMILARITY', 'TIMING_CORRELATION', 'RECIPROCAL_REVIEW', 'CITATION_COERCION', 'OTHER'])
  })

  it('rejects a signal beyond the enum, a summary the store cannot hold, and a case id raised before', async () => {
    const h = createHarness()
    await expectRejected(h, 'CollusionRegistry', 'CollusionFlagRaised', flag(1n, { signal: 6 }), 'signal 6 out of range')
    await expectRejected(h, 'CollusionRegistry', 'CollusionFlagRaised', flag(1n, { summary: 'x\u0000' }), 'summary contains NUL characters')
    const bad = rawStringData('CollusionRegistry', 'CollusionFlagRaised', flag(1n), 'summary', 'c0af')
    await expectRejected(h, 'CollusionRegistry', 'CollusionFlagRaised', bad.args, 'summary is not valid UTF-8', { data: bad.data })
    h.emit('CollusionRegistry', 'CollusionFlagRaised', flag(1n))
    await expectIndexed(h)
    await expectRejected(h, 'CollusionRegistry', 'CollusionFlagRaised', flag(1n, { signal: 1, subjects: [r3] }), 'case 1 already raised')
    expect(h.get(CollusionCase, '1')).toMatchObject({ signal: CollusionSignal.SCORE_CLUSTERING, subjects: [r3, r7] })
  })
})

describe('CaseConfirmed', () => {
  it('closes the case with the finding and annulled reviews; the punishments that follow ban, count offences and annul', async () => {
    const h = createHarness()
    admitReviewer(h, r3)
    admitReviewer(h, r7)
    submitProposal(h, 1n, author)
    const rev3 = assignReviewer(h, 1n, r3)
    const rev7 = assignReviewer(h, 1n, r7)
    commitReview(h, 1n, r3)
    commitReview(h, 1n, r7)
    revealReview(h, 1n, r3)
    h.emit('CollusionRegistry', 'CollusionFlagRaised', flag(1n))
    await expectIndexed(h)
    // As confirmCase emits it: the case, each subject's punishment, each review's annulment.
    const caseRef = bytes32(1)
    h.emit('CollusionRegistry', 'CaseConfirmed', { caseId: 1n, subjects: [r3, r7], annulledReviews: [rev3, rev7], finding: 'Coordinated scores.' })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: r3, reason: 6, delta: -100n, balance: 210n, ref: caseRef })
    h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: r3, reason: 6, until: 1_790_000_000n, permanent: false, ref: caseRef })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: r7, reason: 6, delta: -100n, balance: 200n, ref: caseRef })
    h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: r7, reason: 6, until: 1_790_000_000n, permanent: false, ref: caseRef })
    h.emit('ReviewHub', 'ReviewAnnulled', { proposalId: 1n, reviewId: rev3, caseRef })
    h.emit('ReviewHub', 'ReviewAnnulled', { proposalId: 1n, reviewId: rev7, caseRef })
    h.emit('ReputationStaking', 'StakeReleased', { reviewer: r7, reviewId: rev7, amount: 10n })
    await expectIndexed(h)

    expect(h.get(CollusionCase, '1')).toMatchObject({ status: CaseStatus.CONFIRMED, closedAt: harnessTime(2), closedBlock: 2, finding: 'Coordinated scores.', annulledReviews: [rev3, rev7] })
    expect(h.get(Reviewer, r3)).toMatchObject({ reputation: 210n, confirmedOffences: 1, bannedUntil: new Date(1_790_000_000_000), locked: 10n })
    expect(h.get(Reviewer, r7)).toMatchObject({ reputation: 200n, confirmedOffences: 1, bannedUntil: new Date(1_790_000_000_000), locked: 0n })
    // The revealed review's stake stays locked through its dispute window; the committed one's is released.
    expect(h.get(Review, rev3)).toMatchObject({ status: ReviewStatus.ANNULLED, annulledByCase: '1', stakeReleased: false })
    expect(h.get(Review, rev7)).toMatchObject({ status: ReviewStatus.ANNULLED, annulledByCase: '1', stakeReleased: true })
    expect(h.all(RepChange).filter((c) => c.reason === 'COLLUSION').map((c) => c.ref)).toEqual([caseRef, caseRef])
  })

  it('a second confirmed case bans the repeat offender for good', async () => {
    const h = createHarness()
    admitReviewer(h, r3)
    h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: r3, reason: 6, until: 1_790_000_000n, permanent: false, ref: bytes32(1) })
    await expectIndexed(h)
    h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: r3, reason: 6, until: FOREVER, permanent: true, ref: bytes32(2) })
    await expectIndexed(h)
    expect(h.get(Reviewer, r3)).toMatchObject({ confirmedOffences: 2, permanentlyBanned: true })
    expect(h.all(ReviewerBan).map((b) => [b.permanent, b.until])).toEqual([[false, new Date(1_790_000_000_000)], [true, null]])
  })

  it('rejects a finding the store cannot hold and an unknown case', async () => {
    const h = createHarness()
    await expectRejected(h, 'CollusionRegistry', 'CaseConfirmed', { caseId: 1n, subjects: [r3], annulledReviews: [], finding: 'f' }, 'unknown case 1')
    h.emit('CollusionRegistry', 'CollusionFlagRaised', flag(1n))
    await expectIndexed(h)
    await expectRejected(h, 'CollusionRegistry', 'CaseConfirmed', { caseId: 1n, subjects: [r3], annulledReviews: [], finding: '\u0000' }, 'finding contains NUL characters')
    const bad = rawStringData('CollusionRegistry', 'CaseConfirmed', { caseId: 1n, subjects: [r3], annulledReviews: [], finding: '' }, 'finding', 'ff')
    await expectRejected(h, 'CollusionRegistry', 'CaseConfirmed', bad.args, 'finding is not valid UTF-8', { data: bad.data })
    expect(h.get(CollusionCase, '1')?.status).toBe(CaseStatus.OPEN)
  })
})

describe('CaseDismissed', () => {
  it('closes the case with the reason as its finding', async () => {
    const h = createHarness()
    h.emit('CollusionRegistry', 'CollusionFlagRaised', flag(2n))
    await expectIndexed(h)
    h.emit('CollusionRegistry', 'CaseDismissed', { caseId: 2n, reason: 'Coincidence.' })
    await expectIndexed(h)
    expect(h.get(CollusionCase, '2')).toMatchObject({ status: CaseStatus.DISMISSED, closedAt: harnessTime(2), closedBlock: 2, finding: 'Coincidence.', annulledReviews: null })
  })

  it('rejects a reason the store cannot hold and an unknown case', async () => {
    const h = createHarness()
    await expectRejected(h, 'CollusionRegistry', 'CaseDismissed', { caseId: 2n, reason: 'r' }, 'unknown case 2')
    h.emit('CollusionRegistry', 'CollusionFlagRaised', flag(2n))
    await expectIndexed(h)
    await expectRejected(h, 'CollusionRegistry', 'CaseDismissed', { caseId: 2n, reason: 'ü'.repeat(16_385) }, 'reason is 32770 bytes, over the 32768-byte limit')
    const bad = rawStringData('CollusionRegistry', 'CaseDismissed', { caseId: 2n, reason: '' }, 'reason', 'e0')
    await expectRejected(h, 'CollusionRegistry', 'CaseDismissed', bad.args, 'reason is not valid UTF-8', { data: bad.data })
  })
})

describe('ConflictOfInterestRecorded', () => {
  it('records the finding; the -50 REP and ban that follow are the reputation module\'s', async () => {
    const h = createHarness()
    admitReviewer(h, r3)
    h.emit('CollusionRegistry', 'ConflictOfInterestRecorded', { reviewer: getAddress(r3), proposalId: 12n, finding: 'Co-author of the proposer.' }, { newBlock: true })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: r3, reason: 7, delta: -50n, balance: 250n, ref: bytes32(12) })
    h.emit('ReputationStaking', 'ReviewerBanned', { reviewer: r3, reason: 7, until: 1_780_000_000n, permanent: false, ref: bytes32(12) })
    await expectIndexed(h)
    expect(h.all(ConflictOfInterest)).toEqual([
      new ConflictOfInterest({ id: '0000000002-000000', reviewer: r3, proposalId: '12', finding: 'Co-author of the proposer.', timestamp: harnessTime(2) }),
    ])
    expect(h.get(Reviewer, r3)).toMatchObject({ reputation: 250n, confirmedOffences: 0, bannedUntil: new Date(1_780_000_000_000) })
  })

  it('rejects a finding the store cannot hold', async () => {
    const h = createHarness()
    await expectRejected(h, 'CollusionRegistry', 'ConflictOfInterestRecorded', { reviewer: r3, proposalId: 1n, finding: 'a\u0000' }, 'finding contains NUL characters')
    const bad = rawStringData('CollusionRegistry', 'ConflictOfInterestRecorded', { reviewer: r3, proposalId: 1n, finding: '' }, 'finding', 'f8888080')
    await expectRejected(h, 'CollusionRegistry', 'ConflictOfInterestRecorded', bad.args, 'finding is not valid UTF-8', { data: bad.data })
  })
})

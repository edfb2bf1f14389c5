/**
 * ReputationStaking and CollusionRegistry: reviewer admission and domains, REP decay (ZIP-604 2.4),
 * REP floor at zero, collusion cases (4.4) and conflict-of-interest records (table 2.3).
 */
import { keccak256, pad, toBytes, toHex, zeroHash, type Address } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  DAY,
  Outcome,
  Reason,
  ReviewStatus,
  account,
  admit,
  commit,
  expectRevert,
  rep,
  repChanges,
  reviewContent,
  reviewIdOf,
  reviewedProposal,
  role,
  startProtocol,
  submitProposal,
  type Protocol,
} from '../support/protocol'

const QUARTER = 90n * DAY
const MAX_UINT64 = 2n ** 64n - 1n
const Signal = { ScoreClustering: 0, TextSimilarity: 1, TimingCorrelation: 2, ReciprocalReview: 3, CitationCoercion: 4, Other: 5 } as const
const CaseStatus = { None: 0, Open: 1, Confirmed: 2, Dismissed: 3 } as const

let p: Protocol
const author = account('author')
const stranger = account('stranger')
const [r0, r1, r2] = [account('r0'), account('r1'), account('r2')]
const panel = [r0, r1, r2]

beforeAll(async () => {
  p = await startProtocol()
  for (const r of panel) await admit(p, r, 300n)
  await p.checkpoint()
})
afterAll(async () => {
  await p?.stop()
})
beforeEach(async () => {
  await p.restore()
})

describe('reviewer admission and domains', () => {
  it('admits a reviewer with domains and a genesis REP grant', async () => {
    const who = account('new')
    const receipt = await p.write('ReputationStaking', 'admitReviewer', [who, [2, 7], 150n])
    const at = await p.now()
    expect(p.logsOf(receipt, 'ReputationStaking', 'ReviewerRegistered')[0]!.args).toEqual({ reviewer: who, domains: [2, 7], genesisRep: 150n })
    expect(repChanges(p, receipt)).toEqual([[who, Reason.Genesis, 150n, 150n]])
    expect(await p.read('ReputationStaking', 'getReviewer', [who])).toMatchObject({
      registered: true,
      permanentlyBanned: false,
      confirmedOffences: 0,
      registeredAt: at,
      decayAnchor: at,
      lastActivityAt: 0n,
      reputation: 150n,
      locked: 0n,
    })
    expect(await p.read('ReputationStaking', 'getDomain', [who])).toEqual([2, 7])
    expect([await p.read('ReputationStaking', 'hasDomain', [who, 2]), await p.read('ReputationStaking', 'hasDomain', [who, 3])]).toEqual([true, false])
    expect([await p.read('ReputationStaking', 'isActive', [who]), await p.read('ReputationStaking', 'isRegistered', [who])]).toEqual([true, true])
    expect([await p.read('ReputationStaking', 'isActive', [stranger]), await p.read('ReputationStaking', 'isRegistered', [stranger])]).toEqual([false, false])
  })

  it('records no REP change for a zero genesis grant', async () => {
    const receipt = await p.write('ReputationStaking', 'admitReviewer', [account('zero'), [1], 0n])
    expect(repChanges(p, receipt)).toEqual([])
    expect(await rep(p, account('zero'))).toBe(0n)
  })

  it('admits each reviewer once, with at least one domain, by governance only', async () => {
    await expectRevert(p.write('ReputationStaking', 'admitReviewer', [r0, [1], 10n]), 'AlreadyRegistered', [r0])
    await expectRevert(p.write('ReputationStaking', 'admitReviewer', [account('x'), [], 10n]), 'NoDomains')
    await expectRevert(p.write('ReputationStaking', 'admitReviewer', [account('x'), [1], 10n], stranger), 'Unauthorized', [role('GOVERNANCE'), stranger])
  })

  it('lets a registered reviewer replace their domains', async () => {
    await p.write('ReputationStaking', 'admitReviewer', [account('d'), [2, 7], 50n])
    const receipt = await p.write('ReputationStaking', 'setDomains', [[7, 9]], account('d'))
    expect(p.logsOf(receipt, 'ReputationStaking', 'DomainsUpdated')[0]!.args).toEqual({ reviewer: account('d'), domains: [7, 9] })
    expect(await p.read('ReputationStaking', 'getDomain', [account('d')])).toEqual([7, 9])
    const has = async (d: number) => p.read('ReputationStaking', 'hasDomain', [account('d'), d])
    expect([await has(2), await has(7), await has(9)]).toEqual([false, true, true])
    await expectRevert(p.write('ReputationStaking', 'setDomains', [[]], account('d')), 'NoDomains')
    await expectRevert(p.write('ReputationStaking', 'setDomains', [[1]], stranger), 'NotRegistered', [stranger])
  })

  it('applies a governance change of the minimum REP to later assignments', async () => {
    await expectRevert(p.write('ReputationStaking', 'setParameters', [10_001n, 20n, 1n, 1n]), 'InvalidParameter', ['decayBps'])
    const receipt = await p.write('ReputationStaking', 'setParameters', [300n, 301n, 180n * DAY, 90n * DAY])
    expect(p.logsOf(receipt, 'ReputationStaking', 'ParametersChanged')[0]!.args).toEqual({ decayBps: 300n, minReputation: 301n, collusionBan: 180n * DAY, conflictBan: 90n * DAY })
    const pid = await submitProposal(p, author)
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [r0]]), 'BelowMinimumReputation', [r0, 300n, 301n])
  })
})

describe('REP decay (3 % per inactive quarter)', () => {
  it('takes nothing before a whole quarter and 3 % at the quarter', async () => {
    const who = account('idle')
    await admit(p, who, 1_000n)
    const t0 = await p.now()
    await p.setNextTimestamp(t0 + QUARTER - 1n)
    expect(repChanges(p, await p.write('ReputationStaking', 'applyDecay', [[who]], stranger))).toEqual([])
    await p.setNextTimestamp(t0 + QUARTER)
    const receipt = await p.write('ReputationStaking', 'applyDecay', [[who]], stranger)
    expect(repChanges(p, receipt)).toEqual([[who, Reason.Decay, -30n, 970n]])
    expect(p.logsOf(receipt, 'ReputationStaking', 'RepChanged')[0]!.args.ref).toBe(pad(toHex(1)))
    expect((await p.read('ReputationStaking', 'getReviewer', [who])).decayAnchor).toBe(t0 + QUARTER)
    // The same quarter is not charged twice.
    expect(repChanges(p, await p.write('ReputationStaking', 'applyDecay', [[who]]))).toEqual([])
  })

  it('compounds over several quarters, rounding each quarter\'s decay down, and carries the partial quarter', async () => {
    const who = account('idle')
    await admit(p, who, 1_000n)
    const t0 = await p.now()
    await p.setNextTimestamp(t0 + 2n * QUARTER + 5n * DAY)
    const receipt = await p.write('ReputationStaking', 'applyDecay', [[who]])
    // 1000 - 30 = 970; 970 * 3 % = 29.1 -> 29; 970 - 29 = 941.
    expect(repChanges(p, receipt)).toEqual([[who, Reason.Decay, -59n, 941n]])
    expect(p.logsOf(receipt, 'ReputationStaking', 'RepChanged')[0]!.args.ref).toBe(pad(toHex(2)))
    // The five extra days count towards the third quarter: 941 * 3 % = 28.23 -> 28.
    await p.setNextTimestamp(t0 + 3n * QUARTER)
    expect(repChanges(p, await p.write('ReputationStaking', 'applyDecay', [[who]]))).toEqual([[who, Reason.Decay, -28n, 913n]])
  })

  it('leaves balances under 34 REP unchanged, since 3 % of them rounds down to zero', async () => {
    const [small, edge] = [account('small'), account('edge')]
    await admit(p, small, 33n)
    await admit(p, edge, 34n)
    await p.increaseTime(QUARTER)
    const receipt = await p.write('ReputationStaking', 'applyDecay', [[small, edge]])
    expect(repChanges(p, receipt)).toEqual([[edge, Reason.Decay, -1n, 33n]])
    expect(await rep(p, small)).toBe(33n)
  })

  it('spares a reviewer who completed a review within the last quarter', async () => {
    const idle = account('idle')
    await admit(p, idle, 300n)
    const t0 = await p.now()
    await p.setNextTimestamp(t0 + 80n * DAY)
    const pid = await reviewedProposal(p, author, panel)
    const activeAt = (await p.read('ReviewHub', 'getReview', [reviewIdOf(pid, r0)])).revealedAt
    expect((await p.read('ReputationStaking', 'getReviewer', [r0])).lastActivityAt).toBe(activeAt)
    // One quarter after admission: the idle reviewer decays, the active ones do not.
    await p.setNextTimestamp(t0 + QUARTER + 1n)
    const receipt = await p.write('ReputationStaking', 'applyDecay', [[idle, r0, r1, r2]])
    expect(repChanges(p, receipt)).toEqual([[idle, Reason.Decay, -9n, 291n]])
    // A quarter after their last review, inactivity catches up with them too: 310 * 3 % = 9.3 -> 9.
    await p.setNextTimestamp(activeAt + QUARTER)
    const later = await p.write('ReputationStaking', 'applyDecay', [[r0]])
    expect(repChanges(p, later)).toEqual([[r0, Reason.Decay, -9n, 301n]])
  })

  it('skips unregistered accounts without reverting', async () => {
    await p.increaseTime(QUARTER)
    const receipt = await p.write('ReputationStaking', 'applyDecay', [[stranger, r0]])
    expect(repChanges(p, receipt)).toEqual([[r0, Reason.Decay, -9n, 291n]])
  })

  it('never takes REP below zero, even at a 100 % decay rate', async () => {
    await p.write('ReputationStaking', 'setParameters', [10_000n, 20n, 180n * DAY, 90n * DAY])
    await p.increaseTime(QUARTER)
    expect(repChanges(p, await p.write('ReputationStaking', 'applyDecay', [[r0]]))).toEqual([[r0, Reason.Decay, -300n, 0n]])
    await p.increaseTime(QUARTER)
    expect(repChanges(p, await p.write('ReputationStaking', 'applyDecay', [[r0]]))).toEqual([])
    expect(await rep(p, r0)).toBe(0n)
  })
})

describe('collusion cases (ZIP-604 4.4)', () => {
  async function raise(subjects: Address[], from?: Address): Promise<bigint> {
    const receipt = await p.write('CollusionRegistry', 'raiseFlag', [subjects, Signal.ScoreClustering, keccak256(toBytes('evidence')), 'r > 0.95'], from)
    return p.logsOf(receipt, 'CollusionRegistry', 'CollusionFlagRaised')[0]!.args.caseId
  }

  it('lets the committee or a detector raise a flag on 1..16 subjects', async () => {
    const detector = account('detector')
    await expectRevert(p.write('CollusionRegistry', 'raiseFlag', [[r0], Signal.Other, zeroHash, ''], detector), 'NotAuthorizedToFlag', [detector])
    await p.write('CollusionRegistry', 'grantRole', [role('DETECTOR'), detector])
    const evidence = keccak256(toBytes('graph'))
    const receipt = await p.write('CollusionRegistry', 'raiseFlag', [[r0, r1], Signal.ReciprocalReview, evidence, 'A reviews B, B reviews A'], detector)
    expect(p.logsOf(receipt, 'CollusionRegistry', 'CollusionFlagRaised')[0]!.args).toEqual({
      caseId: 1n,
      signal: Signal.ReciprocalReview,
      raisedBy: detector,
      subjects: [r0, r1],
      evidenceHash: evidence,
      summary: 'A reviews B, B reviews A',
    })
    expect(await p.read('CollusionRegistry', 'cases', [1n])).toEqual([Signal.ReciprocalReview, CaseStatus.Open, await p.now(), evidence])
    expect(await p.read('CollusionRegistry', 'getSubjects', [1n])).toEqual([r0, r1])
    await expectRevert(p.write('CollusionRegistry', 'raiseFlag', [[], Signal.Other, zeroHash, '']), 'BadSubjects', [0n])
    const seventeen = Array.from({ length: 17 }, (_, i) => account(`s${i}`))
    await expectRevert(p.write('CollusionRegistry', 'raiseFlag', [seventeen, Signal.Other, zeroHash, '']), 'BadSubjects', [17n])
    // Raising a flag is not a penalty (a "suspected" case).
    expect([await rep(p, r0), await p.read('ReputationStaking', 'isActive', [r0])]).toEqual([300n, true])
    // Detectors flag; only the committee decides.
    await expectRevert(p.write('CollusionRegistry', 'confirmCase', [1n, [], ''], detector), 'Unauthorized', [role('COMMITTEE'), detector])
  })

  it('confirms a case: -100 REP, a six-month ban and the named reviews annulled', async () => {
    const pid = await reviewedProposal(p, author, panel)
    await p.write('ReviewHub', 'decide', [pid, Outcome.Funded, ''])
    const [rid0, rid1] = [reviewIdOf(pid, r0), reviewIdOf(pid, r1)]
    const caseId = await raise([r0, r1])
    const receipt = await p.write('CollusionRegistry', 'confirmCase', [caseId, [rid0, rid1], 'coordinated scores'])
    const at = await p.now()
    expect(p.logsOf(receipt, 'CollusionRegistry', 'CaseConfirmed')[0]!.args).toEqual({ caseId, subjects: [r0, r1], annulledReviews: [rid0, rid1], finding: 'coordinated scores' })
    // 300 genesis + 10 for the review, then -100.
    expect(repChanges(p, receipt)).toEqual([
      [r0, Reason.Collusion, -100n, 210n],
      [r1, Reason.Collusion, -100n, 210n],
    ])
    const ref = pad(toHex(caseId))
    expect(p.logsOf(receipt, 'ReputationStaking', 'ReviewerBanned').map((l) => l.args)).toEqual([
      { reviewer: r0, reason: Reason.Collusion, until: at + 180n * DAY, permanent: false, ref },
      { reviewer: r1, reason: Reason.Collusion, until: at + 180n * DAY, permanent: false, ref },
    ])
    expect(p.logsOf(receipt, 'ReviewHub', 'ReviewAnnulled').map((l) => l.args)).toEqual([
      { proposalId: pid, reviewId: rid0, caseRef: ref },
      { proposalId: pid, reviewId: rid1, caseRef: ref },
    ])
    expect((await p.read('ReviewHub', 'getReview', [rid0])).status).toBe(ReviewStatus.Annulled)
    expect((await p.read('ReviewHub', 'getReview', [reviewIdOf(pid, r2)])).status).toBe(ReviewStatus.Revealed)
    expect((await p.read('CollusionRegistry', 'cases', [caseId]))[1]).toBe(CaseStatus.Confirmed)
    expect(await p.read('ReputationStaking', 'getReviewer', [r0])).toMatchObject({ confirmedOffences: 1, bannedUntil: at + 180n * DAY, permanentlyBanned: false })
    expect(await p.read('ReputationStaking', 'isActive', [r0])).toBe(false)
    // An annulled review earns nothing more: no acknowledgement, no identity credit, no payment.
    await expectRevert(p.write('ReviewHub', 'acknowledgeReview', [rid0], author), 'WrongReviewStatus', [rid0, ReviewStatus.Annulled])
    await expectRevert(p.write('ReviewPayment', 'claimPayment', [rid0], r0), 'NotPayable', [rid0, ReviewStatus.Annulled])
    // A closed case cannot be decided again.
    await expectRevert(p.write('CollusionRegistry', 'confirmCase', [caseId, [], '']), 'CaseClosed', [caseId, CaseStatus.Confirmed])
    await expectRevert(p.write('CollusionRegistry', 'dismissCase', [caseId, '']), 'CaseClosed', [caseId, CaseStatus.Confirmed])
    // A review is annulled once.
    const second = await raise([r2])
    await expectRevert(p.write('CollusionRegistry', 'confirmCase', [second, [rid0], '']), 'AlreadyDone', [rid0])
  })

  it('frees the stake of an annulled review that was never revealed; a revealed one stays locked through its window', async () => {
    const pid = await submitProposal(p, author)
    await p.write('ReviewHub', 'assignReviewers', [pid, panel])
    await commit(p, pid, r0, reviewContent(5))
    const [committed, assignedOnly] = [reviewIdOf(pid, r0), reviewIdOf(pid, r1)]
    const receipt = await p.write('CollusionRegistry', 'confirmCase', [await raise([r0, r1]), [committed, assignedOnly], ''])
    // No reveal will ever schedule these stakes' unlock: the annulment ends the assignments.
    expect(p.logsOf(receipt, 'ReputationStaking', 'StakeReleased').map((l) => [l.args.reviewer, l.args.amount])).toEqual([
      [r0, 10n],
      [r1, 10n],
    ])
    expect([await p.read('ReputationStaking', 'getLocked', [r0]), await p.read('ReputationStaking', 'getLocked', [r1])]).toEqual([0n, 0n])

    const [r3, r4] = [account('r3'), account('r4')]
    for (const r of [r3, r4]) await admit(p, r, 300n)
    const revealedPid = await reviewedProposal(p, author, [r2, r3, r4])
    const rid = reviewIdOf(revealedPid, r2)
    const unlockAt = (await p.read('ReputationStaking', 'stakes', [rid]))[2]
    const annul = await p.write('CollusionRegistry', 'confirmCase', [await raise([r2]), [rid], ''])
    expect(p.logsOf(annul, 'ReputationStaking', 'StakeReleased')).toEqual([])
    await p.setNextTimestamp(unlockAt - 1n)
    await expectRevert(p.write('ReviewHub', 'releaseStake', [rid]), 'StakeStillLocked', [rid, unlockAt])
    const released = await p.write('ReviewHub', 'releaseStake', [rid])
    expect(p.logsOf(released, 'ReputationStaking', 'StakeReleased').map((l) => l.args)).toEqual([{ reviewer: r2, reviewId: rid, amount: 10n }])
    expect((await p.read('ReputationStaking', 'stakes', [rid]))[3]).toBe(true)
  })

  it('keeps a banned reviewer out of assignments until the ban ends', async () => {
    const caseId = await raise([r0])
    await p.write('CollusionRegistry', 'confirmCase', [caseId, [], ''])
    const until = (await p.read('ReputationStaking', 'getReviewer', [r0])).bannedUntil
    const pid = await submitProposal(p, author)
    await p.setNextTimestamp(until - 1n)
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [r0]]), 'Banned', [r0, until, false])
    await p.setNextTimestamp(until)
    await p.write('ReviewHub', 'assignReviewers', [pid, [r0]])
    expect(await p.read('ReputationStaking', 'isActive', [r0])).toBe(true)
  })

  it('bans a repeat offender for good', async () => {
    await p.write('CollusionRegistry', 'confirmCase', [await raise([r0]), [], 'first'])
    const firstBanEnds = (await p.read('ReputationStaking', 'getReviewer', [r0])).bannedUntil
    await p.setNextTimestamp(firstBanEnds + DAY)
    const second = await raise([r0])
    const receipt = await p.write('CollusionRegistry', 'confirmCase', [second, [], 'again'])
    expect(repChanges(p, receipt)).toEqual([[r0, Reason.Collusion, -100n, 100n]])
    expect(p.logsOf(receipt, 'ReputationStaking', 'ReviewerBanned').map((l) => l.args)).toEqual([
      { reviewer: r0, reason: Reason.Collusion, until: MAX_UINT64, permanent: true, ref: pad(toHex(second)) },
    ])
    expect(await p.read('ReputationStaking', 'getReviewer', [r0])).toMatchObject({ confirmedOffences: 2, permanentlyBanned: true })
    await p.increaseTime(10n * 365n * DAY)
    expect(await p.read('ReputationStaking', 'isActive', [r0])).toBe(false)
    const pid = await submitProposal(p, author)
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [r0]]), 'Banned', [r0, firstBanEnds, true])
  })

  it('dismisses a case without penalty', async () => {
    const caseId = await raise([r0])
    const receipt = await p.write('CollusionRegistry', 'dismissCase', [caseId, 'coincidence'])
    expect(p.logsOf(receipt, 'CollusionRegistry', 'CaseDismissed')[0]!.args).toEqual({ caseId, reason: 'coincidence' })
    expect(repChanges(p, receipt)).toEqual([])
    expect((await p.read('CollusionRegistry', 'cases', [caseId]))[1]).toBe(CaseStatus.Dismissed)
    expect([await rep(p, r0), await p.read('ReputationStaking', 'isActive', [r0])]).toEqual([300n, true])
    await expectRevert(p.write('CollusionRegistry', 'dismissCase', [caseId, '']), 'CaseClosed', [caseId, CaseStatus.Dismissed])
    await expectRevert(p.write('CollusionRegistry', 'confirmCase', [99n, [], '']), 'UnknownCase', [99n])
    await expectRevert(p.write('CollusionRegistry', 'dismissCase', [99n, '']), 'UnknownCase', [99n])
  })

  it('cannot confirm a case against an account that is not a reviewer', async () => {
    const caseId = await raise([r0, stranger])
    await expectRevert(p.write('CollusionRegistry', 'confirmCase', [caseId, [], '']), 'NotRegistered', [stranger])
    // The revert undid the first subject's penalty too.
    expect(await rep(p, r0)).toBe(300n)
  })

  it('takes only the REP there is: a reviewer with 40 REP ends at zero', async () => {
    const poor = account('poor')
    await admit(p, poor, 40n)
    const receipt = await p.write('CollusionRegistry', 'confirmCase', [await raise([poor]), [], ''])
    expect(repChanges(p, receipt)).toEqual([[poor, Reason.Collusion, -40n, 0n]])
  })
})

describe('conflict-of-interest violations (-50 REP and a temporary ban)', () => {
  it('records the violation, takes 50 REP and bans for 90 days', async () => {
    const receipt = await p.write('CollusionRegistry', 'recordConflictOfInterest', [r0, 4n, 'undisclosed co-authorship'])
    const at = await p.now()
    expect(p.logsOf(receipt, 'CollusionRegistry', 'ConflictOfInterestRecorded')[0]!.args).toEqual({ reviewer: r0, proposalId: 4n, finding: 'undisclosed co-authorship' })
    expect(repChanges(p, receipt)).toEqual([[r0, Reason.ConflictOfInterest, -50n, 250n]])
    expect(p.logsOf(receipt, 'ReputationStaking', 'ReviewerBanned')[0]!.args).toEqual({
      reviewer: r0,
      reason: Reason.ConflictOfInterest,
      until: at + 90n * DAY,
      permanent: false,
      ref: pad(toHex(4)),
    })
    const pid = await submitProposal(p, author)
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [r0]]), 'Banned', [r0, at + 90n * DAY, false])
    // Not a collusion offence: a later collusion case is still a first offence.
    expect((await p.read('ReputationStaking', 'getReviewer', [r0])).confirmedOffences).toBe(0)
    await expectRevert(p.write('CollusionRegistry', 'recordConflictOfInterest', [r0, 4n, ''], stranger), 'Unauthorized', [role('COMMITTEE'), stranger])
    await expectRevert(p.write('CollusionRegistry', 'recordConflictOfInterest', [stranger, 4n, '']), 'NotRegistered', [stranger])
  })

  it('does not shorten a longer ban that is already running', async () => {
    const receipt = await p.write('CollusionRegistry', 'raiseFlag', [[r0], Signal.TextSimilarity, zeroHash, ''])
    const caseId = p.logsOf(receipt, 'CollusionRegistry', 'CollusionFlagRaised')[0]!.args.caseId
    await p.write('CollusionRegistry', 'confirmCase', [caseId, [], ''])
    const collusionUntil = (await p.read('ReputationStaking', 'getReviewer', [r0])).bannedUntil
    const coi = await p.write('CollusionRegistry', 'recordConflictOfInterest', [r0, 1n, ''])
    expect(p.logsOf(coi, 'ReputationStaking', 'ReviewerBanned')[0]!.args.until).toBe(collusionUntil)
    expect((await p.read('ReputationStaking', 'getReviewer', [r0])).bannedUntil).toBe(collusionUntil)
  })
})

/**
 * ReviewHub with ReputationStaking and WorkRegistry: submission, assignment and REP stakes (ZIP-604
 * 2.2), commit-reveal and deadlines (4.2), discussion, decision, acknowledgement, identity reveal
 * (6.2) and appeals. Every test starts from the same snapshot: five reviewers with 100 REP in
 * domain 3, and one work co-authored by the author.
 */
import { keccak256, toBytes, zeroHash, type Address } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  DAY,
  GOV,
  Outcome,
  Phase,
  Reason,
  ReviewStatus,
  ReviewType,
  account,
  admit,
  commit,
  commitmentOf,
  expectRevert,
  phaseOf,
  rep,
  repChanges,
  reveal,
  reviewContent,
  reviewIdOf,
  reviewedProposal,
  role,
  startProtocol,
  submitProposal,
  type Protocol,
  type ReviewContent,
} from '../support/protocol'

let p: Protocol
const author = account('author')
const coauthor = account('coauthor')
const stranger = account('stranger')
const R = [account('r0'), account('r1'), account('r2'), account('r3'), account('r4')] as const
const [r0, r1, r2] = R
const panel = [r0, r1, r2]

beforeAll(async () => {
  p = await startProtocol()
  for (const r of R) await admit(p, r, 100n)
  // Work 1: author and coauthor, which makes them co-authors for the conflict-of-interest check.
  await p.write('WorkRegistry', 'registerWork', [[author, coauthor], keccak256(toBytes('work 1')), 'Work one'], author)
  await p.checkpoint()
})
afterAll(async () => {
  await p?.stop()
})
beforeEach(async () => {
  await p.restore()
})

/** A proposal with `panel` assigned, in the commit phase. */
async function assigned(opts: { type?: number; discussion?: boolean } = {}): Promise<bigint> {
  const pid = await submitProposal(p, author, opts)
  await p.write('ReviewHub', 'assignReviewers', [pid, panel])
  return pid
}

describe('proposal submission', () => {
  it('opens a proposal in the Assignment phase with a panel of three wanted', async () => {
    const receipt = await p.write('ReviewHub', 'submitProposal', [3, ReviewType.Expert, true, keccak256(toBytes('p'))], author)
    const [submitted] = p.logsOf(receipt, 'ReviewHub', 'ProposalSubmitted')
    expect(submitted!.args).toMatchObject({ proposalId: 1n, author, domain: 3, reviewType: ReviewType.Expert, discussion: true, reviewersWanted: 3 })
    expect(p.logsOf(receipt, 'ReviewHub', 'PhaseChanged').map((l) => l.args)).toEqual([{ proposalId: 1n, phase: Phase.Assignment, deadline: 0n }])
    const prop = await p.read('ReviewHub', 'getProposal', [1n])
    expect(prop).toMatchObject({ author, phase: Phase.Assignment, outcome: Outcome.None, assigned: 0, submittedAt: await p.now() })
    expect(await p.read('ReviewHub', 'proposalCount')).toBe(1n)
  })

  it('rejects a domain outside the 16 configured domains', async () => {
    await expectRevert(p.write('ReviewHub', 'submitProposal', [16, 0, false, zeroHash], author), 'DomainOutOfRange', [16])
  })

  it('reverts on operations for an unknown proposal', async () => {
    await expectRevert(p.write('ReviewHub', 'advance', [99n]), 'UnknownProposal', [99n])
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [99n, [r0]]), 'UnknownProposal', [99n])
  })
})

describe('assignment and REP stakes (ZIP-604 2.2)', () => {
  it.each([
    { name: 'standard', type: ReviewType.Standard, stake: 10 },
    { name: 'expedited', type: ReviewType.Expedited, stake: 20 },
    { name: 'expert', type: ReviewType.Expert, stake: 30 },
  ])('locks $stake REP per $name reviewer and opens the 7-day commit phase when the panel is full', async ({ type, stake }) => {
    const amount = BigInt(stake)
    const pid = await submitProposal(p, author, { type })
    const receipt = await p.write('ReviewHub', 'assignReviewers', [pid, panel])
    const at = await p.now()
    expect(p.logsOf(receipt, 'ReviewHub', 'ReviewerAssigned').map((l) => [l.args.reviewer, l.args.reviewId, l.args.stake])).toEqual(
      panel.map((r) => [r, reviewIdOf(pid, r), amount]),
    )
    expect(p.logsOf(receipt, 'ReputationStaking', 'StakeLocked').map((l) => l.args.amount)).toEqual([amount, amount, amount])
    for (const r of panel) {
      const rid = reviewIdOf(pid, r)
      expect(await p.read('ReputationStaking', 'getLocked', [r])).toBe(amount)
      expect(await p.read('ReputationStaking', 'getStake', [r, pid])).toBe(amount)
      // Not scheduled to unlock until the review is revealed.
      expect(await p.read('ReputationStaking', 'stakes', [rid])).toEqual([r, amount, 0n, false])
      expect((await p.read('ReviewHub', 'getReview', [rid])).status).toBe(ReviewStatus.Assigned)
      // Locking is not spending: total REP is unchanged.
      expect(await rep(p, r)).toBe(100n)
    }
    expect(await phaseOf(p, pid)).toEqual({ phase: Phase.Commit, deadline: at + 7n * DAY })
    expect(p.logsOf(receipt, 'ReviewHub', 'PhaseChanged').map((l) => l.args.phase)).toEqual([Phase.Commit])
    expect(await p.read('ReviewHub', 'getReviewIds', [pid])).toEqual(panel.map((r) => reviewIdOf(pid, r)))
  })

  it('stays in Assignment until the panel is full and then refuses further assignments', async () => {
    const pid = await submitProposal(p, author)
    await p.write('ReviewHub', 'assignReviewers', [pid, [r0]])
    expect((await p.read('ReviewHub', 'getProposal', [pid])).assigned).toBe(1)
    expect((await phaseOf(p, pid)).phase).toBe(Phase.Assignment)
    // A partial panel cannot commit yet.
    await expectRevert(commit(p, pid, r0, reviewContent(5)), 'WrongPhase', [pid, Phase.Assignment, Phase.Commit])
    await p.write('ReviewHub', 'assignReviewers', [pid, [r1, r2]])
    expect((await phaseOf(p, pid)).phase).toBe(Phase.Commit)
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [R[3]]]), 'WrongPhase', [pid, Phase.Commit, Phase.Assignment])
  })

  it('rejects a reviewer twice on one proposal and more reviewers than the panel size', async () => {
    const pid = await submitProposal(p, author)
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [r0, r0]]), 'AlreadyAssigned', [pid, r0])
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [r0, r1, r2, R[3]]]), 'AssignmentFull', [pid])
    // The failed calls left nothing behind.
    expect(await p.read('ReputationStaking', 'getLocked', [r0])).toBe(0n)
  })

  it('rejects reviewers without the proposal domain, and unregistered accounts', async () => {
    const other = account('other-domain')
    await admit(p, other, 100n, [4, 5])
    const pid = await submitProposal(p, author)
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [other]]), 'NotInDomain', [other, 3])
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [stranger]]), 'NotInDomain', [stranger, 3])
  })

  it('refuses the author and the author\'s co-authors as reviewers (conflict of interest)', async () => {
    await admit(p, author, 100n)
    await admit(p, coauthor, 100n)
    const pid = await submitProposal(p, author)
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [author]]), 'ConflictOfInterest', [pid, author])
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [coauthor]]), 'ConflictOfInterest', [pid, coauthor])
    // The co-author may review a proposal by someone they never wrote with.
    const pid2 = await submitProposal(p, stranger)
    await p.write('ReviewHub', 'assignReviewers', [pid2, [coauthor]])
  })

  it('requires 20 REP in total to accept an assignment', async () => {
    const [poor, exact] = [account('rep19'), account('rep20')]
    await admit(p, poor, 19n)
    await admit(p, exact, 20n)
    const pid = await submitProposal(p, author)
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pid, [poor]]), 'BelowMinimumReputation', [poor, 19n, 20n])
    await p.write('ReviewHub', 'assignReviewers', [pid, [exact]])
    expect(await p.read('ReputationStaking', 'getLocked', [exact])).toBe(10n)
  })

  it('counts only REP not already locked in other stakes', async () => {
    const busy = account('rep25')
    await admit(p, busy, 25n)
    const pids = [await submitProposal(p, author), await submitProposal(p, author), await submitProposal(p, author)]
    await p.write('ReviewHub', 'assignReviewers', [pids[0]!, [busy]])
    await p.write('ReviewHub', 'assignReviewers', [pids[1]!, [busy]])
    expect(await p.read('ReputationStaking', 'getLocked', [busy])).toBe(20n)
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [pids[2]!, [busy]]), 'InsufficientAvailableReputation', [busy, 5n, 10n])
    // An expert review needs 30 REP free even from a reviewer with nothing locked.
    const fresh = account('rep25-fresh')
    await admit(p, fresh, 25n)
    const expert = await submitProposal(p, author, { type: ReviewType.Expert })
    await expectRevert(p.write('ReviewHub', 'assignReviewers', [expert, [fresh]]), 'InsufficientAvailableReputation', [fresh, 25n, 30n])
  })

  it('lets governance change the panel size within 2..5 and the phase durations', async () => {
    await expectRevert(p.write('ReviewHub', 'setParameters', [1, 1n, 1n, 1n]), 'InvalidParameter', ['reviewersPerProposal'])
    await expectRevert(p.write('ReviewHub', 'setParameters', [6, 1n, 1n, 1n]), 'InvalidParameter', ['reviewersPerProposal'])
    await expectRevert(p.write('ReviewHub', 'setParameters', [3, 0n, 1n, 1n]), 'InvalidParameter', ['duration'])
    await p.write('ReviewHub', 'setParameters', [2, 2n * DAY, DAY, DAY])
    const pid = await submitProposal(p, author)
    await p.write('ReviewHub', 'assignReviewers', [pid, [r0, r1]])
    expect(await phaseOf(p, pid)).toEqual({ phase: Phase.Commit, deadline: (await p.now()) + 2n * DAY })
  })
})

describe('commit-reveal (ZIP-604 4.2)', () => {
  it('computes the same commitment on chain as the off-chain encoding', async () => {
    const rid = reviewIdOf(1n, r0)
    const c: ReviewContent = { score: 9, text: 'solid methods', citedWorks: [1n, 7n], salt: keccak256(toBytes('s')) }
    expect(await p.read('ReviewHub', 'commitmentOf', [rid, c.score, c.text, c.citedWorks, c.salt])).toBe(commitmentOf(rid, c))
    expect(await p.read('ReviewHub', 'reviewIdOf', [1n, r0])).toBe(rid)
  })

  it('accepts one commitment per assigned reviewer, up to and including the deadline', async () => {
    const pid = await assigned()
    const { deadline } = await phaseOf(p, pid)
    const rid0 = reviewIdOf(pid, r0)
    const c = reviewContent(6)
    await expectRevert(p.write('ReviewHub', 'commitReview', [rid0, zeroHash], stranger), 'NotTheReviewer', [rid0, stranger])
    await expectRevert(p.write('ReviewHub', 'commitReview', [zeroHash, zeroHash], r0), 'UnknownReview', [zeroHash])
    const receipt = await commit(p, pid, r0, c)
    expect(p.logsOf(receipt, 'ReviewHub', 'ReviewCommitted')[0]!.args).toEqual({ proposalId: pid, reviewId: rid0, reviewer: r0, commitment: commitmentOf(rid0, c) })
    const review = await p.read('ReviewHub', 'getReview', [rid0])
    expect([review.status, review.commitment]).toEqual([ReviewStatus.Committed, commitmentOf(rid0, c)])
    expect((await p.read('ReviewHub', 'getProposal', [pid])).committed).toBe(1)
    await expectRevert(commit(p, pid, r0, c), 'WrongReviewStatus', [rid0, ReviewStatus.Committed])
    await p.setNextTimestamp(deadline)
    await commit(p, pid, r1, c)
    await p.setNextTimestamp(deadline + 1n)
    await expectRevert(commit(p, pid, r2, c), 'DeadlinePassed', [pid, deadline])
  })

  it('ends the commit phase early once every reviewer committed, and not before', async () => {
    const pid = await assigned()
    const { deadline } = await phaseOf(p, pid)
    await commit(p, pid, r0, reviewContent(5))
    await commit(p, pid, r1, reviewContent(5))
    await expectRevert(p.write('ReviewHub', 'advance', [pid]), 'PhaseNotOver', [pid, Phase.Commit, deadline])
    await commit(p, pid, r2, reviewContent(5))
    const receipt = await p.write('ReviewHub', 'advance', [pid], stranger)
    expect(p.logsOf(receipt, 'ReviewHub', 'DeadlineMissed')).toEqual([])
    expect(await phaseOf(p, pid)).toEqual({ phase: Phase.Reveal, deadline: (await p.now()) + 3n * DAY })
  })

  it('reveals a review that matches its commitment: +10 REP and the stake scheduled to unlock 30 days later', async () => {
    const pid = await assigned()
    const rid = reviewIdOf(pid, r0)
    const c: ReviewContent = { score: 8, text: 'clear and sound', citedWorks: [1n], salt: keccak256(toBytes('salt')) }
    await commit(p, pid, r0, c)
    await expectRevert(reveal(p, pid, r0, c), 'WrongPhase', [pid, Phase.Commit, Phase.Reveal])
    for (const r of [r1, r2]) await commit(p, pid, r, reviewContent(5))
    await p.write('ReviewHub', 'advance', [pid])
    await expectRevert(reveal(p, pid, r0, { ...c, salt: keccak256(toBytes('other salt')) }), 'CommitmentMismatch', [rid])
    await expectRevert(reveal(p, pid, r0, { ...c, score: 9 }), 'CommitmentMismatch', [rid])
    await expectRevert(reveal(p, pid, r0, { ...c, citedWorks: [] }), 'CommitmentMismatch', [rid])
    await expectRevert(reveal(p, pid, r1, c), 'CommitmentMismatch', [reviewIdOf(pid, r1)])
    await expectRevert(p.write('ReviewHub', 'revealReview', [rid, c.score, c.text, c.citedWorks, c.salt], r1), 'NotTheReviewer', [rid, r1])

    const receipt = await reveal(p, pid, r0, c)
    const at = await p.now()
    expect(p.logsOf(receipt, 'ReviewHub', 'ReviewRevealed')[0]!.args).toEqual({ proposalId: pid, reviewId: rid, reviewer: r0, score: 8, citedWorks: [1n], text: 'clear and sound' })
    expect(repChanges(p, receipt)).toEqual([[r0, Reason.ReviewOnTime, 10n, 110n]])
    expect(p.logsOf(receipt, 'ReputationStaking', 'StakeUnlockScheduled')[0]!.args.unlockAt).toBe(at + 30n * DAY)
    expect(await p.read('ReputationStaking', 'stakes', [rid])).toEqual([r0, 10n, at + 30n * DAY, false])
    const review = await p.read('ReviewHub', 'getReview', [rid])
    expect(review).toMatchObject({ status: ReviewStatus.Revealed, score: 8, revealedAt: at })
    expect((await p.read('ReputationStaking', 'getReviewer', [r0])).lastActivityAt).toBe(at)
    await expectRevert(reveal(p, pid, r0, c), 'WrongReviewStatus', [rid, ReviewStatus.Revealed])
  })

  it('rejects scores outside 1..10, text over 32,768 bytes, more than 32 citations and unknown works', async () => {
    const pid = await assigned()
    const contents = {
      long: { score: 5, text: 'x'.repeat(32_768), citedWorks: [1n], salt: zeroHash },
      plain: reviewContent(5),
    }
    await commit(p, pid, r0, contents.long)
    await commit(p, pid, r1, contents.plain)
    await commit(p, pid, r2, contents.plain)
    await p.write('ReviewHub', 'advance', [pid])
    const rid = reviewIdOf(pid, r1)
    const send = (score: number, text: string, cited: bigint[]) => p.write('ReviewHub', 'revealReview', [rid, score, text, cited, zeroHash], r1)
    await expectRevert(send(0, 'x', []), 'ScoreOutOfRange', [0])
    await expectRevert(send(11, 'x', []), 'ScoreOutOfRange', [11])
    await expectRevert(send(5, 'x'.repeat(32_769), []), 'TextTooLong', [32_769n, 32_768n])
    await expectRevert(send(5, 'x', Array.from({ length: 33 }, () => 1n)), 'TooManyCitations', [33n, 32n])
    await expectRevert(send(5, 'x', [1n, 2n]), 'UnknownWork', [2n])
    await expectRevert(send(5, 'x', [0n]), 'UnknownWork', [0n])
    // The limits are inclusive: 32,768 bytes citing an existing work is accepted.
    await reveal(p, pid, r0, contents.long)
    expect((await p.read('ReviewHub', 'getReview', [reviewIdOf(pid, r0)])).status).toBe(ReviewStatus.Revealed)
  })

  it('accepts a reveal at the reveal deadline and rejects one a second later', async () => {
    const pid = await assigned()
    const c = reviewContent(4)
    for (const r of panel) await commit(p, pid, r, c)
    await p.write('ReviewHub', 'advance', [pid])
    const { deadline } = await phaseOf(p, pid)
    await p.setNextTimestamp(deadline)
    await reveal(p, pid, r0, c)
    await p.setNextTimestamp(deadline + 1n)
    await expectRevert(reveal(p, pid, r1, c), 'DeadlinePassed', [pid, deadline])
  })
})

describe('missed deadlines (-15 REP)', () => {
  it('records a reviewer who did not commit in time and releases their stake at once', async () => {
    const pid = await assigned({ type: ReviewType.Expedited })
    const { deadline } = await phaseOf(p, pid)
    await commit(p, pid, r0, reviewContent(5))
    await commit(p, pid, r1, reviewContent(5))
    // Exactly at the deadline the phase is still open for r2.
    await p.setNextTimestamp(deadline)
    await expectRevert(p.write('ReviewHub', 'advance', [pid]), 'PhaseNotOver', [pid, Phase.Commit, deadline])
    await p.setNextTimestamp(deadline + 1n)
    const receipt = await p.write('ReviewHub', 'advance', [pid], stranger)
    const rid2 = reviewIdOf(pid, r2)
    expect(p.logsOf(receipt, 'ReviewHub', 'DeadlineMissed').map((l) => l.args)).toEqual([{ proposalId: pid, reviewId: rid2, reviewer: r2, phase: Phase.Commit }])
    expect(repChanges(p, receipt)).toEqual([[r2, Reason.MissedDeadline, -15n, 85n]])
    expect(p.logsOf(receipt, 'ReputationStaking', 'StakeReleased').map((l) => l.args)).toEqual([{ reviewer: r2, reviewId: rid2, amount: 20n }])
    expect(await p.read('ReputationStaking', 'getLocked', [r2])).toBe(0n)
    expect(await p.read('ReputationStaking', 'getStake', [r2, pid])).toBe(0n)
    expect((await p.read('ReviewHub', 'getReview', [rid2])).status).toBe(ReviewStatus.Missed)
    await expectRevert(p.write('ReviewHub', 'releaseStake', [rid2]), 'StakeAlreadyReleased', [rid2])
    expect((await phaseOf(p, pid)).phase).toBe(Phase.Reveal)
    // The others keep their stakes locked.
    expect(await p.read('ReputationStaking', 'getLocked', [r0])).toBe(20n)
  })

  it('records a reviewer who committed but did not reveal', async () => {
    const pid = await assigned()
    const c = reviewContent(7)
    for (const r of panel) await commit(p, pid, r, c)
    await p.write('ReviewHub', 'advance', [pid])
    await reveal(p, pid, r0, c)
    await reveal(p, pid, r1, c)
    const { deadline } = await phaseOf(p, pid)
    await expectRevert(p.write('ReviewHub', 'advance', [pid]), 'PhaseNotOver', [pid, Phase.Reveal, deadline])
    await p.setNextTimestamp(deadline + 1n)
    const receipt = await p.write('ReviewHub', 'advance', [pid])
    expect(p.logsOf(receipt, 'ReviewHub', 'DeadlineMissed').map((l) => [l.args.reviewer, l.args.phase])).toEqual([[r2, Phase.Reveal]])
    expect(repChanges(p, receipt)).toEqual([[r2, Reason.MissedDeadline, -15n, 85n]])
    expect(await p.read('ReputationStaking', 'getLocked', [r2])).toBe(0n)
    expect([await rep(p, r0), await rep(p, r1), await rep(p, r2)]).toEqual([110n, 110n, 85n])
    expect((await phaseOf(p, pid)).phase).toBe(Phase.Decision)
  })

  it('penalises a reviewer once even if nobody advances until every deadline has passed', async () => {
    const pid = await assigned()
    await p.increaseTime(30n * DAY)
    const first = await p.write('ReviewHub', 'advance', [pid])
    expect(repChanges(p, first).map(([r, , d]) => [r, d])).toEqual(panel.map((r) => [r, -15n]))
    // Nobody committed: the reveal phase has nothing to wait for and records nobody again.
    const second = await p.write('ReviewHub', 'advance', [pid])
    expect(repChanges(p, second)).toEqual([])
    expect((await phaseOf(p, pid)).phase).toBe(Phase.Decision)
  })

  it('has nothing to advance in the Assignment and Decision phases', async () => {
    const pid = await submitProposal(p, author)
    await expectRevert(p.write('ReviewHub', 'advance', [pid]), 'PhaseNotOver', [pid, Phase.Assignment, 0n])
    const decided = await reviewedProposal(p, author, panel)
    await expectRevert(p.write('ReviewHub', 'advance', [decided]), 'PhaseNotOver', [decided, Phase.Decision, 0n])
  })
})

describe('stake lock until the dispute window closes (ZIP-604 2.2)', () => {
  it.each([
    { name: 'standard', type: ReviewType.Standard, stake: 10, window: 30 },
    { name: 'expedited', type: ReviewType.Expedited, stake: 20, window: 14 },
    { name: 'expert', type: ReviewType.Expert, stake: 30, window: 60 },
  ])('keeps a $name stake of $stake REP locked for $window days after the reveal', async ({ type, stake, window }) => {
    const [amount, days] = [BigInt(stake), BigInt(window)]
    const pid = await reviewedProposal(p, author, panel, { type })
    const rid = reviewIdOf(pid, r0)
    const { revealedAt } = await p.read('ReviewHub', 'getReview', [rid])
    const unlockAt = revealedAt + days * DAY
    expect((await p.read('ReputationStaking', 'stakes', [rid]))[2]).toBe(unlockAt)
    await p.setNextTimestamp(unlockAt - 1n)
    await expectRevert(p.write('ReviewHub', 'releaseStake', [rid], r0), 'StakeStillLocked', [rid, unlockAt])
    expect(await p.read('ReputationStaking', 'getLocked', [r0])).toBe(amount)
    await p.setNextTimestamp(unlockAt)
    // Anyone may release a due stake (a keeper); it returns to the reviewer's available REP.
    const receipt = await p.write('ReviewHub', 'releaseStake', [rid], stranger)
    expect(p.logsOf(receipt, 'ReputationStaking', 'StakeReleased').map((l) => l.args)).toEqual([{ reviewer: r0, reviewId: rid, amount }])
    expect(await p.read('ReputationStaking', 'getLocked', [r0])).toBe(0n)
    expect(await p.read('ReputationStaking', 'getStake', [r0, pid])).toBe(0n)
    expect(await rep(p, r0)).toBe(110n)
    await expectRevert(p.write('ReviewHub', 'releaseStake', [rid]), 'StakeAlreadyReleased', [rid])
  })

  it('cannot be released by calling the REP ledger directly, around the hub\'s checks', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r0)
    await p.increaseTime(31n * DAY)
    await expectRevert(p.write('ReputationStaking', 'releaseStake', [rid], r0), 'Unauthorized', [role('MODULE'), r0])
    await expectRevert(p.write('ReputationStaking', 'releaseStake', [rid], GOV), 'Unauthorized', [role('MODULE'), GOV])
  })

  it('keeps a stake that was never revealed locked until the phase is advanced', async () => {
    const pid = await assigned()
    await expectRevert(p.write('ReviewHub', 'releaseStake', [reviewIdOf(pid, r0)]), 'StakeStillLocked', [reviewIdOf(pid, r0), 0n])
    await expectRevert(p.write('ReviewHub', 'releaseStake', [zeroHash]), 'UnknownReview', [zeroHash])
  })
})

describe('discussion and decision', () => {
  it('walks Assignment → Commit → Reveal → Discussion → Decision → Decided as FUNDED, then COMPLETED', async () => {
    const phases: [number, bigint][] = []
    const track = (receipt: Awaited<ReturnType<Protocol['write']>>) => {
      for (const l of p.logsOf(receipt, 'ReviewHub', 'PhaseChanged')) phases.push([l.args.phase, l.args.deadline])
      return receipt
    }
    const pid = 1n
    const c = reviewContent(8)
    track(await p.write('ReviewHub', 'submitProposal', [3, ReviewType.Standard, true, zeroHash], author))
    track(await p.write('ReviewHub', 'assignReviewers', [pid, panel]))
    const t1 = await p.now()
    for (const r of panel) await commit(p, pid, r, c)
    track(await p.write('ReviewHub', 'advance', [pid]))
    const t2 = await p.now()
    for (const r of panel) await reveal(p, pid, r, c)
    track(await p.write('ReviewHub', 'advance', [pid]))
    const t3 = await p.now()
    await expectRevert(p.write('ReviewHub', 'advance', [pid]), 'PhaseNotOver', [pid, Phase.Discussion, t3 + 7n * DAY])
    await p.setNextTimestamp(t3 + 7n * DAY + 1n)
    track(await p.write('ReviewHub', 'advance', [pid]))
    const decided = track(await p.write('ReviewHub', 'decide', [pid, Outcome.Funded, 'fund it']))
    expect(phases).toEqual([
      [Phase.Assignment, 0n],
      [Phase.Commit, t1 + 7n * DAY],
      [Phase.Reveal, t2 + 3n * DAY],
      [Phase.Discussion, t3 + 7n * DAY],
      [Phase.Decision, 0n],
      [Phase.Decided, 0n],
    ])
    expect(p.logsOf(decided, 'ReviewHub', 'ProposalDecided')[0]!.args).toEqual({ proposalId: pid, outcome: Outcome.Funded, rationale: 'fund it' })
    const completed = await p.write('ReviewHub', 'decide', [pid, Outcome.Completed, 'delivered'])
    expect(p.logsOf(completed, 'ReviewHub', 'PhaseChanged')).toEqual([])
    expect(await p.read('ReviewHub', 'getProposal', [pid])).toMatchObject({ phase: Phase.Decided, outcome: Outcome.Completed })
    // A completed proposal is final.
    await expectRevert(p.write('ReviewHub', 'decide', [pid, Outcome.Failed, '']), 'InvalidOutcome', [Outcome.Failed])
    await expectRevert(p.write('ReviewHub', 'decide', [pid, Outcome.Funded, '']), 'WrongPhase', [pid, Phase.Decided, Phase.Decision])
  })

  it('marks a FUNDED proposal FAILED', async () => {
    const pid = await reviewedProposal(p, author, panel)
    await p.write('ReviewHub', 'decide', [pid, Outcome.Funded, ''])
    await p.write('ReviewHub', 'decide', [pid, Outcome.Failed, 'abandoned'])
    expect((await p.read('ReviewHub', 'getProposal', [pid])).outcome).toBe(Outcome.Failed)
    await expectRevert(p.write('ReviewHub', 'decide', [pid, Outcome.Completed, '']), 'InvalidOutcome', [Outcome.Completed])
  })

  it('goes from Reveal straight to Decision without discussion; a REJECTED proposal cannot complete or fail', async () => {
    const pid = await reviewedProposal(p, author, panel)
    expect(await phaseOf(p, pid)).toEqual({ phase: Phase.Decision, deadline: 0n })
    await p.write('ReviewHub', 'decide', [pid, Outcome.Rejected, 'weak'])
    expect(await p.read('ReviewHub', 'getProposal', [pid])).toMatchObject({ phase: Phase.Decided, outcome: Outcome.Rejected })
    await expectRevert(p.write('ReviewHub', 'decide', [pid, Outcome.Completed, '']), 'InvalidOutcome', [Outcome.Completed])
    await expectRevert(p.write('ReviewHub', 'decide', [pid, Outcome.Failed, '']), 'InvalidOutcome', [Outcome.Failed])
  })

  it('decides only in the Decision phase, only as coordinator, and never to None', async () => {
    const pid = await assigned()
    await expectRevert(p.write('ReviewHub', 'decide', [pid, Outcome.Funded, '']), 'WrongPhase', [pid, Phase.Commit, Phase.Decision])
    await expectRevert(p.write('ReviewHub', 'decide', [pid, Outcome.Completed, '']), 'InvalidOutcome', [Outcome.Completed])
    await expectRevert(p.write('ReviewHub', 'decide', [pid, Outcome.None, '']), 'InvalidOutcome', [Outcome.None])
    await expectRevert(p.write('ReviewHub', 'decide', [pid, Outcome.Funded, ''], stranger), 'Unauthorized', [role('COORDINATOR'), stranger])
  })

  it('accepts comments during the discussion only, from the author or a reviewer with a revealed review', async () => {
    const pid = await submitProposal(p, author, { discussion: true })
    await p.write('ReviewHub', 'assignReviewers', [pid, panel])
    const c = reviewContent(6)
    for (const r of panel) await commit(p, pid, r, c)
    await p.write('ReviewHub', 'advance', [pid])
    await expectRevert(p.write('ReviewHub', 'postComment', [pid, zeroHash, 'early'], author), 'WrongPhase', [pid, Phase.Reveal, Phase.Discussion])
    await reveal(p, pid, r0, c)
    await reveal(p, pid, r1, c)
    await p.increaseTime(3n * DAY + 1n)
    await p.write('ReviewHub', 'advance', [pid]) // r2 missed the reveal
    const { deadline } = await phaseOf(p, pid)
    const [rid0, rid2] = [reviewIdOf(pid, r0), reviewIdOf(pid, r2)]

    const rebuttal = await p.write('ReviewHub', 'postComment', [pid, zeroHash, 'rebuttal'], author)
    expect(p.logsOf(rebuttal, 'ReviewHub', 'DiscussionPosted')[0]!.args).toEqual({ proposalId: pid, reviewId: zeroHash, fromAuthor: true, text: 'rebuttal' })
    const comment = await p.write('ReviewHub', 'postComment', [pid, rid0, 'addendum'], r0)
    expect(p.logsOf(comment, 'ReviewHub', 'DiscussionPosted')[0]!.args).toEqual({ proposalId: pid, reviewId: rid0, fromAuthor: false, text: 'addendum' })
    await expectRevert(p.write('ReviewHub', 'postComment', [pid, zeroHash, 'x'], stranger), 'NotTheAuthor', [pid, stranger])
    await expectRevert(p.write('ReviewHub', 'postComment', [pid, rid0, 'x'], r1), 'NotTheReviewer', [rid0, r1])
    await expectRevert(p.write('ReviewHub', 'postComment', [pid, rid2, 'x'], r2), 'WrongReviewStatus', [rid2, ReviewStatus.Missed])
    await expectRevert(p.write('ReviewHub', 'postComment', [pid, zeroHash, 'x'.repeat(32_769)], author), 'TextTooLong', [32_769n, 32_768n])
    await p.setNextTimestamp(deadline)
    await p.write('ReviewHub', 'postComment', [pid, zeroHash, 'last word'], author)
    await p.setNextTimestamp(deadline + 1n)
    await expectRevert(p.write('ReviewHub', 'postComment', [pid, zeroHash, 'late'], author), 'DeadlinePassed', [pid, deadline])
    await p.write('ReviewHub', 'advance', [pid])
    await expectRevert(p.write('ReviewHub', 'postComment', [pid, zeroHash, 'x'], author), 'WrongPhase', [pid, Phase.Decision, Phase.Discussion])
  })

  it('rejects a reviewer\'s comment on another proposal with their review id', async () => {
    const a = await submitProposal(p, author, { discussion: true })
    await p.write('ReviewHub', 'assignReviewers', [a, panel])
    const c = reviewContent(6)
    for (const r of panel) await commit(p, a, r, c)
    await p.write('ReviewHub', 'advance', [a])
    for (const r of panel) await reveal(p, a, r, c)
    await p.write('ReviewHub', 'advance', [a])
    const b = await submitProposal(p, author, { discussion: true })
    await p.write('ReviewHub', 'assignReviewers', [b, [r0, r1, R[3]]])
    for (const r of [r0, r1, R[3]]) await commit(p, b, r, c)
    await p.write('ReviewHub', 'advance', [b])
    for (const r of [r0, r1, R[3]]) await reveal(p, b, r, c)
    await p.write('ReviewHub', 'advance', [b])
    const rid = reviewIdOf(a, r0)
    await expectRevert(p.write('ReviewHub', 'postComment', [b, rid, 'x'], r0), 'WrongReviewStatus', [rid, ReviewStatus.Revealed])
  })
})

describe('after the decision: acknowledgement (+3) and identity reveal (+5)', () => {
  async function decided(): Promise<bigint> {
    const pid = await reviewedProposal(p, author, panel)
    await p.write('ReviewHub', 'decide', [pid, Outcome.Funded, ''])
    return pid
  }

  it('lets the author acknowledge a review once, after the decision, for +3 REP', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r0)
    await expectRevert(p.write('ReviewHub', 'acknowledgeReview', [rid], author), 'WrongPhase', [pid, Phase.Decision, Phase.Decided])
    await p.write('ReviewHub', 'decide', [pid, Outcome.Funded, ''])
    await expectRevert(p.write('ReviewHub', 'acknowledgeReview', [rid], r1), 'NotTheAuthor', [pid, r1])
    const receipt = await p.write('ReviewHub', 'acknowledgeReview', [rid], author)
    expect(p.logsOf(receipt, 'ReviewHub', 'ReviewAcknowledged')[0]!.args).toEqual({ proposalId: pid, reviewId: rid })
    expect(repChanges(p, receipt)).toEqual([[r0, Reason.CitedInRevision, 3n, 113n]])
    expect((await p.read('ReviewHub', 'getReview', [rid])).acknowledged).toBe(true)
    await expectRevert(p.write('ReviewHub', 'acknowledgeReview', [rid], author), 'AlreadyDone', [rid])
  })

  it('does not credit a review that was never revealed', async () => {
    const pid = await assigned()
    await commit(p, pid, r0, reviewContent(5))
    await p.increaseTime(7n * DAY + 1n)
    await p.write('ReviewHub', 'advance', [pid])
    const c = reviewContent(5)
    await reveal(p, pid, r0, c)
    await p.write('ReviewHub', 'advance', [pid])
    await p.write('ReviewHub', 'decide', [pid, Outcome.Rejected, ''])
    const rid1 = reviewIdOf(pid, r1)
    await expectRevert(p.write('ReviewHub', 'acknowledgeReview', [rid1], author), 'WrongReviewStatus', [rid1, ReviewStatus.Missed])
    await expectRevert(p.write('ReviewHub', 'revealIdentity', [rid1, 'did:x'], r1), 'WrongReviewStatus', [rid1, ReviewStatus.Missed])
  })

  it('lets a reviewer reveal their identity once, after the decision, for +5 REP', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r0)
    await expectRevert(p.write('ReviewHub', 'revealIdentity', [rid, 'did:lux:r0'], r0), 'WrongPhase', [pid, Phase.Decision, Phase.Decided])
    await p.write('ReviewHub', 'decide', [pid, Outcome.Rejected, ''])
    await expectRevert(p.write('ReviewHub', 'revealIdentity', [rid, 'did:lux:r0'], author), 'NotTheReviewer', [rid, author])
    const receipt = await p.write('ReviewHub', 'revealIdentity', [rid, 'did:lux:r0'], r0)
    expect(p.logsOf(receipt, 'ReviewHub', 'IdentityRevealed')[0]!.args).toEqual({ proposalId: pid, reviewId: rid, reviewer: r0, did: 'did:lux:r0' })
    expect(repChanges(p, receipt)).toEqual([[r0, Reason.IdentityReveal, 5n, 115n]])
    expect((await p.read('ReviewHub', 'getReview', [rid])).identityRevealed).toBe(true)
    await expectRevert(p.write('ReviewHub', 'revealIdentity', [rid, 'did:lux:other'], r0), 'AlreadyDone', [rid])
  })

  it('credits acknowledgement and identity independently on the same review', async () => {
    const pid = await decided()
    const rid = reviewIdOf(pid, r1)
    await p.write('ReviewHub', 'acknowledgeReview', [rid], author)
    await p.write('ReviewHub', 'revealIdentity', [rid, 'did:lux:r1'], r1)
    // 100 genesis + 10 on time + 3 cited + 5 identity.
    expect(await rep(p, r1)).toBe(118n)
  })
})

describe('appeals', () => {
  it('keeps the stake locked while an upheld appeal is open, then takes 20 REP', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r0)
    const unlockAt = (await p.read('ReputationStaking', 'stakes', [rid]))[2]
    await expectRevert(p.write('ReviewHub', 'fileAppeal', [rid, 'biased'], stranger), 'NotTheAuthor', [pid, stranger])
    await p.setNextTimestamp(unlockAt - 1n)
    const filed = await p.write('ReviewHub', 'fileAppeal', [rid, 'biased'], author)
    expect(p.logsOf(filed, 'ReviewHub', 'AppealFiled')[0]!.args).toEqual({ appealId: 1n, proposalId: pid, reviewId: rid, appellant: author, grounds: 'biased' })
    expect((await p.read('ReviewHub', 'getReview', [rid])).appealOpen).toBe(true)
    await expectRevert(p.write('ReviewHub', 'fileAppeal', [rid, 'again'], author), 'AppealPending', [rid])

    // The dispute window has passed, but the open appeal holds the stake.
    await p.increaseTime(10n * DAY)
    await expectRevert(p.write('ReviewHub', 'releaseStake', [rid], r0), 'AppealPending', [rid])
    expect(await p.read('ReputationStaking', 'getLocked', [r0])).toBe(10n)

    await expectRevert(p.write('ReviewHub', 'resolveAppeal', [1n, true, ''], stranger), 'Unauthorized', [role('COMMITTEE'), stranger])
    const resolved = await p.write('ReviewHub', 'resolveAppeal', [1n, true, 'overturned'])
    expect(p.logsOf(resolved, 'ReviewHub', 'AppealResolved')[0]!.args).toEqual({ appealId: 1n, reviewId: rid, upheld: true, rationale: 'overturned' })
    expect(repChanges(p, resolved)).toEqual([[r0, Reason.AppealLost, -20n, 90n]])
    expect(await p.read('ReviewHub', 'appeals', [1n])).toEqual([rid, author, true, true])
    await expectRevert(p.write('ReviewHub', 'resolveAppeal', [1n, false, '']), 'AlreadyDone', [rid])
    await p.write('ReviewHub', 'releaseStake', [rid], r0)
    expect(await p.read('ReputationStaking', 'getLocked', [r0])).toBe(0n)
  })

  it('leaves REP unchanged when the appeal is rejected', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r1)
    await p.write('ReviewHub', 'fileAppeal', [rid, 'unfair'], author)
    const resolved = await p.write('ReviewHub', 'resolveAppeal', [1n, false, 'review stands'])
    expect(repChanges(p, resolved)).toEqual([])
    expect(await rep(p, r1)).toBe(110n)
    expect((await p.read('ReviewHub', 'appeals', [1n]))[3]).toBe(false)
  })

  it('refuses an appeal once the dispute window has closed, or against a review that was not revealed', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r0)
    const unlockAt = (await p.read('ReputationStaking', 'stakes', [rid]))[2]
    await p.setNextTimestamp(unlockAt)
    await expectRevert(p.write('ReviewHub', 'fileAppeal', [rid, 'late'], author), 'DisputeWindowClosed', [rid])
    const open = await assigned()
    const rid2 = reviewIdOf(open, r0)
    await expectRevert(p.write('ReviewHub', 'fileAppeal', [rid2, 'x'], author), 'WrongReviewStatus', [rid2, ReviewStatus.Assigned])
    await expectRevert(p.write('ReviewHub', 'resolveAppeal', [7n, true, '']), 'UnknownAppeal', [7n])
    await expectRevert(p.write('ReviewHub', 'fileAppeal', [zeroHash, 'x'], author), 'UnknownReview', [zeroHash])
  })
})

describe('WorkRegistry', () => {
  it('records authors and co-authorship; only an author or governance may register a work', async () => {
    const [a, b, c] = [account('wa'), account('wb'), account('wc')]
    const receipt = await p.write('WorkRegistry', 'registerWork', [[a, b, c], zeroHash, 'Three authors'], b)
    expect(p.logsOf(receipt, 'WorkRegistry', 'WorkRegistered')[0]!.args).toMatchObject({ workId: 2n, registrant: b, authors: [a, b, c], title: 'Three authors' })
    expect(await p.read('WorkRegistry', 'getAuthors', [2n])).toEqual([a, b, c])
    expect(await p.read('WorkRegistry', 'isCoauthor', [a, c])).toBe(true)
    expect(await p.read('WorkRegistry', 'isCoauthor', [c, a])).toBe(true)
    expect(await p.read('WorkRegistry', 'isCoauthor', [a, author])).toBe(false)
    expect([await p.read('WorkRegistry', 'exists', [0n]), await p.read('WorkRegistry', 'exists', [2n]), await p.read('WorkRegistry', 'exists', [3n])]).toEqual([false, true, false])
    await expectRevert(p.write('WorkRegistry', 'registerWork', [[a], zeroHash, ''], stranger), 'NotAnAuthor', [stranger])
    await p.write('WorkRegistry', 'registerWork', [[a], zeroHash, 'bulk import'], GOV)
    await expectRevert(p.write('WorkRegistry', 'registerWork', [[], zeroHash, ''], a), 'NoAuthors')
    await expectRevert(p.write('WorkRegistry', 'registerWork', [[a, b, a], zeroHash, ''], a), 'DuplicateAuthor', [a])
    const many: Address[] = Array.from({ length: 33 }, (_, i) => account(`author-${i}`))
    await expectRevert(p.write('WorkRegistry', 'registerWork', [many, zeroHash, ''], many[0]), 'TooManyAuthors', [33n, 32n])
  })
})

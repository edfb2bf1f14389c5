/**
 * QualityScoring and ReviewPayment: the meta-review panel (ZIP-604 section 3), its medians and
 * weighted composite, the quality REP bonus and penalty, and reviewer compensation (5.1).
 */
import { zeroHash, type Address, type Hex } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  DAY,
  Outcome,
  Reason,
  ReviewStatus,
  ReviewType,
  ZOO,
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

type Dims = readonly [number, number, number, number, number]
const Kind = { Review: 0, MetaReview: 1 } as const

let p: Protocol
const author = account('author')
const stranger = account('stranger')
const [r0, r1, rHigh] = [account('r0'), account('r1'), account('r-high')]
const panel = [r0, r1, rHigh]
const [c0, c1] = [account('council-0'), account('council-1')]
const tier3 = account('tier3')
const tier2 = account('tier2-149')

beforeAll(async () => {
  p = await startProtocol()
  await admit(p, r0, 100n)
  await admit(p, r1, 100n)
  // Assigned to the proposals below, and with enough REP to be Tier 3 elsewhere.
  await admit(p, rHigh, 200n)
  await admit(p, tier3, 150n)
  await admit(p, tier2, 149n)
  for (const c of [c0, c1]) await p.write('QualityScoring', 'grantRole', [role('COUNCIL'), c])
  await p.checkpoint()
})
afterAll(async () => {
  await p?.stop()
})
beforeEach(async () => {
  await p.restore()
})

const score = (rid: Hex, dims: Dims, from: Address) => p.write('QualityScoring', 'submitMetaReview', [rid, dims], from)
const uniform = (q: number): Dims => [q, q, q, q, q]
/** The whole meta panel gives `dims`; returns the receipt of the scoring that completes the panel. */
async function scoreByPanel(rid: Hex, dims: Dims) {
  await score(rid, dims, c0)
  await score(rid, dims, c1)
  return score(rid, dims, tier3)
}

describe('meta-review panel and composite score (ZIP-604 3.1-3.2)', () => {
  it('takes each dimension\'s median over the panel and rounds the weighted composite half up', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r0)
    const r1 = await score(rid, [7, 9, 8, 10, 8], c0)
    expect(p.logsOf(r1, 'QualityScoring', 'MetaReviewSubmitted')[0]!.args).toEqual({ reviewId: rid, metaReviewer: c0, dimensions: [7, 9, 8, 10, 8] })
    await score(rid, [6, 7, 9, 8, 1], c1)
    // Not scored until the panel is complete.
    expect(await p.read('QualityScoring', 'getReviewScore', [rid])).toBe(0)
    expect(await p.read('QualityScoring', 'panelCount', [rid])).toBe(2n)
    const last = await score(rid, [7, 7, 8, 8, 10], tier3)
    // Medians per column: [7,6,7]->7, [9,7,7]->7, [8,9,8]->8, [10,8,8]->8, [8,1,10]->8.
    // Composite: (7*25 + 7*25 + 8*20 + 8*15 + 8*15) / 100 = 750 / 100 = 7.5, rounded half up to 8.
    const medians = [7, 7, 8, 8, 8]
    expect(p.logsOf(last, 'QualityScoring', 'QualityScored')[0]!.args).toEqual({ reviewId: rid, proposalId: pid, reviewer: r0, medians, overall: 8 })
    expect(await p.read('QualityScoring', 'getQuality', [rid])).toEqual({ medians, overall: 8, scoredAt: await p.now() })
    expect(await p.read('QualityScoring', 'getReviewScore', [rid])).toBe(8)
    // 8 is the bonus threshold: +5 REP on top of 100 genesis + 10 on time.
    expect(repChanges(p, last)).toEqual([[r0, Reason.QualityBonus, 5n, 115n]])
    expect([await p.read('QualityScoring', 'scoreSum', [r0]), await p.read('QualityScoring', 'scoredCount', [r0])]).toEqual([8n, 1n])
  })

  it('pays each meta-reviewer a flat 3 ZOO per review scored', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r0)
    const treasury = await p.balance(p.contracts.ReviewPayment)
    const receipt = await score(rid, uniform(5), c0)
    expect(p.logsOf(receipt, 'ReviewPayment', 'PaymentMade')[0]!.args).toEqual({ recipient: c0, reviewId: rid, kind: Kind.MetaReview, amount: 3n * ZOO })
    await score(rid, uniform(5), c1)
    await score(rid, uniform(5), tier3)
    await score(reviewIdOf(pid, r1), uniform(5), c0)
    expect(await p.balance(c0)).toBe(6n * ZOO)
    expect(await p.balance(tier3)).toBe(3n * ZOO)
    expect(await p.read('ReviewPayment', 'getReviewerEarnings', [c0])).toBe(6n * ZOO)
    expect(await p.balance(p.contracts.ReviewPayment)).toBe(treasury - 12n * ZOO)
  })

  it.each([
    { dims: [10, 10, 10, 10, 10], overall: 10, why: 'the maximum' },
    { dims: [1, 1, 1, 1, 1], overall: 1, why: 'the minimum' },
    { dims: [8, 7, 7, 7, 7], overall: 7, why: '725 rounds down' },
    { dims: [7, 7, 8, 8, 7], overall: 7, why: '735 rounds down' },
    { dims: [7, 7, 8, 8, 8], overall: 8, why: '750 rounds up' },
    { dims: [2, 2, 3, 3, 3], overall: 3, why: '250 rounds up' },
    { dims: [2, 2, 2, 3, 3], overall: 2, why: '230 rounds down' },
    { dims: [1, 1, 1, 1, 10], overall: 2, why: 'clarity weighs 15 %: 235 rounds down' },
    { dims: [10, 1, 1, 1, 1], overall: 3, why: 'thoroughness weighs 25 %: 325 rounds down' },
  ] as { dims: Dims; overall: number; why: string }[])('composite of $dims is $overall ($why)', async ({ dims, overall }) => {
    expect(await p.read('QualityScoring', 'composite', [dims])).toBe(overall)
  })

  it('gives no bonus at 7, no penalty at 3, and -10 REP below 3', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const seven = await scoreByPanel(reviewIdOf(pid, r0), uniform(7))
    // [2,2,3,3,3] -> 2.5 -> 3, the lowest score without the penalty.
    const three = await scoreByPanel(reviewIdOf(pid, r1), [2, 2, 3, 3, 3])
    const two = await scoreByPanel(reviewIdOf(pid, rHigh), [2, 2, 2, 3, 3])
    expect(p.logsOf(three, 'QualityScoring', 'QualityScored')[0]!.args.overall).toBe(3)
    expect(repChanges(p, seven)).toEqual([])
    expect(repChanges(p, three)).toEqual([])
    expect(repChanges(p, two)).toEqual([[rHigh, Reason.LowQuality, -10n, 200n]])
  })

  it('averages a reviewer\'s quality scores, rounding half up', async () => {
    const a = await reviewedProposal(p, author, panel)
    const b = await reviewedProposal(p, author, panel)
    expect(await p.read('QualityScoring', 'getReviewerAverageScore', [r0])).toBe(0)
    await scoreByPanel(reviewIdOf(a, r0), uniform(8))
    await scoreByPanel(reviewIdOf(b, r0), uniform(7))
    // (8 + 7) / 2 = 7.5 -> 8.
    expect(await p.read('QualityScoring', 'getReviewerAverageScore', [r0])).toBe(8)
  })

  it('admits council members and Tier 3 reviewers (150 REP) not assigned to the proposal', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r0)
    await expectRevert(score(rid, uniform(5), tier2), 'NotEligibleMetaReviewer', [rid, tier2])
    await expectRevert(score(rid, uniform(5), stranger), 'NotEligibleMetaReviewer', [rid, stranger])
    // rHigh has 210 REP but sits on this proposal's panel: it may not score a fellow panelist.
    await expectRevert(score(rid, uniform(5), rHigh), 'NotEligibleMetaReviewer', [rid, rHigh])
    // On a proposal it did not review, rHigh is an ordinary Tier 3 meta-reviewer.
    const other = await reviewedProposal(p, author, [r0, r1, tier3])
    await score(reviewIdOf(other, r0), uniform(5), rHigh)
    // Council members need no REP at all.
    expect(await p.read('ReputationStaking', 'isRegistered', [c0])).toBe(false)
    await score(rid, uniform(5), c0)
    // Governance can lower the Tier 3 threshold.
    await p.write('QualityScoring', 'setPanel', [3, 149n])
    await score(rid, uniform(5), tier2)
  })

  it('excludes a council member who is assigned to the proposal, so nobody scores their own review', async () => {
    const councilReviewer = account('council-reviewer')
    await admit(p, councilReviewer, 100n)
    await p.write('QualityScoring', 'grantRole', [role('COUNCIL'), councilReviewer])
    const pid = await reviewedProposal(p, author, [r0, r1, councilReviewer])
    const own = reviewIdOf(pid, councilReviewer)
    await expectRevert(score(own, uniform(10), councilReviewer), 'NotEligibleMetaReviewer', [own, councilReviewer])
    await expectRevert(score(reviewIdOf(pid, r0), uniform(10), councilReviewer), 'NotEligibleMetaReviewer', [reviewIdOf(pid, r0), councilReviewer])
  })

  it('excludes a banned reviewer from meta-review until the ban ends', async () => {
    const banned = account('tier3-banned')
    await admit(p, banned, 200n)
    const pid = await reviewedProposal(p, author, panel)
    // -50 REP leaves 150, still Tier 3: only the ban stands in the way.
    await p.write('CollusionRegistry', 'recordConflictOfInterest', [banned, pid, ''])
    expect(await rep(p, banned)).toBe(150n)
    const rid = reviewIdOf(pid, r0)
    await expectRevert(score(rid, uniform(5), banned), 'NotEligibleMetaReviewer', [rid, banned])
    await p.increaseTime(90n * DAY)
    await score(rid, uniform(5), banned)
  })

  it('rejects a second score from one meta-reviewer, a fourth panelist and dimensions outside 1..10', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r0)
    await expectRevert(score(rid, [5, 5, 11, 5, 5], c0), 'DimensionOutOfRange', [2n, 11])
    await expectRevert(score(rid, [0, 5, 5, 5, 5], c0), 'DimensionOutOfRange', [0n, 0])
    await score(rid, uniform(5), c0)
    await expectRevert(score(rid, uniform(6), c0), 'AlreadyScored', [rid, c0])
    await score(rid, uniform(5), c1)
    await score(rid, uniform(5), tier3)
    const fourth = account('council-2')
    await p.write('QualityScoring', 'grantRole', [role('COUNCIL'), fourth])
    await expectRevert(score(rid, uniform(5), fourth), 'PanelComplete', [rid])
  })

  it('scores only revealed reviews', async () => {
    const pid = await submitProposal(p, author)
    await p.write('ReviewHub', 'assignReviewers', [pid, panel])
    await commit(p, pid, r0, reviewContent(5))
    const rid = reviewIdOf(pid, r0)
    await expectRevert(score(rid, uniform(5), c0), 'ReviewNotRevealed', [rid])
    await expectRevert(score(zeroHash, uniform(5), c0), 'ReviewNotRevealed', [zeroHash])
  })

  it('scores several reviews in one transaction', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rids = panel.map((r) => reviewIdOf(pid, r))
    await expectRevert(p.write('QualityScoring', 'submitMetaReviews', [rids, [uniform(5)]], c0), 'LengthMismatch')
    const receipt = await p.write('QualityScoring', 'submitMetaReviews', [rids, [uniform(4), uniform(5), uniform(6)]], c0)
    expect(p.logsOf(receipt, 'QualityScoring', 'MetaReviewSubmitted').map((l) => [l.args.reviewId, l.args.dimensions[0]])).toEqual([
      [rids[0], 4],
      [rids[1], 5],
      [rids[2], 6],
    ])
    expect(await p.balance(c0)).toBe(9n * ZOO)
  })

  it('lets governance set an odd panel size up to 9', async () => {
    for (const size of [0, 2, 11]) {
      await expectRevert(p.write('QualityScoring', 'setPanel', [size, 150n]), 'InvalidParameter', ['panelSize'])
    }
    await p.write('QualityScoring', 'setPanel', [1, 150n])
    const pid = await reviewedProposal(p, author, panel)
    const receipt = await score(reviewIdOf(pid, r0), [9, 9, 9, 9, 9], c0)
    expect(p.logsOf(receipt, 'QualityScoring', 'QualityScored')[0]!.args.overall).toBe(9)
  })

  it('pays no meta-review fee when governance unsets the payer', async () => {
    await p.write('QualityScoring', 'setPayer', ['0x0000000000000000000000000000000000000000'])
    const pid = await reviewedProposal(p, author, panel)
    const receipt = await score(reviewIdOf(pid, r0), uniform(5), c0)
    expect(p.logsOf(receipt, 'ReviewPayment', 'PaymentMade')).toEqual([])
    expect(await p.balance(c0)).toBe(0n)
  })
})

describe('review compensation (ZIP-604 5.1)', () => {
  // With the table's rates the maximum equals base + 5 bonus points, so quality 10 reaches it exactly
  // and no quality score can exceed it.
  it.each([
    { name: 'standard', type: ReviewType.Standard, days: 30n, qualities: [10, 8, 5], zoo: ['7.5', '6.5', '5'] },
    { name: 'expedited', type: ReviewType.Expedited, days: 14n, qualities: [10, 7, 3], zoo: ['15', '12', '10'] },
    { name: 'expert', type: ReviewType.Expert, days: 60n, qualities: [10, 6, 1], zoo: ['22.5', '16.5', '15'] },
  ])('pays $name reviews of quality $qualities: $zoo ZOO', async ({ type, days, qualities, zoo }) => {
    const pid = await reviewedProposal(p, author, panel, { type })
    const expected = zoo.map((z) => (BigInt(Math.round(Number(z) * 10)) * ZOO) / 10n)
    for (const [i, r] of panel.entries()) await scoreByPanel(reviewIdOf(pid, r), uniform(qualities[i]!))
    for (const [i, r] of panel.entries()) {
      expect(await p.read('ReviewPayment', 'calculatePayment', [reviewIdOf(pid, r)])).toBe(expected[i])
    }
    const rid = reviewIdOf(pid, r0)
    const { revealedAt } = await p.read('ReviewHub', 'getReview', [rid])
    await p.setNextTimestamp(revealedAt + days * DAY)
    const treasury = await p.balance(p.contracts.ReviewPayment)
    const receipt = await p.write('ReviewPayment', 'claimPayment', [rid], r0)
    expect(p.logsOf(receipt, 'ReviewPayment', 'PaymentMade')[0]!.args).toEqual({ recipient: r0, reviewId: rid, kind: Kind.Review, amount: expected[0] })
    expect(await p.balance(r0)).toBe(expected[0])
    expect(await p.balance(p.contracts.ReviewPayment)).toBe(treasury - expected[0]!)
    expect(await p.read('ReviewPayment', 'getReviewerEarnings', [r0])).toBe(expected[0])
    expect(await p.read('ReviewPayment', 'claimed', [rid])).toBe(true)
  })

  it('pays only the reviewer, only for a scored review, only after the dispute window, and once', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r0)
    const unlockAt = (await p.read('ReputationStaking', 'stakes', [rid]))[2]
    await expectRevert(p.write('ReviewPayment', 'claimPayment', [rid], r0), 'NotScored', [rid])
    await scoreByPanel(rid, uniform(6))
    await expectRevert(p.write('ReviewPayment', 'claimPayment', [rid], r1), 'NotTheReviewer', [rid, r1])
    await p.setNextTimestamp(unlockAt - 1n)
    await expectRevert(p.write('ReviewPayment', 'claimPayment', [rid], r0), 'DisputeWindowOpen', [rid, unlockAt])
    await p.setNextTimestamp(unlockAt)
    await p.write('ReviewPayment', 'claimPayment', [rid], r0)
    expect(await p.balance(r0)).toBe(5n * ZOO + ZOO / 2n)
    await expectRevert(p.write('ReviewPayment', 'claimPayment', [rid], r0), 'AlreadyClaimed', [rid])
    expect(await p.balance(r0)).toBe(5n * ZOO + ZOO / 2n)
  })

  it('holds the payment while an appeal is open', async () => {
    const pid = await reviewedProposal(p, author, panel)
    const rid = reviewIdOf(pid, r0)
    await scoreByPanel(rid, uniform(6))
    await p.write('ReviewHub', 'fileAppeal', [rid, 'grounds'], author)
    const unlockAt = (await p.read('ReputationStaking', 'stakes', [rid]))[2]
    await p.setNextTimestamp(unlockAt + DAY)
    await expectRevert(p.write('ReviewPayment', 'claimPayment', [rid], r0), 'DisputeWindowOpen', [rid, unlockAt])
    await p.write('ReviewHub', 'resolveAppeal', [1n, false, ''])
    await p.write('ReviewPayment', 'claimPayment', [rid], r0)
  })

  it('pays nothing for a missed review', async () => {
    const pid = await submitProposal(p, author)
    await p.write('ReviewHub', 'assignReviewers', [pid, panel])
    await p.increaseTime(7n * DAY + 1n)
    await p.write('ReviewHub', 'advance', [pid])
    const rid = reviewIdOf(pid, r0)
    await expectRevert(p.write('ReviewPayment', 'claimPayment', [rid], r0), 'NotPayable', [rid, ReviewStatus.Missed])
  })

  it('refuses to pay more than the treasury holds', async () => {
    const pid = await reviewedProposal(p, author, panel)
    await p.write('ReviewHub', 'decide', [pid, Outcome.Funded, ''])
    // Drain the treasury down to 1 ZOO (auto-impersonation sends from the contract's address).
    const payment = p.contracts.ReviewPayment
    await p.write('ZooToken', 'transfer', [stranger, (await p.balance(payment)) - ZOO], payment)
    await expectRevert(score(reviewIdOf(pid, r0), uniform(5), c0), 'TreasuryEmpty', [ZOO, 3n * ZOO])
  })
})

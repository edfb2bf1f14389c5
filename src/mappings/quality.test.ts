/** QualityScoring and ReviewPayment: meta-reviews, quality scores, payments (mappings/quality.ts). */
import { describe, expect, it } from 'vitest'
import { getAddress } from 'viem'
import { MetaReview, Payment, PaymentKind, Review, Reviewer } from '../model'
import { account, admitReviewer, assignReviewer, commitReview, expectIndexed, expectRejected, harnessTime, revealedReview, revealReview, reviewIdOf, submitProposal, type Harness } from './fixtures'
import { createHarness } from './testing'

const alice = account('alice')
const bob = account('bob')
const author = account('author')
const council = [account('c1'), account('c2'), account('c3')]
const rA = reviewIdOf(1n, alice)
const ether = 10n ** 18n

type Dims = [number, number, number, number, number]

/** A full panel as submitMetaReview emits it: each meta-review paid, then the score and its REP change. */
function panel(h: Harness, reviewId: string, reviewer: string, scores: Dims[], medians: Dims, overall: number): void {
  scores.forEach((dimensions, i) => {
    h.emit('QualityScoring', 'MetaReviewSubmitted', { reviewId, metaReviewer: council[i], dimensions })
    h.emit('ReviewPayment', 'PaymentMade', { recipient: council[i], reviewId, kind: 1, amount: 3n * ether })
  })
  h.emit('QualityScoring', 'QualityScored', { reviewId, proposalId: 1n, reviewer, medians, overall })
}

describe('MetaReviewSubmitted', () => {
  it('records each panel member\'s five dimensions', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    h.emit('QualityScoring', 'MetaReviewSubmitted', { reviewId: rA, metaReviewer: getAddress(council[0]!), dimensions: [1, 10, 5, 6, 7] }, { newBlock: true })
    await expectIndexed(h)
    expect(h.all(MetaReview)).toEqual([
      new MetaReview({ id: `${rA}-${council[0]}`, reviewId: rA, metaReviewer: council[0], dimensions: [1, 10, 5, 6, 7], timestamp: harnessTime(2), block: 2 }),
    ])
  })

  it('rejects dimensions out of range 1-10 and an unknown review', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    await expectIndexed(h)
    await expectRejected(h, 'QualityScoring', 'MetaReviewSubmitted', { reviewId: rA, metaReviewer: council[0], dimensions: [0, 5, 5, 5, 5] }, 'meta-review dimensions 0,5,5,5,5 out of range 1-10')
    await expectRejected(h, 'QualityScoring', 'MetaReviewSubmitted', { reviewId: rA, metaReviewer: council[0], dimensions: [5, 5, 5, 5, 11] }, 'meta-review dimensions 5,5,5,5,11 out of range 1-10')
    const unknown = reviewIdOf(1n, bob)
    await expectRejected(h, 'QualityScoring', 'MetaReviewSubmitted', { reviewId: unknown, metaReviewer: council[0], dimensions: [5, 5, 5, 5, 5] }, `unknown review ${unknown}`)
  })

  it('rejects a second meta-review of the same review by the same account, in a later batch or the same one', async () => {
    // The contract reverts it (AlreadyScored); a duplicate must be quarantined, not break the batch.
    const h = createHarness()
    revealedReview(h, alice, author)
    h.emit('QualityScoring', 'MetaReviewSubmitted', { reviewId: rA, metaReviewer: council[0], dimensions: [5, 5, 5, 5, 5] })
    await expectIndexed(h)
    await expectRejected(h, 'QualityScoring', 'MetaReviewSubmitted', { reviewId: rA, metaReviewer: council[0], dimensions: [9, 9, 9, 9, 9] }, `${council[0]} already scored review ${rA}`)
    expect(h.all(MetaReview).map((m) => m.dimensions)).toEqual([[5, 5, 5, 5, 5]])

    const h2 = createHarness()
    revealedReview(h2, alice, author)
    h2.emit('QualityScoring', 'MetaReviewSubmitted', { reviewId: rA, metaReviewer: council[0], dimensions: [5, 5, 5, 5, 5] })
    h2.emit('QualityScoring', 'MetaReviewSubmitted', { reviewId: rA, metaReviewer: council[0], dimensions: [9, 9, 9, 9, 9] })
    expect((await h2.flush()).quarantined).toBe(1)
    expect(h2.all(MetaReview).map((m) => m.dimensions)).toEqual([[5, 5, 5, 5, 5]])
  })
})

describe('QualityScored', () => {
  it('sets the review\'s quality and medians and adds to the reviewer\'s score sum and count', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    await expectIndexed(h)
    panel(h, rA, alice, [[8, 8, 9, 7, 8], [9, 9, 8, 8, 9], [7, 10, 9, 9, 8]], [8, 9, 9, 8, 8], 8)
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 2, delta: 5n, balance: 315n, ref: rA })
    await expectIndexed(h)
    expect(h.get(Review, rA)).toMatchObject({ quality: 8, qualityMedians: [8, 9, 9, 8, 8], scoredAt: harnessTime(2) })
    expect(h.get(Reviewer, alice)).toMatchObject({ qualityScoreSum: 8, qualityScoreCount: 1, reputation: 315n })
    expect(h.all(MetaReview)).toHaveLength(3)

    // A second review of alice's, scored low.
    const r2 = reviewIdOf(2n, alice)
    submitProposal(h, 2n, author)
    assignReviewer(h, 2n, alice)
    commitReview(h, 2n, alice)
    revealReview(h, 2n, alice, { balance: 325n })
    await expectIndexed(h)
    h.emit('QualityScoring', 'QualityScored', { reviewId: r2, proposalId: 2n, reviewer: alice, medians: [2, 2, 2, 2, 2], overall: 2 })
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)).toMatchObject({ qualityScoreSum: 10, qualityScoreCount: 2 })
  })

  it('rejects an overall score or a median out of range, an unknown review, and a reviewer the review is not of', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    admitReviewer(h, bob)
    await expectIndexed(h)
    const scored = (o: Partial<{ reviewId: string; reviewer: string; medians: Dims; overall: number }>) => ({ reviewId: rA, proposalId: 1n, reviewer: alice, medians: [5, 5, 5, 5, 5], overall: 5, ...o })
    await expectRejected(h, 'QualityScoring', 'QualityScored', scored({ overall: 0 }), 'quality 0 or medians out of range 1-10')
    await expectRejected(h, 'QualityScoring', 'QualityScored', scored({ overall: 11 }), 'quality 11 or medians out of range 1-10')
    await expectRejected(h, 'QualityScoring', 'QualityScored', scored({ medians: [5, 5, 0, 5, 5] }), 'quality 5 or medians out of range 1-10')
    const unknown = reviewIdOf(1n, bob)
    await expectRejected(h, 'QualityScoring', 'QualityScored', scored({ reviewId: unknown, reviewer: bob }), `unknown review ${unknown}`)
    await expectRejected(h, 'QualityScoring', 'QualityScored', scored({ reviewer: bob }), `review ${rA} belongs to ${alice}, not ${bob}`)
    expect(h.get(Review, rA)?.quality).toBeNull()
  })
})

describe('PaymentMade', () => {
  it('a review payment sets the review\'s paid amount and adds to its reviewer\'s earnings', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    h.emit('ReviewPayment', 'PaymentMade', { recipient: alice, reviewId: rA, kind: 0, amount: 65n * ether / 10n }, { newBlock: true })
    await expectIndexed(h)
    expect(h.get(Review, rA)?.paid).toBe(65n * ether / 10n)
    expect(h.get(Reviewer, alice)?.earnings).toBe(65n * ether / 10n)
    expect(h.all(Payment)).toEqual([
      new Payment({ id: '0000000002-000000', recipient: alice, reviewId: rA, kind: PaymentKind.REVIEW, amount: 65n * ether / 10n, timestamp: harnessTime(2), block: 2 }),
    ])
  })

  it('meta-review payments add to the earnings of registered reviewers only, and leave the review\'s paid amount alone', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    admitReviewer(h, bob)
    h.emit('ReviewPayment', 'PaymentMade', { recipient: getAddress(bob), reviewId: rA, kind: 1, amount: 3n * ether })
    h.emit('ReviewPayment', 'PaymentMade', { recipient: council[0], reviewId: rA, kind: 1, amount: 3n * ether })
    await expectIndexed(h)
    h.emit('ReviewPayment', 'PaymentMade', { recipient: bob, reviewId: rA, kind: 1, amount: 3n * ether })
    await expectIndexed(h)
    expect(h.get(Reviewer, bob)?.earnings).toBe(6n * ether)
    expect(h.get(Reviewer, council[0]!)).toBeUndefined()
    expect(h.get(Review, rA)?.paid).toBeNull()
    expect(h.all(Payment).map((p) => [p.recipient, p.kind, p.amount])).toEqual([
      [bob, PaymentKind.META_REVIEW, 3n * ether],
      [council[0], PaymentKind.META_REVIEW, 3n * ether],
      [bob, PaymentKind.META_REVIEW, 3n * ether],
    ])
  })

  it('rejects a kind beyond the enum and a payment for an unknown review', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    await expectIndexed(h)
    await expectRejected(h, 'ReviewPayment', 'PaymentMade', { recipient: alice, reviewId: rA, kind: 2, amount: 1n }, 'payment kind 2 out of range')
    const unknown = reviewIdOf(1n, bob)
    await expectRejected(h, 'ReviewPayment', 'PaymentMade', { recipient: alice, reviewId: unknown, kind: 0, amount: 1n }, `payment for unknown review ${unknown}`)
    expect(h.get(Reviewer, alice)?.earnings).toBe(0n)
  })
})

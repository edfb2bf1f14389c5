/** QualityScoring and ReviewPayment: meta-reviews, quality scores, and what reviewers were paid. */
import { MetaReview, Payment, PaymentKind, Review, Reviewer } from '../model'
import { addr, defineMapping, enumAt } from './mapping'

export const PAYMENT_KINDS = [PaymentKind.REVIEW, PaymentKind.META_REVIEW] as const
const inScoreRange = (values: readonly number[]) => values.length === 5 && values.every((v) => v >= 1 && v <= 10)

export const quality = defineMapping('QualityScoring', {
  needs: {
    MetaReviewSubmitted: (e, n) => {
      n.add(Review, e.args.reviewId)
      n.add(MetaReview, `${e.args.reviewId}-${addr(e.args.metaReviewer)}`)
    },
    QualityScored: (e, n) => {
      n.add(Review, e.args.reviewId)
      n.add(Reviewer, addr(e.args.reviewer))
    },
  },
  handle: {
    MetaReviewSubmitted(e, s) {
      const dims = e.args.dimensions.map(Number)
      if (!inScoreRange(dims)) return `meta-review dimensions ${dims.join(',')} out of range 1-10`
      if (!s.find(Review, e.args.reviewId)) return `unknown review ${e.args.reviewId}`
      const metaReviewer = addr(e.args.metaReviewer)
      // Keyed by review and meta-reviewer, not by event: a duplicate is quarantined, never inserted twice.
      const id = `${e.args.reviewId}-${metaReviewer}`
      if (s.find(MetaReview, id)) return `${metaReviewer} already scored review ${e.args.reviewId}`
      s.put(new MetaReview({ id, reviewId: e.args.reviewId, metaReviewer, dimensions: dims, timestamp: e.meta.timestamp, block: e.meta.block }))
    },
    QualityScored(e, s) {
      const medians = e.args.medians.map(Number)
      if (!inScoreRange(medians) || e.args.overall < 1 || e.args.overall > 10) return `quality ${e.args.overall} or medians out of range 1-10`
      const review = s.find(Review, e.args.reviewId)
      if (!review) return `unknown review ${e.args.reviewId}`
      // The reviewer counted is the one the batch loaded: the event's, which must be the review's.
      if (review.reviewer !== addr(e.args.reviewer)) return `review ${review.id} belongs to ${review.reviewer}, not ${addr(e.args.reviewer)}`
      const r = s.edit(Review, review.id)!
      r.quality = e.args.overall
      r.qualityMedians = medians
      r.scoredAt = e.meta.timestamp
      const reviewer = s.edit(Reviewer, r.reviewer)
      if (reviewer) {
        reviewer.qualityScoreSum += e.args.overall
        reviewer.qualityScoreCount += 1
      }
    },
  },
})

export const payment = defineMapping('ReviewPayment', {
  needs: {
    PaymentMade: (e, n) => {
      n.add(Review, e.args.reviewId)
      n.add(Reviewer, addr(e.args.recipient))
    },
  },
  handle: {
    PaymentMade(e, s) {
      const kind = enumAt(PAYMENT_KINDS, e.args.kind)
      if (kind === undefined) return `payment kind ${e.args.kind} out of range`
      const review = s.find(Review, e.args.reviewId)
      if (!review) return `payment for unknown review ${e.args.reviewId}`
      const recipient = addr(e.args.recipient)
      if (kind === PaymentKind.REVIEW) s.edit(Review, review.id)!.paid = e.args.amount
      const reviewer = s.edit(Reviewer, recipient)
      if (reviewer) reviewer.earnings += e.args.amount
      s.append(new Payment({ id: e.meta.id, recipient, reviewId: review.id, kind, amount: e.args.amount, timestamp: e.meta.timestamp, block: e.meta.block }))
    },
  },
})

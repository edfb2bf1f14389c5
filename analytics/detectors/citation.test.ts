import { describe, expect, it } from 'vitest'
import { reviewOf, seededRandom, shuffled, snapshotOf } from '../testing'
import { detectCitationCoercion } from './citation'

const R = '0x000000000000000000000000000000000000000a'
const works = [
  { id: 1, authors: [R] },
  { id: 2, authors: [R, '0x00000000000000000000000000000000000000ff'] },
  { id: 3, authors: ['0x00000000000000000000000000000000000000ee'] },
]

/** R's reviews: the first `selfCiting` cite R's work 1 or 2, the rest cite work 3; scores as given. */
function reviewsOf(total: number, selfCiting: number, score: (i: number, self: boolean) => number) {
  return Array.from({ length: total }, (_, i) => {
    const self = i < selfCiting
    return reviewOf({ proposalId: `p${i}`, reviewer: R, score: score(i, self), citedWorks: self ? [1 + (i % 2)] : [3], revealedAt: 100 + i })
  })
}

describe('citation coercion', () => {
  it('flags a reviewer citing their own works in more than half of their reviews, listing those reviews', () => {
    const flags = detectCitationCoercion(snapshotOf({ works, reviews: reviewsOf(10, 6, () => 5) }))
    const self = flags.find((f) => f.kind === 'self-citation')!
    expect(self.subjects).toEqual([R])
    expect(self.value).toBe(0.6)
    expect((self.evidence.selfCitingReviews as unknown[]).length).toBe(6)
    expect(self.evidence.ownWorks).toEqual([1, 2])
  })

  it('does not flag exactly half, nor a high share over too few reviews', () => {
    expect(detectCitationCoercion(snapshotOf({ works, reviews: reviewsOf(10, 5, () => 5) })).filter((f) => f.kind === 'self-citation')).toEqual([])
    expect(detectCitationCoercion(snapshotOf({ works, reviews: reviewsOf(5, 5, () => 5) }))).toEqual([])
  })

  it('does not count citations of other people\'s works, nor reviewers without registered works', () => {
    const other = '0x000000000000000000000000000000000000000b'
    const reviews = reviewsOf(10, 0, () => 5).map((r) => ({ ...r, reviewer: other, citedWorks: [3] }))
    expect(detectCitationCoercion(snapshotOf({ works, reviews }))).toEqual([])
  })

  it('flags self-citation followed by a favourable score more often than the reviewer\'s other reviews', () => {
    const flags = detectCitationCoercion(snapshotOf({ works, reviews: reviewsOf(12, 4, (_, self) => (self ? 9 : 4)) }))
    const followed = flags.find((f) => f.kind === 'citation-score')!
    expect(followed.value).toBe(4)
    expect(followed.evidence.selfCiting).toEqual({ reviews: 4, favourable: 4, rate: 1 })
    expect(followed.evidence.otherReviews).toEqual({ reviews: 8, favourable: 0, rate: 0 })
    expect(flags.find((f) => f.kind === 'self-citation')).toBeUndefined()
  })

  it('does not flag favourable self-citing reviews from a reviewer who is as favourable everywhere', () => {
    expect(detectCitationCoercion(snapshotOf({ works, reviews: reviewsOf(12, 4, () => 9) })).filter((f) => f.kind === 'citation-score')).toEqual([])
  })

  it('gives the same flags for any order of the reviews', () => {
    const reviews = reviewsOf(12, 8, (i) => 1 + (i % 10))
    expect(detectCitationCoercion(snapshotOf({ works, reviews: shuffled(reviews, seededRandom(4)) }))).toEqual(detectCitationCoercion(snapshotOf({ works, reviews })))
  })
})

import { describe, expect, it } from 'vitest'
import { reviewOf, seededRandom, shuffled, snapshotOf } from '../testing'
import { groupBy } from '../types'
import { detectScoreCorrelation, pairsCoScored, scoreCorrelationOf } from './score-correlation'

const A = '0x000000000000000000000000000000000000000a'
const B = '0x000000000000000000000000000000000000000b'
const C = '0x000000000000000000000000000000000000000c'

/** Reviews of `n` proposals by A and B with the given scores (and C with random ones). */
function season(n: number, scoreA: (i: number) => number, scoreB: (i: number) => number, random = seededRandom(1)) {
  return Array.from({ length: n }, (_, i) => [
    reviewOf({ proposalId: `p${i}`, reviewer: A, score: scoreA(i), revealedAt: 1000 + i }),
    reviewOf({ proposalId: `p${i}`, reviewer: B, score: scoreB(i), revealedAt: 1000 + i }),
    reviewOf({ proposalId: `p${i}`, reviewer: C, score: 1 + Math.floor(random() * 10), revealedAt: 1000 + i }),
  ]).flat()
}

describe('score correlation', () => {
  it('finds, for the pairs new reveals share a proposal (the live detector), the flags the whole detector finds about them', () => {
    const random = seededRandom(4)
    const reviewers = Array.from({ length: 12 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}`)
    const reviews = Array.from({ length: 150 }, (_, p) => shuffled(reviewers, random).slice(0, 4).map((reviewer, k) =>
      // The first three reviewers score alike (a clique); unrevealed reviews have no score.
      reviewOf({ proposalId: `p${p}`, reviewer, score: k === 3 && random() < 0.2 ? null : reviewers.indexOf(reviewer) < 3 ? 1 + (p % 10) : 1 + Math.floor(random() * 10), revealedAt: 1000 + p }),
    )).flat()
    const whole = detectScoreCorrelation(snapshotOf({ reviews }))
    const byProposal = groupBy(reviews, (r) => r.proposalId)
    const byReviewer = groupBy(reviews, (r) => r.reviewer)
    const index = { byProposal: (id: string) => byProposal.get(id) ?? [], byReviewer: (id: string) => byReviewer.get(id) ?? [] }
    // The reviews of the last proposals as the batch revealing them.
    for (const from of [149, 140, 0]) {
      const pairs = pairsCoScored(reviews.filter((r) => Number(r.proposalId.slice(1)) >= from), index)
      const about = whole.filter((f) => pairs.get(f.subjects[0]!)?.has(f.subjects[1]!))
      expect(scoreCorrelationOf(pairs, index, 1000)).toEqual(about)
      if (from === 0) expect(about).toEqual(whole)
    }
    expect(whole.length).toBeGreaterThanOrEqual(2)
  })

  it('flags a pair whose scores move together over 10 shared proposals, with the scores as evidence', () => {
    const flags = detectScoreCorrelation(snapshotOf({ reviews: season(10, (i) => 1 + (i % 10), (i) => 1 + (i % 10)) }))
    expect(flags).toHaveLength(1)
    const [flag] = flags
    expect(flag!.subjects).toEqual([A, B])
    expect(flag!.value).toBe(1)
    expect(flag!.id).toBe(`score-correlation:${A},${B}:all`)
    expect((flag!.evidence.scores as unknown[]).length).toBe(10)
    expect(flag!.evidence.sharedProposals).toBe(10)
  })

  it('does not flag the same agreement over 9 shared proposals', () => {
    expect(detectScoreCorrelation(snapshotOf({ reviews: season(9, (i) => 1 + i, (i) => 1 + i) }))).toEqual([])
  })

  it('does not flag an honest pair that agrees loosely (r about 0.5)', () => {
    const random = seededRandom(7)
    const reviews = season(40, (i) => 1 + (i % 10), (i) => Math.max(1, Math.min(10, 1 + (i % 10) + Math.round((random() - 0.5) * 8))))
    const flags = detectScoreCorrelation(snapshotOf({ reviews }))
    expect(flags.filter((f) => f.subjects.includes(A) && f.subjects.includes(B))).toEqual([])
  })

  it('flags a pair at r just above 0.95 and not one just below', () => {
    const base = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    const close = base.map((s, i) => (i === 3 ? s + 1 : s)) // r = 0.99
    const far = base.map((s, i) => (i % 4 === 0 ? Math.min(10, s + 3) : s)) // r < 0.95
    expect(detectScoreCorrelation(snapshotOf({ reviews: season(20, (i) => base[i]!, (i) => close[i]!) })).map((f) => f.subjects)).toContainEqual([A, B])
    const flags = detectScoreCorrelation(snapshotOf({ reviews: season(20, (i) => base[i]!, (i) => far[i]!) }))
    expect(flags.map((f) => f.subjects)).not.toContainEqual([A, B])
  })

  it('counts identical constant scores as agreement, and a constant reviewer beside a varying one as nothing', () => {
    const identical = detectScoreCorrelation(snapshotOf({ reviews: season(12, () => 8, () => 8) }))
    expect(identical).toHaveLength(1)
    expect(identical[0]!.evidence.constantScores).toBe(true)
    expect(identical[0]!.value).toBe(1)
    expect(detectScoreCorrelation(snapshotOf({ reviews: season(12, () => 8, (i) => 1 + (i % 10)) }))).toEqual([])
    expect(detectScoreCorrelation(snapshotOf({ reviews: season(12, () => 8, () => 8) }), { minR: 0.95, minShared: 10, identicalCountsAsAgreement: false })).toEqual([])
  })

  it('ignores unrevealed reviews', () => {
    const reviews = season(10, (i) => 1 + i, (i) => 1 + i).map((r, i) => (i === 1 ? { ...r, score: null } : r))
    expect(detectScoreCorrelation(snapshotOf({ reviews }))).toEqual([])
  })

  it('gives the same flags for any order of the reviews', () => {
    const reviews = season(15, (i) => 1 + (i % 10), (i) => 1 + (i % 10))
    const expected = detectScoreCorrelation(snapshotOf({ reviews }))
    expect(detectScoreCorrelation(snapshotOf({ reviews: shuffled(reviews, seededRandom(3)) }))).toEqual(expected)
  })
})

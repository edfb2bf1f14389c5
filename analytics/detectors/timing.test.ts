import { describe, expect, it } from 'vitest'
import { reviewOf, seededRandom, shuffled, snapshotOf } from '../testing'
import { groupBy } from '../types'
import { detectTimingCorrelation, pairsCoCommitting, timingCorrelationOf } from './timing'

const A = '0x000000000000000000000000000000000000000a'
const B = '0x000000000000000000000000000000000000000b'
const C = '0x000000000000000000000000000000000000000c'
const WEEK = 7 * 86_400

/** Proposal i's commits: A at its start + offset, B `gap` seconds later, C at a random time of the week. */
function commits(proposals: number, gap: (i: number) => number, random = seededRandom(5)) {
  return Array.from({ length: proposals }, (_, i) => {
    const start = 1_000_000 + i * WEEK
    const at = start + 3_600
    return [
      reviewOf({ proposalId: `p${i}`, reviewer: A, committedAt: at, committedBlock: 10 * i }),
      reviewOf({ proposalId: `p${i}`, reviewer: B, committedAt: at + gap(i), committedBlock: 10 * i + 1 }),
      reviewOf({ proposalId: `p${i}`, reviewer: C, committedAt: start + Math.floor(random() * WEEK), committedBlock: 10 * i + 2 }),
    ]
  }).flat()
}

describe('timing correlation', () => {
  it('finds, for the pairs a new commit gives a co-commit (the live detector), the flags the whole detector finds about them', () => {
    const reviews = commits(6, (i) => (i % 2 ? 30 : 20))
    const index = { byProposal: (id: string) => groupBy(reviews, (r) => r.proposalId).get(id) ?? [], byReviewer: (id: string) => groupBy(reviews, (r) => r.reviewer).get(id) ?? [] }
    const latest = reviews.filter((r) => r.proposalId === 'p5')
    const pairs = pairsCoCommitting(latest, index)
    expect([...pairs].map(([a, ofA]) => [a, [...ofA.keys()]])).toEqual([[A, [B]]])
    const whole = detectTimingCorrelation(snapshotOf({ reviews }))
    expect(whole).toHaveLength(1)
    expect(timingCorrelationOf(pairs, index, 1000)).toEqual(whole)
  })

  it('flags two reviewers committing within a minute of each other on three proposals, with the commit times', () => {
    const flags = detectTimingCorrelation(snapshotOf({ reviews: commits(3, (i) => [5, 59, 60][i]!) }))
    expect(flags).toHaveLength(1)
    expect(flags[0]!.subjects).toEqual([A, B])
    expect(flags[0]!.value).toBe(3)
    const evidence = flags[0]!.evidence.coCommits as { proposalId: string; gapSeconds: number }[]
    expect(evidence.map((c) => [c.proposalId, c.gapSeconds])).toEqual([['p0', 5], ['p1', 59], ['p2', 60]])
  })

  it('counts a minute boundary between the commits as the same minute (12:00:59 and 12:01:01)', () => {
    const reviews = commits(3, () => 2).map((r) => {
      const minute = Math.floor(r.committedAt! / 60) * 60
      return r.reviewer === A ? { ...r, committedAt: minute + 59 } : r.reviewer === B ? { ...r, committedAt: minute + 61 } : r
    })
    expect(reviews.filter((r) => r.reviewer !== C).map((r) => r.committedAt! % 60)).toEqual([59, 1, 59, 1, 59, 1])
    expect(detectTimingCorrelation(snapshotOf({ reviews })).map((f) => f.subjects)).toEqual([[A, B]])
  })

  it('does not flag a coincidence on two proposals, nor commits 61 s apart', () => {
    expect(detectTimingCorrelation(snapshotOf({ reviews: commits(2, () => 10) }))).toEqual([])
    expect(detectTimingCorrelation(snapshotOf({ reviews: commits(5, () => 61) }))).toEqual([])
  })

  it('does not flag honest reviewers committing at random times of the commit week over many proposals', () => {
    const random = seededRandom(11)
    const reviewers = Array.from({ length: 30 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}`)
    const reviews = Array.from({ length: 2_000 }, (_, p) =>
      shuffled(reviewers, random).slice(0, 3).map((reviewer) => reviewOf({ proposalId: `p${p}`, reviewer, committedAt: 1_000_000 + Math.floor(random() * WEEK) })),
    ).flat()
    expect(detectTimingCorrelation(snapshotOf({ reviews }))).toEqual([])
  })

  it('ignores reviews without a commit', () => {
    const reviews = commits(3, () => 5).map((r) => (r.reviewer === B && r.proposalId === 'p1' ? { ...r, committedAt: null } : r))
    expect(detectTimingCorrelation(snapshotOf({ reviews }))).toEqual([])
  })

  it('gives the same flags for any order of the reviews', () => {
    const reviews = commits(4, () => 30)
    expect(detectTimingCorrelation(snapshotOf({ reviews: shuffled(reviews, seededRandom(2)) }))).toEqual(detectTimingCorrelation(snapshotOf({ reviews })))
  })
})

import { describe, expect, it } from 'vitest'
import { DETECTOR_DEFAULTS } from '../config'
import { reviewOf, seededRandom, shuffled, snapshotOf } from '../testing'
import type { Flag, ProposalFact, ReviewFact, Snapshot } from '../types'
import { denseGroupCutoff, detectReciprocalReview } from './reciprocal'

const DAY = 86_400, MONTH = 30 * DAY, T0 = 1_700_000_000
const account = (i: number) => `0x${i.toString(16).padStart(40, '0')}`
const [A, B, C, D, E, F, G, H] = [1, 2, 3, 4, 5, 6, 7, 8].map(account) as [string, string, string, string, string, string, string, string]

/** Proposals and reviews built up one review at a time; every review is of a fresh proposal unless one is named. */
class World {
  proposals: ProposalFact[] = []
  reviews: ReviewFact[] = []
  propose(author: string, at: number): string {
    const id = `p${this.proposals.length}`
    this.proposals.push({ id, author, domain: 1, submittedAt: at, decidedAt: null })
    return id
  }
  review(reviewer: string, author: string, score: number, at: number, proposalId = this.propose(author, at - DAY)): ReviewFact {
    const r = reviewOf({ id: `r${this.reviews.length}`, proposalId, reviewer, score, committedAt: at - 3600, revealedAt: at })
    this.reviews.push(r)
    return r
  }
  /** a -> b -> ... -> a, one review per edge, `step` apart. */
  ring(members: readonly string[], start: number, step: number, score = 8): void {
    members.forEach((m, i) => this.review(m, members[(i + 1) % members.length]!, score, start + i * step))
  }
  snapshot(): Snapshot {
    return snapshotOf({ reviews: this.reviews, proposals: this.proposals })
  }
}

const ofKind = (flags: Flag[], kind: Flag['kind']) => flags.filter(f => f.kind === kind)
/** Every review makes an edge, favourable or not: the graph mechanics below, apart from the default. */
const ALL_REVIEWS = { ...DETECTOR_DEFAULTS.reciprocal, favourableOnly: false, minExchanges: 1 }
/** One exchange is enough: the pair mechanics, apart from the default of two. */
const ONE_EXCHANGE = { ...DETECTOR_DEFAULTS.reciprocal, minExchanges: 1 }

/** Accounts authoring one or two proposals each over three years, each proposal reviewed by `reviewsEach` random others. */
function honestBackground(world: World, accounts: readonly string[], reviewsEach: number, rand: () => number): void {
  for (const author of accounts) {
    for (let p = 0, proposals = 1 + Math.floor(rand() * 2); p < proposals; p++) {
      const submitted = T0 + Math.floor(rand() * 3 * 365 * DAY), id = world.propose(author, submitted)
      const reviewers = new Set<string>()
      while (reviewers.size < reviewsEach) {
        const r = accounts[Math.floor(rand() * accounts.length)]!
        if (r !== author) reviewers.add(r)
      }
      for (const r of reviewers) world.review(r, author, 3 + Math.floor(rand() * 6), submitted + Math.floor(rand() * 30 * DAY), id)
    }
  }
}

/** Five accounts scoring each other's proposals 9 (all 20 directions) within a month, honest proposals 4, among 60 honest accounts. */
function colludersAmongHonest(seed = 7): { world: World; colluders: string[] } {
  const rand = seededRandom(seed), world = new World()
  const colluders = [101, 102, 103, 104, 105].map(account), honest = Array.from({ length: 60 }, (_, i) => account(1000 + i))
  honestBackground(world, honest, 2, rand)
  colluders.forEach((author, i) => {
    const id = world.propose(author, T0 + i * 5 * DAY)
    for (const reviewer of colluders) if (reviewer !== author) world.review(reviewer, author, 9, T0 + (i * 5 + 2) * DAY + colluders.indexOf(reviewer) * 3600, id)
    // Honest accounts review the colluders' proposals and the colluders review theirs, so the group is no island.
    for (let k = 0; k < 2; k++) world.review(honest[Math.floor(rand() * honest.length)]!, author, 5, T0 + (i * 5 + 3) * DAY, id)
    for (let k = 0; k < 2; k++) world.review(author, honest[Math.floor(rand() * honest.length)]!, 4, T0 + (i * 5 + 4) * DAY)
  })
  return { world, colluders }
}

describe('detectReciprocalReview: reciprocal pairs', () => {
  it('flags two accounts who review each other three months apart, counting both favourable scores', () => {
    const world = new World()
    const ab = world.review(A, B, 8, T0), ba = world.review(B, A, 9, T0 + 3 * MONTH)
    const flags = detectReciprocalReview(world.snapshot(), ONE_EXCHANGE)
    expect(flags).toHaveLength(1)
    const [flag] = flags as [Flag]
    expect(flag).toMatchObject({ kind: 'reciprocal-review', subjects: [A, B], window: { from: T0, to: T0 + 3 * MONTH }, value: 1, threshold: 1, comparison: '>=', block: 1000 })
    expect(flag.evidence).toMatchObject({
      firstReviewedSecond: [{ reviewId: ab.id, proposalId: ab.proposalId, score: 8, at: T0 }],
      secondReviewedFirst: [{ reviewId: ba.id, proposalId: ba.proposalId, score: 9, at: T0 + 3 * MONTH }],
      closestGapDays: 90, favourable: { count: 2, of: 2 },
    })
  })

  it('by default wants a repeated swap of favourable reviews: not an exchange of honest verdicts, not one chance swap', () => {
    const world = new World()
    world.review(A, B, 4, T0)
    world.review(B, A, 9, T0 + MONTH)
    expect(detectReciprocalReview(world.snapshot(), ONE_EXCHANGE)).toEqual([])
    world.review(A, B, 8, T0 + 2 * MONTH)
    expect(detectReciprocalReview(world.snapshot(), ONE_EXCHANGE)).toMatchObject([{ kind: 'reciprocal-review', subjects: [A, B], value: 1 }])
    expect(detectReciprocalReview(world.snapshot())).toEqual([])
    world.review(B, A, 9, T0 + 3 * MONTH)
    expect(detectReciprocalReview(world.snapshot())).toMatchObject([{ kind: 'reciprocal-review', subjects: [A, B], value: 2, threshold: 2 }])
  })

  it('windows the pair on its closest exchange and counts every exchange within six months', () => {
    const world = new World()
    world.review(A, B, 4, T0)
    world.review(B, A, 9, T0 + 4 * MONTH)
    world.review(A, B, 9, T0 + 5 * MONTH)
    world.review(A, B, 9, T0 + 20 * MONTH) // no review back within six months of it: not part of the flag
    const [flag] = detectReciprocalReview(world.snapshot(), ALL_REVIEWS) as [Flag]
    expect(flag.window).toEqual({ from: T0 + 4 * MONTH, to: T0 + 5 * MONTH })
    expect(flag.value).toBe(2)
    expect(flag.evidence.favourable).toEqual({ count: 2, of: 3 })
  })

  it('does not flag a pair whose reviews of each other are eight months apart', () => {
    const world = new World()
    world.review(A, B, 9, T0)
    world.review(B, A, 9, T0 + 8 * MONTH)
    expect(detectReciprocalReview(world.snapshot())).toEqual([])
  })

  it('does not flag reviews that go one way only', () => {
    const world = new World()
    world.review(A, B, 9, T0)
    world.review(A, B, 9, T0 + MONTH)
    world.review(B, C, 9, T0 + MONTH)
    world.review(C, D, 9, T0 + 2 * MONTH)
    expect(detectReciprocalReview(world.snapshot())).toEqual([])
  })

  it('ignores accounts reviewing their own proposals and unrevealed reviews', () => {
    const world = new World()
    world.review(A, A, 10, T0)
    world.review(B, B, 10, T0)
    world.review(A, B, 9, T0)
    const unrevealed = world.review(B, A, 9, T0 + MONTH)
    world.reviews[world.reviews.indexOf(unrevealed)] = { ...unrevealed, score: null, revealedAt: null }
    expect(detectReciprocalReview(world.snapshot())).toEqual([])
  })
})

describe('detectReciprocalReview: review rings', () => {
  it('flags a 3-ring and a 5-ring once each, starting at the smallest address, with their reviews', () => {
    const world = new World()
    world.ring([B, C, A], T0, MONTH, 9) // B -> C -> A -> B
    world.ring([D, E, F, G, H], T0, MONTH)
    const rings = ofKind(detectReciprocalReview(world.snapshot()), 'review-ring')
    expect(rings.map(f => f.evidence.cycle)).toEqual([[A, B, C], [D, E, F, G, H]])
    const [three, five] = rings as [Flag, Flag]
    expect(three).toMatchObject({ subjects: [A, B, C], window: { from: T0, to: T0 + 2 * MONTH }, value: 3, threshold: 3, comparison: '>=' })
    expect(three.evidence.edges).toEqual([
      { reviewer: A, author: B, reviews: [{ reviewId: 'r2', proposalId: 'p2', score: 9, at: T0 + 2 * MONTH }] },
      { reviewer: B, author: C, reviews: [{ reviewId: 'r0', proposalId: 'p0', score: 9, at: T0 }] },
      { reviewer: C, author: A, reviews: [{ reviewId: 'r1', proposalId: 'p1', score: 9, at: T0 + MONTH }] },
    ])
    expect(three.evidence).toMatchObject({ favourable: { count: 3, of: 3 }, meanScore: 9 })
    expect(five).toMatchObject({ subjects: [D, E, F, G, H], window: { from: T0, to: T0 + 4 * MONTH }, value: 5 })
    expect(five.evidence).toMatchObject({ favourable: { count: 5, of: 5 }, meanScore: 8 })
  })

  it('does not flag a 6-cycle when the longest cycle searched is 5, and does at 6', () => {
    const world = new World()
    world.ring([A, B, C, D, E, F], T0, 10 * DAY)
    expect(ofKind(detectReciprocalReview(world.snapshot()), 'review-ring')).toEqual([])
    const six = ofKind(detectReciprocalReview(world.snapshot(), { ...DETECTOR_DEFAULTS.reciprocal, maxCycleLength: 6 }), 'review-ring')
    expect(six.map(f => f.evidence.cycle)).toEqual([[A, B, C, D, E, F]])
  })

  it('finds a 3-ring but not a 4-ring when the longest cycle searched is 3', () => {
    const world = new World()
    world.ring([A, B, C], T0, DAY)
    world.ring([D, E, F, G], T0, DAY)
    const rings = ofKind(detectReciprocalReview(world.snapshot(), { ...DETECTOR_DEFAULTS.reciprocal, maxCycleLength: 3 }), 'review-ring')
    expect(rings.map(f => f.evidence.cycle)).toEqual([[A, B, C]])
  })

  it('does not flag a ring whose reviews span eight months', () => {
    const world = new World()
    world.ring([A, B, C], T0, 4 * MONTH)
    expect(ofKind(detectReciprocalReview(world.snapshot()), 'review-ring')).toEqual([])
  })

  it('flags that ring once a later review on its first edge fits it into six months, listing only the reviews that fit', () => {
    const world = new World()
    world.ring([A, B, C], T0, 4 * MONTH) // A -> B at 0, B -> C at 4 months, C -> A at 8 months
    const late = world.review(A, B, 6, T0 + 5 * MONTH)
    const [ring] = ofKind(detectReciprocalReview(world.snapshot(), ALL_REVIEWS), 'review-ring') as [Flag]
    expect(ring.window).toEqual({ from: T0 + 4 * MONTH, to: T0 + 8 * MONTH })
    expect((ring.evidence.edges as { reviews: { reviewId: string }[] }[])[0]!.reviews.map(r => r.reviewId)).toEqual([late.id])
    expect(ring.evidence.favourable).toEqual({ count: 2, of: 3 })
  })

  it('finds few rings among 200 honest accounts reviewing at random over three years', () => {
    const world = new World(), honest = Array.from({ length: 200 }, (_, i) => account(1000 + i))
    honestBackground(world, honest, 3, seededRandom(11))
    const flags = detectReciprocalReview(world.snapshot())
    // Chance closes some cycles through any reviews: 5 here (lengths 3, 5, 5, 3, 3); 48 when each proposal
    // gets 5 reviews instead of 3. Through favourable reviews only (the default), none.
    expect(ofKind(detectReciprocalReview(world.snapshot(), ALL_REVIEWS), 'review-ring').length).toBeLessThanOrEqual(10)
    expect(ofKind(flags, 'review-ring')).toEqual([])
    expect(ofKind(flags, 'dense-review-group')).toEqual([])
  })
})

describe('detectReciprocalReview: dense review groups', () => {
  it('flags exactly the five accounts who all review each other among 60 honest accounts', () => {
    const { world, colluders } = colludersAmongHonest()
    const groups = ofKind(detectReciprocalReview(world.snapshot(), ALL_REVIEWS), 'dense-review-group')
    expect(groups.map(f => f.subjects)).toEqual([colluders])
    const [group] = groups as [Flag]
    expect(group).toMatchObject({ value: 1, threshold: 0.5, comparison: '>=', metric: 'directed edge density' })
    expect(group.evidence).toMatchObject({ members: colluders, edges: 20, possibleEdges: 20, meanScoreInside: 9, reviewsInside: 20, meanScoreGivenOutside: 4, reviewsGivenOutside: 10 })
    expect(group.evidence.internalEdges).toHaveLength(20)
  })

  it('sees only the reviews made before the last UTC midnight: a group that has not formed by then is not seen', () => {
    const { world, colluders } = colludersAmongHonest()
    const inside = world.reviews.filter((r) => colluders.includes(r.reviewer) && colluders.includes(world.proposals.find((p) => p.id === r.proposalId)!.author)).map((r) => r.revealedAt!)
    const groupsAt = (t: number) => ofKind(detectReciprocalReview({ ...world.snapshot(), at: t }, ALL_REVIEWS), 'dense-review-group').map(f => f.subjects)
    const everything = Math.max(...world.reviews.map((r) => r.revealedAt!))
    expect(groupsAt(Math.min(...inside) + 60)).toEqual([]) // the day the group starts reviewing: none of it counted yet
    expect(groupsAt(Math.ceil((everything + 1) / DAY) * DAY)).toEqual([colluders]) // from the midnight after the last review, all is
    expect(denseGroupCutoff(everything, DETECTOR_DEFAULTS.reciprocal)).toBe(Math.floor(everything / DAY) * DAY)
  })

  it('names exactly the five, no honest account beside them, over ten different honest backgrounds', () => {
    let honestGroups = 0
    for (let seed = 1; seed <= 10; seed++) {
      const { world, colluders } = colludersAmongHonest(seed)
      const groups = ofKind(detectReciprocalReview(world.snapshot()), 'dense-review-group').map(f => f.subjects)
      expect(groups).toContainEqual(colluders)
      const others = groups.filter(g => g.join() !== colluders.join())
      expect(others.flat().filter(a => colluders.includes(a))).toEqual([])
      honestGroups += others.length
    }
    // Sixty accounts reviewing ~5 others each close the odd honest triangle (seed 9: 5 of 6 edges over 2.5 years).
    expect(honestGroups).toBeLessThanOrEqual(2)
  })
})

describe('detectReciprocalReview: determinism', () => {
  it('gives identical flags, sorted by id, whatever the order of reviews and proposals', () => {
    const { world } = colludersAmongHonest()
    world.ring([A, B, C], T0, MONTH)
    world.ring([D, E, F, G, H], T0, MONTH)
    world.review(A, D, 9, T0)
    world.review(D, A, 9, T0 + MONTH)
    world.review(A, D, 9, T0 + 2 * MONTH)
    const flags = detectReciprocalReview(world.snapshot())
    expect(flags.map(f => f.id)).toEqual(flags.map(f => f.id).sort())
    expect(new Set(flags.map(f => f.kind))).toEqual(new Set(['reciprocal-review', 'review-ring', 'dense-review-group']))
    const random = seededRandom(3)
    for (let round = 0; round < 3; round++) {
      const reordered = snapshotOf({ reviews: shuffled(world.reviews, random), proposals: shuffled(world.proposals, random) })
      expect(detectReciprocalReview(reordered)).toEqual(flags)
    }
  })
})

/**
 * Score clustering (ZIP-604 4.3): reviewer pairs whose scores on the proposals they both reviewed
 * agree too well, Pearson r > 0.95 over >= 10 shared proposals.
 *
 * Pairs are found through proposals (co-reviewers only), so the work grows with reviews, not with
 * reviewers squared. r is computed from running sums for every pair with enough shared proposals,
 * and again with simple-statistics on the flagged pairs' score vectors, which the evidence lists.
 * Constant scores: see ScoreCorrelationConfig.identicalCountsAsAgreement.
 */
import { sampleCorrelation } from 'simple-statistics'
import { DETECTOR_DEFAULTS, type ScoreCorrelationConfig } from '../config'
import { groupBy, makeFlag, pairEntries, pairEntry, round4, type Flag, type PairMap, type ReviewFact, type ReviewIndex, type Snapshot } from '../types'

interface PairSums {
  n: number
  sx: number
  sy: number
  sxx: number
  syy: number
  sxy: number
  identical: boolean
}

export function detectScoreCorrelation(snapshot: Snapshot, config: ScoreCorrelationConfig = DETECTOR_DEFAULTS.scoreCorrelation): Flag[] {
  const byProposal = groupBy(snapshot.reviews, (r) => (r.score === null ? undefined : r.proposalId))
  const pairs: PairMap<PairSums> = new Map()
  for (const reviews of byProposal.values()) {
    for (let i = 0; i < reviews.length; i++) for (let j = i + 1; j < reviews.length; j++) addPair(pairs, reviews[i]!, reviews[j]!)
  }
  const byReviewer = groupBy(snapshot.reviews, (r) => (r.score === null ? undefined : r.reviewer))
  return flagsOf(pairs, (who) => byReviewer.get(who) ?? [], snapshot.block, config)
}

/**
 * The reviewer pairs that `reveals` (new ones) give a shared scored proposal: each revealed review
 * with every other reviewer's scored one on its proposal. Only these pairs' sums can change.
 */
export function pairsCoScored(reveals: readonly ReviewFact[], index: ReviewIndex): PairMap<true> {
  const pairs: PairMap<true> = new Map()
  for (const own of reveals) {
    if (own.score === null) continue
    for (const other of index.byProposal(own.proposalId)) {
      if (other.reviewer === own.reviewer || other.score === null) continue
      const [a, b] = own.reviewer < other.reviewer ? [own.reviewer, other.reviewer] : [other.reviewer, own.reviewer]
      pairEntry(pairs, a, b, () => true as const)
    }
  }
  return pairs
}

/**
 * The flags of these pairs (first address lower), from the reviews indexed by proposal and by
 * reviewer (all of them): a pair's sums read exactly its two reviewers' shared proposals.
 */
export function scoreCorrelationOf(pairs: PairMap<unknown>, index: ReviewIndex, block: number, config: ScoreCorrelationConfig = DETECTOR_DEFAULTS.scoreCorrelation): Flag[] {
  const sums: PairMap<PairSums> = new Map()
  for (const [a, ofA] of pairs) {
    for (const own of index.byReviewer(a)) {
      if (own.score === null) continue
      for (const other of index.byProposal(own.proposalId)) if (other.score !== null && ofA.has(other.reviewer)) addPair(sums, own, other)
    }
  }
  const scored = (who: string) => index.byReviewer(who).filter((r) => r.score !== null)
  return flagsOf(sums, scored, block, config)
}

function addPair(pairs: PairMap<PairSums>, a: ReviewFact, b: ReviewFact): void {
  if (a.reviewer === b.reviewer) return
  if (a.reviewer > b.reviewer) [a, b] = [b, a]
  const s = pairEntry(pairs, a.reviewer, b.reviewer, () => ({ n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0, identical: true }))
  const x = a.score!
  const y = b.score!
  // Scores are small integers: the sums are exact, whatever order the pairs come in.
  s.n++
  s.sx += x
  s.sy += y
  s.sxx += x * x
  s.syy += y * y
  s.sxy += x * y
  if (x !== y) s.identical = false
}

function flagsOf(pairs: PairMap<PairSums>, scoredReviewsOf: (reviewer: string) => readonly ReviewFact[], block: number, config: ScoreCorrelationConfig): Flag[] {
  const flags: Flag[] = []
  for (const [a, b, s] of pairEntries(pairs)) {
    if (s.n < config.minShared) continue
    const vx = s.n * s.sxx - s.sx * s.sx
    const vy = s.n * s.syy - s.sy * s.sy
    const constant = vx === 0 || vy === 0
    if (constant && !(s.identical && config.identicalCountsAsAgreement)) continue
    if (!constant && (s.n * s.sxy - s.sx * s.sy) / Math.sqrt(vx * vy) <= config.minR) continue
    const byProposal = (who: string) => new Map(scoredReviewsOf(who).map((r) => [r.proposalId, r]))
    flags.push(pairFlag(block, byProposal(a), byProposal(b), a, b, constant, config))
  }
  return flags.sort((x, y) => (x.id < y.id ? -1 : 1))
}

function pairFlag(block: number, ofA: Map<string, ReviewFact>, ofB: Map<string, ReviewFact>, a: string, b: string, constant: boolean, config: ScoreCorrelationConfig): Flag {
  const shared: { proposalId: string; scores: [number, number]; reviews: [string, string]; at: number }[] = []
  for (const [proposalId, ra] of ofA) {
    const rb = ofB.get(proposalId)
    if (!rb) continue
    shared.push({ proposalId, scores: [ra.score!, rb.score!], reviews: [ra.id, rb.id], at: Math.max(ra.revealedAt ?? 0, rb.revealedAt ?? 0) })
  }
  shared.sort((x, y) => x.at - y.at || (x.proposalId < y.proposalId ? -1 : 1))
  const r = constant ? 1 : sampleCorrelation(shared.map((s) => s.scores[0]), shared.map((s) => s.scores[1]))
  return makeFlag({
    kind: 'score-correlation',
    subjects: [a, b],
    // All shared proposals count, so the flag keeps one id as evidence accumulates.
    window: null,
    metric: 'Pearson r of scores on shared proposals',
    value: round4(r),
    threshold: config.minR,
    comparison: '>',
    evidence: {
      sharedProposals: shared.length,
      minShared: config.minShared,
      constantScores: constant,
      note: constant ? 'every shared score identical: r is undefined (no variance) and counted as full agreement' : undefined,
      firstAt: shared[0]?.at ?? null,
      lastAt: shared[shared.length - 1]?.at ?? null,
      scores: shared,
    },
    block,
  })
}

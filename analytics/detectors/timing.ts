/**
 * Timing correlation (ZIP-604 4.3): the same reviewers committing within the same minute across
 * multiple proposals, from the block timestamps of their commit transactions.
 *
 * "The same minute" is |t1 - t2| <= 60 s rather than the same calendar minute, so that 12:00:59 and
 * 12:01:01 count and nothing depends on where minute boundaries fall. Honest co-reviewers commit
 * at independent times within a 7-day commit phase: one shared proposal matches with probability
 * about 120 / 604,800 = 0.0002, so several matching proposals do not happen by chance.
 */
import { DETECTOR_DEFAULTS, type TimingConfig } from '../config'
import { groupBy, makeFlag, pairEntries, pairEntry, type Flag, type PairMap, type ReviewFact, type ReviewIndex, type Snapshot } from '../types'

interface CoCommit {
  proposalId: string
  reviews: [string, string]
  committedAt: [number, number]
  blocks: [number | null, number | null]
  gapSeconds: number
}

export function detectTimingCorrelation(snapshot: Snapshot, config: TimingConfig = DETECTOR_DEFAULTS.timing): Flag[] {
  const byProposal = groupBy(snapshot.reviews, (r) => (r.committedAt === null ? undefined : r.proposalId))
  const pairs: PairMap<CoCommit[]> = new Map()
  for (const reviews of byProposal.values()) {
    reviews.sort((x, y) => x.committedAt! - y.committedAt!)
    for (let i = 0; i < reviews.length; i++) {
      for (let j = i + 1; j < reviews.length && reviews[j]!.committedAt! - reviews[i]!.committedAt! <= config.windowSeconds; j++) addCoCommit(pairs, reviews[i]!, reviews[j]!)
    }
  }
  return flagsOf(pairs, snapshot.block, config)
}

/**
 * The reviewer pairs that `commits` (new ones) give a co-commit: each commit with every other
 * reviewer's on its proposal within the window. Only these pairs' timing flags can change.
 */
export function pairsCoCommitting(commits: readonly ReviewFact[], index: ReviewIndex, config: TimingConfig = DETECTOR_DEFAULTS.timing): PairMap<true> {
  const pairs: PairMap<true> = new Map()
  for (const own of commits) {
    if (own.committedAt === null) continue
    for (const other of index.byProposal(own.proposalId)) {
      if (other.reviewer === own.reviewer || other.committedAt === null || Math.abs(other.committedAt - own.committedAt) > config.windowSeconds) continue
      const [a, b] = own.reviewer < other.reviewer ? [own.reviewer, other.reviewer] : [other.reviewer, own.reviewer]
      pairEntry(pairs, a, b, () => true as const)
    }
  }
  return pairs
}

/**
 * The flags of these pairs (first address lower), from the reviews indexed by proposal and by
 * reviewer (all of them): a pair's co-commits are on its two reviewers' shared proposals.
 */
export function timingCorrelationOf(pairs: PairMap<unknown>, index: ReviewIndex, block: number, config: TimingConfig = DETECTOR_DEFAULTS.timing): Flag[] {
  const coCommits: PairMap<CoCommit[]> = new Map()
  for (const [a, ofA] of pairs) {
    for (const own of index.byReviewer(a)) {
      if (own.committedAt === null) continue
      for (const other of index.byProposal(own.proposalId)) {
        if (ofA.has(other.reviewer) && other.committedAt !== null && Math.abs(other.committedAt - own.committedAt) <= config.windowSeconds) addCoCommit(coCommits, own, other)
      }
    }
  }
  return flagsOf(coCommits, block, config)
}

function addCoCommit(pairs: PairMap<CoCommit[]>, a: ReviewFact, b: ReviewFact): void {
  if (a.reviewer === b.reviewer) return
  if (a.reviewer > b.reviewer) [a, b] = [b, a]
  pairEntry(pairs, a.reviewer, b.reviewer, (): CoCommit[] => []).push({
    proposalId: a.proposalId,
    reviews: [a.id, b.id],
    committedAt: [a.committedAt!, b.committedAt!],
    blocks: [a.committedBlock, b.committedBlock],
    gapSeconds: Math.abs(a.committedAt! - b.committedAt!),
  })
}

function flagsOf(pairs: PairMap<CoCommit[]>, block: number, config: TimingConfig): Flag[] {
  const flags: Flag[] = []
  for (const [a, b, coCommits] of pairEntries(pairs)) {
    if (coCommits.length < config.minProposals) continue
    coCommits.sort((x, y) => Math.min(...x.committedAt) - Math.min(...y.committedAt) || (x.proposalId < y.proposalId ? -1 : x.proposalId > y.proposalId ? 1 : 0))
    flags.push(
      makeFlag({
        kind: 'timing-correlation',
        subjects: [a, b],
        window: null,
        metric: `proposals on which both committed within ${config.windowSeconds} s`,
        value: coCommits.length,
        threshold: config.minProposals,
        comparison: '>=',
        evidence: { windowSeconds: config.windowSeconds, coCommits },
        block,
      }),
    )
  }
  return flags.sort((x, y) => (x.id < y.id ? -1 : 1))
}

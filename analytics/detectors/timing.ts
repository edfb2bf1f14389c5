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
import { groupBy, makeFlag, type Flag, type Snapshot } from '../types'

interface CoCommit {
  proposalId: string
  reviews: [string, string]
  committedAt: [number, number]
  blocks: [number | null, number | null]
  gapSeconds: number
}

export function detectTimingCorrelation(snapshot: Snapshot, config: TimingConfig = DETECTOR_DEFAULTS.timing): Flag[] {
  const byProposal = groupBy(snapshot.reviews, (r) => (r.committedAt === null ? undefined : r.proposalId))
  const pairs = new Map<string, CoCommit[]>()
  for (const [proposalId, reviews] of byProposal) {
    reviews.sort((x, y) => x.committedAt! - y.committedAt!)
    for (let i = 0; i < reviews.length; i++) {
      for (let j = i + 1; j < reviews.length && reviews[j]!.committedAt! - reviews[i]!.committedAt! <= config.windowSeconds; j++) {
        let a = reviews[i]!
        let b = reviews[j]!
        if (a.reviewer === b.reviewer) continue
        if (a.reviewer > b.reviewer) [a, b] = [b, a]
        const key = `${a.reviewer}|${b.reviewer}`
        let list = pairs.get(key)
        if (!list) pairs.set(key, (list = []))
        list.push({
          proposalId,
          reviews: [a.id, b.id],
          committedAt: [a.committedAt!, b.committedAt!],
          blocks: [a.committedBlock, b.committedBlock],
          gapSeconds: Math.abs(a.committedAt! - b.committedAt!),
        })
      }
    }
  }
  const flags: Flag[] = []
  for (const [key, coCommits] of pairs) {
    if (coCommits.length < config.minProposals) continue
    coCommits.sort((x, y) => Math.min(...x.committedAt) - Math.min(...y.committedAt) || (x.proposalId < y.proposalId ? -1 : 1))
    flags.push(
      makeFlag({
        kind: 'timing-correlation',
        subjects: key.split('|'),
        window: null,
        metric: `proposals on which both committed within ${config.windowSeconds} s`,
        value: coCommits.length,
        threshold: config.minProposals,
        comparison: '>=',
        evidence: { windowSeconds: config.windowSeconds, coCommits },
        block: snapshot.block,
      }),
    )
  }
  return flags.sort((x, y) => (x.id < y.id ? -1 : 1))
}

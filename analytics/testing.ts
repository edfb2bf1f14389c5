/** Builders of snapshots for the detectors' tests. */
import { mulberry32 } from '../src/simulator/random'
import type { ReviewFact, Snapshot } from './types'

export function snapshotOf(parts: Partial<Snapshot>): Snapshot {
  return { block: 1000, at: 1_800_000_000, epoch: 0, reviews: [], proposals: [], works: [], providers: [], heartbeats: [], tasks: [], confirmations: [], ...parts }
}

let reviewSeq = 0
export function reviewOf(parts: Partial<ReviewFact> & Pick<ReviewFact, 'proposalId' | 'reviewer'>): ReviewFact {
  return {
    id: `rev-${parts.proposalId}-${parts.reviewer}-${reviewSeq++}`,
    score: null, text: null, citedWorks: [], committedAt: null, committedBlock: null, revealedAt: null, revealedBlock: null, annulled: false,
    ...parts,
  }
}

/** A deterministic PRNG: tests draw honest backgrounds from a fixed seed. */
export const seededRandom = mulberry32

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

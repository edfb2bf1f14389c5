/**
 * What the detectors read and what they say. A snapshot is the finalized protocol state at one
 * block, as plain typed data (no database handles): detectors are pure functions of it, so that an
 * incremental run and a full recompute over the same chain give the same flags, and so that each
 * detector is tested without Postgres.
 *
 * Times are Unix seconds (block timestamps); addresses are lower-case 0x-hex; ids are the indexer's.
 */
import type { TextCorpus } from './detectors/text-features'

export interface ReviewFact {
  id: string
  proposalId: string
  reviewer: string
  /** 1-10 once revealed. */
  score: number | null
  text: string | null
  /** Registered work ids the review cites. */
  citedWorks: readonly number[]
  /** Block timestamp of the commit transaction. */
  committedAt: number | null
  committedBlock: number | null
  revealedAt: number | null
  /** The block of the reveal transaction. */
  revealedBlock: number | null
  /** An annulled review (a confirmed case) still counts as evidence of what happened. */
  annulled: boolean
}

export interface ProposalFact {
  id: string
  author: string
  domain: number
  submittedAt: number
  /** When the proposal was FUNDED or REJECTED; null while it is open. */
  decidedAt: number | null
}

export interface WorkFact {
  id: number
  authors: readonly string[]
}

export interface ProviderFact {
  id: string
  /** The first epoch the provider owed heartbeats for. */
  registeredEpoch: number
  /** Epoch from which the provider stopped owing heartbeats (unbonded, tombstoned); null: still does. */
  leftEpoch: number | null
  /** Epochs in which the provider was jailed (owes no heartbeat there). */
  jailedEpochs: readonly number[]
}

/** A provider's heartbeats: the epochs it signed (one fact per provider: millions of heartbeats stay compact). */
export interface HeartbeatFact {
  provider: string
  epochs: readonly number[]
}

export interface TaskFact {
  id: string
  provider: string | null
  /** Epoch in which the provider had to deliver (the task's deadline). */
  epoch: number | null
  missed: boolean
  faulty: boolean
}

/** An on-chain decision of the ethics committee: the confirmed rung of the severity ladder. */
export interface ConfirmationFact {
  caseId: string
  subjects: readonly string[]
  block: number
  at: number
}

/** Names the committee's API decisions among confirmations (the chain's cases are numbered). */
export const COMMITTEE_CONFIRMATION = 'committee:'

export interface Snapshot {
  /** The last finalized block the snapshot includes. */
  block: number
  /** Its timestamp. */
  at: number
  /** The compute network's current epoch. */
  epoch: number
  reviews: readonly ReviewFact[]
  proposals: readonly ProposalFact[]
  works: readonly WorkFact[]
  providers: readonly ProviderFact[]
  heartbeats: readonly HeartbeatFact[]
  tasks: readonly TaskFact[]
  /** The chain's confirmed collusion cases, and the committee's API decisions that confirm (caseId "committee:<n>"). */
  confirmations: readonly ConfirmationFact[]
  /**
   * In a delta (loadFacts with `since`): the committee's confirmations are all given again, to
   * replace those held (a later decision can withdraw one).
   */
  committeeConfirmationsReplaced?: boolean
  /**
   * The revealed texts as features (text-features.ts), when the loader read them that way instead of
   * filling `text` (a million texts do not fit in memory); otherwise the detector builds them from `text`.
   */
  textCorpus?: TextCorpus
}

export type FlagKind =
  | 'score-correlation'
  | 'text-similarity'
  | 'timing-correlation'
  | 'reciprocal-review'
  | 'review-ring'
  | 'dense-review-group'
  | 'self-citation'
  | 'citation-score'
  | 'provider-downtime'
  | 'provider-missed-tasks'
  | 'provider-faulty-results'

/** Detectors whose flags are independent evidence of collusion between reviewers. */
export const COLLUSION_KINDS: readonly FlagKind[] = [
  'score-correlation', 'text-similarity', 'timing-correlation', 'reciprocal-review', 'review-ring', 'dense-review-group', 'self-citation', 'citation-score',
]

export interface Flag {
  /** Deterministic: kind, subjects and window (flagId). */
  id: string
  kind: FlagKind
  /** Accounts the flag is about, sorted. */
  subjects: string[]
  /**
   * The span the evidence covers, or null when the rule counts all history (then the id stays as
   * evidence accumulates). Unix seconds, except provider flags: compute epochs
   * (evidence.windowUnit says 'epoch').
   */
  window: { from: number; to: number } | null
  /** What was measured, in words a reader of the evidence understands (e.g. "Pearson r"). */
  metric: string
  value: number
  /** The rule's threshold and its direction. */
  threshold: number
  comparison: '>' | '>=' | '<' | '<='
  /** Everything a person needs to check the flag without re-running anything. */
  evidence: Record<string, unknown>
  /** The snapshot block the flag was computed at. */
  block: number
}

/** Ids are kind + subjects + window, so the same finding has the same id in every run. */
export function flagId(kind: FlagKind, subjects: readonly string[], window: Flag['window']): string {
  const span = window ? `${window.from}-${window.to}` : 'all'
  return `${kind}:${[...subjects].sort().join(',')}:${span}`
}

/** Builds a flag with its id and sorted subjects. */
export function makeFlag(f: Omit<Flag, 'id'>): Flag {
  const subjects = [...f.subjects].sort()
  return { ...f, subjects, id: flagId(f.kind, subjects, f.window) }
}

/** Flag values and evidence ratios, to 4 decimals: what a reader compares with a threshold. */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000
}

/** All of a snapshot's reviews by proposal and by reviewer, as the live fact store keeps them. */
export interface ReviewIndex {
  byProposal(proposalId: string): readonly ReviewFact[]
  byReviewer(reviewer: string): readonly ReviewFact[]
}

/**
 * Values per pair of accounts, by the first and then the second: two lookups of strings whose hash
 * V8 keeps, where a joined key is a new string to hash on every lookup.
 */
export type PairMap<T> = Map<string, Map<string, T>>

/** The value of pair (a, b), made by `create` when there is none. */
export function pairEntry<T>(pairs: PairMap<T>, a: string, b: string, create: () => T): T {
  let ofA = pairs.get(a)
  if (!ofA) pairs.set(a, (ofA = new Map()))
  let value = ofA.get(b)
  if (value === undefined) ofA.set(b, (value = create()))
  return value
}

export function* pairEntries<T>(pairs: PairMap<T>): Generator<[string, string, T]> {
  for (const [a, ofA] of pairs) for (const [b, value] of ofA) yield [a, b, value]
}

/** Items grouped by a key, in input order within each group; items without a key are left out. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    if (key === undefined) continue
    let group = groups.get(key)
    if (!group) groups.set(key, (group = []))
    group.push(item)
  }
  return groups
}

/** Entries of an ascending array below `value` (binary search). */
export function countBelow(sorted: ArrayLike<number>, value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Disjoint sets of strings (union-find). Each set is named by its smallest member, so what `find`
 * returns does not depend on the order of the unions.
 */
export function disjointSets(): { find(x: string): string; union(a: string, b: string): void } {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    if (!parent.has(x)) parent.set(x, x)
    while (parent.get(x) !== x) x = parent.get(x)!
    return x
  }
  return {
    find,
    union(a, b) {
      const [x, y] = [find(a), find(b)]
      if (x !== y) parent.set(x < y ? y : x, x < y ? x : y)
    },
  }
}

/**
 * Live analysis: the facts and flags of the last run kept in memory, so that the run after a batch
 * reads only what the batch changed (loadFacts with `since`) and re-runs each detector only where
 * that change can move a flag, instead of reloading a million reviews.
 *
 * Exactness rests on each detector's locality, and every rule here is one of these:
 * - A pair's score-correlation or timing flag reads only the two reviewers' own reviews; a
 *   reviewer's citation flags only their reviews and the works they author; a reciprocal pair only
 *   the reviews between its two accounts; a ring only the reviews along its cycles, all between its
 *   own accounts; a provider's flags only its own heartbeats, tasks and jails in completed epochs.
 *   So flags whose subjects include no account the batch touched (for timing: no pair the batch's
 *   commits gave a co-commit; for rings: no account set with a cycle through an edge the batch added
 *   to; for providers: nothing in a completed epoch) stay as they were, and the others are found again by
 *   the same detector over every fact they can read (the pairs of a touched reviewer from the
 *   indexes of all reviews, the graph among a ring's accounts, ...).
 * - Dense groups read the graph before a period boundary (denseGroupCutoff): recomputed when a run
 *   crosses one, kept otherwise.
 * - Text similarity: the candidate set (LSH band collision, signature agreement, two reviewers) is
 *   a property of the pairs, so new reviews add the candidates they take part in; idf is counted
 *   over a basis of the first reviews in reveal order that moves only when the corpus has grown by
 *   a quarter (idfBasisSize), so a candidate's cosine holds until then, and a run verifies only its
 *   new candidates (all of them again when the basis moves).
 * The runner checks none of this at run time; test/analytics/incremental-equals-full.test.ts runs
 * live analyses at twelve blocks and compares every row with one full recompute.
 */
import type { DetectorConfig } from './config'
import { detectCitationCoercion } from './detectors/citation'
import { denseGroupCutoff, detectDenseReviewGroups, detectReciprocalPairs, detectReviewRings } from './detectors/reciprocal'
import { detectScoreCorrelation, pairsCoScored, scoreCorrelationOf } from './detectors/score-correlation'
import { createTextCorpusBuilder, type TextCorpus } from './detectors/text-features'
import { addTextMatches, corpusCosine, idfBasis, idfBasisSize, liveTextCandidates, textMatchFlag, type IdfBasis, type TextMatchGroups } from './detectors/text-similarity'
import { detectTimingCorrelation, pairsCoCommitting, timingCorrelationOf } from './detectors/timing'
import { detectProviderReliability } from './detectors/uptime'
import { COMMITTEE_CONFIRMATION, groupBy, type Flag, type PairMap, type HeartbeatFact, type ReviewFact, type Snapshot, type TaskFact, type WorkFact } from './types'

/** The detectors' flags in the parts live analysis updates separately. */
export type DetectorPart = 'scoreCorrelation' | 'timing' | 'citation' | 'reciprocalPairs' | 'reviewRings' | 'denseGroups' | 'uptime' | 'textSimilarity'

export interface LiveAnalysis {
  /** The block the held facts and flags are at. */
  readonly block: number
  /** Time per part of the last full or live run, ms. */
  readonly ms: Record<DetectorPart, number>
  /** Its timestamp and compute epoch. */
  readonly at: number
  readonly epoch: number
  /** Every current flag, sorted by id, stamped with the held block. */
  flags(): Flag[]
  /** The committee's confirmations among the facts (what cases are graded with). */
  confirmations(): Snapshot['confirmations']
  /** How many facts are held. */
  counts(): { reviews: number; proposals: number; providers: number; heartbeats: number }
  /**
   * Applies the facts changed in (block, delta.block] (loadFacts with `since`) and the texts
   * revealed there, and brings the flags up to delta.block. Returns the time per part, ms.
   */
  advance(delta: Snapshot, texts: readonly { id: string; text: string; revealedBlock: number }[]): Record<DetectorPart, number>
}

/**
 * A full run: every detector over the facts of a snapshot, the ones that read no text first, while
 * `textCorpus` may still be arriving (read in parallel); the state it leaves can then advance.
 * With `prepare`, it also readies the text state for advancing (a growable copy of the corpus and
 * the band index, seconds at a million reviews), which the first advance does otherwise: a process
 * that will advance pays for it once, here, instead of in the run after its first batch.
 */
export async function startLiveAnalysis(full: Snapshot, textCorpus: Promise<TextCorpus>, config: DetectorConfig, { prepare = false } = {}): Promise<LiveAnalysis> {
  const facts = createFactStore(full, config.reciprocal)
  let ms = {} as Record<DetectorPart, number>
  const timed = <T>(part: DetectorPart, work: () => T): T => {
    const started = performance.now()
    const result = work()
    ms[part] = (ms[part] ?? 0) + Math.round(performance.now() - started)
    return result
  }
  const flags = {
    scoreCorrelation: timed('scoreCorrelation', () => byId(detectScoreCorrelation(full, config.scoreCorrelation))),
    timing: timed('timing', () => byId(detectTimingCorrelation(full, config.timing))),
    citation: timed('citation', () => byId(detectCitationCoercion(full, config.citation))),
    reciprocalPairs: timed('reciprocalPairs', () => byId(detectReciprocalPairs(full, config.reciprocal))),
    reviewRings: timed('reviewRings', () => byId(detectReviewRings(full, config.reciprocal))),
    denseGroups: timed('denseGroups', () => byId(detectDenseReviewGroups(full, config.reciprocal))),
    uptime: timed('uptime', () => byId(detectProviderReliability(full, config.uptime))),
  } as Record<DetectorPart, Map<string, Flag>>
  let corpusAtStart: TextCorpus | null = await textCorpus
  const text = timed('textSimilarity', () => liveTextCandidates(corpusAtStart!, facts.reviewerOf))
  // The corpus grows by the texts revealed later: a builder on from it, made when preparing or at
  // the first advance (a one-shot full run never pays for the copy).
  let corpus: ReturnType<typeof createTextCorpusBuilder> | null = null
  const growing = () => {
    if (!corpus) {
      corpus = createTextCorpusBuilder(corpusAtStart!.settings, corpusAtStart!)
      corpusAtStart = null // the builder holds a copy
    }
    return corpus
  }
  // The candidates verified so far, grouped into the reviewer pairs they flag, kept while the idf
  // basis stays: a run verifies only the new candidates and rebuilds only the flags they add to.
  // When the basis moves, every flag is built again, and one that reads as before stays the same
  // object, so that what the runner derives from it (quoted passages, row digests) carries over.
  let basis: IdfBasis | null = null
  let groups: TextMatchGroups = new Map()
  let verified = 0
  const textFlagsNow = (block: number, c: TextCorpus) => {
    const held = flags.textSimilarity ?? new Map<string, Flag>()
    const rebuild = basis?.size !== idfBasisSize(c.ids.length, config.textSimilarity)
    if (rebuild) {
      basis = idfBasis(c, config.textSimilarity)
      groups = new Map()
      verified = 0
    }
    const cosineOf = corpusCosine(c, basis!)
    const fresh = text.pairs().slice(verified).map(([i, j]) => [i, j, cosineOf(i, j)] as const)
    verified += fresh.length
    const added = addTextMatches(groups, c, fresh, facts.reviewOf, config.textSimilarity)
    const flagOf = (key: string) => textMatchFlag(block, c, groups.get(key)!, facts.reviewOf, config.textSimilarity)
    if (!rebuild) {
      for (const key of added) {
        const f = flagOf(key)
        if (f) held.set(f.id, f)
      }
      return held
    }
    return byId([...groups.keys()].flatMap((key) => {
      const f = flagOf(key)
      if (!f) return []
      const before = held.get(f.id)
      return [before && before.value === f.value && JSON.stringify(before.evidence) === JSON.stringify(f.evidence) ? before : f]
    }))
  }
  flags.textSimilarity = timed('textSimilarity', () => textFlagsNow(full.block, corpusAtStart!))
  if (prepare) timed('textSimilarity', () => text.prepare(growing().finish()))

  /** Replaces the part's flags that `affected` picks with those `detect` finds that it picks. */
  const replace = (part: DetectorPart, affected: (f: Flag) => boolean, detect: () => Flag[]) => {
    const held = flags[part]
    for (const [id, f] of held) if (affected(f)) held.delete(id)
    for (const f of detect()) if (affected(f)) held.set(f.id, f)
  }
  /** Flags about any of `accounts`, found again over a sub-snapshot. */
  const refresh = (part: DetectorPart, accounts: ReadonlySet<string>, detect: () => Flag[]) => {
    if (accounts.size) replace(part, (f) => f.subjects.some((s) => accounts.has(s)), detect)
  }
  /** Flags about any of `pairs` (two subjects each), found again for those pairs alone. */
  const refreshPairs = (part: DetectorPart, pairs: PairMap<unknown>, detect: (pairs: PairMap<unknown>) => Flag[]) => {
    if (pairs.size) replace(part, (f) => pairs.get(f.subjects[0]!)?.has(f.subjects[1]!) === true, () => detect(pairs))
  }

  return {
    get block() {
      return facts.block
    },
    get ms() {
      return ms
    },
    get at() {
      return facts.at
    },
    get epoch() {
      return facts.epoch
    },
    confirmations: () => facts.confirmations,
    counts: () => facts.counts(),
    // Every flag stamped with the held block, as a full run there would; in place, so that a flag
    // the batch left alone stays the same object (the runner recognises unchanged rows by it).
    flags: () => {
      const all = Object.values(flags).flatMap((m) => [...m.values()])
      for (const f of all) f.block = facts.block
      return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    },

    advance(delta, texts) {
      ms = {} as Record<DetectorPart, number>
      const before = { at: facts.at, epoch: facts.epoch }
      const touched = facts.apply(delta)
      const r = config.reciprocal
      // Every fact as one snapshot, built at most once a run (dense groups and an epoch change need it).
      let whole: Snapshot | undefined
      const everything = () => (whole ??= facts.snapshot())

      // A pair's score flag changes only with a newly shared score (one of the batch's reveals), its
      // timing flag only with a new co-commit (one of the batch's commits).
      timed('scoreCorrelation', () => refreshPairs('scoreCorrelation', pairsCoScored(touched.reveals, facts.reviewIndex), (pairs) => scoreCorrelationOf(pairs, facts.reviewIndex, facts.block, config.scoreCorrelation)))
      timed('timing', () => refreshPairs('timing', pairsCoCommitting(touched.commits, facts.reviewIndex, config.timing), (pairs) => timingCorrelationOf(pairs, facts.reviewIndex, facts.block, config.timing)))
      timed('citation', () => {
        // Only a reviewer with registered works of their own can be flagged, or hold a flag.
        const who = new Set([...touched.reveals.map((x) => x.reviewer), ...touched.authorsOfNewWorks].filter(facts.authorsWorks))
        refresh('citation', who, () => detectCitationCoercion(facts.subSnapshot({ reviews: facts.reviewsBy(who), works: facts.worksBy(who) }), config.citation))
      })
      timed('reciprocalPairs', () => {
        const ends = new Set(touched.edges.flat())
        refresh('reciprocalPairs', ends, () => detectReciprocalPairs(facts.subSnapshot(facts.edgesOf(ends)), r))
      })
      timed('reviewRings', () => {
        // A ring's flag reads the edges along its cycles, all over its own accounts: the flags over
        // an account set with a cycle through a new edge are found again in the graph among those accounts.
        const { sets, accounts } = facts.cycleSetsThrough(touched.edges, r.maxCycleLength)
        if (sets.size) replace('reviewRings', (f) => sets.has(f.subjects.join('|')), () => detectReviewRings(facts.subSnapshot(facts.edgesAmong(accounts)), r))
      })
      timed('denseGroups', () => {
        if (denseGroupCutoff(facts.at, r) !== denseGroupCutoff(before.at, r)) flags.denseGroups = byId(detectDenseReviewGroups(everything(), r))
      })
      timed('uptime', () => {
        if (facts.epoch !== before.epoch) flags.uptime = byId(detectProviderReliability(everything(), config.uptime))
        else refresh('uptime', touched.providers, () => detectProviderReliability(facts.subSnapshot(facts.providersOf(touched.providers)), config.uptime))
      })
      timed('textSimilarity', () => {
        const builder = growing()
        for (const t of texts) {
          if (!builder.add(t.id, t.text, t.revealedBlock)) continue
          const grown = builder.finish()
          text.add(grown, grown.ids.length - 1)
        }
        flags.textSimilarity = textFlagsNow(facts.block, builder.finish())
      })
      return ms
    },
  }
}

function byId(flags: readonly Flag[]): Map<string, Flag> {
  return new Map(flags.map((f) => [f.id, f]))
}

interface Touched {
  /** The reviews revealed (a new score, citations, text) in the batch. */
  reveals: ReviewFact[]
  /** The reviews committed in the batch. */
  commits: ReviewFact[]
  authorsOfNewWorks: Set<string>
  /** Every review-graph edge (reviewer, author) a revealed review adds to (favourable ones, by default). */
  edges: [string, string][]
  /**
   * Providers with a new registration or jail record, or a heartbeat or task in a completed epoch:
   * the detector reads only completed epochs, and all providers are read again when one completes.
   */
  providers: Set<string>
}

/** The facts held between runs, with the indexes the sub-snapshots are cut along. */
function createFactStore(full: Snapshot, graph: { favourableOnly: boolean; favourableScore: number }) {
  /** Whether a review is an edge of the review graph as the reciprocal detectors draw it. */
  const isEdge = (r: ReviewFact) => r.score !== null && (!graph.favourableOnly || r.score >= graph.favourableScore)
  let block = full.block
  let at = full.at
  let epoch = full.epoch
  const reviews = new Map(full.reviews.map((r) => [r.id, r]))
  const proposals = new Map(full.proposals.map((p) => [p.id, p]))
  const works: WorkFact[] = [...full.works]
  const providers = new Map(full.providers.map((p) => [p.id, p]))
  const heartbeats = new Map(full.heartbeats.map((h) => [h.provider, [...h.epochs]]))
  const tasks = new Map<string, TaskFact>(full.tasks.map((t) => [t.id, t]))
  const confirmations = [...full.confirmations]
  const reviewsByProposal = groupBy(full.reviews, (r) => r.proposalId)
  const reviewsByReviewer = groupBy(full.reviews, (r) => r.reviewer)
  const proposalsByAuthor = groupBy(full.proposals, (p) => p.author)
  const worksByAuthor = new Map<string, WorkFact[]>()
  const addWork = (w: WorkFact) => {
    for (const a of w.authors) (worksByAuthor.get(a) ?? worksByAuthor.set(a, []).get(a)!).push(w)
  }
  works.forEach(addWork)
  const tasksByProvider = groupBy(tasks.values(), (t) => t.provider ?? undefined)
  const push = <T>(map: Map<string, T[]>, key: string, item: T) => (map.get(key) ?? map.set(key, []).get(key)!).push(item)
  const replaceIn = <T extends { id: string }>(list: T[] | undefined, item: T) => {
    const at = list?.findIndex((x) => x.id === item.id) ?? -1
    if (at >= 0) list![at] = item
    return at >= 0
  }

  const authorOf = (r: ReviewFact) => proposals.get(r.proposalId)?.author
  const withProposals = (reviewList: ReviewFact[]): Partial<Snapshot> => ({ reviews: reviewList, proposals: [...new Set(reviewList.map((r) => r.proposalId))].map((id) => proposals.get(id)!) })
  /** The review graph's neighbours: accounts whose proposal x reviewed (favourably), and who reviewed x's. */
  const authorsReviewedBy = (x: string) => new Set((reviewsByReviewer.get(x) ?? []).flatMap((r) => (isEdge(r) && authorOf(r) !== undefined && authorOf(r) !== x ? [authorOf(r)!] : [])))
  const reviewersOf = (x: string) => new Set((proposalsByAuthor.get(x) ?? []).flatMap((p) => (reviewsByProposal.get(p.id) ?? []).flatMap((r) => (isEdge(r) && r.reviewer !== x ? [r.reviewer] : []))))

  const store = {
    get block() {
      return block
    },
    get at() {
      return at
    },
    get epoch() {
      return epoch
    },
    confirmations,
    counts: () => ({ reviews: reviews.size, proposals: proposals.size, providers: providers.size, heartbeats: [...heartbeats.values()].reduce((n, e) => n + e.length, 0) }),
    reviewerOf: (reviewId: string) => reviews.get(reviewId)?.reviewer,
    reviewOf: (reviewId: string) => reviews.get(reviewId),

    /** Applies a delta (loadFacts with `since`) and says whom it touched. */
    apply(delta: Snapshot): Touched {
      const touched: Touched = { reveals: [], commits: [], authorsOfNewWorks: new Set(), edges: [], providers: new Set() }
      for (const p of delta.proposals) {
        if (!proposals.has(p.id)) push(proposalsByAuthor, p.author, p)
        else replaceIn(proposalsByAuthor.get(p.author), p)
        proposals.set(p.id, p)
      }
      for (const r of delta.reviews) {
        const old = reviews.get(r.id)
        if (!old) {
          push(reviewsByProposal, r.proposalId, r)
          push(reviewsByReviewer, r.reviewer, r)
          touched.commits.push(r) // a review is a fact from its commit on
        } else {
          replaceIn(reviewsByProposal.get(r.proposalId), r)
          replaceIn(reviewsByReviewer.get(r.reviewer), r)
        }
        reviews.set(r.id, r)
        if (r.score !== null && old?.score == null) {
          touched.reveals.push(r)
          const author = proposals.get(r.proposalId)?.author
          if (isEdge(r) && author !== undefined && author !== r.reviewer) {
            touched.edges.push([r.reviewer, author])
          }
        }
      }
      for (const w of delta.works) {
        works.push(w)
        addWork(w)
        for (const a of w.authors) touched.authorsOfNewWorks.add(a)
      }
      for (const p of delta.providers) {
        providers.set(p.id, p)
        touched.providers.add(p.id)
      }
      for (const h of delta.heartbeats) {
        const held = heartbeats.get(h.provider) ?? heartbeats.set(h.provider, []).get(h.provider)!
        const from = held.length
        held.push(...h.epochs)
        // Heartbeats arrive in epoch order: sorting is rarely needed.
        for (let i = Math.max(1, from); i < held.length; i++) {
          if (held[i]! < held[i - 1]!) {
            held.sort((a, b) => a - b)
            break
          }
        }
        if (h.epochs.some((e) => e < delta.epoch)) touched.providers.add(h.provider)
      }
      for (const t of delta.tasks) {
        if (tasks.has(t.id)) continue
        tasks.set(t.id, t)
        if (t.provider !== null) {
          push(tasksByProvider, t.provider, t)
          if (t.epoch !== null && t.epoch < delta.epoch) touched.providers.add(t.provider)
        }
      }
      if (delta.committeeConfirmationsReplaced) {
        const chain = confirmations.filter((c) => !c.caseId.startsWith(COMMITTEE_CONFIRMATION))
        confirmations.length = 0
        confirmations.push(...chain)
      }
      confirmations.push(...delta.confirmations)
      block = delta.block
      at = delta.at
      epoch = delta.epoch
      return touched
    },

    /** A snapshot at the held block with only the facts given (the rest empty). */
    subSnapshot(parts: Partial<Snapshot>): Snapshot {
      return { block, at, epoch, reviews: [], proposals: [], works: [], providers: [], heartbeats: [], tasks: [], confirmations: [], ...parts }
    },

    snapshot(): Snapshot {
      return store.subSnapshot({
        reviews: [...reviews.values()],
        proposals: [...proposals.values()],
        works,
        providers: [...providers.values()],
        heartbeats: [...heartbeats].map(([provider, epochs]): HeartbeatFact => ({ provider, epochs })),
        tasks: [...tasks.values()],
        confirmations,
      })
    },

    reviewIndex: {
      byProposal: (id: string): readonly ReviewFact[] => reviewsByProposal.get(id) ?? [],
      byReviewer: (who: string): readonly ReviewFact[] => reviewsByReviewer.get(who) ?? [],
    },

    authorsWorks: (who: string): boolean => worksByAuthor.has(who),
    reviewsBy: (who: ReadonlySet<string>): ReviewFact[] => [...who].flatMap((w) => reviewsByReviewer.get(w) ?? []),
    worksBy: (who: ReadonlySet<string>): WorkFact[] => [...new Set([...who].flatMap((w) => worksByAuthor.get(w) ?? []))],

    /** The edge reviews between each of `accounts` and anyone (either way), and the proposals they are on. */
    edgesOf(accounts: ReadonlySet<string>): Partial<Snapshot> {
      const picked = new Set<ReviewFact>()
      for (const x of accounts) {
        for (const r of reviewsByReviewer.get(x) ?? []) if (isEdge(r)) picked.add(r)
        for (const p of proposalsByAuthor.get(x) ?? []) for (const r of reviewsByProposal.get(p.id) ?? []) if (isEdge(r)) picked.add(r)
      }
      return withProposals([...picked])
    },

    /** The edge reviews by one of `accounts` of another's proposal, and the proposals they are on. */
    edgesAmong(accounts: ReadonlySet<string>): Partial<Snapshot> {
      const picked: ReviewFact[] = []
      for (const x of accounts) for (const r of reviewsByReviewer.get(x) ?? []) if (isEdge(r) && accounts.has(authorOf(r) ?? '')) picked.push(r)
      return withProposals(picked)
    },

    /**
     * The account sets of the cycles of 3..maxLength accounts through any of `edges` (reviewer,
     * author) in the review graph, as sorted account lists joined by '|', and every account in them.
     * Found by walking the paths author -> ... -> reviewer forward, pruned by the distance back to the
     * reviewer; the window is not checked (a set too many costs time, not exactness).
     */
    cycleSetsThrough(edges: readonly (readonly [string, string])[], maxLength: number): { sets: Set<string>; accounts: Set<string> } {
      const sets = new Set<string>()
      const accounts = new Set<string>()
      for (const [reviewer, author] of edges) {
        // Accounts with a path of at most maxLength - 2 edges to the reviewer, and its length.
        const back = new Map<string, number>([[reviewer, 0]])
        for (let d = 0, frontier = [reviewer]; d < maxLength - 2; d++) {
          const next: string[] = []
          for (const x of frontier) for (const w of reviewersOf(x)) if (!back.has(w)) back.set(w, d + 1), next.push(w)
          frontier = next
        }
        const path = [author]
        const walk = (x: string) => {
          for (const y of authorsReviewedBy(x)) {
            if (y === reviewer && path.length >= 2) {
              const cycle = [reviewer, ...path].sort()
              sets.add(cycle.join('|'))
              for (const a of cycle) accounts.add(a)
            }
            // path holds path.length - 1 edges; one more to y, then back.get(y) to the reviewer.
            if (y === reviewer || path.includes(y) || path.length + (back.get(y) ?? Infinity) > maxLength - 1) continue
            path.push(y)
            walk(y)
            path.pop()
          }
        }
        if (author !== reviewer) walk(author)
      }
      return { sets, accounts }
    },

    providersOf(ids: ReadonlySet<string>): Partial<Snapshot> {
      const list = [...ids].flatMap((id) => (providers.has(id) ? [providers.get(id)!] : []))
      return {
        providers: list,
        heartbeats: list.map((p): HeartbeatFact => ({ provider: p.id, epochs: heartbeats.get(p.id) ?? [] })),
        tasks: list.flatMap((p) => tasksByProvider.get(p.id) ?? []),
      }
    },
  }
  return store
}


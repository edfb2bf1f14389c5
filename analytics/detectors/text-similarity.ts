/**
 * Text similarity (ZIP-604 4.3): "cosine similarity > 0.8 for independent reviews, flag". Two
 * reviewers whose reviews read alike, on one proposal or across proposals (a ring filling in a
 * template), are flagged as a pair.
 *
 * Method (features in text-features.ts):
 * - Every revealed review is compared (annulled ones too: they still show what happened); those
 *   with fewer than `minTokens` distinct stems are too short to compare and are skipped.
 * - Similarity: cosine of TF-IDF vectors (raw counts x smoothed idf ln((1+N)/(1+df))+1 over the
 *   N reviews compared), computed exactly, but only on candidate pairs.
 * - Candidates: comparing all pairs is quadratic (5e11 pairs at 1M reviews), so pairs come from
 *   MinHash over word shingles and LSH banding (`lshBands` bands of `lshRows` slots): two reviews
 *   are candidates when all rows of some band agree. A pair of shingle Jaccard J becomes a
 *   candidate with probability about 1-(1-J^rows)^bands. Shingles keep word order, so a pair that shares
 *   its words in a different order or with edits every few words can exceed the cosine threshold
 *   at low shingle Jaccard and be missed; copied passages (the template case) keep Jaccard high.
 * - Before the cosine, a candidate's whole signatures must agree in `minAgreeingSlots` slots: most
 *   candidates share one band's common phrase and nothing else.
 * - Evidence names the matching review pairs; the passages they share are quoted afterwards from
 *   the texts of those reviews alone (attachSharedPassages), so that the detector never needs the
 *   texts of a whole corpus in memory.
 *
 * Nothing depends on the order of the reviews (ties go by review id), so texts can be read in any
 * order, in parallel. Same-reviewer pairs are dropped before verification.
 */
import { DETECTOR_DEFAULTS, type TextSimilarityConfig } from '../config'
import { countBelow, makeFlag, round4, type Flag, type ReviewFact, type Snapshot } from '../types'
import { allBandKeysOf, bandKeysOf, grown, textCorpusOf, type TextCorpus, type TextFeatureSettings } from './text-features'

/**
 * Candidate pairs: items whose band keys agree in some band (signatures as TextCorpus holds them).
 * Returns sorted, distinct pair codes i * count + j (i < j). Items of the same `groupOf` value are
 * never paired. A 32-bit key collision only adds a candidate, which verification drops.
 */
function candidateCodes(signatures: Uint16Array, count: number, settings: Pick<TextFeatureSettings, 'minhashSlots' | 'lshBands' | 'lshRows'>, groupOf?: Int32Array): Float64Array {
  let codes = new Float64Array(1024)
  let size = 0
  const emit = (i: number, j: number) => {
    if (groupOf && groupOf[i] === groupOf[j]) return
    if (size === codes.length) {
      const grown = new Float64Array(codes.length * 2)
      grown.set(codes)
      codes = grown
    }
    codes[size++] = i < j ? i * count + j : j * count + i
  }
  const keys = new Uint32Array(count)
  const sorter = keySorter(count)
  for (let b = 0; b < settings.lshBands; b++) {
    bandKeysOf(signatures, count, settings, b, keys)
    const scratch = sorter(keys)
    for (let start = 0; start < count; ) {
      const key = keys[scratch[start]!]!
      let end = start + 1
      while (end < count && keys[scratch[end]!] === key) end++
      for (let x = start; x < end; x++) for (let y = x + 1; y < end; y++) emit(scratch[x]!, scratch[y]!)
      start = end
    }
  }
  const sorted = codes.subarray(0, size).sort()
  let distinct = 0
  for (let i = 0; i < size; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!
  return sorted.slice(0, distinct)
}

/**
 * Sorts item indices 0..count-1 by 32-bit key (ties by index) with two stable counting-sort passes
 * over 16 bits each: a million items in milliseconds, where a comparison sort per band would
 * dominate the detector. The order returned is reused by the next call.
 */
function keySorter(count: number): (keys: Uint32Array) => Uint32Array {
  const order = new Uint32Array(count)
  const scratch = new Uint32Array(count)
  const buckets = new Uint32Array(1 << 16)
  return (keys) => {
    for (let i = 0; i < count; i++) scratch[i] = i
    for (const shift of [0, 16]) {
      const [from, to] = shift === 0 ? [scratch, order] : [order, scratch]
      buckets.fill(0)
      for (let i = 0; i < count; i++) buckets[(keys[from[i]!]! >>> shift) & 0xffff]!++
      for (let k = 0, sum = 0; k < buckets.length; k++) {
        const n = buckets[k]!
        buckets[k] = sum
        sum += n
      }
      for (let i = 0; i < count; i++) to[buckets[(keys[from[i]!]! >>> shift) & 0xffff]!++] = from[i]!
    }
    return scratch
  }
}

/**
 * LSH candidate pairs [i, j] (i < j), distinct, in ascending order: signatures (as minhashSignature
 * gives them) agreeing on every row of some band.
 */
export function lshCandidates(signatures: readonly Uint32Array[], bands: number, rows = Math.floor((signatures[0]?.length ?? 0) / bands)): Array<[number, number]> {
  const count = signatures.length
  const slots = signatures[0]?.length ?? 0
  const packed = new Uint16Array(count * slots)
  signatures.forEach((s, i) => packed.set(s, i * slots))
  return pairsOf(candidateCodes(packed, count, { minhashSlots: slots, lshBands: bands, lshRows: rows }), count)
}

/** Pair codes i * count + j as pairs [i, j]. */
function pairsOf(codes: Iterable<number>, count: number): [number, number][] {
  return Array.from(codes, (code): [number, number] => {
    const i = Math.floor(code / count)
    return [i, code - i * count]
  })
}

/** Smoothed idf: never zero, so a term every review uses still counts a little. */
const idfOf = (reviews: number, df: number) => Math.log((1 + reviews) / (1 + df)) + 1

/** TF-IDF vectors (raw count x smoothed idf) of tokenised documents, idf over these documents. */
export function tfidfVectors(docs: readonly (readonly string[])[]): Map<string, number>[] {
  const df = new Map<string, number>()
  const counts = docs.map((doc) => {
    const tf = new Map<string, number>()
    for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1)
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1)
    return tf
  })
  for (const tf of counts) for (const [t, c] of tf) tf.set(t, c * idfOf(docs.length, df.get(t)!))
  return counts
}

/** Cosine similarity of two sparse vectors; 0 when either is empty. */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let dot = 0
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0)
  let na = 0
  let nb = 0
  for (const w of a.values()) na += w * w
  for (const w of b.values()) nb += w * w
  return na === 0 || nb === 0 ? 0 : Math.min(1, dot / Math.sqrt(na * nb))
}

/**
 * The longest common runs of consecutive words of two texts (case-insensitive), non-overlapping in
 * either text, longest first, at least `minWords` words, at most `max`; each as the first text's
 * original wording.
 */
export function sharedPassages(first: string, second: string, minWords = 5, max = 5): string[] {
  const wordsA = [...first.matchAll(WORD)]
  const wordsB = [...second.matchAll(WORD)]
  const ids = new Map<string, number>()
  const idOf = (m: RegExpMatchArray) => {
    const w = m[0].toLowerCase()
    let id = ids.get(w)
    if (id === undefined) ids.set(w, (id = ids.size))
    return id
  }
  const a = wordsA.map(idOf)
  const b = wordsB.map(idOf)
  // Common-substring DP over words, one row at a time; a run is recorded where it stops extending.
  const runs: { endA: number; endB: number; length: number }[] = []
  let previous = new Int32Array(b.length + 1)
  let current = new Int32Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : 0
      const length = current[j]!
      if (length >= minWords && (i === a.length || j === b.length || a[i] !== b[j])) runs.push({ endA: i, endB: j, length })
    }
    ;[previous, current] = [current, previous]
  }
  runs.sort((x, y) => y.length - x.length || x.endA - y.endA || x.endB - y.endB)
  const usedA = new Uint8Array(a.length)
  const usedB = new Uint8Array(b.length)
  const passages: string[] = []
  for (const run of runs) {
    if (passages.length === max) break
    const startA = run.endA - run.length
    const startB = run.endB - run.length
    if (usedA.subarray(startA, run.endA).some(Boolean) || usedB.subarray(startB, run.endB).some(Boolean)) continue
    usedA.fill(1, startA, run.endA)
    usedB.fill(1, startB, run.endB)
    const from = wordsA[startA]!
    const to = wordsA[run.endA - 1]!
    passages.push(first.slice(from.index, to.index! + to[0].length))
  }
  return passages
}

const WORD = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*/gu

interface Match {
  /** Corpus indices, `first` by the pair's lower address. */
  first: number
  second: number
  cosine: number
}

/** The reviews idf is counted over (config.idfExactUpTo, idfBasisGrowth): how many, and each term's document frequency among them. */
export interface IdfBasis { size: number; df: Uint32Array }

export function idfBasisSize(count: number, config: Pick<TextSimilarityConfig, 'idfExactUpTo' | 'idfBasisGrowth'>): number {
  if (count <= config.idfExactUpTo) return count
  let size = config.idfExactUpTo
  while (Math.floor(size * config.idfBasisGrowth) <= count && Math.floor(size * config.idfBasisGrowth) > size) size = Math.floor(size * config.idfBasisGrowth)
  return size
}

/** The first idfBasisSize reviews in reveal order (block, then id), and their document frequencies. */
export function idfBasis(corpus: TextCorpus, config: Pick<TextSimilarityConfig, 'idfExactUpTo' | 'idfBasisGrowth'>): IdfBasis {
  const count = corpus.ids.length
  const size = idfBasisSize(count, config)
  // A copy: a growing corpus (createTextCorpusBuilder) counts later reviews into its own df.
  if (size === count) return { size, df: corpus.df.slice() }
  const { revealedBlocks, ids, offsets, terms } = corpus
  const order = Array.from({ length: count }, (_, i) => i).sort((x, y) => revealedBlocks[x]! - revealedBlocks[y]! || (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : 0))
  const df = new Uint32Array(corpus.df.length)
  for (let k = 0; k < size; k++) for (let e = offsets[order[k]!]!; e < offsets[order[k]! + 1]!; e++) df[terms[e]!]!++
  return { size, df }
}

/**
 * Exact TF-IDF cosine between reviews of a corpus, idf over `basis`. Sums run over terms in
 * hash order, so a pair gets the same bits in any corpus holding the same reviews, however its
 * terms are numbered. A review's norm is computed when first needed: a run compares thousands of
 * candidates, not a million reviews.
 */
export function corpusCosine(corpus: TextCorpus, basis: IdfBasis = { size: corpus.ids.length, df: corpus.df }): (i: number, j: number) => number {
  const { offsets, terms, counts, termHashes } = corpus
  const count = corpus.ids.length
  // Both computed when first needed (0: not yet; idf is at least 1, and a compared review has
  // terms): a live run compares a few hundred candidates in a vocabulary of a million terms.
  // Terms first seen after the basis was counted are in none of its reviews (df 0).
  const idfSquared = new Float64Array(corpus.df.length)
  const idfSquaredOf = (t: number) => idfSquared[t] || (idfSquared[t] = idfOf(basis.size, basis.df[t] ?? 0) ** 2)
  const norms = new Float64Array(count)
  const normOf = (i: number) => {
    let norm = norms[i]!
    if (norm === 0) {
      let sum = 0
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) sum += counts[k]! * counts[k]! * idfSquaredOf(terms[k]!)
      norms[i] = norm = Math.sqrt(sum)
    }
    return norm
  }
  return (i, j) => {
    let a = offsets[i]!
    let b = offsets[j]!
    const endA = offsets[i + 1]!
    const endB = offsets[j + 1]!
    let dot = 0
    while (a < endA && b < endB) {
      const ta = terms[a]!
      const tb = terms[b]!
      if (ta === tb) dot += counts[a++]! * counts[b++]! * idfSquaredOf(ta)
      else if (termHashes[ta]! < termHashes[tb]!) a++
      else b++
    }
    return Math.min(1, dot / (normOf(i) * normOf(j)))
  }
}

/** Whether two reviews' whole signatures agree in at least minAgreeingSlots slots. */
function signaturesAgree(corpus: TextCorpus, i: number, j: number): boolean {
  const { minhashSlots: slots, minAgreeingSlots } = corpus.settings
  const signatures = corpus.signatures
  const a = i * slots
  const b = j * slots
  let agreeing = 0
  for (let s = 0; s < slots && agreeing < minAgreeingSlots; s++) if (signatures[a + s] === signatures[b + s]) agreeing++
  return agreeing >= minAgreeingSlots
}

/**
 * The candidate stage alone: corpus index pairs [i, j], i < j, sorted and distinct, whose band keys
 * agree in some band and whose whole signatures agree in minAgreeingSlots slots. With `reviewerOf`,
 * pairs of reviews by one reviewer are left out.
 */
export function textCandidates(corpus: TextCorpus, reviewerOf?: (reviewId: string) => string | undefined): [number, number][] {
  const count = corpus.ids.length
  let groupOf: Int32Array | undefined
  if (reviewerOf) {
    const groups = new Map<string, number>()
    groupOf = Int32Array.from(corpus.ids, (id) => {
      const reviewer = reviewerOf(id) ?? `?${id}`
      if (!groups.has(reviewer)) groups.set(reviewer, groups.size)
      return groups.get(reviewer)!
    })
  }
  const codes = candidateCodes(corpus.signatures, count, corpus.settings, groupOf)
  // Most pairs a band brings together agree in that band alone (a common phrase in both slots).
  return pairsOf(codes, count).filter(([i, j]) => signaturesAgree(corpus, i, j))
}

/** Candidate pairs of a corpus that grows: the pairs each added review takes part in, kept. */
export interface LiveTextCandidates {
  /** Candidate pairs [i, j], i < j, as corpus indices, in the order they were found (new ones last). */
  pairs(): readonly [number, number][]
  /** Adds the candidates of review `index` of `corpus` (the corpus's last) with every earlier review. */
  add(corpus: TextCorpus, index: number): void
  /** Builds the band index over `corpus` now (the candidates' own), not at the first add. */
  prepare(corpus: TextCorpus): void
}

/**
 * The candidates of `corpus` (textCandidates), kept with a band index so that reviews added later
 * find theirs. Per band, the indexed reviews sorted by key, with a directory by the key's high 16
 * bits (a lookup reads two entries and a run of about 16 low halves, where a binary search over a
 * million keys took 20 cache misses) and the low halves alone (half the memory of whole keys).
 * Reviews added since the index was built sit in one map per band, from the key's high 30 bits
 * (small integers: a map of whole 32-bit keys boxed each one) to a chain through typed arrays that
 * holds the whole keys; merged into the index once they are 1 % of it.
 */
export function liveTextCandidates(corpus: TextCorpus, reviewerOf: (reviewId: string) => string | undefined): LiveTextCandidates {
  const settings = corpus.settings
  const bands = settings.lshBands
  const reviewer = (c: TextCorpus, i: number) => reviewerOf(c.ids[i]!)
  const pairs = textCandidates(corpus, reviewerOf)
  let built = false
  let indexed = 0
  const directories: Uint32Array[] = []
  const lowHalves: Uint16Array[] = []
  const sortedItems: Uint32Array[] = []
  // Recent review r (the r-th added since the index) has band b's key at recentKeys[r * bands + b],
  // and the next recent review with that band's key (high 30 bits) at chain[r * bands + b] (-1: none).
  let recent: Map<number, number>[] = []
  let recentKeys = new Uint32Array(0)
  let chain = new Int32Array(0)
  let recentCount = 0
  const keys = new Uint32Array(bands)
  const reindex = (c: TextCorpus) => {
    built = true
    indexed = c.ids.length
    recent = Array.from({ length: bands }, () => new Map())
    recentCount = 0
    const keys = new Uint32Array(indexed)
    const sorter = keySorter(indexed)
    for (let b = 0; b < bands; b++) {
      bandKeysOf(c.signatures, indexed, settings, b, keys)
      const items = sorter(keys).slice()
      const directory = new Uint32Array((1 << 16) + 1)
      for (let k = 0; k < indexed; k++) directory[(keys[k]! >>> 16) + 1]!++
      for (let h = 0; h < 1 << 16; h++) directory[h + 1]! += directory[h]!
      sortedItems[b] = items
      lowHalves[b] = Uint16Array.from(items, (i) => keys[i]! & 0xffff)
      directories[b] = directory
    }
  }
  return {
    pairs: () => pairs,
    prepare(c) {
      if (!built) reindex(c)
    },
    add(c, index) {
      if (index !== c.ids.length - 1) throw new Error(`text candidates: review ${index} is not the corpus's last (${c.ids.length - 1})`)
      if (!built || recentCount * 100 > indexed) reindex({ ...c, ids: c.ids.slice(0, index) })
      if ((recentCount + 1) * bands > recentKeys.length) {
        const size = Math.max(64, recentCount * 2) * bands
        recentKeys = grown(recentKeys, size)
        chain = grown(chain, size)
      }
      const found = new Set<number>()
      allBandKeysOf(c.signatures.subarray(index * settings.minhashSlots, (index + 1) * settings.minhashSlots), settings, keys)
      const r = recentCount++
      for (let b = 0; b < bands; b++) {
        const key = keys[b]!
        const high = key >>> 16
        const low = key & 0xffff
        const lows = lowHalves[b]!
        const items = sortedItems[b]!
        for (let k = directories[b]![high]!, end = directories[b]![high + 1]!; k < end; k++) if (lows[k] === low) found.add(items[k]!)
        const byKey = recent[b]!
        const head = byKey.get(key >>> 2) ?? -1
        for (let e = head; e >= 0; e = chain[e]!) if (recentKeys[e] === key) found.add(indexed + Math.floor(e / bands))
        recentKeys[r * bands + b] = key
        chain[r * bands + b] = head
        byKey.set(key >>> 2, r * bands + b)
      }
      const own = reviewer(c, index)
      for (const j of [...found].sort((x, y) => x - y)) {
        if (reviewer(c, j) !== own && signaturesAgree(c, j, index)) pairs.push([j, index])
      }
    },
  }
}

export function detectTextSimilarity(snapshot: Snapshot, config: TextSimilarityConfig = DETECTOR_DEFAULTS.textSimilarity): Flag[] {
  const corpus = snapshot.textCorpus ?? textCorpusOf(snapshot.reviews, config)
  const byId = new Map(snapshot.reviews.map((r) => [r.id, r]))
  const cosineOf = corpusCosine(corpus, idfBasis(corpus, config))
  const matches = textCandidates(corpus, (id) => byId.get(id)?.reviewer).map(([i, j]) => [i, j, cosineOf(i, j)] as const)
  return textFlags(snapshot.block, corpus, matches, (id) => byId.get(id), config)
}

/**
 * The flags of verified candidates (pairs of corpus indices with their exact cosine): pairs above
 * minCosine, grouped by the two reviewers.
 */
export function textFlags(block: number, corpus: TextCorpus, candidates: Iterable<readonly [number, number, number]>, reviewOf: (id: string) => ReviewFact | undefined, config: TextSimilarityConfig): Flag[] {
  const groups: TextMatchGroups = new Map()
  addTextMatches(groups, corpus, candidates, reviewOf, config)
  return [...groups.values()].flatMap((matches) => textMatchFlag(block, corpus, matches, reviewOf, config) ?? []).sort((x, y) => compareIds(x.id, y.id))
}

/** Verified matches by reviewer pair (`first|second`, by address): one flag each, once minPairs. */
export type TextMatchGroups = Map<string, Match[]>

/** Adds the candidates above minCosine to their reviewer pair's group; returns the pairs added to. */
export function addTextMatches(groups: TextMatchGroups, corpus: TextCorpus, candidates: Iterable<readonly [number, number, number]>, reviewOf: (id: string) => ReviewFact | undefined, config: TextSimilarityConfig): Set<string> {
  for (const key of ['minTokens', 'minhashSlots', 'lshBands', 'lshRows', 'minAgreeingSlots', 'shingle'] as const) {
    if (corpus.settings[key] !== config[key]) throw new Error(`text similarity: the snapshot's text corpus was built with ${key} ${corpus.settings[key]}, the detector is set to ${config[key]}`)
  }
  const review = reviewIn(corpus, reviewOf)
  const added = new Set<string>()
  for (const [i, j, similarity] of candidates) {
    if (!(similarity > config.minCosine)) continue
    const [first, second] = review(i).reviewer < review(j).reviewer ? [i, j] : [j, i]
    const key = `${review(first).reviewer}|${review(second).reviewer}`
    let matches = groups.get(key)
    if (!matches) groups.set(key, (matches = []))
    matches.push({ first, second, cosine: similarity })
    added.add(key)
  }
  return added
}

/** The flag of one reviewer pair's matches (null below minPairs). */
export function textMatchFlag(block: number, corpus: TextCorpus, matches: Match[], reviewOf: (id: string) => ReviewFact | undefined, config: TextSimilarityConfig): Flag | null {
  return matches.length < config.minPairs ? null : pairFlag(block, reviewIn(corpus, reviewOf), matches, config)
}

const reviewIn = (corpus: TextCorpus, reviewOf: (id: string) => ReviewFact | undefined) => (i: number) => {
  const r = reviewOf(corpus.ids[i]!)
  if (!r) throw new Error(`text similarity: review ${corpus.ids[i]} has text features but is not in the snapshot`)
  return r
}

/** A text-similarity flag's matching review pairs, as its evidence lists them. */
interface MatchEvidence {
  reviewIds: [string, string]
  proposalIds: [string, string]
  sameProposal: boolean
  cosine: number
  sharedPassages?: string[]
}

/** Reviews whose texts attachSharedPassages needs for these flags. */
export function passageReviewIds(flags: readonly Flag[]): string[] {
  const ids = new Set<string>()
  for (const f of flags) if (f.kind === 'text-similarity') for (const p of f.evidence.pairs as MatchEvidence[]) ids.add(p.reviewIds[0]).add(p.reviewIds[1])
  return [...ids].sort()
}

/**
 * The flags with each text-similarity pair's shared passages quoted (in the first review's
 * wording), as `passagesOf` gives them for the pair's two reviews (sharedPassages of their texts).
 */
export function attachSharedPassages(flags: readonly Flag[], passagesOf: (firstReviewId: string, secondReviewId: string) => string[]): Flag[] {
  return flags.map((f) => {
    if (f.kind !== 'text-similarity') return f
    const pairs = (f.evidence.pairs as MatchEvidence[]).map((p) => ({ ...p, sharedPassages: passagesOf(p.reviewIds[0], p.reviewIds[1]) }))
    return { ...f, evidence: { ...f.evidence, pairs } }
  })
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function pairFlag(block: number, review: (i: number) => ReviewFact, matches: Match[], config: TextSimilarityConfig): Flag {
  // Ties by review id: the corpus order is no order.
  const idOf = (i: number) => review(i).id
  matches.sort((x, y) => y.cosine - x.cosine || compareIds(idOf(x.first), idOf(y.first)) || compareIds(idOf(x.second), idOf(y.second)))
  let from = Infinity
  let to = -Infinity
  for (const m of matches) {
    for (const r of [review(m.first), review(m.second)]) {
      const at = r.revealedAt ?? r.committedAt
      if (at === null) continue
      from = Math.min(from, at)
      to = Math.max(to, at)
    }
  }
  const shown = matches.slice(0, 10).map((m): MatchEvidence => {
    const a = review(m.first)
    const b = review(m.second)
    return { reviewIds: [a.id, b.id], proposalIds: [a.proposalId, b.proposalId], sameProposal: a.proposalId === b.proposalId, cosine: round4(m.cosine) }
  })
  return makeFlag({
    kind: 'text-similarity',
    subjects: [review(matches[0]!.first).reviewer, review(matches[0]!.second).reviewer],
    // All of the pair's matches count, so the flag keeps one id as matches accumulate.
    window: null,
    metric: 'cosine similarity (TF-IDF, stemmed)',
    value: round4(matches[0]!.cosine),
    threshold: config.minCosine,
    comparison: '>',
    evidence: {
      matches: matches.length,
      span: from <= to ? { from, to } : null,
      // Review pairs in order of similarity; in each, the first review is by the first subject.
      pairs: shown,
    },
    block,
  })
}

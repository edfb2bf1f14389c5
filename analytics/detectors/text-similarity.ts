/**
 * Text similarity (ZIP-604 4.3): "cosine similarity > 0.8 for independent reviews, flag". Two
 * reviewers whose reviews read alike, on one proposal or across proposals (a ring filling in a
 * template), are flagged as a pair.
 *
 * Method:
 * - Tokens: natural's word tokenizer on the lower-cased text, English stopwords and one-character
 *   leftovers ("don't" -> "don", "t") dropped, Porter stems. Every review with text is compared
 *   (annulled ones too: they still show what happened); those with fewer than `minTokens` distinct
 *   stems are too short to compare and are skipped.
 * - Similarity: cosine of TF-IDF vectors (raw counts x smoothed idf ln((1+N)/(1+df))+1 over the
 *   N reviews compared), computed exactly, but only on candidate pairs.
 * - Candidates: comparing all pairs is quadratic (5e11 pairs at 1M reviews), so pairs come from
 *   MinHash over word shingles of `shingle` stems (`minhashHashes` hash functions) and LSH banding
 *   (`lshBands` bands of rows = hashes / bands): two reviews are candidates when all rows of some
 *   band agree. A pair of shingle Jaccard J becomes a candidate with probability 1-(1-J^rows)^bands.
 *   Shingles keep word order, so a pair that shares its words in a different order or with edits
 *   every few words can exceed the cosine threshold at low shingle Jaccard and be missed; copied
 *   passages (the template case) keep Jaccard high.
 * - Hashes are fixed, so runs agree: a shingle's hash combines its stems' FNV-1a hashes (murmur3
 *   steps and finalizer; each stem is hashed once per run, not once per shingle), and hash function
 *   f is a*x+b mod 2^32 with fixed odd a_f and b_f. Multiply-add is not min-wise independent on raw
 *   keys, but on finalized keys its estimates match the binomial error of ideal MinHash (checked
 *   for Jaccard 0.1-0.7 with 128 functions) at two operations per function and shingle.
 *
 * Memory is flat typed arrays (term ids and counts per review, band keys), so 1M reviews need no
 * per-review objects beyond the input. Reviews are processed in id order, which makes the flags
 * independent of the snapshot's review order. Same-reviewer pairs are dropped before verification.
 */
// natural's own entry point loads its storage back ends, which read a .env file from the working
// directory into process.env; the tokenizer and stemmer modules alone do not.
import { PorterStemmer } from 'natural/lib/natural/stemmers'
import { WordTokenizer } from 'natural/lib/natural/tokenizers'
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { words: STOPWORD_LIST } = require('natural/lib/natural/util/stopwords') as { words: string[] }
import { DETECTOR_DEFAULTS, type TextSimilarityConfig } from '../config'
import { makeFlag, round4, type Flag, type ReviewFact, type Snapshot } from '../types'

const wordTokenizer = new WordTokenizer()
const STOPWORDS = new Set(STOPWORD_LIST)
const stem = (word: string): string => PorterStemmer.stem(word)
const isIndexed = (word: string): boolean => word.length > 1 && !STOPWORDS.has(word)

/** Stems of a text's indexed words, in order. */
export function tokenize(text: string): string[] {
  return wordTokenizer.tokenize(text.toLowerCase()).filter(isIndexed).map(stem)
}

/** Word shingles: each run of `size` consecutive stems, joined by spaces (the whole text if shorter). */
export function shingles(stems: readonly string[], size: number): string[] {
  const width = Math.min(size, stems.length)
  const out: string[] = []
  for (let p = 0; p + width <= stems.length && width > 0; p++) out.push(stems.slice(p, p + width).join(' '))
  return out
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = FNV_OFFSET
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME)
  return h >>> 0
}

/** One murmur3 block step: folds `k` into the running hash `h`. */
function murmurStep(h: number, k: number): number {
  let x = Math.imul(k, 0xcc9e2d51)
  x = Math.imul((x << 15) | (x >>> 17), 0x1b873593)
  const y = h ^ x
  return (Math.imul((y << 13) | (y >>> 19), 5) + 0xe6546b64) | 0
}

/** murmur3's finalizer: every output bit depends on every input bit. */
function fmix32(x: number): number {
  let h = x
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Hash of the shingle of `width` stems starting at `from`, given the stems' FNV-1a hashes. */
function shingleHashOf(stemHashes: ArrayLike<number>, from: number, width: number): number {
  let h = width
  for (let w = from; w < from + width; w++) h = murmurStep(h, stemHashes[w]!)
  return fmix32(h)
}

/** Multipliers (odd) and offsets of the hash functions, fixed by their index. */
const functionCache = new Map<number, { multipliers: Uint32Array; offsets: Uint32Array }>()
function hashFunctions(hashes: number) {
  let fns = functionCache.get(hashes)
  if (!fns) {
    fns = { multipliers: new Uint32Array(hashes), offsets: new Uint32Array(hashes) }
    for (let f = 0; f < hashes; f++) {
      fns.multipliers[f] = fmix32(Math.imul(f + 1, 0x9e3779b9)) | 1
      fns.offsets[f] = fmix32(Math.imul(f + 1, 0x7f4a7c15) ^ 0x5bd1e995)
    }
    functionCache.set(hashes, fns)
  }
  return fns
}

/** Writes the MinHash signature of `count` shingle hashes into `out` (one slot per hash function). */
function minhashInto(shingleHashes: Uint32Array, count: number, out: Uint32Array): void {
  const { multipliers, offsets } = hashFunctions(out.length)
  for (let f = 0; f < out.length; f++) {
    const a = multipliers[f]!
    const b = offsets[f]!
    let min = 0xffffffff
    for (let p = 0; p < count; p++) {
      const h = (Math.imul(shingleHashes[p]!, a) + b) >>> 0
      if (h < min) min = h
    }
    out[f] = min
  }
}

/** MinHash signature of a set of shingles (stems joined by spaces, as `shingles` makes them). */
export function minhashSignature(shingleTexts: readonly string[], hashes: number): Uint32Array {
  const out = new Uint32Array(hashes)
  const hashed = Uint32Array.from(shingleTexts, (text) => {
    const stemHashes = text.split(' ').map((s) => fnv1a(s))
    return shingleHashOf(stemHashes, 0, stemHashes.length)
  })
  minhashInto(hashed, hashed.length, out)
  return out
}

/** One 32-bit key per band: the murmur3 combination of the band's rows. */
function bandKeysInto(signature: Uint32Array, bands: number, out: Uint32Array, at: number): void {
  const rows = Math.floor(signature.length / bands)
  for (let b = 0; b < bands; b++) {
    let h = rows
    for (let r = b * rows; r < (b + 1) * rows; r++) h = murmurStep(h, signature[r]!)
    out[at + b] = fmix32(h)
  }
}

/**
 * Candidate pairs from band keys (`bands` keys per item, item-major): items sharing a key in some
 * band. Returns sorted, distinct pair codes i * count + j (i < j). Items of the same `groupOf`
 * value are never paired. A 32-bit key collision only adds a candidate, which verification drops.
 */
function candidateCodes(bandKeys: Uint32Array, count: number, bands: number, groupOf?: Int32Array): Float64Array {
  let codes = new Float64Array(1024)
  let size = 0
  const emit = (i: number, j: number) => {
    if (groupOf && groupOf[i] === groupOf[j]) return
    if (size === codes.length) {
      const grown = new Float64Array(codes.length * 2)
      grown.set(codes)
      codes = grown
    }
    codes[size++] = i * count + j
  }
  // Sorting (key, item) packed into one float64 uses the native numeric sort, several times faster
  // than a comparator; it needs 32 + index bits <= 53, true up to 2M items.
  const indexBits = Math.max(1, Math.ceil(Math.log2(count)))
  const packed = 32 + indexBits <= 53 ? new Float64Array(count) : null
  const scale = 2 ** indexBits
  const order = new Uint32Array(count)
  for (let b = 0; b < bands; b++) {
    if (packed) {
      for (let i = 0; i < count; i++) packed[i] = bandKeys[i * bands + b]! * scale + i
      packed.sort()
      for (let i = 0; i < count; i++) order[i] = packed[i]! % scale
    } else {
      for (let i = 0; i < count; i++) order[i] = i
      order.sort((x, y) => bandKeys[x * bands + b]! - bandKeys[y * bands + b]! || x - y)
    }
    for (let start = 0; start < count; ) {
      const key = bandKeys[order[start]! * bands + b]!
      let end = start + 1
      while (end < count && bandKeys[order[end]! * bands + b] === key) end++
      for (let x = start; x < end; x++) for (let y = x + 1; y < end; y++) emit(order[x]!, order[y]!)
      start = end
    }
  }
  const sorted = codes.subarray(0, size).sort()
  let distinct = 0
  for (let i = 0; i < size; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!
  return sorted.slice(0, distinct)
}

/** LSH candidate pairs [i, j] (i < j), distinct, in ascending order: signatures agreeing on every row of some band. */
export function lshCandidates(signatures: readonly Uint32Array[], bands: number): Array<[number, number]> {
  const count = signatures.length
  const keys = new Uint32Array(count * bands)
  signatures.forEach((s, i) => bandKeysInto(s, bands, keys, i * bands))
  return Array.from(candidateCodes(keys, count, bands), (code): [number, number] => {
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
  /** Review indices (in id order), `first` by the pair's lower address. */
  first: number
  second: number
  cosine: number
}

export function detectTextSimilarity(snapshot: Snapshot, config: TextSimilarityConfig = DETECTOR_DEFAULTS.textSimilarity): Flag[] {
  const rows = Math.floor(config.minhashHashes / config.lshBands)
  if (!(config.lshBands >= 1 && rows >= 1 && config.shingle >= 1)) throw new RangeError(`text similarity: ${config.minhashHashes} hashes cannot form ${config.lshBands} bands of shingles of ${config.shingle}`)
  const withText = snapshot.reviews.filter((r) => r.text !== null).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))

  // Vocabulary: word -> term id (-1: not indexed), shared across reviews so each word is stemmed once.
  const termOfWord = new Map<string, number>()
  const termOfStem = new Map<string, number>()
  const stems: string[] = []
  let stemHashes = new Uint32Array(1024)
  let df = new Int32Array(1024)
  let seen = new Int32Array(1024) // occurrences of each term in the review being read
  // Per compared review: distinct term ids ascending with counts, in flat arrays (offsets per review).
  let terms = new Int32Array(1 << 16)
  let counts = new Uint16Array(1 << 16) // a stem used 65,535 times in one review is capped there
  const offsets: number[] = [0]
  const reviews: ReviewFact[] = []
  const reviewerIds = new Map<string, number>()
  const groupOf: number[] = []
  const bandKeys = new Uint32Array(withText.length * config.lshBands)
  let sequence = new Uint32Array(256) // the review's indexed words as stem hashes, in order
  let distinct = new Int32Array(256)
  let shingleHashes = new Uint32Array(256)
  const signature = new Uint32Array(config.minhashHashes)

  for (const review of withText) {
    const words = wordTokenizer.tokenize(review.text!.toLowerCase())
    if (sequence.length < words.length) {
      sequence = new Uint32Array(words.length * 2)
      distinct = new Int32Array(words.length * 2)
      shingleHashes = new Uint32Array(words.length * 2)
    }
    let length = 0
    let distinctCount = 0
    for (const word of words) {
      let term = termOfWord.get(word)
      if (term === undefined) {
        term = -1
        if (isIndexed(word)) {
          const s = stem(word)
          term = termOfStem.get(s) ?? -1
          if (term === -1) {
            term = stems.length
            termOfStem.set(s, term)
            stems.push(s)
            if (term === df.length) {
              df = grown(df, df.length * 2)
              seen = grown(seen, seen.length * 2)
              stemHashes = grown(stemHashes, stemHashes.length * 2)
            }
            stemHashes[term] = fnv1a(s)
          }
        }
        termOfWord.set(word, term)
      }
      if (term === -1) continue
      sequence[length++] = stemHashes[term]!
      if (seen[term]!++ === 0) distinct[distinctCount++] = term
    }
    if (distinctCount < config.minTokens) {
      for (let d = 0; d < distinctCount; d++) seen[distinct[d]!] = 0
      continue
    }

    const index = reviews.length
    reviews.push(review)
    let reviewer = reviewerIds.get(review.reviewer)
    if (reviewer === undefined) reviewerIds.set(review.reviewer, (reviewer = reviewerIds.size))
    groupOf.push(reviewer)
    const start = offsets[index]!
    if (terms.length < start + distinctCount) {
      terms = grown(terms, Math.max(Math.ceil(terms.length * 1.5), start + distinctCount))
      counts = grown(counts, terms.length)
    }
    const sortedTerms = distinct.subarray(0, distinctCount).sort()
    for (let d = 0; d < distinctCount; d++) {
      const term = sortedTerms[d]!
      terms[start + d] = term
      counts[start + d] = Math.min(seen[term]!, 0xffff)
      df[term]!++
      seen[term] = 0
    }
    offsets.push(start + distinctCount)

    // The same shingles as shingles(tokenize(text), config.shingle), without building the strings.
    const width = Math.min(config.shingle, length)
    const shingleCount = length - width + 1
    for (let p = 0; p < shingleCount; p++) shingleHashes[p] = shingleHashOf(sequence, p, width)
    minhashInto(shingleHashes, shingleCount, signature)
    bandKeysInto(signature, config.lshBands, bandKeys, index * config.lshBands)
  }

  const count = reviews.length
  if (count < 2) return []
  const idfSquared = new Float64Array(stems.length)
  for (let t = 0; t < stems.length; t++) idfSquared[t] = idfOf(count, df[t]!) ** 2
  const norms = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    let sum = 0
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) sum += counts[k]! * counts[k]! * idfSquared[terms[k]!]!
    norms[i] = Math.sqrt(sum)
  }
  const cosineOf = (i: number, j: number): number => {
    let a = offsets[i]!
    let b = offsets[j]!
    const endA = offsets[i + 1]!
    const endB = offsets[j + 1]!
    let dot = 0
    while (a < endA && b < endB) {
      const ta = terms[a]!
      const tb = terms[b]!
      if (ta === tb) dot += counts[a++]! * counts[b++]! * idfSquared[ta]!
      else if (ta < tb) a++
      else b++
    }
    return Math.min(1, dot / (norms[i]! * norms[j]!))
  }

  const matchesByPair = new Map<string, Match[]>()
  for (const code of candidateCodes(bandKeys.subarray(0, count * config.lshBands), count, config.lshBands, Int32Array.from(groupOf))) {
    const i = Math.floor(code / count)
    const j = code - i * count
    const similarity = cosineOf(i, j)
    if (!(similarity > config.minCosine)) continue
    const [first, second] = reviews[i]!.reviewer < reviews[j]!.reviewer ? [i, j] : [j, i]
    const key = `${reviews[first]!.reviewer}|${reviews[second]!.reviewer}`
    let matches = matchesByPair.get(key)
    if (!matches) matchesByPair.set(key, (matches = []))
    matches.push({ first, second, cosine: similarity })
  }

  const flags: Flag[] = []
  for (const matches of matchesByPair.values()) {
    if (matches.length < config.minPairs) continue
    flags.push(pairFlag(snapshot, reviews, matches, config))
  }
  return flags.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
}

function pairFlag(snapshot: Snapshot, reviews: readonly ReviewFact[], matches: Match[], config: TextSimilarityConfig): Flag {
  matches.sort((x, y) => y.cosine - x.cosine || x.first - y.first || x.second - y.second)
  let from = Infinity
  let to = -Infinity
  for (const m of matches) {
    for (const r of [reviews[m.first]!, reviews[m.second]!]) {
      const at = r.revealedAt ?? r.committedAt
      if (at === null) continue
      from = Math.min(from, at)
      to = Math.max(to, at)
    }
  }
  const shown = matches.slice(0, 10).map((m) => {
    const a = reviews[m.first]!
    const b = reviews[m.second]!
    return {
      reviewIds: [a.id, b.id],
      proposalIds: [a.proposalId, b.proposalId],
      sameProposal: a.proposalId === b.proposalId,
      cosine: round4(m.cosine),
      sharedPassages: sharedPassages(a.text!, b.text!),
    }
  })
  return makeFlag({
    kind: 'text-similarity',
    subjects: [reviews[matches[0]!.first]!.reviewer, reviews[matches[0]!.second]!.reviewer],
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
    block: snapshot.block,
  })
}

function grown<T extends Int32Array | Uint32Array | Uint16Array>(array: T, length: number): T {
  const out = new (array.constructor as new (length: number) => T)(length)
  out.set(array)
  return out
}

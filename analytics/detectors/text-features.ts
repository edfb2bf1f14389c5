/**
 * Text features of reviews: the expensive half of the text-similarity detector, done once per
 * review. A review's text becomes its stemmed term counts (for the exact cosine) and its LSH band
 * keys (for candidate generation); the texts themselves are not kept, so that a million reviews
 * (2.5 GB of text) fit in a few hundred megabytes of flat typed arrays.
 *
 * - Tokens: natural's word tokenizer on the lower-cased text, English stopwords and one-character
 *   leftovers ("don't" -> "don", "t") dropped, Porter stems. Each distinct word is stemmed once.
 * - Terms are identified by the 32-bit FNV-1a hash of their stem, so that corpora built apart (in a
 *   worker, or in another run) agree on them. Two stems with one hash count as one term; among half
 *   a million stems about 30 pairs collide, each merging two rare words.
 * - A review's terms are kept in hash order, so every sum over them (norm, dot product) is taken
 *   in one order and gives bit-identical results in every corpus.
 * - MinHash over word shingles of `shingle` stems, one permutation (Li, Owen and Zhang 2012): one
 *   hash per shingle picks its slot by its top bits and competes for that slot's minimum, instead
 *   of one hash per shingle per slot (128 times fewer operations). Empty slots borrow a filled
 *   slot's value along a fixed probe sequence (Shrivastava 2017, "optimal densification"), so two
 *   texts agree in a slot with probability equal to their shingle Jaccard, as with independent
 *   hash functions.
 * - A shingle's hash combines its stems' hashes with murmur3 steps and finalizer; band keys combine
 *   a band's slots the same way. Everything is fixed, so runs agree.
 */
// natural's own entry point loads its storage back ends, which read a .env file from the working
// directory into process.env; the tokenizer and stemmer modules alone do not.
import { PorterStemmer } from 'natural/lib/natural/stemmers'
import { WordTokenizer } from 'natural/lib/natural/tokenizers'
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { words: STOPWORD_LIST } = require('natural/lib/natural/util/stopwords') as { words: string[] }
import type { TextSimilarityConfig } from '../config'

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
export function fmix32(x: number): number {
  let h = x
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Hash of the shingle of `width` stem hashes starting at `from`. */
function shingleHashOf(stemHashes: ArrayLike<number>, from: number, width: number): number {
  let h = width
  for (let w = from; w < from + width; w++) h = murmurStep(h, stemHashes[w]!)
  return fmix32(h)
}

/** For each slot, the order in which an empty slot looks for a filled one to borrow from. */
const probeCache = new Map<number, Uint8Array[] | Uint16Array[]>()
function probeSequences(slots: number): ArrayLike<number>[] {
  let sequences = probeCache.get(slots)
  if (!sequences) {
    sequences = Array.from({ length: slots }, (_, slot) => {
      const order = slots <= 256 ? new Uint8Array(slots) : new Uint16Array(slots)
      for (let k = 0; k < slots; k++) order[k] = k
      // A fixed Fisher-Yates shuffle per slot: every filled slot is eventually found.
      for (let k = slots - 1; k > 0; k--) {
        const j = fmix32(Math.imul(slot + 1, 0x9e3779b9) ^ Math.imul(k, 0x85ebca6b)) % (k + 1)
        ;[order[k], order[j]] = [order[j]!, order[k]!]
      }
      return order
    }) as Uint8Array[] | Uint16Array[]
    probeCache.set(slots, sequences)
  }
  return sequences
}

/**
 * One-permutation MinHash of `count` shingle hashes into `out` (one value per slot): a hash's slot
 * is its position scaled to the slot count, and the slot keeps its smallest hash.
 */
function minhashInto(shingleHashes: ArrayLike<number>, count: number, out: Uint32Array, filled: Uint8Array): void {
  const slots = out.length
  out.fill(0xffffffff)
  filled.fill(0)
  for (let p = 0; p < count; p++) {
    const h = shingleHashes[p]!
    const slot = Math.floor((h / 4294967296) * slots)
    if (h < out[slot]!) out[slot] = h
    filled[slot] = 1
  }
  if (count === 0) return
  const probes = probeSequences(slots)
  for (let slot = 0; slot < slots; slot++) {
    if (filled[slot]) continue
    const order = probes[slot]!
    let k = 0
    while (!filled[order[k]!]) k++
    out[slot] = out[order[k]!]!
  }
}

/** MinHash signature of a set of shingles (stems joined by spaces, as `shingles` makes them). */
export function minhashSignature(shingleTexts: readonly string[], slots: number): Uint32Array {
  const out = new Uint32Array(slots)
  const hashed = Uint32Array.from(shingleTexts, (text) => {
    const stemHashes = text.split(' ').map((s) => fnv1a(s))
    return shingleHashOf(stemHashes, 0, stemHashes.length)
  })
  minhashInto(hashed, hashed.length, out, new Uint8Array(slots))
  return out
}

/**
 * The slots each band combines, `rows` per band, band-major: the first slots / rows bands take the
 * slots in order, and further bands take them again in fixed shuffled orders. More bands than
 * slots / rows raise recall without more slots: with a few hundred shingles per review, more slots
 * would leave each slot with one or two shingles, and a slot holding a common phrase pairs every
 * review that uses it.
 */
const bandSlotsCache = new Map<string, Uint16Array>()
function bandSlots(slots: number, bands: number, rows: number): Uint16Array {
  const key = `${slots}/${bands}/${rows}`
  let order = bandSlotsCache.get(key)
  if (!order) {
    order = new Uint16Array(bands * rows)
    for (let k = 0; k < order.length; k++) order[k] = k % slots
    for (let start = slots; start < order.length; start += slots) {
      const round = order.subarray(start, Math.min(start + slots, order.length))
      const full = Uint16Array.from({ length: slots }, (_, k) => k)
      for (let k = slots - 1; k > 0; k--) {
        const j = fmix32(Math.imul(start + 1, 0x7f4a7c15) ^ Math.imul(k, 0x9e3779b9)) % (k + 1)
        ;[full[k], full[j]] = [full[j]!, full[k]!]
      }
      round.set(full.subarray(0, round.length))
    }
    bandSlotsCache.set(key, order)
  }
  return order
}

/**
 * Band `band`'s 32-bit key for each of the `count` signatures (minhashSlots 16-bit values each,
 * signature-major): the murmur3 combination of the band's lshRows slots.
 */
export function bandKeysOf(signatures: Uint16Array, count: number, settings: Pick<TextFeatureSettings, 'minhashSlots' | 'lshBands' | 'lshRows'>, band: number, out: Uint32Array): void {
  const { minhashSlots: slots, lshBands, lshRows: rows } = settings
  const order = bandSlots(slots, lshBands, rows).subarray(band * rows, (band + 1) * rows)
  for (let i = 0; i < count; i++) {
    let h = rows
    for (let r = 0; r < rows; r++) h = murmurStep(h, signatures[i * slots + order[r]!]!)
    out[i] = fmix32(h)
  }
}

/** Every band's key of one signature (minhashSlots 16-bit values), into `out` (lshBands long). */
export function allBandKeysOf(signature: Uint16Array, settings: Pick<TextFeatureSettings, 'minhashSlots' | 'lshBands' | 'lshRows'>, out: Uint32Array): void {
  const { minhashSlots: slots, lshBands, lshRows: rows } = settings
  const order = bandSlots(slots, lshBands, rows)
  for (let b = 0; b < lshBands; b++) {
    let h = rows
    for (let r = b * rows; r < (b + 1) * rows; r++) h = murmurStep(h, signature[order[r]!]!)
    out[b] = fmix32(h)
  }
}

/** The settings a corpus was built with: a corpus is only read with the same ones. */
export type TextFeatureSettings = Pick<TextSimilarityConfig, 'minTokens' | 'minhashSlots' | 'lshBands' | 'lshRows' | 'minAgreeingSlots' | 'shingle'>

export function checkTextFeatureSettings(s: TextFeatureSettings): void {
  const whole = (x: number, min: number, max: number) => Number.isInteger(x) && x >= min && x <= max
  if (!(whole(s.minhashSlots, 1, 65_536) && whole(s.lshRows, 1, s.minhashSlots) && whole(s.minAgreeingSlots, 0, s.minhashSlots) && whole(s.lshBands, 1, 65_536) && whole(s.shingle, 1, 64))) {
    throw new RangeError(`text similarity: ${s.minhashSlots} MinHash slots cannot form ${s.lshBands} bands of ${s.lshRows} rows over shingles of ${s.shingle}`)
  }
}

/** The compared reviews of a snapshot as features: what the detector reads instead of texts. */
export interface TextCorpus {
  settings: TextFeatureSettings
  /** Compared reviews (revealed, at least minTokens distinct stems), in no particular order (no result depends on it); index i below. */
  ids: string[]
  /** The block each was revealed in: idf is counted over the first reviews in reveal order (idfBasis). */
  revealedBlocks: Uint32Array
  /** Review i's terms are terms[offsets[i] .. offsets[i + 1]), ascending (so in the order of their hashes), with their counts. */
  offsets: Uint32Array
  terms: Uint32Array
  /** Occurrences in the review, capped at 65,535. */
  counts: Uint16Array
  /** Per term, terms numbered in the order of their hashes: its stem's hash, and the compared reviews using it (document frequency). */
  termHashes: Uint32Array
  df: Uint32Array
  /**
   * MinHash signatures, `settings.minhashSlots` values per review, review-major: the low 16 bits of
   * each slot's minimum. A band of two slots still compares 32 bits, so truncation adds a chance
   * candidate in 4 billion per band; it halves the memory of a million signatures.
   */
  signatures: Uint16Array
  /**
   * The words met while building it (knownWords), if kept: a builder on from this corpus starts
   * knowing them, so that a word is stemmed once in the process, not once more after a full run.
   */
  words?: Int32Array
}

/** natural's WordTokenizer word characters, by UTF-16 code unit: A-Z a-z 0-9 _ and the Cyrillic А-я. */
const WORD_CHAR = new Uint8Array(65_536)
for (const [from, to] of [[65, 90], [97, 122], [48, 57], [95, 95], [0x410, 0x44f]] as const) WORD_CHAR.fill(1, from, to + 1)

/**
 * An open-addressing map from a word's two 32-bit hashes (FNV-1a and the polynomial hash of its
 * characters: two words agreeing on both are not expected among billions) to its term (-1: not
 * indexed).
 */
function createWordTable() {
  // Slot s is entries[4s .. 4s + 3] = [h1, h2, term + 2 (0: empty), unused]: one cache line per probe.
  let capacity = 1 << 16
  let entries = new Int32Array(capacity * 4)
  let size = 0
  const slotOf = (h1: number, h2: number): number => {
    let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & (capacity - 1)
    while (entries[slot * 4 + 2] !== 0 && (entries[slot * 4] !== h1 || entries[slot * 4 + 1] !== h2)) slot = (slot + 1) & (capacity - 1)
    return slot * 4
  }
  const table = {
    /** The word's term, -1 if not indexed, -2 if not seen yet. */
    get(h1: number, h2: number): number {
      return entries[slotOf(h1, h2) + 2]! - 2
    },
    set(h1: number, h2: number, term: number): void {
      if ((size + 1) * 2 > capacity) {
        const old = entries
        capacity *= 2
        entries = new Int32Array(capacity * 4)
        size = 0
        for (let e = 0; e < old.length; e += 4) if (old[e + 2] !== 0) table.set(old[e]!, old[e + 1]!, old[e + 2]! - 2)
      }
      const at = slotOf(h1, h2)
      if (entries[at + 2] === 0) size++
      entries[at] = h1
      entries[at + 1] = h2
      entries[at + 2] = term + 2
    },
    forEach(visit: (h1: number, h2: number, term: number) => void): void {
      for (let e = 0; e < entries.length; e += 4) if (entries[e + 2] !== 0) visit(entries[e]!, entries[e + 1]!, entries[e + 2]! - 2)
    },
  }
  return table
}

/** Terms above this many would not fit the sort key (hash * 2^21 + term) in a float64's 53 bits. */
const MAX_TERMS = 2 ** 21

/**
 * Builds a corpus one review at a time, in any order, from nothing or on from `base` (copied, with
 * room to grow by a quarter). Its vocabulary and buffers grow as needed.
 */
export function createTextCorpusBuilder(settings: TextFeatureSettings, base?: TextCorpus) {
  checkTextFeatureSettings(settings)
  const { minTokens, minhashSlots, lshBands, lshRows, minAgreeingSlots, shingle } = settings
  const termOfHash = new Map<number, number>()
  let termHashes = new Uint32Array(1024)
  let df = new Uint32Array(1024)
  let seen = new Uint32Array(1024) // occurrences of each term in the review being read
  let termCount = 0
  const ids: string[] = []
  let offsets = new Uint32Array(1024)
  let revealedBlocks = new Uint32Array(1024)
  let terms = new Uint32Array(1 << 16)
  let counts = new Uint16Array(1 << 16)
  let signatures = new Uint16Array(1024 * minhashSlots)
  let sequence = new Uint32Array(256) // the review's indexed words as stem hashes, in order
  let distinct = new Uint32Array(256)
  let sortKeys = new Float64Array(256)
  let shingleHashes = new Uint32Array(256)
  const signature = new Uint32Array(minhashSlots)
  const filled = new Uint8Array(minhashSlots)
  if (base) {
    const room = (n: number) => Math.ceil(n * 1.25) + 1024
    const into = <T extends Uint32Array<ArrayBuffer> | Uint16Array<ArrayBuffer>>(from: Uint32Array | Uint16Array, size: number): T => {
      const out = new (from.constructor as new (length: number) => T)(size)
      out.set(from)
      return out
    }
    termCount = base.termHashes.length
    termHashes = into(base.termHashes, room(termCount))
    df = into(base.df, termHashes.length)
    seen = new Uint32Array(termHashes.length)
    base.termHashes.forEach((hash, term) => termOfHash.set(hash, term))
    for (const id of base.ids) ids.push(id)
    offsets = into(base.offsets, room(base.offsets.length))
    revealedBlocks = into(base.revealedBlocks, room(base.revealedBlocks.length))
    terms = into(base.terms, room(base.terms.length))
    counts = into(base.counts, terms.length)
    signatures = into(base.signatures, room(base.signatures.length))
  }

  // Words are looked up by two 32-bit hashes of their characters, computed while scanning, so a
  // known word costs no string; a new word is sliced out once, and stemmed once.
  const words = createWordTable()
  if (base?.words) {
    const known = base.words
    for (let k = 0; k < known.length; k += 4) {
      const term = known[k + 3] === 0 ? -1 : termOfHash.get(known[k + 2]! >>> 0)
      // A word stemmed only in reviews too short to compare has no term yet: it is stemmed again when met.
      if (term !== undefined) words.set(known[k]!, known[k + 1]!, term)
    }
  }
  const termOfWord = (text: string, from: number, to: number): number => {
    const word = text.slice(from, to)
    if (!isIndexed(word)) return -1
    const hash = fnv1a(stem(word))
    let term = termOfHash.get(hash)
    if (term === undefined) {
      if (termCount === MAX_TERMS) throw new RangeError(`text similarity: more than ${MAX_TERMS} distinct stems`)
      term = termCount++
      termOfHash.set(hash, term)
      if (term === termHashes.length) {
        termHashes = grown(termHashes, term * 2)
        df = grown(df, term * 2)
        seen = grown(seen, term * 2)
      }
      termHashes[term] = hash
    }
    return term
  }

  return {
    /** Reads one review; false when it has too few distinct stems to compare. */
    add(id: string, text: string, revealedBlock: number): boolean {
      const lower = text.toLowerCase()
      // At most one word per two characters.
      if (sequence.length < lower.length / 2 + 1) {
        const size = Math.ceil(lower.length / 2 + 1) * 2
        sequence = new Uint32Array(size)
        distinct = new Uint32Array(size)
        sortKeys = new Float64Array(size)
        shingleHashes = new Uint32Array(size)
      }
      let length = 0
      let distinctCount = 0
      // natural's WordTokenizer: words are runs of [A-Za-zА-Яа-я0-9_], on the lower-cased text.
      const end = lower.length
      for (let at = 0; at < end; ) {
        while (at < end && WORD_CHAR[lower.charCodeAt(at)] === 0) at++
        if (at === end) break
        const from = at
        let h1 = FNV_OFFSET | 0
        let h2 = 0
        for (let c = lower.charCodeAt(at); at < end && WORD_CHAR[c] === 1; c = lower.charCodeAt(++at)) {
          h1 = Math.imul(h1 ^ c, FNV_PRIME) | 0
          h2 = (Math.imul(h2, 31) + c) | 0
        }
        let term = words.get(h1, h2)
        if (term === -2) words.set(h1, h2, (term = termOfWord(lower, from, at)))
        if (term === -1) continue
        sequence[length++] = termHashes[term]!
        if (seen[term]!++ === 0) distinct[distinctCount++] = term
      }
      if (distinctCount < minTokens) {
        for (let d = 0; d < distinctCount; d++) seen[distinct[d]!] = 0
        return false
      }
      const index = ids.length
      ids.push(id)
      if (index + 1 === offsets.length) offsets = grown(offsets, offsets.length * 2)
      if (index === revealedBlocks.length) revealedBlocks = grown(revealedBlocks, revealedBlocks.length * 2)
      revealedBlocks[index] = revealedBlock
      const start = offsets[index]!
      if (terms.length < start + distinctCount) {
        terms = grown(terms, Math.max(Math.ceil(terms.length * 1.5), start + distinctCount))
        counts = grown(counts, terms.length)
      }
      // Terms in hash order: one native float sort of (hash, term) packed into 53 bits.
      for (let d = 0; d < distinctCount; d++) sortKeys[d] = termHashes[distinct[d]!]! * MAX_TERMS + distinct[d]!
      const sorted = sortKeys.subarray(0, distinctCount).sort()
      for (let d = 0; d < distinctCount; d++) {
        const term = sorted[d]! % MAX_TERMS
        terms[start + d] = term
        counts[start + d] = Math.min(seen[term]!, 0xffff)
        df[term]!++
        seen[term] = 0
      }
      offsets[index + 1] = start + distinctCount

      const width = Math.min(shingle, length)
      const shingleCount = length - width + 1
      for (let p = 0; p < shingleCount; p++) shingleHashes[p] = shingleHashOf(sequence, p, width)
      minhashInto(shingleHashes, shingleCount, signature, filled)
      if ((index + 1) * minhashSlots > signatures.length) signatures = grown(signatures, signatures.length * 2)
      signatures.set(signature, index * minhashSlots) // keeps the low 16 bits
      return true
    },

    /**
     * The words read so far, for TextCorpus.words: per word its two hashes, its stem's hash and
     * whether it is indexed (1) or not (0: a stopword or a single character).
     */
    knownWords(): Int32Array {
      const out: number[] = []
      words.forEach((h1, h2, term) => out.push(h1, h2, term === -1 ? 0 : termHashes[term]! | 0, term === -1 ? 0 : 1))
      return Int32Array.from(out)
    },

    /**
     * The corpus so far (views of the builder's buffers, not copies: a million reviews' terms are
     * worth not copying); the builder can go on adding.
     */
    finish(): TextCorpus {
      const count = ids.length
      return {
        settings: { minTokens, minhashSlots, lshBands, lshRows, minAgreeingSlots, shingle },
        ids,
        revealedBlocks: revealedBlocks.subarray(0, count),
        offsets: offsets.subarray(0, count + 1),
        terms: terms.subarray(0, offsets[count]),
        counts: counts.subarray(0, offsets[count]),
        termHashes: termHashes.subarray(0, termCount),
        df: df.subarray(0, termCount),
        signatures: signatures.subarray(0, count * minhashSlots),
      }
    },
  }
}

/**
 * Corpora of disjoint sets of reviews (read in parallel) as one: the vocabularies are united by
 * stem hash, the reviews follow each other in the order given.
 */
export function mergeTextCorpora(parts: readonly TextCorpus[]): TextCorpus {
  const [first, ...rest] = parts
  if (!first) throw new Error('mergeTextCorpora: no corpus')
  if (rest.length === 0) return first
  // The united vocabulary in hash order, like each part's: a part's terms map onto it in order.
  const termHashes = Uint32Array.from(new Set(parts.flatMap((p) => [...p.termHashes]))).sort()
  const termOfHash = new Map(Array.from(termHashes, (hash, term) => [hash, term]))
  const termMaps = parts.map((p) => Uint32Array.from(p.termHashes, (hash) => termOfHash.get(hash)!))
  if (termHashes.length > MAX_TERMS) throw new RangeError(`text similarity: more than ${MAX_TERMS} distinct stems`)
  const df = new Uint32Array(termHashes.length)
  parts.forEach((p, k) => p.df.forEach((d, t) => (df[termMaps[k]![t]!]! += d)))
  const slots = first.settings.minhashSlots
  const entries = parts.reduce((n, p) => n + p.terms.length, 0)
  const reviews = parts.reduce((n, p) => n + p.ids.length, 0)
  const offsets = new Uint32Array(reviews + 1)
  const terms = new Uint32Array(entries)
  const counts = new Uint16Array(entries)
  const signatures = new Uint16Array(reviews * slots)
  let review = 0
  let entry = 0
  parts.forEach((p, k) => {
    const map = termMaps[k]!
    for (let e = 0; e < p.terms.length; e++) terms[entry + e] = map[p.terms[e]!]!
    counts.set(p.counts, entry)
    for (let i = 1; i <= p.ids.length; i++) offsets[review + i] = entry + p.offsets[i]!
    signatures.set(p.signatures, review * slots)
    review += p.ids.length
    entry += p.terms.length
  })
  const revealedBlocks = new Uint32Array(reviews)
  parts.reduce((at, p) => (revealedBlocks.set(p.revealedBlocks, at), at + p.ids.length), 0)
  const merged: TextCorpus = { settings: first.settings, ids: parts.flatMap((p) => p.ids), revealedBlocks, offsets, terms, counts, termHashes, df, signatures }
  if (parts.every((p) => p.words)) merged.words = Int32Array.from(parts.flatMap((p) => [...p.words!]))
  return merged
}

/** The corpus of in-memory reviews: those with text. */
export function textCorpusOf(reviews: Iterable<{ id: string; text: string | null; revealedBlock?: number | null }>, settings: TextFeatureSettings): TextCorpus {
  const builder = createTextCorpusBuilder(settings)
  for (const r of reviews) if (r.text !== null) builder.add(r.id, r.text, r.revealedBlock ?? 0)
  return builder.finish()
}

/** A copy of a typed array at a new length (zeros after it). */
export function grown<T extends Uint32Array | Uint16Array | Int32Array>(array: T, length: number): T {
  const out = new (array.constructor as new (length: number) => T)(length)
  out.set(array)
  return out
}

/**
 * Review text for the synthetic analytics database: a word-bigram (order-1 Markov) model trained
 * on the real ICLR reviews in shared/data/iclr-reviews.jsonl.gz. Tokens are the reviews' own
 * whitespace-separated words, casing and punctuation kept, plus line and paragraph breaks, so that
 * generated reviews read (locally) like reviews and have their layout. Lengths are drawn from the
 * real reviews' word counts, scores from their ratings.
 *
 * A million reviews of ~400 words must generate in a minute or two, so everything is typed arrays:
 * integer word ids, per word an alias table over its successors (one random number per word, no
 * search), and texts rendered by copying the words' UTF-8 bytes (about 45 us per review here).
 * Generation takes the random source as an argument: the same stream gives the same text.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { PROJECT_ROOT } from '../../src/config'
import { MAX_TEXT_BYTES } from '../../src/mappings/mapping'

export const ICLR_REVIEWS = path.resolve(PROJECT_ROOT, '../shared/data/iclr-reviews.jsonl.gz')

/** Special tokens: the start and end of a review (one token for both), a line break, a paragraph break. */
const BOUNDARY = 0
const LINE_BREAK = 1
const PARAGRAPH_BREAK = 2
const SPECIAL_TEXT = ['', '\n', '\n\n']
/** Word ids fit 22 bits, so a bigram (previous * 2^22 + next) is an exact float64 for sorting. */
const ID_BITS = 22
const ID_SPACE = 2 ** ID_BITS
/** Words past the drawn length to wait for a sentence end before stopping anyway. */
const SENTENCE_GRACE = 60

/** A uniform random number in [0, 1), such as mulberry32 returns. */
export type RandomSource = () => number

export interface TextModel {
  /** What the model was trained on. */
  readonly description: string
  /** A review's length in words, drawn from the real reviews' word counts. */
  drawLength(random: RandomSource): number
  /** A review's score 1-10, drawn from the real reviews' ratings. */
  drawScore(random: RandomSource): number
  /** A review of about `words` words (stopping at the next sentence end) as token ids. */
  generateTokens(random: RandomSource, words: number): Uint32Array
  /**
   * A copy of `tokens` in which each word is, with probability `rate`, replaced by another word the
   * model would have written after the word before it (a plausible substitution, as a copyist's edit).
   */
  editTokens(tokens: Uint32Array, rate: number, random: RandomSource): Uint32Array
  /** The text of token ids, at most MAX_TEXT_BYTES of UTF-8 (the contracts' limit). */
  render(tokens: Uint32Array): string
  /** A review: drawLength, generateTokens and render. */
  generate(random: RandomSource): string
  /** A short title-like phrase of `words` words (work titles). */
  phrase(random: RandomSource, words: number): string
}

interface Corpus {
  texts: string[]
  ratings: number[]
}

function readCorpus(file: string): Corpus {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')
  const texts: string[] = []
  const ratings: number[] = []
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    const row = JSON.parse(line) as { text?: unknown; rating?: unknown }
    if (typeof row.text !== 'string') throw new Error(`${file}:${i + 1}: no string "text"`)
    texts.push(row.text)
    if (typeof row.rating === 'number' && row.rating >= 1 && row.rating <= 10) ratings.push(Math.round(row.rating))
  })
  if (texts.length === 0 || ratings.length === 0) throw new Error(`${file}: no reviews with ratings`)
  return { texts, ratings }
}

/** Trains the model on a JSONL file of reviews (`text`, `rating`), gzip as the ICLR file is. */
export function trainTextModel(file: string = ICLR_REVIEWS): TextModel {
  const { texts, ratings } = readCorpus(file)
  const words: string[] = [...SPECIAL_TEXT]
  const idOf = new Map<string, number>()
  let bigrams = new Float64Array(1 << 20)
  let bigramCount = 0
  const wordCounts = new Uint32Array(texts.length)
  const add = (previous: number, next: number) => {
    if (bigramCount === bigrams.length) {
      const grown = new Float64Array(bigrams.length * 2)
      grown.set(bigrams)
      bigrams = grown
    }
    bigrams[bigramCount++] = previous * ID_SPACE + next
  }
  texts.forEach((text, t) => {
    let previous = BOUNDARY
    let count = 0
    const paragraphs = text.replace(/\u0000/g, '').split(/\r?\n[ \t]*(?:\r?\n[ \t]*)+/)
    paragraphs.forEach((paragraph, p) => {
      if (p > 0 && previous !== BOUNDARY) add(previous, (previous = PARAGRAPH_BREAK))
      paragraph.split(/\r?\n/).forEach((line, l) => {
        const tokens = line.split(/\s+/).filter((w) => w !== '')
        if (tokens.length === 0) return
        if (l > 0 && previous !== BOUNDARY && previous !== PARAGRAPH_BREAK) add(previous, (previous = LINE_BREAK))
        for (const token of tokens) {
          let id = idOf.get(token)
          if (id === undefined) {
            id = words.length
            if (id >= ID_SPACE) throw new Error(`${file}: more than ${ID_SPACE} distinct words`)
            idOf.set(token, id)
            words.push(token)
          }
          add(previous, id)
          previous = id
          count++
        }
      })
    })
    add(previous, BOUNDARY)
    wordCounts[t] = count
  })

  // Sorted bigram codes group by previous word, then next word: counting runs gives each word's
  // successors and their counts directly (compressed sparse rows).
  const sorted = bigrams.subarray(0, bigramCount).sort()
  const successorStart = new Uint32Array(words.length + 1)
  const successors = new Uint32Array(bigramCount)
  const counts = new Float64Array(bigramCount)
  let distinct = 0
  for (let i = 0; i < bigramCount; ) {
    const code = sorted[i]!
    let j = i + 1
    while (j < bigramCount && sorted[j] === code) j++
    const previous = Math.floor(code / ID_SPACE)
    successors[distinct] = code - previous * ID_SPACE
    counts[distinct] = j - i
    successorStart[previous + 1] = ++distinct
    i = j
  }
  for (let w = 1; w <= words.length; w++) successorStart[w] = Math.max(successorStart[w]!, successorStart[w - 1]!)
  const slots = aliasSlots(successorStart, successors, counts)

  /** Walker's alias method: one uniform number picks a slot of the run, its fraction the slot's word or its alias. */
  const next = (previous: number, random: RandomSource): number => {
    const start = successorStart[previous]!
    const u = random() * (successorStart[previous + 1]! - start)
    const whole = Math.floor(u)
    const slot = 3 * (start + whole)
    return (u - whole) * 4_294_967_296 < slots[slot]! ? slots[slot + 1]! : slots[slot + 2]!
  }
  const endsSentence = Uint8Array.from(words, (w) => (/[.?!]["')\]]*$/.test(w) ? 1 : 0))
  const scoreCumulative = new Float64Array(10)
  for (const r of ratings) scoreCumulative[r - 1]!++
  for (let s = 1; s < 10; s++) scoreCumulative[s]! += scoreCumulative[s - 1]!

  let buffer = new Uint32Array(8_192)
  const generateTokens = (random: RandomSource, target: number): Uint32Array => {
    let length = 0
    let previous = BOUNDARY
    let written = 0
    for (;;) {
      const token = next(previous, random)
      if (token === BOUNDARY) {
        // The chain reached the end of a review before the drawn length: a new paragraph starts over.
        if (written >= target) break
        if (length > 0 && buffer[length - 1]! > PARAGRAPH_BREAK) buffer[length++] = PARAGRAPH_BREAK
        previous = BOUNDARY
        continue
      }
      if (length + 1 >= buffer.length) {
        const grown = new Uint32Array(buffer.length * 2)
        grown.set(buffer)
        buffer = grown
      }
      buffer[length++] = token
      previous = token
      if (token <= PARAGRAPH_BREAK) continue
      written++
      if (written >= target && (endsSentence[token] === 1 || written >= target + SENTENCE_GRACE)) break
    }
    while (length > 0 && buffer[length - 1]! <= PARAGRAPH_BREAK) length--
    return buffer.slice(0, length)
  }

  // Every word's UTF-8 bytes back to back: a text is rendered by copying bytes and decoding once,
  // several times faster than concatenating a few hundred strings picked at random from the heap.
  const byteStart = new Uint32Array(words.length + 1)
  for (let w = 0; w < words.length; w++) byteStart[w + 1] = byteStart[w]! + Buffer.byteLength(words[w]!, 'utf8')
  const wordBytes = Buffer.alloc(byteStart[words.length]!)
  words.forEach((w, i) => wordBytes.write(w, byteStart[i]!, 'utf8'))
  let out = Buffer.alloc(1 << 16)
  const render = (tokens: Uint32Array): string => {
    let length = 0
    let separator = false
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!
      const from = byteStart[token]!
      const to = byteStart[token + 1]!
      if (length + (to - from) + 1 > out.length) {
        const grown = Buffer.alloc(out.length * 2)
        out.copy(grown, 0, 0, length)
        out = grown
      }
      if (token > PARAGRAPH_BREAK) {
        if (separator) out[length++] = 0x20
        separator = true
      } else separator = false
      for (let k = from; k < to; k++) out[length++] = wordBytes[k]!
    }
    // The contracts' limit, cut before a character, not inside one.
    if (length > MAX_TEXT_BYTES) {
      length = MAX_TEXT_BYTES
      while (length > 0 && (out[length]! & 0xc0) === 0x80) length--
    }
    return out.toString('utf8', 0, length)
  }

  const drawLength = (random: RandomSource) => wordCounts[Math.floor(random() * wordCounts.length)]!

  return {
    description: `word bigrams of ${texts.length} reviews (${bigramCount} transitions, ${words.length} distinct tokens, ${distinct} distinct bigrams) from ${file}`,
    drawLength,
    drawScore(random) {
      const target = random() * scoreCumulative[9]!
      let s = 0
      while (scoreCumulative[s]! <= target) s++
      return s + 1
    },
    generateTokens,
    editTokens(tokens, rate, random) {
      const out = Uint32Array.from(tokens)
      for (let i = 0; i < out.length; i++) {
        if (out[i]! <= PARAGRAPH_BREAK || random() >= rate) continue
        const previous = i > 0 ? out[i - 1]! : BOUNDARY
        // A successor that is a word; after a few draws that only end lines, the word stays.
        for (let attempt = 0; attempt < 4; attempt++) {
          const candidate = next(previous, random)
          if (candidate > PARAGRAPH_BREAK) {
            out[i] = candidate
            break
          }
        }
      }
      return out
    },
    render,
    generate: (random) => render(generateTokens(random, drawLength(random))),
    phrase(random, count) {
      const out: number[] = []
      let previous = BOUNDARY
      while (out.length < count) {
        const token = next(previous, random)
        if (token <= PARAGRAPH_BREAK) {
          previous = BOUNDARY
          continue
        }
        out.push(token)
        previous = token
      }
      return render(Uint32Array.from(out)).replace(/[.,;:?!]+$/, '')
    },
  }
}

/**
 * Alias tables (Vose) for every word's run of successors, one slot per successor as three
 * consecutive Uint32 (one cache line for a draw): how often, out of 2^32, the slot keeps its own
 * word; the word; the alias it gives otherwise. Each word then comes out in proportion to its count.
 */
function aliasSlots(runStart: Uint32Array, words: Uint32Array, counts: Float64Array): Uint32Array {
  const slots = new Uint32Array(3 * words.length)
  const keep = new Float64Array(words.length)
  const small: number[] = []
  const large: number[] = []
  for (let w = 0; w + 1 < runStart.length; w++) {
    const start = runStart[w]!
    const end = runStart[w + 1]!
    if (start === end) continue
    let total = 0
    for (let i = start; i < end; i++) total += counts[i]!
    for (let i = start; i < end; i++) {
      keep[i] = (counts[i]! * (end - start)) / total
      slots[3 * i + 1] = slots[3 * i + 2] = words[i]!
      ;(keep[i]! < 1 ? small : large).push(i)
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!
      const l = large[large.length - 1]!
      slots[3 * s + 2] = words[l]!
      keep[l] = keep[l]! + keep[s]! - 1
      if (keep[l]! < 1) small.push(large.pop()!)
    }
    // What is left keeps its word (its share is 1 up to rounding).
    for (const i of small) keep[i] = 1
    for (const i of large) keep[i] = 1
    small.length = 0
    large.length = 0
    for (let i = start; i < end; i++) slots[3 * i] = Math.min(0xffffffff, Math.round(keep[i]! * 4_294_967_296))
  }
  return slots
}

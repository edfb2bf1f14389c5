import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { Random } from './random'
import { editText, generateReview, generatorSource, jsonlSource, readReviewsJsonl, truncateUtf8, vocabularyOf } from './text'

const REAL_FILE = path.resolve(__dirname, '../../../shared/data/iclr-reviews.jsonl.gz')

const words = (t: string) => t.split(/\s+/).filter(Boolean)

/** Share of the template's words that survive, in order, in `edited` (longest common subsequence). */
function survivingShare(template: string, edited: string): number {
  const a = words(template)
  const b = words(edited)
  const row = new Array<number>(b.length + 1).fill(0)
  for (const x of a) {
    let diag = 0
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1]!)
      diag = up
    }
  }
  return row[b.length]! / a.length
}

// A long template (~900 words) so that the share of edits is close to the rate; a vocabulary that
// shares no word with it, so that a replacement can never restore an original word.
const gen = new Random('text-template')
const TEMPLATE = Array.from({ length: 8 }, () => generateReview(gen)).join('\n\n')
const VOCABULARY = ['zyx', 'qwv', 'jkq', 'vvx', 'pzz', 'xqj', 'kzv', 'wqx']

describe('editText', () => {
  it('returns the template unchanged at rate 0', () => {
    expect(editText(TEMPLATE, 0, VOCABULARY, new Random('e0'))).toBe(TEMPLATE)
  })

  it('keeps most words at rate 0.15', () => {
    const share = survivingShare(TEMPLATE, editText(TEMPLATE, 0.15, VOCABULARY, new Random('e15')))
    // Expected about 0.88 (a word survives unless dropped or replaced); a fixed seed makes this exact.
    expect(share).toBeGreaterThan(0.78)
    expect(share).toBeLessThan(0.95)
  })

  it('changes nearly everything at rate 1', () => {
    const edited = editText(TEMPLATE, 1, VOCABULARY, new Random('e100'))
    const share = survivingShare(TEMPLATE, edited)
    // Only the "keep the word and insert one after it" edit (1 in 5) preserves a word: about 0.2.
    expect(share).toBeGreaterThan(0.1)
    expect(share).toBeLessThan(0.3)
    expect(words(edited).filter((w) => VOCABULARY.includes(w)).length).toBeGreaterThan(0.6 * words(TEMPLATE).length)
  })

  it('edits more as the rate rises', () => {
    const at = (rate: number) => survivingShare(TEMPLATE, editText(TEMPLATE, rate, VOCABULARY, new Random('monotone')))
    expect(at(0.15)).toBeGreaterThan(at(0.5))
    expect(at(0.5)).toBeGreaterThan(at(1))
  })

  it('is deterministic for a seed and leaves no runs of spaces', () => {
    const a = editText(TEMPLATE, 0.5, VOCABULARY, new Random('same'))
    expect(editText(TEMPLATE, 0.5, VOCABULARY, new Random('same'))).toBe(a)
    expect(a).not.toMatch(/ {2}/)
  })
})

describe('vocabularyOf', () => {
  it('lists distinct alphabetic words of three or more characters', () => {
    expect(vocabularyOf('The cat sat on the mat. The cat is well-fed 42 x3 ok')).toEqual(['The', 'cat', 'sat', 'the', 'well-fed'])
  })
})

describe('truncateUtf8', () => {
  const mixed = 'aé€😀b ünïcödé 日本語 🎉🎉 end'

  it('returns text within the limit unchanged', () => {
    expect(truncateUtf8(mixed, Buffer.byteLength(mixed))).toBe(mixed)
    expect(truncateUtf8('', 0)).toBe('')
  })

  it('respects the byte limit and never splits a character, at every limit', () => {
    const total = Buffer.byteLength(mixed)
    for (let max = 0; max <= total; max++) {
      const out = truncateUtf8(mixed, max)
      expect(Buffer.byteLength(out)).toBeLessThanOrEqual(max)
      expect(mixed.startsWith(out)).toBe(true)
      expect(out).not.toContain('\uFFFD')
      // As long as possible: the next whole character would not fit.
      const next = [...mixed.slice(out.length)][0]
      if (next !== undefined) expect(Buffer.byteLength(out + next)).toBeGreaterThan(max)
    }
  })

  it('drops a 4-byte character that does not fit whole', () => {
    expect(truncateUtf8('ab😀', 5)).toBe('ab')
    expect(truncateUtf8('ab😀', 6)).toBe('ab😀')
    expect(truncateUtf8('€', 2)).toBe('')
  })
})

describe('generated reviews', () => {
  it('have an opening, strengths, weaknesses and a closing verdict', () => {
    const rng = new Random('gen')
    for (let i = 0; i < 50; i++) {
      const text = generateReview(rng)
      expect(text).toContain('\n\nStrengths:\n- ')
      expect(text).toContain('\n\nWeaknesses:\n- ')
      expect(text.indexOf('Strengths:')).toBeLessThan(text.indexOf('Weaknesses:'))
      expect(text).not.toMatch(/\{\w+\}/)
      expect(text.split('\n\n').at(-1)).toMatch(/(funding|revisions|rejection|resubmission)/)
    }
  })

  it('vary from one review to the next', () => {
    const rng = new Random('vary')
    const texts = Array.from({ length: 50 }, () => generateReview(rng))
    expect(new Set(texts).size).toBe(50)
  })

  it('come from a source that gives each proposal its own stable reviews', () => {
    const source = generatorSource(new Random('src'))
    const first = source.reviewsFor(3, 4)
    expect(first).toHaveLength(4)
    expect(source.reviewsFor(3, 4)).toEqual(first)
    expect(source.reviewsFor(4, 4)).not.toEqual(first)
    expect(first.every((r) => r.rating === undefined)).toBe(true)
    expect(source.anyText(new Random('any'))).toContain('Strengths:')
  })
})

describe('JSONL review source', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-text-'))
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

  const rows = [
    { year: 2019, paper: 'P1', review: 'r1', rating: 6, confidence: 4, title: 't', text: 'P1 review one' },
    { year: 2019, paper: 'P2', review: 'r2', rating: 3, confidence: 3, title: 't', text: 'P2 review one' },
    { year: 2019, paper: 'P1', review: 'r3', rating: 8, confidence: null, title: 't', text: 'P1 review two' },
    { year: 2020, paper: 'P3', review: 'r4', rating: null, confidence: null, title: 't', text: 'P3 review one' },
    { year: 2019, paper: 'P2', review: 'r5', rating: 6.6, confidence: 2, title: 't', text: 'P2 review two' },
    { year: 2019, paper: 'P1', review: 'r6', rating: 11, confidence: 2, title: 't', text: 'P1 review three' },
  ]
  const jsonl = rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
  const plainFile = path.join(tmp, 'reviews.jsonl')
  const gzFile = path.join(tmp, 'reviews.jsonl.gz')
  fs.writeFileSync(plainFile, jsonl)
  fs.writeFileSync(gzFile, zlib.gzipSync(jsonl))
  const paperOf = (text: string) => text.split(' ')[0]

  it('reads gzip and plain files alike', () => {
    const plain = readReviewsJsonl(plainFile)
    expect(readReviewsJsonl(gzFile)).toEqual(plain)
    expect(plain).toHaveLength(6)
    expect(plain[0]).toEqual({ paper: 'P1', text: 'P1 review one', rating: 6 })
  })

  it('keeps ratings in 1..10 (rounded) and drops missing or out-of-range ones', () => {
    expect(readReviewsJsonl(plainFile).map((r) => r.rating)).toEqual([6, 3, 8, null, 7, null])
  })

  it('returns at least the requested number of reviews, whole papers together', () => {
    const source = jsonlSource(gzFile, new Random('jsonl'))
    expect(source.description).toBe(`6 reviews of 3 papers from ${gzFile}`)
    const size: Record<string, number> = { P1: 3, P2: 2, P3: 1 }
    for (let index = 0; index < 6; index++) {
      for (const count of [1, 2, 3, 4, 7]) {
        const got = source.reviewsFor(index, count)
        expect(got.length).toBeGreaterThanOrEqual(count)
        // Split into runs of one paper: each run is that paper's reviews, all of them.
        const runs: string[][] = []
        for (const r of got) {
          const last = runs.at(-1)
          if (last && paperOf(last[0]!) === paperOf(r.text)) last.push(r.text)
          else runs.push([r.text])
        }
        for (const run of runs) expect(run).toHaveLength(size[paperOf(run[0]!)!]!)
        // No more papers than needed: without the last one there were too few.
        expect(got.length - runs.at(-1)!.length).toBeLessThan(count)
      }
    }
  })

  it('gives one proposal one paper, and consecutive proposals different papers', () => {
    const source = jsonlSource(plainFile, new Random('jsonl'))
    const firstPaper = (i: number) => paperOf(source.reviewsFor(i, 1)[0]!.text)
    const papers = [0, 1, 2].map(firstPaper)
    expect(new Set(papers).size).toBe(3)
    expect(firstPaper(3)).toBe(papers[0])
  })

  it('carries each review with its own rating', () => {
    const source = jsonlSource(plainFile, new Random('jsonl'))
    const byText = new Map(readReviewsJsonl(plainFile).map((r) => [r.text, r.rating ?? undefined]))
    for (let i = 0; i < 3; i++) {
      for (const r of source.reviewsFor(i, 3)) expect(r.rating).toBe(byText.get(r.text))
    }
    const p1 = [0, 1, 2].map((i) => source.reviewsFor(i, 1)).find((rs) => paperOf(rs[0]!.text) === 'P1')!
    expect(p1).toEqual([
      { text: 'P1 review one', rating: 6 },
      { text: 'P1 review two', rating: 8 },
      { text: 'P1 review three', rating: undefined },
    ])
  })

  it('orders papers by the seed', () => {
    const order = (seed: string) => {
      const s = jsonlSource(plainFile, new Random(seed))
      return [0, 1, 2].map((i) => paperOf(s.reviewsFor(i, 1)[0]!.text)).join()
    }
    expect(order('same')).toBe(order('same'))
    const orders = new Set(Array.from({ length: 20 }, (_, i) => order(`seed-${i}`)))
    expect(orders.size).toBeGreaterThan(1)
  })

  it('names the file and line of a line that is not JSON', () => {
    const file = path.join(tmp, 'bad.jsonl')
    fs.writeFileSync(file, `${JSON.stringify(rows[0])}\n\n{not json}\n`)
    expect(() => readReviewsJsonl(file)).toThrow(`${file}:3: not JSON`)
  })

  it('names the file and line of a review without paper or text', () => {
    const file = path.join(tmp, 'missing.jsonl.gz')
    fs.writeFileSync(file, zlib.gzipSync(`${JSON.stringify(rows[0])}\n${JSON.stringify({ paper: 'P9', rating: 5 })}\n`))
    expect(() => readReviewsJsonl(file)).toThrow(`${file}:2: needs string fields "paper" and "text"`)
  })

  it('rejects a file with no reviews', () => {
    const file = path.join(tmp, 'empty.jsonl')
    fs.writeFileSync(file, '\n\n')
    expect(() => readReviewsJsonl(file)).toThrow(`${file}: no reviews`)
  })

  it.skipIf(!fs.existsSync(REAL_FILE))('loads all 12,457 real reviews of 4,126 papers', () => {
    const reviews = readReviewsJsonl(REAL_FILE)
    expect(reviews).toHaveLength(12_457)
    expect(new Set(reviews.map((r) => r.paper)).size).toBe(4_126)
    expect(reviews.every((r) => r.text.length > 0)).toBe(true)
    expect(reviews.filter((r) => r.rating !== null).length).toBeGreaterThan(12_000)

    const source = jsonlSource(REAL_FILE, new Random('real'))
    expect(source.description).toMatch(/^12457 reviews of 4126 papers from /)
    const three = source.reviewsFor(0, 3)
    expect(three.length).toBeGreaterThanOrEqual(3)
    // Proposals never share a real review (one review under two reviewers' names) until the file is
    // used up; the file itself holds one text twice.
    const given = Array.from({ length: 3_000 }, (_, i) => source.reviewsFor(i, 3)).flat().map((r) => r.text)
    expect(given.length - new Set(given).size).toBeLessThanOrEqual(1)
    // Nor is a template (anyText) one of the replayed reviews.
    const replayed = new Set(given)
    const rng = new Random('templates')
    expect(Array.from({ length: 500 }, () => source.anyText(rng)).filter((t) => replayed.has(t))).toEqual([])
    expect(three.every((r) => r.rating === undefined || (r.rating >= 1 && r.rating <= 10))).toBe(true)
  })
})

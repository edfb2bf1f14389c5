import { PorterStemmer } from 'natural/lib/natural/stemmers'
import { describe, expect, it, vi } from 'vitest'
import { DETECTOR_DEFAULTS, type TextSimilarityConfig } from '../config'
import { reviewOf, seededRandom, shuffled, snapshotOf } from '../testing'
import { flagId, type ReviewFact } from '../types'
import { createTextCorpusBuilder, fnv1a, mergeTextCorpora, minhashSignature, shingles, textCorpusOf, tokenize, type TextCorpus } from './text-features'
import { attachSharedPassages, cosine, detectTextSimilarity, liveTextCandidates, lshCandidates, passageReviewIds, sharedPassages, textCandidates, tfidfVectors } from './text-similarity'

const A = '0x000000000000000000000000000000000000000a'
const B = '0x000000000000000000000000000000000000000b'
const C = '0x000000000000000000000000000000000000000c'
const D = '0x000000000000000000000000000000000000000d'
const E = '0x000000000000000000000000000000000000000e'

/** Independently written reviews of one proposal (a zero-knowledge rollup), as honest reviewers write them. */
const HONEST_ON_ROLLUP = [
  'The proposal builds a zero-knowledge rollup for payments and claims a tenfold reduction in fees. The circuit design is described only at a high level, and I could not find how the prover handles batches larger than the stated limit. The benchmark compares against a single competitor on a testnet, which says little about mainnet conditions. I would like to see a threat model for the sequencer and a plan for data availability before funding.',
  'A solid engineering plan. The team has shipped two audited circuits before, which makes the timeline credible. My main concern is the reliance on a trusted setup ceremony: the text does not say who participates or how toxic waste is destroyed. The cost estimates for proving hardware look optimistic by roughly a factor of two, judging from public GPU prices. Overall I lean towards acceptance if the setup question is answered.',
  'I am not convinced the rollup is novel. Several deployed systems already batch transfers with validity proofs, and the related work section omits them entirely. The evaluation measures throughput but not latency to finality, which is what merchants care about. The budget allocates almost nothing to security review. The writing is clear, though, and the milestones are well defined.',
  'Strong motivation and a careful literature review. The recursion scheme in section three is elegant, but its soundness argument relies on an assumption that is stated without reference. Could the authors clarify whether the verifier contract has been formally verified? The deliverables for months six to nine are vague. I recommend a revision that tightens the security argument and the schedule.',
]

/** Honest reviews of other proposals, so that idf reflects a realistic mix of topics. */
const HONEST_ELSEWHERE = [
  'This proposal studies soil carbon sequestration under rotational grazing across forty farms. The sampling design is sound, with paired plots and repeated cores, but the three year horizon is short for detecting changes in deep soil carbon. The statistical plan should account for spatial autocorrelation. The outreach component to farmers is a real strength.',
  'The authors propose a low-cost sensor network for urban air quality. Calibration against reference monitors is planned, which is essential, yet drift over seasons is not addressed. Data will be published openly, which I appreciate. The hardware budget is detailed and plausible; the software maintenance after the grant ends is not discussed at all.',
  'An interesting idea for compressing genomic reads with learned models. The preliminary compression ratios are impressive, but decompression speed matters for clinical pipelines and is not reported. The comparison omits the standard reference compressors. The team lacks a bioinformatician, which worries me for a project of this kind.',
]

/** A review template a ring fills in, with `{topic}` and `{aside}` as the parts each copy changes. */
const TEMPLATE =
  'This proposal on {topic} addresses an important and timely problem, and the team is clearly qualified to carry it out. ' +
  'The methodology is rigorous and the evaluation plan is convincing, with clear milestones and measurable outcomes for each work package. ' +
  'The budget is reasonable for the scope of work and the timeline is realistic given the preliminary results already obtained. ' +
  'The related work section is thorough and positions the contribution well against existing approaches. {aside} ' +
  'Minor issues: some figures lack axis labels and the risk mitigation section could be expanded. ' +
  'I strongly recommend funding this proposal without reservation.'
const SHARED_SENTENCE = 'The budget is reasonable for the scope of work and the timeline is realistic given the preliminary results already obtained'
const fill = (topic: string, aside: string) => TEMPLATE.replace('{topic}', topic).replace('{aside}', aside)

function background(): ReviewFact[] {
  return [
    ...HONEST_ON_ROLLUP.map((text, i) => reviewOf({ proposalId: 'p-rollup', reviewer: [C, D, E, A][i]!, text, revealedAt: 5000 + i })),
    ...HONEST_ELSEWHERE.map((text, i) => reviewOf({ proposalId: `p-other-${i}`, reviewer: [C, D, E][i]!, text, revealedAt: 6000 + i })),
  ]
}

function ringReviews(): ReviewFact[] {
  return [
    reviewOf({ proposalId: 'p-soil', reviewer: B, text: fill('soil carbon monitoring', 'The sampling protocol is well designed.'), revealedAt: 7000, committedAt: 6900 }),
    reviewOf({ proposalId: 'p-air', reviewer: A, text: fill('urban air quality sensors', 'The hardware choices are well justified.'), revealedAt: 7300, committedAt: 7200 }),
  ]
}

describe('text similarity', () => {
  it('flags two reviewers who fill in the same template on different proposals, quoting the shared sentence', () => {
    const reviews = [...background(), ...ringReviews()]
    const detected = detectTextSimilarity(snapshotOf({ reviews }))
    const textOf = new Map(reviews.map((r) => [r.id, r.text!]))
    expect(passageReviewIds(detected)).toEqual(reviews.slice(-2).map((r) => r.id).sort())
    const flags = attachSharedPassages(detected, (a, b) => sharedPassages(textOf.get(a)!, textOf.get(b)!))
    expect(flags).toHaveLength(1)
    const flag = flags[0]!
    expect(flag.kind).toBe('text-similarity')
    expect(flag.subjects).toEqual([A, B])
    expect(flag.value).toBeGreaterThan(0.8)
    expect(flag.threshold).toBe(0.8)
    expect(flag.comparison).toBe('>')
    expect(flag.block).toBe(1000)
    expect(flag.window).toBeNull()
    expect(flag.evidence.span).toEqual({ from: 7000, to: 7300 })
    expect(flag.evidence.matches).toBe(1)
    const [pair] = flag.evidence.pairs as { reviewIds: string[]; proposalIds: string[]; sameProposal: boolean; cosine: number; sharedPassages: string[] }[]
    // The first review of a pair is the first subject's (A's).
    expect(pair!.proposalIds).toEqual(['p-air', 'p-soil'])
    expect(pair!.sameProposal).toBe(false)
    expect(pair!.cosine).toBe(flag.value)
    expect(pair!.sharedPassages.length).toBeGreaterThan(0)
    expect(pair!.sharedPassages.join(' ')).toContain(SHARED_SENTENCE)
    expect(pair!.sharedPassages.every((p) => p.split(/\s+/).length >= 5)).toBe(true)
  })

  it('does not flag honest reviews written independently about the same proposal', () => {
    expect(detectTextSimilarity(snapshotOf({ reviews: background() }))).toEqual([])
  })

  it('does not flag a reviewer who reuses their own text on two proposals', () => {
    const own = [
      reviewOf({ proposalId: 'p-soil', reviewer: B, text: fill('soil carbon monitoring', ''), revealedAt: 7000 }),
      reviewOf({ proposalId: 'p-air', reviewer: B, text: fill('soil carbon monitoring', ''), revealedAt: 7100 }),
    ]
    expect(detectTextSimilarity(snapshotOf({ reviews: [...background(), ...own] }))).toEqual([])
  })

  it('skips reviews with fewer distinct stems than minTokens, however alike', () => {
    const short = 'Good proposal. The method is sound and clearly explained; fund it.'
    expect(new Set(tokenize(short)).size).toBeLessThan(20)
    const reviews = [...background(), reviewOf({ proposalId: 'p1', reviewer: A, text: short }), reviewOf({ proposalId: 'p2', reviewer: B, text: short })]
    expect(detectTextSimilarity(snapshotOf({ reviews }))).toEqual([])
    const lenient: TextSimilarityConfig = { ...DETECTOR_DEFAULTS.textSimilarity, minCosine: 0.8, minTokens: 3, minhashSlots: 128, lshBands: 32, lshRows: 4, minAgreeingSlots: 8, shingle: 3, minPairs: 1 }
    expect(detectTextSimilarity(snapshotOf({ reviews }), lenient).map((f) => f.subjects)).toEqual([[A, B]])
  })

  it('ignores unrevealed reviews (no text)', () => {
    const [soil, air] = ringReviews()
    expect(detectTextSimilarity(snapshotOf({ reviews: [...background(), soil!, { ...air!, text: null }] }))).toEqual([])
  })

  it('gives identical flags, in identical order, for any order of the reviews', () => {
    const extra = [
      reviewOf({ proposalId: 'p-x', reviewer: C, text: fill('genomic compression', 'The code is already public.'), revealedAt: 8000 }),
      reviewOf({ proposalId: 'p-y', reviewer: D, text: fill('genomic compression', 'The code is already public.'), revealedAt: 8100 }),
    ]
    const reviews = [...background(), ...ringReviews(), ...extra]
    const flags = detectTextSimilarity(snapshotOf({ reviews }))
    expect(flags.length).toBeGreaterThan(1)
    const random = seededRandom(11)
    for (let round = 0; round < 3; round++) expect(detectTextSimilarity(snapshotOf({ reviews: shuffled(reviews, random) }))).toEqual(flags)
  })

  it('gives the same flags from a corpus read in shares and merged as from one read whole', () => {
    const extra = [
      reviewOf({ proposalId: 'p-x', reviewer: C, text: fill('genomic compression', 'The code is already public.'), revealedAt: 8000 }),
      reviewOf({ proposalId: 'p-y', reviewer: D, text: fill('genomic compression', 'The code is already public.'), revealedAt: 8100 }),
    ]
    const reviews = [...background(), ...ringReviews(), ...extra]
    const whole = detectTextSimilarity(snapshotOf({ reviews }))
    const settings = DETECTOR_DEFAULTS.textSimilarity
    const shares = [0, 1, 2].map((k) => textCorpusOf(reviews.filter((_, i) => i % 3 === k), settings))
    const merged = mergeTextCorpora(shares)
    expect(merged.ids.length).toBe(reviews.length)
    expect(detectTextSimilarity(snapshotOf({ reviews, textCorpus: merged }))).toEqual(whole)
    expect(whole.length).toBeGreaterThan(1)
  })

  it('identifies a flag by kind and sorted subjects over all history, so reruns and later matches keep its id', () => {
    const [flag] = detectTextSimilarity(snapshotOf({ reviews: [...background(), ...ringReviews()] }))
    expect(flag!.id).toBe(flagId('text-similarity', [B, A], null))
    expect(flag!.id).toBe(`text-similarity:${A},${B}:all`)
  })

  it('takes the window from commit times when reveal times are missing', () => {
    const reviews = [...background(), ...ringReviews().map((r) => ({ ...r, revealedAt: null }))]
    expect(detectTextSimilarity(snapshotOf({ reviews }))[0]!.evidence.span).toEqual({ from: 6900, to: 7200 })
  })

  it('collects every matching review pair of two reviewers into one flag, and needs minPairs of them', () => {
    const second = [
      reviewOf({ proposalId: 'p-genome', reviewer: A, text: fill('genomic read compression', 'The datasets are public.'), revealedAt: 9000 }),
      reviewOf({ proposalId: 'p-genome', reviewer: B, text: fill('genomic read compression', 'The datasets are public.'), revealedAt: 9050 }),
    ]
    const reviews = [...background(), ...ringReviews(), ...second]
    const [flag, ...rest] = detectTextSimilarity(snapshotOf({ reviews }))
    expect(rest).toEqual([])
    // Four template copies, two by each: the four cross pairs match; A-A and B-B pairs do not count.
    expect(flag!.evidence.matches).toBe(4)
    const pairs = flag!.evidence.pairs as { cosine: number; sameProposal: boolean; reviewIds: string[] }[]
    expect(pairs.map((p) => p.cosine)).toEqual([...pairs.map((p) => p.cosine)].sort((x, y) => y - x))
    expect(pairs[0]!.sameProposal).toBe(true) // identical copies on one proposal: cosine 1
    expect(flag!.value).toBe(1)
    expect(flag!.evidence.span).toEqual({ from: 7000, to: 9050 })
    const strict: TextSimilarityConfig = { ...DETECTOR_DEFAULTS.textSimilarity, minCosine: 0.8, minTokens: 20, minhashSlots: 128, lshBands: 32, lshRows: 4, minAgreeingSlots: 8, shingle: 3, minPairs: 5 }
    expect(detectTextSimilarity(snapshotOf({ reviews }), strict)).toEqual([])
  })

  it('reports the exact TF-IDF cosine over the compared reviews', () => {
    const reviews = [...background(), ...ringReviews()]
    const [flag] = detectTextSimilarity(snapshotOf({ reviews }))
    const vectors = tfidfVectors(reviews.map((r) => tokenize(r.text!)))
    expect(flag!.value).toBe(Math.round(cosine(vectors.at(-1)!, vectors.at(-2)!) * 10_000) / 10_000)
  })
})

describe('text similarity building blocks', () => {
  it('cosine of a vector with itself is 1, of vectors sharing no term 0', () => {
    const v = new Map([['budget', 2.5], ['method', 1.2], ['sampl', 0.7]])
    expect(cosine(v, new Map(v))).toBeCloseTo(1, 12)
    expect(cosine(v, new Map([['circuit', 1], ['prover', 3]]))).toBe(0)
    expect(cosine(v, new Map())).toBe(0)
  })

  it('tokenizes to Porter stems without stopwords or one-letter leftovers', () => {
    expect(tokenize("The authors don't evaluate the proposed methods.")).toEqual(['author', 'don', 'evalu', 'propos', 'method'])
  })

  it('reads a text into the same terms and counts as tokenize, however it is written', () => {
    const texts = [
      "The authors DON'T evaluate the proposed methods; methods_2 and method-3 (see [12]) aren't compared.",
      'Résumé: naïve Bayes beats the baseline by 3.5% on CIFAR-10, ёлка and МОДЕЛЬ too, x_i = θ·x; ok?!',
      `${'repeated words '.repeat(40)}end`,
      'Ünïcödé ωορδς αρε σπλιτ, 数据 also, tabs\tand\nnewlines\r\nand     spaces',
    ]
    const settings = { ...DETECTOR_DEFAULTS.textSimilarity, minTokens: 1 }
    const corpus = textCorpusOf(texts.map((text, i) => ({ id: `r${i}`, text })), settings)
    texts.forEach((text, i) => {
      const expected = new Map<string, number>()
      for (const t of tokenize(text)) expected.set(t, (expected.get(t) ?? 0) + 1)
      const read = new Map<number, number>()
      for (let k = corpus.offsets[i]!; k < corpus.offsets[i + 1]!; k++) read.set(corpus.termHashes[corpus.terms[k]!]!, corpus.counts[k]!)
      expect(read).toEqual(new Map([...expected].map(([stem, n]) => [fnv1a(stem), n])))
    })
  })

  it('finds the longest shared passages, longest first, in the first text\'s wording', () => {
    const first = 'Overall, The Budget is reasonable for the scope of work. Figures lack axis labels in section two.'
    const second = 'the budget is reasonable for the scope of work! Some figures lack axis labels in section two, sadly.'
    expect(sharedPassages(first, second)).toEqual(['The Budget is reasonable for the scope of work', 'Figures lack axis labels in section two'])
    expect(sharedPassages('one two three four', 'one two three four')).toEqual([]) // fewer than 5 words
  })

  it('MinHash agreement estimates Jaccard without bias, within the binomial error of 128 ideal hash functions', () => {
    const estimates: number[] = []
    for (let trial = 0; trial < 300; trial++) {
      // Two sets of 60 shingles sharing 40: Jaccard 40/80 = 0.5.
      const a = Array.from({ length: 60 }, (_, i) => `t${trial} s${i}`)
      const b = Array.from({ length: 60 }, (_, i) => `t${trial} s${i + 20}`)
      const [sa, sb] = [minhashSignature(a, 128), minhashSignature(b, 128)]
      estimates.push(sa.filter((h, f) => h === sb[f]).length / 128)
    }
    const mean = estimates.reduce((x, y) => x + y, 0) / estimates.length
    const sd = Math.sqrt(estimates.reduce((x, y) => x + (y - mean) ** 2, 0) / estimates.length)
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01)
    expect(sd / Math.sqrt((0.5 * 0.5) / 128)).toBeGreaterThan(0.8)
    expect(sd / Math.sqrt((0.5 * 0.5) / 128)).toBeLessThan(1.2)
  })

  it('LSH finds a near-duplicate pair among 300 random texts with far fewer candidates than all pairs', () => {
    const random = seededRandom(3)
    const vocabulary = pseudoWords(3000, random)
    const texts = Array.from({ length: 300 }, () => Array.from({ length: 80 }, () => vocabulary[Math.floor(random() * vocabulary.length)]!))
    texts[250] = texts[17]!.map((w, i) => (i === 40 ? 'changed' : w)) // one word edited
    const signatures = texts.map((t) => minhashSignature(shingles(tokenize(t.join(' ')), 3), 128))
    const candidates = lshCandidates(signatures, 32)
    expect(candidates).toContainEqual([17, 250])
    expect(candidates.length).toBeLessThan((300 * 299) / 2 / 1000)
    expect(candidates).toEqual([...candidates].sort((x, y) => x[0] - y[0] || x[1] - y[1]))
  })

  // Recall of LSH against exact all-pairs cosine, on 200 texts: 100 originals and one edited copy of
  // each, the copy's share of replaced words spread from 0 to 45%.
  const recallOn = (edit: 'passage' | 'scattered', bands: number) => {
    const random = seededRandom(42)
    const vocabulary = pseudoWords(2500, random)
    const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 2)]!
    const texts: string[][] = []
    for (let i = 0; i < 100; i++) {
      const original = Array.from({ length: 90 }, word)
      const copy = [...original]
      const replaced = Math.round(random() * 0.45 * copy.length)
      const at = Math.floor(random() * (copy.length - replaced))
      if (edit === 'passage') for (let k = at; k < at + replaced; k++) copy[k] = word()
      else for (let k = 0; k < replaced; k++) copy[Math.floor(random() * copy.length)] = word()
      texts.push(original, copy)
    }
    const stems = texts.map((t) => tokenize(t.join(' ')))
    const vectors = tfidfVectors(stems)
    const candidates = new Set(lshCandidates(stems.map((s) => minhashSignature(shingles(s, 3), 128)), bands).map(([i, j]) => i * texts.length + j))
    let similar = 0
    let found = 0
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        if (cosine(vectors[i]!, vectors[j]!) <= 0.8) continue
        similar++
        if (candidates.has(i * texts.length + j)) found++
      }
    }
    return { similar, found, recall: found / similar, candidates: candidates.size }
  }

  it('LSH (128 hashes, 32 bands, 3-stem shingles) finds every pair above cosine 0.8 when copies differ by a rewritten passage', () => {
    const { similar, recall, candidates } = recallOn('passage', 32)
    expect(similar).toBeGreaterThan(30)
    expect(recall).toBe(1)
    expect(candidates).toBeLessThan(200)
  })

  it('LSH with 4 rows per band misses pairs above 0.8 whose edits are scattered word by word; 2 rows per band recover them', () => {
    // Each replaced word breaks up to 3 shingles: here pairs above 0.8 share as little as 32% of
    // their shingles, and 1-(1-0.32^4)^32 = 0.29. Measured: 39 of 55 pairs (0.71) with 32 bands, 3 of
    // the 13 between 0.80 and 0.85; 55 of 55 with 64 bands (1-(1-0.32^2)^64 = 0.999).
    const fourRows = recallOn('scattered', 32)
    const twoRows = recallOn('scattered', 64)
    expect(fourRows.similar).toBeGreaterThan(30)
    expect(fourRows.recall).toBeLessThan(0.95)
    expect(twoRows.recall).toBe(1)
  })

  it('keeps only candidates whose whole signatures agree in minAgreeingSlots slots', () => {
    const random = seededRandom(5)
    const vocabulary = pseudoWords(12, random) // a tiny vocabulary: many pairs share a band by chance
    const texts = Array.from({ length: 120 }, () => Array.from({ length: 60 }, () => vocabulary[Math.floor(random() * vocabulary.length)]!).join(' '))
    texts.push(texts[0]!, texts[1]!.split(' ').map((w, i) => (i % 12 === 0 ? 'changed' : w)).join(' '))
    const at = (minAgreeingSlots: number) => {
      const corpus = textCorpusOf(texts.map((text, i) => ({ id: `r${i}`, text })), { ...DETECTOR_DEFAULTS.textSimilarity, minTokens: 1, minAgreeingSlots })
      return new Set(textCandidates(corpus).map((pair) => pair.map((i) => corpus.ids[i]).sort().join()))
    }
    const all = at(0)
    const agreeing = at(DETECTOR_DEFAULTS.textSimilarity.minAgreeingSlots)
    const identical = at(128)
    expect(all.size).toBeGreaterThan(agreeing.size)
    expect([...agreeing].every((pair) => all.has(pair))).toBe(true)
    expect(agreeing).toContain('r0,r120')
    expect(agreeing).toContain('r1,r121')
    expect([...identical]).toEqual(['r0,r120'])
  })

  it('finds, review by review as a corpus grows, the candidates textCandidates finds in the whole', () => {
    const texts = nearCopies(300, 9)
    const settings = DETECTOR_DEFAULTS.textSimilarity
    const reviewerOf = (id: string) => `reviewer-${Number(id.slice(1)) % 250}` // some pairs by one reviewer
    const builder = createTextCorpusBuilder(settings)
    texts.slice(0, 500).forEach((text, i) => builder.add(`r${i}`, text, 1))
    const live = liveTextCandidates(builder.finish(), reviewerOf)
    live.prepare(builder.finish())
    texts.slice(500).forEach((text, i) => {
      if (!builder.add(`r${500 + i}`, text, 2)) return
      const corpus = builder.finish()
      live.add(corpus, corpus.ids.length - 1)
    })
    const key = ([i, j]: readonly [number, number]) => `${i},${j}`
    const whole = textCandidates(builder.finish(), reviewerOf)
    expect(whole.filter(([, j]) => j >= 500).length).toBeGreaterThan(20)
    expect(live.pairs().map(key).sort()).toEqual(whole.map(key).sort())
  })

  it('a builder on from a corpus that kept its words reads new texts as a fresh one does, stemming none of them again', () => {
    const texts = nearCopies(100, 10)
    const settings = DETECTOR_DEFAULTS.textSimilarity
    const shares = [0, 1].map((k) => {
      const b = createTextCorpusBuilder(settings)
      texts.slice(0, 150).forEach((text, i) => i % 2 === k && b.add(`r${i}`, text, 1))
      return { ...b.finish(), words: b.knownWords() }
    })
    const base = mergeTextCorpora(shares)
    const stems = vi.spyOn(PorterStemmer, 'stem')
    const grow = (from: TextCorpus) => {
      const b = createTextCorpusBuilder(settings, from)
      texts.slice(150).forEach((text, i) => b.add(`r${150 + i}`, text, 2))
      return b.finish()
    }
    const fresh = grow({ ...base, words: undefined })
    const stemmedFresh = stems.mock.calls.length
    stems.mockClear()
    const seeded = grow(base)
    expect(stems.mock.calls.length).toBeLessThan(stemmedFresh / 10)
    stems.mockRestore()
    expect(seeded).toEqual(fresh)
  })

  it('the detector pairs the same reviews as the exported MinHash and LSH functions', () => {
    const random = seededRandom(8)
    const vocabulary = pseudoWords(2000, random)
    const texts: string[] = []
    for (let i = 0; i < 60; i++) {
      const words = Array.from({ length: 70 }, () => vocabulary[Math.floor(vocabulary.length * random() ** 2)]!)
      texts.push(words.join(' '), words.map((w) => (random() < 0.12 ? vocabulary[Math.floor(random() * vocabulary.length)]! : w)).join(' '))
    }
    const reviews = texts.map((text, i) => reviewOf({ id: `r${String(i).padStart(3, '0')}`, proposalId: `p${i}`, reviewer: `0x${i.toString(16).padStart(40, '0')}`, text }))
    const stems = texts.map(tokenize)
    const vectors = tfidfVectors(stems)
    const { shingle, minhashSlots, lshBands, lshRows } = DETECTOR_DEFAULTS.textSimilarity
    const expected = lshCandidates(stems.map((s) => minhashSignature(shingles(s, shingle), minhashSlots)), lshBands, lshRows)
      .filter(([i, j]) => cosine(vectors[i]!, vectors[j]!) > 0.8)
      .map(([i, j]) => [reviews[i]!.id, reviews[j]!.id].join())
    const flagged = detectTextSimilarity(snapshotOf({ reviews })).map((f) => (f.evidence.pairs as { reviewIds: string[] }[])[0]!.reviewIds.sort().join())
    expect(expected.length).toBeGreaterThan(20)
    expect(flagged.sort()).toEqual(expected.sort())
  })
})

/** 2 * `count` texts of made-up words: each followed by a copy with an eighth of its words changed. */
function nearCopies(count: number, seed: number): string[] {
  const random = seededRandom(seed)
  const vocabulary = pseudoWords(2000, random)
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 70 }, () => vocabulary[Math.floor(vocabulary.length * random() ** 2)]!)
    return [words.join(' '), words.map((w) => (random() < 0.12 ? vocabulary[Math.floor(random() * vocabulary.length)]! : w)).join(' ')]
  }).flat()
}

/** Distinct made-up words (so that stems are distinct too), drawn from syllables. */
function pseudoWords(count: number, random: () => number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ter', 'van', 'dus', 'pel', 'ri', 'son', 'bar', 'qui', 'nex', 'tor', 'ad', 'mo', 'zel', 'fi', 'gra']
  const words = new Set<string>()
  while (words.size < count) words.add(Array.from({ length: 3 }, () => syllables[Math.floor(random() * syllables.length)]!).join('') + 'x')
  return [...words]
}

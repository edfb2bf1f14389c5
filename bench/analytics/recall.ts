/**
 * Recall of the text detector's candidate stage (one-permutation MinHash + LSH banding) against
 * exact all-pairs cosine: of the pairs of reviews by different reviewers whose TF-IDF cosine is
 * above the threshold, the share that LSH makes candidates. "Exact all-pairs" is literal: every
 * pair's dot product is computed (a dense row per review against every later review's terms), and
 * pairs near the threshold are decided with the detector's own cosine, bit for bit.
 */
import { createTextCorpusBuilder, type TextFeatureSettings } from '../../analytics/detectors/text-features'
import { corpusCosine, textCandidates } from '../../analytics/detectors/text-similarity'

export interface RecallReport {
  reviews: number
  /** All pairs by different reviewers, and those above the threshold (exact). */
  pairs: number
  similarPairs: number
  /** Similar pairs that are LSH candidates. */
  found: number
  recall: number
  /** Candidate pairs (by different reviewers), and their share of all pairs. */
  candidates: number
  candidateShare: number
  /** Similar pairs by cosine band: [from, similar, found]. */
  byCosine: [number, number, number][]
  seconds: { features: number; candidates: number; exact: number }
}

export function measureCandidateRecall(texts: readonly { id: string; reviewer: string; text: string }[], settings: TextFeatureSettings, minCosine: number): RecallReport {
  const t0 = performance.now()
  const builder = createTextCorpusBuilder(settings)
  for (const t of texts) builder.add(t.id, t.text, 0)
  const corpus = builder.finish()
  const reviewerOf = new Map(texts.map((t) => [t.id, t.reviewer]))
  const reviewerIndex = new Map<string, number>()
  const groupOf = Int32Array.from(corpus.ids, (id) => {
    const r = reviewerOf.get(id)!
    if (!reviewerIndex.has(r)) reviewerIndex.set(r, reviewerIndex.size)
    return reviewerIndex.get(r)!
  })
  const n = corpus.ids.length
  const t1 = performance.now()
  const candidates = new Set(textCandidates(corpus, (id) => reviewerOf.get(id)).map(([i, j]) => i * n + j))
  const t2 = performance.now()

  const cosineOf = corpusCosine(corpus)
  // Unit-length weights per entry, for the exhaustive pass.
  const { offsets, terms, counts, df } = corpus
  const idf = Float64Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1)
  const weights = new Float64Array(terms.length)
  for (let i = 0; i < n; i++) {
    let sum = 0
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) sum += (counts[k]! * idf[terms[k]!]!) ** 2
    const norm = Math.sqrt(sum)
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) weights[k] = (counts[k]! * idf[terms[k]!]!) / norm
  }
  const dense = new Float64Array(df.length)
  const bands = [0.8, 0.85, 0.9, 0.95].filter((b) => b >= minCosine)
  const byCosine = bands.map((b): [number, number, number] => [b, 0, 0])
  let pairs = 0
  let similarPairs = 0
  let found = 0
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) dense[terms[k]!] = weights[k]!
    for (let j = i + 1; j < n; j++) {
      if (groupOf[i] === groupOf[j]) continue
      pairs++
      let dot = 0
      for (let k = offsets[j]!; k < offsets[j + 1]!; k++) dot += dense[terms[k]!]! * weights[k]!
      // The exhaustive sum runs in another order than the detector's; decide near the line with the detector's.
      if (dot < minCosine - 1e-6) continue
      const cosine = cosineOf(i, j)
      if (!(cosine > minCosine)) continue
      similarPairs++
      const hit = candidates.has(i * n + j)
      if (hit) found++
      const band = byCosine.findLast(([from]) => cosine >= from) ?? byCosine[0]!
      band[1]++
      if (hit) band[2]++
    }
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) dense[terms[k]!] = 0
  }
  const t3 = performance.now()
  return {
    reviews: n,
    pairs,
    similarPairs,
    found,
    recall: similarPairs ? found / similarPairs : 1,
    candidates: candidates.size,
    candidateShare: candidates.size / pairs,
    byCosine,
    seconds: { features: (t1 - t0) / 1000, candidates: (t2 - t1) / 1000, exact: (t3 - t2) / 1000 },
  }
}

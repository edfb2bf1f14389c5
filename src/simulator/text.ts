/**
 * Review text and ratings for simulated reviews: a built-in generator, or a replay of real reviews
 * from a JSONL file in the format of shared/data/iclr-reviews.jsonl.gz, grouped by paper so that
 * one proposal's reviews are one real paper's reviews (their texts and ratings agree as real
 * co-reviews do). Template edits for planted text reuse live here too.
 */
import fs from 'node:fs'
import zlib from 'node:zlib'
import type { Random } from './random'

export interface SourceReview {
  text: string
  /** The reviewer's own rating on a 1-10 scale, when the source has one. */
  rating?: number
}

export interface ReviewTextSource {
  readonly description: string
  /** Reviews for the `index`-th proposal: at least `count` of them. */
  reviewsFor(index: number, count: number): SourceReview[]
  /** Any one review's text (templates, edit vocabulary). */
  anyText(rng: Random): string
}

// ----- replay of real reviews -----

interface JsonlReview {
  paper: string
  text: string
  rating: number | null
}

export function readReviewsJsonl(file: string): JsonlReview[] {
  let buf = fs.readFileSync(file)
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = zlib.gunzipSync(buf)
  const out: JsonlReview[] = []
  const lines = buf.toString('utf8').split('\n')
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    let row: Record<string, unknown>
    try {
      row = JSON.parse(line) as Record<string, unknown>
    } catch (err) {
      throw new Error(`${file}:${i + 1}: not JSON (${(err as Error).message})`)
    }
    if (typeof row.text !== 'string' || typeof row.paper !== 'string') {
      throw new Error(`${file}:${i + 1}: needs string fields "paper" and "text"`)
    }
    const rating = typeof row.rating === 'number' && row.rating >= 1 && row.rating <= 10 ? Math.round(row.rating) : null
    out.push({ paper: row.paper, text: row.text, rating })
  })
  if (out.length === 0) throw new Error(`${file}: no reviews`)
  return out
}

export function jsonlSource(file: string, rng: Random): ReviewTextSource {
  const reviews = readReviewsJsonl(file)
  const byPaper = new Map<string, JsonlReview[]>()
  for (const r of reviews) {
    const list = byPaper.get(r.paper) ?? []
    list.push(r)
    byPaper.set(r.paper, list)
  }
  const shuffled = rng.shuffle([...byPaper.keys()].sort())
  // Templates and edit vocabulary (anyText) come from papers no proposal replays: a template drawn
  // from a replayed review would make its honest reviewer a perfect match of the template's users.
  // A file of fewer than 20 papers (a test fixture) shares them.
  const reserved = shuffled.length >= 20 ? Math.ceil(shuffled.length / 20) : 0
  const papers = shuffled.slice(0, shuffled.length - reserved)
  const templatePool = reserved > 0 ? shuffled.slice(-reserved).flatMap((paper) => byPaper.get(paper)!) : reviews
  // Proposals get disjoint runs of whole papers (in the seeded order), each run the fewest papers
  // that hold `count` reviews: a paper with too few reviews is topped up by the next, and that next
  // paper then belongs to this proposal alone. Overlapping runs would hand one real review to two
  // reviewers, a perfect text match no honest pair produces. Runs repeat only once the file is used up.
  const runsByCount = new Map<number, SourceReview[][]>()
  const runsFor = (count: number): SourceReview[][] => {
    let runs = runsByCount.get(count)
    if (!runs) {
      runs = []
      let run: SourceReview[] = []
      for (const paper of papers) {
        for (const r of byPaper.get(paper)!) run.push({ text: r.text, rating: r.rating ?? undefined })
        if (run.length >= count) runs.push(run), (run = [])
      }
      // Too few reviews in the whole file for one run: the run goes round the papers again.
      for (let k = 0; runs.length === 0; k++) {
        for (const r of byPaper.get(papers[k % papers.length]!)!) run.push({ text: r.text, rating: r.rating ?? undefined })
        if (run.length >= count) runs.push(run)
      }
      runsByCount.set(count, runs)
    }
    return runs
  }
  return {
    description: `${reviews.length} reviews of ${shuffled.length} papers from ${file}`,
    reviewsFor(index, count) {
      const runs = runsFor(Math.max(1, count))
      return runs[index % runs.length]!
    },
    anyText(r) {
      return r.pick(templatePool).text
    },
  }
}

// ----- the built-in generator -----

const OPENINGS = [
  'This submission proposes {method} for {problem}, evaluated on {data}.',
  'The authors study {problem} and introduce {method}.',
  'The proposal addresses {problem} using {method}, with experiments on {data}.',
  'In this work the applicants describe {method} to tackle {problem}.',
  'The manuscript presents {method}, aimed at {problem}, and reports results on {data}.',
  'The paper investigates whether {method} can improve {problem}.',
]
const STRENGTHS = [
  'The motivation is clear and the {aspect} is well argued.',
  'I appreciate the careful treatment of {aspect}.',
  'The {aspect} is a genuine strength of the work.',
  'The experiments on {data} are thorough and the {aspect} convincing.',
  'The writing is {quality} and the figures support the {aspect}.',
  'Releasing the {artifact} would be valuable to the community.',
  'The comparison with {baseline} is fair and informative.',
]
const WEAKNESSES = [
  'However, the {aspect} remains unclear, in particular regarding {detail}.',
  'The evaluation lacks a comparison with {baseline}.',
  'I am not convinced that {detail} holds beyond {data}.',
  'The {aspect} section is {quality} and should be expanded.',
  'The sample size seems small for the claims about {detail}.',
  'It is not obvious how {method} scales to {scale}.',
  'The budget for {artifact} is not justified in enough detail.',
  'Several claims about {detail} are stated without evidence.',
]
const QUESTIONS = [
  'How sensitive are the results to {detail}?',
  'Could the authors clarify the role of {aspect}?',
  'What happens when {method} is applied to {scale}?',
  'Why was {baseline} not included in the comparison?',
  'Is the {artifact} going to be made public?',
]
const CLOSINGS = [
  'Overall, I lean towards {verdict}.',
  'In summary, my recommendation is {verdict}.',
  'Given the points above, I recommend {verdict}.',
  'I would support {verdict} if the concerns are addressed.',
]
const SLOTS: Record<string, string[]> = {
  method: ['a hierarchical Bayesian model', 'an acoustic monitoring pipeline', 'a graph neural network', 'a camera-trap classifier', 'a mark-recapture design', 'a transformer encoder', 'an occupancy model', 'a remote-sensing index', 'a contrastive pretraining scheme', 'an agent-based simulation', 'a causal discovery procedure', 'a federated learning protocol', 'an environmental DNA assay', 'a sparse regression estimator', 'a reinforcement learning controller'],
  problem: ['species distribution mapping', 'habitat fragmentation', 'poaching detection', 'coral bleaching forecasts', 'out-of-distribution robustness', 'few-shot classification', 'population viability analysis', 'migratory route inference', 'model calibration', 'carbon stock estimation', 'invasive species spread', 'wildfire risk prediction', 'data-efficient fine-tuning', 'pollinator decline', 'fairness in ranking'],
  data: ['three field seasons', 'a public benchmark', 'satellite imagery from two regions', 'citizen-science records', 'simulated landscapes', 'a new annotated corpus', 'acoustic recordings from twelve sites', 'historical survey data', 'a held-out test set'],
  aspect: ['experimental design', 'theoretical analysis', 'sampling strategy', 'ablation study', 'related work', 'statistical analysis', 'data collection protocol', 'threat model', 'impact statement', 'methodology'],
  detail: ['the detection threshold', 'the choice of priors', 'spatial autocorrelation', 'the training schedule', 'observer bias', 'the hyperparameters', 'seasonal effects', 'the labelling procedure', 'temporal drift', 'the confidence intervals', 'imperfect detection'],
  baseline: ['the standard occupancy model', 'a random forest', 'recent self-supervised methods', 'the method of the previous funding round', 'simple linear baselines', 'expert annotation', 'existing monitoring programmes'],
  quality: ['clear', 'dense', 'well organised', 'hard to follow', 'concise', 'somewhat informal', 'precise'],
  artifact: ['code and data', 'annotated dataset', 'field equipment', 'trained models', 'sensor network', 'analysis scripts'],
  scale: ['continental extents', 'larger models', 'longer time series', 'other taxa', 'low-resource settings', 'real-time deployment'],
  verdict: ['funding', 'funding with minor revisions', 'major revisions', 'rejection', 'a resubmission'],
}

function fill(template: string, rng: Random): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => rng.pick(SLOTS[slot]!))
}

/** One generated review: an opening, strengths, weaknesses, questions, and a closing verdict. */
export function generateReview(rng: Random): string {
  const parts = [fill(rng.pick(OPENINGS), rng)]
  parts.push(['Strengths:', ...rng.sample(STRENGTHS, rng.int(1, 3)).map((s) => `- ${fill(s, rng)}`)].join('\n'))
  parts.push(['Weaknesses:', ...rng.sample(WEAKNESSES, rng.int(2, 4)).map((s) => `- ${fill(s, rng)}`)].join('\n'))
  if (rng.chance(0.7)) parts.push(['Questions:', ...rng.sample(QUESTIONS, rng.int(1, 3)).map((s) => `- ${fill(s, rng)}`)].join('\n'))
  parts.push(fill(rng.pick(CLOSINGS), rng))
  return parts.join('\n\n')
}

export function generatorSource(rng: Random): ReviewTextSource {
  return {
    description: 'built-in review generator',
    reviewsFor(index, count) {
      const r = rng.fork(`proposal-${index}`)
      return Array.from({ length: count }, () => ({ text: generateReview(r) }))
    },
    anyText: (r) => generateReview(r),
  }
}

// ----- planted text reuse -----

/**
 * A copy of `template` in which each word is, with probability `editRate`, replaced by a word
 * from `vocabulary`, dropped, or followed by an inserted word: 0 copies verbatim, about 0.5 is a
 * heavy paraphrase, 1 leaves little of the template.
 */
export function editText(template: string, editRate: number, vocabulary: readonly string[], rng: Random): string {
  if (editRate <= 0) return template
  const out: string[] = []
  for (const word of template.split(/(\s+)/)) {
    if (/^\s*$/.test(word) || !rng.chance(editRate)) {
      out.push(word)
      continue
    }
    const op = rng.next()
    if (op < 0.6) out.push(rng.pick(vocabulary))
    else if (op < 0.8) out.push('')
    else out.push(`${word} ${rng.pick(vocabulary)}`)
  }
  return out.join('').replace(/ {2,}/g, ' ')
}

export function vocabularyOf(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter((w) => /^[A-Za-z][A-Za-z-]{2,}$/.test(w)))]
}

/** Truncates to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const buf = Buffer.from(text, 'utf8')
  if (buf.length <= maxBytes) return text
  let end = maxBytes
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--
  return buf.subarray(0, end).toString('utf8')
}

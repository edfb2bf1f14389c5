import { describe, expect, it } from 'vitest'
import { DETECTOR_DEFAULTS, type DetectorConfig } from './config'
import { detectAll } from './detect'
import { textCorpusOf } from './detectors/text-features'
import { startLiveAnalysis } from './live'
import { reviewOf, seededRandom, snapshotOf } from './testing'
import { groupBy, type HeartbeatFact, type ProposalFact, type ProviderFact, type ReviewFact, type Snapshot } from './types'

/** Idf over a basis of 8 reviews growing by a quarter: the basis moves several times in the test. */
const CONFIG: DetectorConfig = { ...DETECTOR_DEFAULTS, textSimilarity: { ...DETECTOR_DEFAULTS.textSimilarity, minTokens: 5, idfExactUpTo: 8, idfBasisGrowth: 1.25 } }
const account = (i: number) => `0x${i.toString(16).padStart(40, '0')}`

/**
 * Reviews committed and revealed over 40 blocks: honest texts, template groups copying with edits,
 * clique scores and commits; honest reviewers are also the authors, so that the review graph has reciprocal
 * pairs and rings that grow batch by batch.
 */
function world(seed: number): World {
  const random = seededRandom(seed)
  const vocabulary = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}x`)
  const words = (n: number) => Array.from({ length: n }, () => vocabulary[Math.floor(vocabulary.length * random() ** 2)]!)
  const proposals = Array.from({ length: 30 }, (_, i): ProposalFact => ({ id: `p${i}`, author: account(1 + (i % 8)), domain: 1, submittedAt: 1_000 + i, decidedAt: null }))
  const templates = Array.from({ length: 3 }, () => words(60))
  const reviews: ReviewFact[] = []
  for (let k = 0; k < 150; k++) {
    const proposal = proposals[k % proposals.length]!
    const template = k % 5 === 0 ? templates[k % 3]! : null
    // The template group also commits together: in one block per proposal.
    const committedBlock = template ? 2 + (k % 30) : 1 + Math.floor(random() * 35)
    const revealedBlock = committedBlock + 1 + Math.floor(random() * 4)
    const text = (template ? template.map((w) => (random() < 0.08 ? vocabulary[Math.floor(random() * vocabulary.length)]! : w)) : words(50 + Math.floor(random() * 30))).join(' ')
    const honest = 1 + ((proposals.indexOf(proposal) % 8) + 1 + Math.floor(random() * 7)) % 8 // anyone but the author
    const reviewer = account(template ? 100 + (Math.floor(k / 5) % 7) : honest)
    const score = template ? 9 : 1 + Math.floor(random() * 10)
    reviews.push(reviewOf({ id: `r${String(k).padStart(3, '0')}`, proposalId: proposal.id, reviewer, score, text, committedBlock, committedAt: committedBlock * 600, revealedBlock, revealedAt: revealedBlock * 600 }))
  }
  // Providers signing most epochs (the first a third of them), each heartbeat in a block of its epoch.
  const providers = Array.from({ length: 4 }, (_, k): ProviderFact => ({ id: `0xprovider${k}`, registeredEpoch: 0, leftEpoch: null, jailedEpochs: [] }))
  const heartbeats = providers.flatMap((p, k) =>
    Array.from({ length: 40 / BLOCKS_PER_EPOCH }, (_, epoch) => ({ provider: p.id, epoch, block: epoch * BLOCKS_PER_EPOCH + Math.floor(random() * BLOCKS_PER_EPOCH) })).filter(() => random() < (k === 0 ? 0.33 : 0.9)),
  )
  return { reviews, proposals, providers, heartbeats }
}

/** The compute epoch of a block in these worlds. */
const BLOCKS_PER_EPOCH = 4

interface World {
  reviews: ReviewFact[]
  proposals: ProposalFact[]
  providers: ProviderFact[]
  heartbeats: { provider: string; epoch: number; block: number }[]
}

/** The facts as they stood at `block`, or (with `since`) those a block in (since, block] made or changed. */
function factsAt(w: World, block: number, since = -1): Snapshot {
  const visible = w.reviews.filter((r) => r.committedBlock! <= block).map((r) => (r.revealedBlock! <= block ? r : { ...r, score: null, text: null, revealedAt: null, revealedBlock: null }))
  const changed = visible.filter((r) => r.committedBlock! > since || (r.revealedBlock !== null && r.revealedBlock > since))
  const signed = groupBy(w.heartbeats.filter((h) => h.block <= block && h.block > since), (h) => h.provider)
  const heartbeats = [...signed].map(([provider, hs]): HeartbeatFact => ({ provider, epochs: hs.map((h) => h.epoch).sort((a, b) => a - b) }))
  const all = since < 0
  return snapshotOf({ block, at: block * 600, epoch: Math.floor(block / BLOCKS_PER_EPOCH), reviews: all ? visible : changed, proposals: all ? w.proposals : [], providers: all ? w.providers : [], heartbeats })
}

describe('live analysis', () => {
  it('replaces the committee\'s confirmations it holds when a batch gives them again, and keeps the chain\'s', async () => {
    const confirmation = (caseId: string, block: number) => ({ caseId, subjects: [account(1), account(2)], block, at: block * 600 })
    const live = await startLiveAnalysis(snapshotOf({ block: 1, at: 600, confirmations: [confirmation('7', 1), confirmation('committee:1', 1)] }), Promise.resolve(textCorpusOf([], CONFIG.textSimilarity)), CONFIG)
    live.advance(snapshotOf({ block: 2, at: 1200, confirmations: [confirmation('committee:2', 2)], committeeConfirmationsReplaced: true }), [])
    expect(live.confirmations().map((c) => c.caseId)).toEqual(['7', 'committee:2'])
    live.advance(snapshotOf({ block: 3, at: 1800, confirmations: [confirmation('8', 3)] }), [])
    expect(live.confirmations().map((c) => c.caseId)).toEqual(['7', 'committee:2', '8'])
  })

  it('advanced batch by batch, holds the flags a full detection finds at every block, as the idf basis moves (the text state readied up front or at the first batch)', async () => {
    for (const seed of [1, 2, 3]) {
      const w = world(seed)
      const start = factsAt(w, 12)
      const live = await startLiveAnalysis({ ...start, reviews: start.reviews.map((r) => ({ ...r, text: null })) }, Promise.resolve(textCorpusOf(start.reviews, CONFIG.textSimilarity)), CONFIG, { prepare: seed === 2 })
      const flagsAt = (s: Snapshot) => detectAll(s, CONFIG).flags.map((f) => ({ ...f, block: s.block }))
      expect(live.flags()).toEqual(flagsAt(factsAt(w, 12)))
      let texts = 0
      for (let block = 15; block <= 40; block += 3) {
        const delta = factsAt(w, block, live.block)
        const revealed = delta.reviews.filter((r) => r.text !== null).map((r) => ({ id: r.id, text: r.text!, revealedBlock: r.revealedBlock! }))
        texts += revealed.length
        live.advance({ ...delta, reviews: delta.reviews.map((r) => ({ ...r, text: null })) }, revealed)
        expect(live.flags(), `seed ${seed}, block ${block}`).toEqual(flagsAt(factsAt(w, block)))
      }
      expect(texts).toBeGreaterThan(40)
      for (const kind of ['text-similarity', 'timing-correlation', 'reciprocal-review', 'review-ring', 'provider-downtime']) expect(live.flags().filter((f) => f.kind === kind).length, `${kind}, seed ${seed}`).toBeGreaterThan(0)
    }
  })
})

/**
 * With `text: jsonl`, proposals replay real papers' reviews: the revealed texts and scores are the
 * file's own, one paper per proposal, except where a planted behaviour rewrites them.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readReviewsJsonl } from '../../src/simulator/text'
import { runScenario, smallScenario, type ScenarioRun } from '../support/simulation'

const REVIEWS = path.resolve(__dirname, '../../../shared/data/iclr-reviews.jsonl.gz')

describe.skipIf(!fs.existsSync(REVIEWS))('a scenario replaying real ICLR reviews', () => {
  let run: ScenarioRun
  beforeAll(async () => {
    run = await runScenario(
      smallScenario({
        text: { source: 'jsonl', path: path.relative(process.cwd(), REVIEWS) },
        behaviours: [{ kind: 'scoreClique', members: ['r0', 'r1'], proposals: 2, strength: 1 }],
      }),
    )
  }, 120_000)
  afterAll(() => run?.anvil.stop())

  it('reveals the file\'s texts with their ratings, grouped by paper', () => {
    const byText = new Map(readReviewsJsonl(REVIEWS).map((r) => [r.text.slice(0, 32_000), r]))
    const planted = new Set(run.plan.truth.flatMap((t) => t.reviews))
    const revealed = run.events.filter((e) => e.eventName === 'ReviewRevealed' && !planted.has(e.args.reviewId as `0x${string}`))
    expect(revealed.length).toBeGreaterThan(10)
    const papersByProposal = new Map<bigint, Set<string>>()
    for (const e of revealed) {
      const source = byText.get((e.args.text as string).slice(0, 32_000))
      expect(source, 'revealed text is a review from the file').toBeDefined()
      if (source!.rating !== null) expect(e.args.score).toBe(source!.rating)
      const papers = papersByProposal.get(e.args.proposalId as bigint) ?? new Set()
      papers.add(source!.paper)
      papersByProposal.set(e.args.proposalId as bigint, papers)
    }
    // A paper with fewer reviews than the panel is topped up from the next paper: at most two per proposal.
    for (const papers of papersByProposal.values()) expect(papers.size).toBeLessThanOrEqual(2)
  })
})

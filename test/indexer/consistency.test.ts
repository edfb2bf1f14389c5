/**
 * Index a run of the default scenario (shortened) and check the database against the chain: every
 * log is accounted for (indexed or quarantined), and every derived value equals the contracts' own
 * view of it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hex } from 'viem'
import { readContract } from '../../src/simulator/context'
import { eventNameOf } from '../../src/simulator/execute'
import { simulateOnce } from '../../src/simulator'
import { parseScenario } from '../../src/simulator/scenario'
import { startIndexerFixture, type IndexerFixture } from '../support/indexer'

const PHASES = ['NONE', 'ASSIGNMENT', 'COMMIT', 'REVEAL', 'DISCUSSION', 'DECISION', 'DECIDED']
const OUTCOMES = ['NONE', 'FUNDED', 'REJECTED', 'COMPLETED', 'FAILED']
const REVIEW_STATUS = ['NONE', 'ASSIGNED', 'COMMITTED', 'REVEALED', 'MISSED', 'ANNULLED']
const TASK_STATUS = ['NONE', 'OPEN', 'ASSIGNED', 'SUBMITTED', 'CHALLENGED', 'FINALIZED', 'FAULTY', 'MISSED', 'CANCELLED']

describe('the default scenario, indexed', () => {
  let f: IndexerFixture
  const read = (contract: Parameters<typeof readContract>[2], fn: string, args: readonly unknown[] = []) => readContract(f.sender, f.deployment, contract, fn, args) as Promise<any>
  const rows = async <T = any>(query: string) => (await f.sql.query(query)).rows as T[]

  beforeAll(async () => {
    f = await startIndexerFixture()
    const raw = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../scenarios/default.json'), 'utf8'))
    // The default population and every planted behaviour, over a shorter season.
    raw.proposals.count = 40
    raw.epochs = 40
    raw.cases = [
      { members: ['r3', 'r7'], signal: 'ScoreClustering', epoch: 30, decision: 'confirm' },
      { members: ['r50', 'r51'], signal: 'ScoreClustering', epoch: 25, decision: 'dismiss' },
    ]
    await simulateOnce(f.sender, f.deployment, parseScenario(raw, path.resolve(__dirname, '../../scenarios')))
    f.startProcessor()
    await f.waitForHead(120_000)
  }, 300_000)
  afterAll(() => f?.stop())

  it('accounts for every log of the protocol: indexed, none quarantined', async () => {
    const logs = await f.anvil.rpc.call<{ address: string; topics: Hex[] }[]>('eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest', address: Object.values(f.deployment.contracts) }])
    const names = new Map(Object.entries(f.deployment.contracts).map(([n, a]) => [a.toLowerCase(), n]))
    const onChain = new Map<string, number>()
    for (const l of logs) {
      const key = `${names.get(l.address.toLowerCase())}.${eventNameOf(l.topics[0])}`
      onChain.set(key, (onChain.get(key) ?? 0) + 1)
    }
    const counted = new Map((await rows<{ id: string; indexed: number; quarantined: number }>('SELECT * FROM event_count')).map((r) => [r.id, r.indexed + r.quarantined]))
    expect(Object.fromEntries(counted)).toEqual(Object.fromEntries(onChain))
    expect(await rows('SELECT reason FROM quarantined_event')).toEqual([])
    expect(logs.length).toBeGreaterThan(5_000)
  })

  it('keeps every reviewer\'s REP, locked stake, ban and earnings equal to the contracts\'', async () => {
    const reviewers = await rows('SELECT * FROM reviewer')
    expect(reviewers.length).toBe(135)
    for (const r of reviewers) {
      const onChain = await read('ReputationStaking', 'getReviewer', [r.id])
      expect([r.id, BigInt(r.reputation), BigInt(r.locked), r.permanently_banned, r.confirmed_offences]).toEqual([r.id, onChain.reputation, onChain.locked, onChain.permanentlyBanned, Number(onChain.confirmedOffences)])
      expect(r.banned_until ? BigInt(new Date(r.banned_until).getTime() / 1000) : 0n).toBe(onChain.bannedUntil)
      expect([r.id, BigInt(r.earnings)]).toEqual([r.id, await read('ReviewPayment', 'earnings', [r.id])])
    }
    // The ledger adds up to each balance.
    const ledger = await rows<{ reviewer: string; total: string }>('SELECT reviewer, sum(delta) AS total FROM rep_change GROUP BY reviewer')
    for (const l of ledger) expect(BigInt(l.total)).toBe(BigInt(reviewers.find((r) => r.id === l.reviewer)!.reputation))
  })

  it('keeps proposals, reviews and quality scores equal to the contracts\'', async () => {
    for (const p of await rows('SELECT * FROM proposal')) {
      const onChain = await read('ReviewHub', 'getProposal', [BigInt(p.id)])
      expect([p.id, p.phase, p.outcome, p.assigned, p.committed, p.revealed]).toEqual([p.id, PHASES[onChain.phase], OUTCOMES[onChain.outcome], onChain.assigned, onChain.committed, onChain.revealed])
    }
    const reviews = await rows('SELECT * FROM review')
    expect(reviews.length).toBeGreaterThan(100)
    for (const r of reviews) {
      const onChain = await read('ReviewHub', 'getReview', [r.id])
      expect([r.id, r.status, r.score ?? 0, r.acknowledged, r.identity_revealed]).toEqual([r.id, REVIEW_STATUS[onChain.status], onChain.score, onChain.acknowledged, onChain.identityRevealed])
      expect([r.id, r.quality ?? 0]).toEqual([r.id, await read('QualityScoring', 'getReviewScore', [r.id])])
    }
  })

  it('keeps stakers and tasks equal to the contracts\'', async () => {
    const stakers = await rows('SELECT * FROM staker')
    expect(stakers.length).toBe(15)
    for (const s of stakers) {
      const a = await read('ComputeStaking', 'getAccount', [s.id])
      const status = a.tombstoned ? 'TOMBSTONED' : a.jailedUntil !== 0n ? 'JAILED' : 'ACTIVE'
      expect([s.id, BigInt(s.bonded), BigInt(s.unbonding), s.status]).toEqual([s.id, a.bonded, a.unbonding, status])
    }
    const tasks = await rows('SELECT * FROM task')
    expect(tasks.length).toBeGreaterThan(200)
    for (const t of tasks) {
      const onChain = await read('TaskMarket', 'getTask', [BigInt(t.id)])
      expect([t.id, t.status, BigInt(t.attested_weight)]).toEqual([t.id, TASK_STATUS[onChain.status], onChain.attestedWeight])
    }
  })

  it('records the committee\'s on-chain cases', async () => {
    const cases = await rows('SELECT * FROM collusion_case ORDER BY id')
    for (const c of cases) {
      const [signal, status] = await read('CollusionRegistry', 'cases', [BigInt(c.id)])
      expect([c.id, c.status, c.subjects.length]).toEqual([c.id, ['NONE', 'OPEN', 'CONFIRMED', 'DISMISSED'][status], (await read('CollusionRegistry', 'getSubjects', [BigInt(c.id)])).length])
      expect(signal).toBe(0)
    }
    expect(cases.map((c) => c.status).sort()).toEqual(['CONFIRMED', 'DISMISSED'])
  })
})

/**
 * The analytics runner over a real index: the default scenario (every planted behaviour, a
 * confirmed and a dismissed on-chain case, shortened) indexed by the processor into a fresh
 * Postgres. Runs at many finalized blocks, one after another, must end with exactly the rows of one
 * full recompute at the last block; a snapshot at a block must hold nothing of a later block.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAnalytics, type Analytics } from '../../analytics'
import { createChainClock } from '../../analytics/clock'
import { detectAll } from '../../analytics/detect'
import { finalizedHeight, loadSnapshot } from '../../analytics/snapshot'
import { simulateOnce, type SimulationRun } from '../../src/simulator'
import { parseScenario } from '../../src/simulator/scenario'
import { startIndexerFixture, type IndexerFixture } from '../support/indexer'

describe('analytics over the indexed default scenario', () => {
  let f: IndexerFixture
  let run: SimulationRun
  let final: number
  const opened: Analytics[] = []
  const open = async () => {
    const a = await openAnalytics({ db: f.db.env, deployment: f.deployment, rpcUrl: f.anvil.url })
    opened.push(a)
    return a
  }
  const tables = async () => ({
    flags: (await f.sql.query('SELECT * FROM flag ORDER BY id')).rows,
    cases: (await f.sql.query('SELECT * FROM investigation_case ORDER BY id')).rows,
  })
  const addressOf = (id: string) => run.plan.participants.find((p) => p.id === id)!.address.toLowerCase()

  beforeAll(async () => {
    f = await startIndexerFixture()
    const raw = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../scenarios/default.json'), 'utf8'))
    raw.proposals.count = 60
    raw.epochs = 45
    raw.compute.tasksPerEpoch = 2
    raw.cases = [
      { members: ['r3', 'r7'], signal: 'ScoreClustering', epoch: 40, decision: 'confirm' },
      { members: ['r50', 'r51'], signal: 'ScoreClustering', epoch: 35, decision: 'dismiss' },
    ]
    run = await simulateOnce(f.sender, f.deployment, parseScenario(raw, path.resolve(__dirname, '../../scenarios')))
    f.startProcessor()
    await f.waitForHead(180_000)
    final = (await finalizedHeight(f.sql))!
  }, 400_000)
  afterAll(async () => {
    for (const a of opened) await a.close()
    await f?.stop()
  })

  it('runs at twelve finalized blocks end with the rows of one full recompute at the last', async () => {
    const incremental = await open()
    const start = f.deployment.startBlock
    const reports = []
    const clock = await createChainClock(f.anvil.rpc, f.deployment.contracts.ComputeStaking)
    for (let i = 1; i <= 12; i++) {
      const at = start + Math.round(((final - start) * i) / 12)
      const report = await incremental.runner.runOnce({ at })
      expect(report).not.toBeNull()
      reports.push(report!)
      // After every run, live or not, the table holds what the detectors say of the snapshot at its block.
      const expected = detectAll(await loadSnapshot(f.sql, clock, at)).flags.map((x) => [x.id, x.value])
      expect((await tables()).flags.map((r) => [r.id, Number(r.value)])).toEqual(expected)
    }
    // The first run starts from nothing; every later one advances the state the one before left.
    expect(reports.map((r) => r.incremental)).toEqual([false, ...Array(11).fill(true)])
    expect(await incremental.runner.runOnce()).toBeNull() // already at the head
    // Flags came and went along the way: the later runs wrote only what changed.
    expect(reports.some((r) => r.removed.flags > 0 || r.written.flags < r.flags)).toBe(true)
    const afterIncremental = await tables()
    expect(afterIncremental.flags.length).toBeGreaterThan(5)
    // The rows are as computed at the watermark, which the same transactions wrote.
    expect((await f.sql.query('SELECT block FROM analytics_state')).rows).toEqual([{ block: final }])
    // The history's last point is the flags by kind now; a point only where the counts changed.
    const history = (await f.sql.query<{ block: number; flags_by_kind: Record<string, number> }>('SELECT block, flags_by_kind FROM analytics_history ORDER BY block')).rows
    const byKind: Record<string, number> = {}
    for (const r of afterIncremental.flags) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1
    expect(history[history.length - 1]!.flags_by_kind).toEqual(byKind)
    expect(history.length).toBeGreaterThan(1)
    expect(history.length).toBeLessThanOrEqual(12)

    const full = await (await open()).runner.runOnce({ full: true })
    expect(full).toMatchObject({ block: final, written: { flags: afterIncremental.flags.length, cases: afterIncremental.cases.length }, removed: { flags: 0, cases: 0 } })
    expect(await tables()).toEqual(afterIncremental)

  })

  it('flags the planted behaviours, grades corroborated ones probable and the confirmed case confirmed', async () => {
    const { flags, cases } = await tables()
    const flagged = (kind: string, members: string[]) => flags.some((r) => r.kind === kind && members.map(addressOf).every((a) => r.subjects.includes(a)))
    expect(flagged('score-correlation', ['r3', 'r7'])).toBe(true)
    expect(flagged('timing-correlation', ['r30', 'r31'])).toBe(true)
    expect(flagged('text-similarity', ['r20', 'r21'])).toBe(true)
    // Text evidence quotes what the pair shares, read back from the two reviews' texts.
    const textFlag = flags.find((r) => r.kind === 'text-similarity' && r.subjects.includes(addressOf('r20')))!
    expect(textFlag.evidence.pairs[0].sharedPassages.length).toBeGreaterThan(0)
    expect(flagged('reciprocal-review', ['a0', 'a1'])).toBe(true)
    expect(flagged('self-citation', ['r40'])).toBe(true)
    expect(flagged('provider-downtime', ['p0'])).toBe(true)
    const caseOf = (member: string) => cases.find((c) => c.subjects.includes(addressOf(member)))
    expect(caseOf('r3')?.severity).toBe('CONFIRMED')
    // Honest look-alikes stay unflagged or merely suspected.
    for (const honest of ['r50', 'r60', 'r70']) expect(['SUSPECTED', undefined]).toContain(caseOf(honest)?.severity)
  })

  it('a snapshot at a block holds nothing a later block wrote', async () => {
    const clock = await createChainClock(f.anvil.rpc, f.deployment.contracts.ComputeStaking)
    const { rows } = await f.sql.query<{ id: string; committed_block: number; revealed_block: number | null }>('SELECT id, committed_block, revealed_block FROM review WHERE committed_block IS NOT NULL ORDER BY committed_block')
    const middle = rows[rows.length >> 1]!.committed_block
    const snapshot = await loadSnapshot(f.sql, clock, middle)
    const blocks = new Map(rows.map((r) => [r.id, r]))
    expect(snapshot.reviews.length).toBe(rows.filter((r) => r.committed_block <= middle).length)
    expect(snapshot.reviews.length).toBeLessThan(rows.length)
    for (const r of snapshot.reviews) {
      const b = blocks.get(r.id)!
      expect(r.score !== null).toBe(b.revealed_block !== null && b.revealed_block <= middle)
    }
    // Texts are read as features, of the revealed reviews only.
    const corpusIds = snapshot.textCorpus!.ids
    expect(corpusIds.length).toBeGreaterThan(0)
    for (const id of corpusIds) expect(blocks.get(id)!.revealed_block).toBeLessThanOrEqual(middle)
    expect(snapshot.at).toBe(await clock.timestampOf(middle))
  })
})

/**
 * Crash-only recovery: the processor is killed with SIGKILL at random (seeded) points, again and
 * again, and restarted each time; at the end its tables equal, checksum for checksum, those of a
 * processor that indexed the same chain without interruption.
 *
 * Eight kills land while it catches up on a simulated history of ~2,500 events (two timed from the
 * spawn, so around start-up and its first batches; six from its 'processor starting' line, so while
 * it indexes: throttled to 100 RPC requests a second there, so that the catch-up outlasts the kill
 * windows), and four while the simulation is still sending blocks, after the processor has
 * caught up (it then writes hot blocks one or a few at a time).
 * After every kill the database must hold exactly the events of the blocks up to its height, and
 * that height never goes back.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { Hex } from 'viem'
import { Random } from '../../src/simulator/random'
import { planCursor, waitForRecord } from '../support/chain-control'
import { startIndexerFixture, type IndexerFixture, type ProcessorChild } from '../support/indexer'
import { smallScenario } from '../support/simulation'

const SCENARIO = smallScenario({
  seed: 'crash-recovery-1',
  population: { reviewers: 24, authors: 8, authorReviewers: 4, providers: 5, verifiers: 3, council: 3, clients: 3 },
  proposals: { count: 16 },
  epochs: 20,
  compute: { tasksPerEpoch: 4 },
})
const CATCH_UP_KILLS = 8
const LIVE_KILLS = 4
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Kill {
  phase: 'from-spawn' | 'catch-up' | 'live'
  afterMs: number
  /** Live kills: the head the processor had caught up with when the stretch began. */
  liveFrom?: number
  height: number
  head: number
}

describe('a processor killed with SIGKILL at random points, many times', () => {
  let f: IndexerFixture
  afterAll(() => f?.stop())

  /** Events the chain emitted in blocks up to `height`, and the events the database has accounted for. */
  async function eventsUpTo(height: number): Promise<{ onChain: number; inDatabase: number }> {
    const onChain = height < 0 ? 0 : (await f.anvil.rpc.call<unknown[]>('eth_getLogs', [{ fromBlock: '0x0', toBlock: `0x${height.toString(16)}`, address: Object.values(f.deployment.contracts) as Hex[] }])).length
    const exists = (await f.sql.query<{ t: string | null }>(`SELECT to_regclass('public.event_count')::text AS t`)).rows[0]!.t
    const inDatabase = exists ? Number((await f.sql.query<{ n: string }>('SELECT coalesce(sum(indexed + quarantined), 0) AS n FROM event_count')).rows[0]!.n) : 0
    return { onChain, inDatabase }
  }

  it('resumes after every kill, and its final tables equal those of an uninterrupted run', async () => {
    f = await startIndexerFixture({ finality: 10 })
    const random = new Random('crash-recovery/kill-points')
    const plan = await planCursor(f.sender, f.deployment, SCENARIO)
    await plan.send(Math.floor(plan.blocks * 0.6))
    const historyHead = await f.head()
    const kills: Kill[] = []

    const killAndCheck = async (p: ProcessorChild, kill: Omit<Kill, 'height' | 'head'>) => {
      expect(p.process.exitCode, p.lines.slice(-5).join('\n')).toBeNull()
      expect(await p.kill('SIGKILL')).toBeNull()
      const height = await f.indexedHeight()
      kills.push({ ...kill, height, head: await f.head() })
      // Batches are atomic: the tables hold exactly the events of the blocks up to the height.
      const { onChain, inDatabase } = await eventsUpTo(height)
      expect({ height, inDatabase }).toEqual({ height, inDatabase: onChain })
    }

    // Catching up on history.
    for (let i = 0; i < CATCH_UP_KILLS; i++) {
      // Small batches (10 blocks) give the kills many commit points to land between.
      const p = f.startProcessor({ env: { PEERWATCH_RPC_RATE_LIMIT: '100', PEERWATCH_COLD_SPLIT_BLOCKS: '10' } })
      const afterMs = random.int(200, 1500)
      const fromSpawn = i % 4 === 0
      if (!fromSpawn) await waitForRecord(p, (r) => r.msg === 'processor starting', 60_000)
      await sleep(afterMs)
      await killAndCheck(p, { phase: fromSpawn ? 'from-spawn' : 'catch-up', afterMs })
    }

    // Live: each processor is killed while the next stretch of the plan is being sent.
    const stretch = Math.ceil((plan.blocks - plan.next) / LIVE_KILLS)
    for (let i = 0; i < LIVE_KILLS; i++) {
      const p = f.startProcessor()
      await waitForRecord(p, (r) => r.msg === 'processor starting', 60_000)
      // Caught up first, so that the kill strikes while it follows the head.
      const liveFrom = await f.waitForHead(120_000)
      let sent = false
      // ~1.2 actions per block: at 50 transactions a second a stretch takes longer than the kill window.
      const sending = plan.send(stretch, { rate: 50 }).then(() => (sent = true))
      const afterMs = random.int(200, 1500)
      await sleep(afterMs)
      expect(sent).toBe(false)
      await killAndCheck(p, { phase: 'live', afterMs, liveFrom })
      await sending
    }
    expect(plan.next).toBe(plan.blocks)

    // The last one runs to the head.
    const last = f.startProcessor()
    const head = await f.waitForHead(120_000)
    expect(last.process.exitCode).toBeNull()
    const { onChain, inDatabase } = await eventsUpTo(head)
    expect(inDatabase).toBe(onChain)
    expect(onChain).toBeGreaterThan(2_000)
    expect((await f.sql.query('SELECT reason FROM quarantined_event')).rows).toEqual([])

    // The kills: at least ten; progress never went back; some struck in the middle of the
    // catch-up, and live ones after the processor had followed the moving head a while.
    expect(kills.length).toBeGreaterThanOrEqual(10)
    for (let i = 1; i < kills.length; i++) expect(kills[i]!.height).toBeGreaterThanOrEqual(kills[i - 1]!.height)
    const midCatchUp = kills.filter((k, i) => k.phase === 'catch-up' && k.height > (kills[i - 1]?.height ?? -1) && k.height < historyHead)
    expect(midCatchUp.length, JSON.stringify(kills)).toBeGreaterThanOrEqual(2)
    expect(kills.filter((k) => k.phase === 'live' && k.height > k.liveFrom!).length, JSON.stringify(kills)).toBeGreaterThanOrEqual(2)

    // An uninterrupted run over the same chain, into a fresh database of the same Postgres.
    const reference = await f.createDatabase('uninterrupted')
    const ref = f.startProcessor({ env: reference.env })
    expect(await reference.waitForHead(120_000)).toBe(head)
    expect(await f.checksum()).toBe(await reference.checksum())
    expect(ref.lines.filter((l) => l.includes('chain reorganisation'))).toEqual([])
  }, 240_000)
})

/**
 * RPC faults: the same chain indexed twice into one Postgres, once through a proxy that fails at
 * random the way flaky providers do (429, 500/502/503, requests that hang past the client's
 * timeout, truncated bodies, JSON-RPC error objects) and once directly. Half the chain is mined
 * before the processors start (catch-up through faults), the other half while they run (hot blocks
 * through faults). The processor must retry every failure, never stop, and end with the very rows
 * of the clean run.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { planContextFromChain } from '../../src/simulator/context'
import { executePlan } from '../../src/simulator/execute'
import { buildPlan, type Plan } from '../../src/simulator/plan'
import { parseScenario } from '../../src/simulator/scenario'
import { FAULT_KINDS, startFaultyRpcProxy, type FaultyRpcProxy } from '../support/faulty-rpc-proxy'
import { parseJson, scrapeMetric, startIndexerFixture, type IndexerDatabase, type IndexerFixture, type ProcessorChild } from '../support/indexer'
import { smallScenario } from '../support/simulation'

/** Each fault kind must have been injected at least this many times before the runs are compared. */
const MIN_PER_KIND = 3
/** The faulty run's RPC request timeout: a `hang` costs this long, not the default 10 s. */
const RPC_TIMEOUT_MS = 800

/** The index of the first action of the block nearest the middle of the plan. */
function middleBlock(plan: Plan): number {
  for (let i = Math.floor(plan.actions.length / 2); i < plan.actions.length; i++) {
    if (plan.actions[i]!.t !== plan.actions[i - 1]!.t) return i
  }
  return plan.actions.length
}

async function until(what: string, timeoutMs: number, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('RPC faults: a proxy in front of anvil that answers 429, 5xx, timeouts and truncated bodies at random; final tables equal a clean run\'s', () => {
  let f: IndexerFixture
  let proxy: FaultyRpcProxy
  let clean: IndexerDatabase
  let faulty: ProcessorChild
  let direct: ProcessorChild
  const started = Date.now()

  beforeAll(async () => {
    f = await startIndexerFixture()
    const scenario = parseScenario(smallScenario({ seed: 'rpc-faults-1' }), path.resolve(__dirname, '../../scenarios'), 'rpc faults')
    const plan = await buildPlan(scenario, await planContextFromChain(f.sender, f.deployment))
    const split = middleBlock(plan)
    await executePlan(f.sender, f.deployment, { ...plan, actions: plan.actions.slice(0, split) })

    proxy = await startFaultyRpcProxy({ upstream: f.anvil.url, seed: 'rpc-faults-1', faultRate: 0.3, hangMs: 3 * RPC_TIMEOUT_MS })
    clean = await f.createDatabase('clean_run')
    faulty = f.startProcessor({ rpcUrl: proxy.url, env: { PEERWATCH_RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) } })
    direct = f.startProcessor({ env: clean.env })

    await executePlan(f.sender, f.deployment, plan, { from: split })
    await clean.waitForHead(60_000)
    // Keep the faulty run going (it polls the head) until every kind of fault has hit it repeatedly.
    await until(`${MIN_PER_KIND} faults of each kind (so far ${JSON.stringify(proxy.injected)})`, 60_000, () => FAULT_KINDS.every((k) => proxy.injected[k] >= MIN_PER_KIND))
    await f.waitForHead(60_000)
    console.log(`rpc-faults: ${proxy.requests} requests through the proxy, ${proxy.forwarded} forwarded, injected ${JSON.stringify(proxy.injected)}; ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }, 150_000)

  afterAll(async () => {
    await proxy?.close()
    await f?.stop()
  })

  it('injected every kind of fault several times', () => {
    for (const kind of FAULT_KINDS) expect(proxy.injected[kind], kind).toBeGreaterThanOrEqual(MIN_PER_KIND)
    expect(proxy.forwarded).toBeGreaterThan(0)
  })

  it('kept the processor running through them, and it saw and counted the failures', async () => {
    expect(faulty.process.exitCode, faulty.lines.slice(-20).join('\n')).toBeNull()
    expect(direct.process.exitCode).toBeNull()
    const records = faulty.lines.map(parseJson)
    expect(records.filter((r) => r?.level === 50 || r?.level === 60), 'error or fatal records').toEqual([])
    const failures = records.filter((r) => r?.msg === 'connection failure').length
    const counted = (await scrapeMetric(faulty, 'peerwatch_rpc_errors_total')) ?? 0
    expect(failures).toBeGreaterThan(0)
    expect(counted).toBeGreaterThanOrEqual(failures)
    // The direct run had no reason to retry anything.
    expect(await scrapeMetric(direct, 'peerwatch_rpc_errors_total')).toBe(0)
  })

  it('ends with exactly the tables of the clean run', async () => {
    expect(await f.indexedHeight()).toBe(await clean.indexedHeight())
    const { rows } = await f.sql.query<{ n: string }>('SELECT count(*) AS n FROM review')
    expect(Number(rows[0]!.n)).toBeGreaterThan(10)
    expect(await f.checksum()).toBe(await clean.checksum())
  })
})

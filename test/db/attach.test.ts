/**
 * A second command on a data folder whose embedded Postgres another process runs (`npm start`, and
 * then `peerwatch api-key create` in another terminal): it uses that server, and leaves it running.
 * A postmaster.pid left by a dead server does not stand in the way of a normal start.
 */
import { execFile, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { loadConfig, PROJECT_ROOT } from '../../src/config'
import { pgClientConfig, startDatabase, type Database } from '../../src/db/postgres'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-attach-'))
const config = loadConfig({ PEERWATCH_DATA_DIR: dataDir }).database
const started: Database[] = []
afterAll(async () => {
  for (const db of started) await db.stop().catch(() => {})
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function query<T extends pg.QueryResultRow>(db: Database, sql: string): Promise<T[]> {
  const client = new pg.Client(pgClientConfig(db.env))
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

/** The CLI as a user runs it, with no PEERWATCH_ variable of the caller but the data folder. */
function peerwatch(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PEERWATCH_') && !k.startsWith('DB_') && k !== 'DATABASE_URL'))
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/peerwatch', ...args], { cwd: PROJECT_ROOT, env: { ...env, PEERWATCH_DATA_DIR: dataDir }, timeout: 50_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    )
  })
}

it('attaches to the server another start runs on the same folder, and its stop() leaves that server up', async () => {
  const first = await startDatabase(config)
  started.push(first)
  expect(first.attached).toBeUndefined()

  const lines: string[] = []
  const second = await startDatabase(config, (l) => lines.push(l))
  started.push(second)
  expect(second.attached).toBeDefined()
  expect(second.embedded).toBe(true)
  expect(second.env.DB_PORT).toBe(first.env.DB_PORT)
  expect(second.describe).toContain(config.dataDir)
  expect(lines.join('\n')).toMatch(/attached to the server already running/)
  expect(await query<{ db: string }>(second, 'SELECT current_database() AS db')).toEqual([{ db: config.name }])

  await second.stop()
  expect(await query<{ one: number }>(first, 'SELECT 1 AS one')).toEqual([{ one: 1 }])

  // npm start's own call: a second start on the folder refuses, naming the running server.
  await expect(startDatabase(config, () => {}, { attach: false })).rejects.toThrow(/already running \(pid \d+, port \d+\)/)

  // A lock file whose live pid and port belong to the server of another folder: not attached to.
  const otherDir = path.join(dataDir, 'other')
  const other = loadConfig({ PEERWATCH_DATA_DIR: otherDir }).database
  fs.mkdirSync(other.dataDir, { recursive: true })
  fs.copyFileSync(path.join(config.dataDir, 'postmaster.pid'), path.join(other.dataDir, 'postmaster.pid'))
  await expect(startDatabase(other)).rejects.toThrow(`is served by the Postgres of ${config.dataDir}`)
  fs.rmSync(otherDir, { recursive: true, force: true })
}, 60_000)

it('creates an API key with the CLI while the server runs, on that server', async () => {
  const first = started[0]!
  const made = await peerwatch(['api-key', 'create', '--role', 'analyst', '--name', 't'])
  expect(made, made.stderr).toMatchObject({ code: 0 })
  expect(made.stdout.trim()).toMatch(/^pw_[0-9a-f]{12}_/)
  expect(made.stderr).toContain('attached to the server already running')
  expect(made.stderr).not.toContain('undefined')
  const id = made.stdout.trim().split('_')[1]!
  expect(await query<{ name: string }>(first, `SELECT name FROM api_key WHERE id = '${id}'`)).toEqual([{ name: 't' }])

  // A second command, with the migrations now applied: the same again.
  const exported = await peerwatch(['case', 'export', 'case-none'])
  expect(exported.code).toBe(1)
  expect(exported.stderr).toContain('peerwatch: no case case-none')
}, 120_000)

it('starts normally over a postmaster.pid whose process is gone', async () => {
  const first = started.shift()!
  await first.stop()
  const pidFile = path.join(config.dataDir, 'postmaster.pid')
  expect(fs.existsSync(pidFile)).toBe(false)
  // A server killed without a chance to clean up: its lock file names a process that no longer exists.
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
  fs.writeFileSync(pidFile, `${gone}\n${config.dataDir}\n1700000000\n${first.env.DB_PORT}\n/tmp\nlocalhost\n  1234567   7654321\nready   \n`)

  const again = await startDatabase(config)
  started.push(again)
  expect(again.attached).toBeUndefined()
  expect(await query<{ n: string }>(again, `SELECT count(*) AS n FROM api_key WHERE name = 't'`)).toEqual([{ n: '1' }])
  expect(fs.readFileSync(pidFile, 'utf8').split('\n')[0]).not.toBe(gone)
}, 60_000)

/**
 * Migrations at the same moment: of two databases in one Postgres cluster, as the indexer tests do
 * with two processors side by side (the API's roles belong to the cluster, and one database's
 * uncommitted role must not fail the other's migration); and of one database twice, as when
 * `peerwatch api-key create` runs while a fresh `start` migrates (one applies, the other waits).
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { loadConfig, PROJECT_ROOT } from '../../src/config'
import { dbEnvVars, pgClientConfig, startDatabase, type Database } from '../../src/db/postgres'

let db: Database | undefined
afterAll(async () => {
  await db?.stop()
})

const migrate = (env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(process.execPath, ['bin/peerwatch', 'db', 'migrate'], { cwd: PROJECT_ROOT, env, timeout: 60_000 }, (err, _stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr }))
  })

it('migrates two databases of one cluster at once', async () => {
  db = await startDatabase(loadConfig({ PEERWATCH_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-migrate-')) }).database)
  const admin = new pg.Client(pgClientConfig(db.env))
  await admin.connect()
  await admin.query('CREATE DATABASE second_run')
  await admin.end()
  const envOf = (name: string | undefined) => ({ ...process.env, ...dbEnvVars({ ...db!.env, ...(name ? { DB_NAME: name } : {}) }) })
  const results = await Promise.all([migrate(envOf(undefined)), migrate(envOf('second_run'))])
  for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 })
  for (const r of results) expect(r.stderr).toMatch(/applied .*ApiAccess/)
}, 120_000)

it('migrates one database twice at once: one applies the migrations, the other finds none pending', async () => {
  const admin = new pg.Client(pgClientConfig(db!.env))
  await admin.connect()
  await admin.query('CREATE DATABASE raced')
  await admin.end()
  const env = { ...process.env, ...dbEnvVars({ ...db!.env, DB_NAME: 'raced' }) }
  const results = await Promise.all([migrate(env), migrate(env)])
  for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 })
  expect(results.map((r) => /applied .*ApiAccess/.test(r.stderr)).sort()).toEqual([false, true])
  expect(results.map((r) => /no migration pending/.test(r.stderr)).sort()).toEqual([false, true])
}, 120_000)

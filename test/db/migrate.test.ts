/**
 * Migrations of two databases in one Postgres cluster at the same moment, as the indexer tests do
 * with two processors side by side: the API's roles belong to the cluster, and one database's
 * uncommitted role must not fail the other's migration.
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

/**
 * Migrations in db/migrations (generated from the model, committed): applied on every start, and
 * generated for developers after a schema change (`peerwatch db generate-migration NAME`, which
 * diffs the model against a scratch embedded Postgres that has the existing migrations applied).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { loadConfig } from '../config'
import { createDataSource, MIGRATIONS_DIR } from './orm'
import { exportDbEnv, pgClientConfig, startDatabase } from './postgres'

/** An arbitrary constant naming "peerwatch migrations" among advisory locks (the processor's is 604_001). */
const MIGRATION_LOCK_KEY = 604_002

/**
 * Applies pending migrations with the DB_* connection of the environment; returns their names.
 * Whoever migrates holds an advisory lock of this database meanwhile: a CLI command run while a
 * fresh `start` migrates would otherwise apply the same migration at once and fail on a duplicate
 * type. The second waits, then finds nothing pending.
 */
export async function applyMigrations(): Promise<string[]> {
  const lock = new pg.Client({ ...pgClientConfig(), application_name: 'peerwatch-migrations' })
  await lock.connect()
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    const ds = createDataSource()
    await ds.initialize()
    try {
      const applied = await ds.runMigrations({ transaction: 'all' })
      return applied.map((m) => m.name)
    } finally {
      await ds.destroy()
    }
  } finally {
    // Ending the session releases its lock.
    await lock.end()
  }
}

/** Writes db/migrations/<timestamp>-<name>.js with what the model needs beyond the existing migrations. */
export async function generateMigration(name: string): Promise<string | undefined> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-migration-'))
  const config = loadConfig()
  const db = await startDatabase({ ...config.database, external: undefined, dataDir: path.join(scratch, 'pg'), embeddedPort: undefined })
  try {
    exportDbEnv(db.env)
    await applyMigrations()
    const ds = createDataSource()
    await ds.initialize()
    let sql
    try {
      sql = await ds.driver.createSchemaBuilder().log()
    } finally {
      await ds.destroy()
    }
    if (sql.upQueries.length === 0) return undefined
    const stamp = Date.now()
    const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${stamp}`
    const q = (list: typeof sql.upQueries) =>
      list.map((x) => `        await db.query(${JSON.stringify(x.query)}${x.parameters?.length ? `, ${JSON.stringify(x.parameters)}` : ''})`).join('\n')
    const file = path.join(MIGRATIONS_DIR, `${stamp}-${name}.js`)
    fs.mkdirSync(MIGRATIONS_DIR, { recursive: true })
    fs.writeFileSync(
      file,
      `module.exports = class ${className} {\n    name = '${className}'\n\n    async up(db) {\n${q(sql.upQueries)}\n    }\n\n    async down(db) {\n${q(sql.downQueries)}\n    }\n}\n`,
    )
    return file
  } finally {
    await db.stop()
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

/**
 * The API server of the benchmark, in a process of its own (as `npm start` runs it: one Node
 * process, a pool of 20 connections), on the database in DB_* of the environment. Prints its URL
 * on stdout once listening; stops on SIGTERM. The per-client rate limit is lifted: the benchmark is
 * one client with 50 connections, and measures the API, not the limiter.
 *
 *   tsx bench/api/serve.ts   (DB_* in the environment)
 */
import pg from 'pg'
import { startApiServer } from '../../src/api/server'
import { pgClientConfig } from '../../src/db/postgres'

async function main(): Promise<void> {
  const pool = new pg.Pool({ ...pgClientConfig(), max: 20, application_name: 'peerwatch-bench-api' })
  const api = await startApiServer({ pool, readiness: async () => null, config: { rateLimitPerSecond: 1e9, production: true }, log: (l) => process.stderr.write(`${l}\n`) })
  process.stdout.write(`${api.url}\n`)
  process.once('SIGTERM', () => {
    void api.close().then(() => pool.end()).then(() => process.exit(0))
  })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

/**
 * Analytics runs over the synthetic database, in a process of their own so that the peak memory
 * measured is theirs alone: one run at each `--at` block in turn (the first a full recompute),
 * through the same runner, so that the later ones are live runs advancing the state it left (one
 * block alone: a one-shot runner, keeping no state). Prints one JSON line per run: the runner's
 * report, a digest of the flag table afterwards, and the process's peak RSS so far.
 *
 *   tsx bench/analytics/analyse.ts --manifest FILE --at BLOCK [--at BLOCK ...]   (DB_* in the environment)
 */
import fs from 'node:fs'
import pg from 'pg'
import { createAnalyticsRunner } from '../../analytics/runner'
import { pgClientConfig } from '../../src/db/postgres'
import { syntheticClock } from './synthetic'

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const manifestFile = args[args.indexOf('--manifest') + 1]
  const blocks = args.flatMap((a, i) => (a === '--at' ? [Number(args[i + 1])] : []))
  if (!manifestFile || blocks.length === 0 || blocks.some((b) => !Number.isSafeInteger(b))) throw new Error('usage: analyse.ts --manifest FILE --at BLOCK [--at BLOCK ...]')
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Parameters<typeof syntheticClock>[0]
  const db = pgClientConfig()
  const sql = new pg.Client({ ...db, application_name: 'peerwatch-bench-analytics' })
  await sql.connect()
  try {
    const runner = createAnalyticsRunner({ sql, clock: syntheticClock(manifest), textsDb: db, live: blocks.length > 1 })
    for (const [i, at] of blocks.entries()) {
      const report = await runner.runOnce({ full: i === 0, at })
      // What the tables hold after the run, to compare a live run's rows with a full run's.
      const { rows } = await sql.query<{ digest: string }>(`SELECT md5(string_agg(f.id || ' ' || f.value || ' ' || f.evidence::text || ' ' || coalesce(f.case_id, ''), ',' ORDER BY f.id)) AS digest FROM flag f`)
      process.stdout.write(`${JSON.stringify({ at, report, tables: rows[0]!.digest, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`)
    }
  } finally {
    await sql.end()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

/**
 * Generates (or opens, when cached) the synthetic analytics database and prints its manifest:
 * sizes, rows per table, the head and the tail, planted behaviours, timings.
 *
 *   npx tsx bench/analytics/generate.ts [--scale 1] [--seed 1] [--fresh]
 *
 * --fresh discards a cached database of that scale and seed and generates it again.
 */
import { openSyntheticDatabase } from './database'

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`)
const argument = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!(value > 0)) throw new Error(`${name} needs a positive number`)
  return value
}

async function main(): Promise<void> {
  const started = performance.now()
  const db = await openSyntheticDatabase({ scale: argument('--scale', 1), seed: argument('--seed', 1), fresh: process.argv.includes('--fresh'), log })
  const m = db.manifest
  const lines = [
    `synthetic analytics database, scale ${m.scale}, seed ${m.seed}: ${db.dir}`,
    `rows: ${Object.entries(m.rows).map(([table, n]) => `${table} ${n.toLocaleString('en')}`).join(', ')}`,
    `head ${m.head} (finalized), ${m.events.toLocaleString('en')} events; tail: ${m.tailEvents} events in (${m.batchFromBlock}, ${m.head}]`,
    `clock: block b at ${m.clock.genesisTime} + ${m.clock.blockSeconds} b, epochs of ${m.clock.epochSeconds} s`,
    `planted: ${Object.entries(m.planted).map(([kind, list]) => `${kind} ${list.length}`).join(', ')}`,
    `generated ${m.generatedAt} in ${m.seconds.total} s (text model ${m.seconds.textModel} s, plan ${m.seconds.plan} s, analyze ${m.seconds.analyze} s; tables: ${Object.entries(m.seconds.tables).map(([table, s]) => `${table} ${s} s`).join(', ')})`,
    `database: ${(m.databaseBytes / 2 ** 30).toFixed(2)} GiB; opened in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  ]
  console.log(lines.join('\n'))
  await db.stop()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

/**
 * Review texts read in parallel (worker threads, each with its own connection and share of the
 * reviews) give the same corpus and the same flags as texts read whole on one connection: on a
 * small synthetic database, with its planted templates.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DETECTOR_DEFAULTS } from '../../analytics/config'
import { detectTextSimilarity } from '../../analytics/detectors/text-similarity'
import { loadSnapshot } from '../../analytics/snapshot'
import { readTextCorpus, readTextCorpusInParallel } from '../../analytics/texts'
import { openSyntheticDatabase, type SyntheticDatabase } from '../../bench/analytics/database'
import { syntheticClock } from '../../bench/analytics/synthetic'

let dir: string
let db: SyntheticDatabase
let sql: pg.Client

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-texts-'))
  db = await openSyntheticDatabase({ scale: 0.005, seed: 3, cacheDir: dir })
  sql = new pg.Client(db.connection)
  await sql.connect()
}, 120_000)

afterAll(async () => {
  await sql?.end()
  await db?.stop()
  fs.rmSync(dir, { recursive: true, force: true })
})

it('reads the same corpus in parallel shares as whole, and the detector flags the same pairs', async () => {
  const settings = DETECTOR_DEFAULTS.textSimilarity
  const at = db.manifest.head
  const whole = await readTextCorpus(sql, at, settings)
  const parallel = await readTextCorpusInParallel(db.connection, at, settings)
  expect([...parallel.ids].sort()).toEqual([...whole.ids].sort())
  expect(parallel.ids).not.toEqual(whole.ids) // shares, one after the other: another order
  expect(parallel.terms.length).toBe(whole.terms.length)

  const snapshot = await loadSnapshot(sql, syntheticClock(db.manifest), at)
  const flags = detectTextSimilarity({ ...snapshot, textCorpus: whole })
  expect(detectTextSimilarity({ ...snapshot, textCorpus: parallel })).toEqual(flags)
  // The planted templates are among them.
  const template = db.manifest.planted.textTemplates[0]!
  expect(flags.some((f) => template.members.every((m) => f.subjects.includes(m)) || f.subjects.every((s) => template.members.includes(s)))).toBe(true)
}, 120_000)

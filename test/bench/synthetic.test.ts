/**
 * The synthetic analytics database (bench/analytics): generated at a small scale into a fresh
 * directory, its tables hold what the manifest counts, the analytics' snapshot loader reads it with
 * the synthetic clock, its review ids are ReviewHub's, and a seed always generates the same rows.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { finalizedHeight, loadSnapshot } from '../../analytics/snapshot'
import { openSyntheticDatabase, type SyntheticDatabase } from '../../bench/analytics/database'
import { historyTables, planHistory, syntheticClock } from '../../bench/analytics/synthetic'
import { trainTextModel } from '../../bench/analytics/text-model'
import { reviewIdOf } from '../../src/contracts/ids'

const SCALE = 0.005
const SEED = 7

describe('synthetic analytics database', () => {
  let dir: string
  let db: SyntheticDatabase
  let sql: pg.Client
  const count = async (query: string) => Number((await sql.query<{ n: string }>(query)).rows[0]!.n)

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-synthetic-'))
    db = await openSyntheticDatabase({ scale: SCALE, seed: SEED, cacheDir: dir })
    sql = new pg.Client(db.connection)
    await sql.connect()
  })
  afterAll(async () => {
    await sql?.end()
    await db?.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('holds the rows its manifest counts, finalized at the head, with a tail of about 1,000 events', async () => {
    const m = db.manifest
    expect(m.rows.review).toBe(Math.round(1_000_000 * SCALE))
    expect(m.rows.proposal).toBe(Math.round(300_000 * SCALE))
    for (const [table, rows] of Object.entries(m.rows)) expect(await count(`SELECT count(*) AS n FROM "${table}"`), table).toBe(rows)
    expect(await finalizedHeight(sql)).toBe(m.head)
    expect(m.batchFromBlock).toBeLessThan(m.head)
    expect(m.tailEvents).toBeGreaterThanOrEqual(1_000)
    expect(m.tailEvents).toBeLessThan(1_100)
    for (const [kind, planted] of Object.entries(m.planted)) expect(planted.length, kind).toBeGreaterThan(0)
    expect(fs.existsSync(path.join(dir, `analytics-${SCALE}-${SEED}`, 'manifest.json'))).toBe(true)
  })

  it('is what the analytics read: reviews, proposals, providers, confirmations, and texts of revealed reviews', async () => {
    const m = db.manifest
    const snapshot = await loadSnapshot(sql, syntheticClock(m), m.head)
    expect(snapshot.reviews).toHaveLength(await count('SELECT count(*) AS n FROM review WHERE committed_block IS NOT NULL'))
    expect(snapshot.reviews.length).toBeGreaterThan(0.95 * m.rows.review)
    expect(snapshot.proposals).toHaveLength(m.rows.proposal)
    expect(snapshot.providers).toHaveLength(m.sizes.providers)
    expect(snapshot.confirmations.map((c) => c.subjects)).toEqual(m.planted.confirmedCases.map((c) => c.subjects))
    expect(snapshot.epoch).toBe(364)
    const revealed = await count('SELECT count(*) AS n FROM review WHERE revealed_block IS NOT NULL')
    expect(revealed).toBeGreaterThan(0.9 * m.rows.review)
    expect(await count(`SELECT count(*) AS n FROM review WHERE revealed_block IS NOT NULL AND (text IS NULL OR length(text) < 20 OR score IS NULL)`)).toBe(0)
    const { rows } = await sql.query<{ id: string; proposal_id: string; reviewer: `0x${string}` }>('SELECT id, proposal_id, reviewer FROM review ORDER BY id LIMIT 3')
    for (const r of rows) expect(r.id).toBe(reviewIdOf(BigInt(r.proposal_id), r.reviewer))
  })

  it('keeps a REP ledger per reviewer that adds up to its reputation, one GENESIS each, tied to its reviews', async () => {
    expect(await count(`SELECT count(*) AS n FROM rep_change WHERE reason = 'GENESIS'`)).toBe(db.manifest.sizes.reviewers)
    expect(await count(`SELECT count(*) AS n FROM reviewer r LEFT JOIN (SELECT reviewer, sum(delta) AS s FROM rep_change GROUP BY reviewer) c ON c.reviewer = r.id WHERE c.s IS DISTINCT FROM r.reputation`)).toBe(0)
    expect(await count(`SELECT count(*) AS n FROM rep_change c LEFT JOIN review v ON v.id = c.ref AND v.reviewer = c.reviewer WHERE c.reason <> 'GENESIS' AND v.id IS NULL`)).toBe(0)
    expect(await count(`SELECT count(*) AS n FROM rep_change WHERE reason = 'REVIEW_ON_TIME'`)).toBe(await count(`SELECT count(*) AS n FROM review WHERE status IN ('REVEALED', 'ANNULLED')`))
  })

  it('generates the same rows from the same seed, and other rows from another', () => {
    const model = trainTextModel()
    const checksum = (seed: number) => {
      const hash = createHash('sha256')
      for (const table of historyTables(planHistory({ scale: SCALE, seed }, model), model)) {
        hash.update(table.table)
        for (const row of table.rows()) hash.update(row)
      }
      return hash.digest('hex')
    }
    const first = checksum(SEED)
    expect(checksum(SEED)).toBe(first)
    expect(checksum(SEED + 1)).not.toBe(first)
  })
})

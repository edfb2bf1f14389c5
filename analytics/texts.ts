/**
 * Review texts, the one fact too big to load whole: a million reviews are 2.5 GB of text. They
 * are streamed through a server-side cursor into the text-feature builder (texts read, features
 * kept), in this process or in a worker thread with its own connection, so that the CPU-heavy
 * tokenizing runs beside the rest of the snapshot loading on another core. Afterwards only the few
 * texts that flags quote are read again (sharedPassages).
 */
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type pg from 'pg'
import { createTextCorpusBuilder, type TextCorpus, type TextFeatureSettings } from './detectors/text-features'
import { attachSharedPassages, passageReviewIds } from './detectors/text-similarity'
import type { Queryable } from './snapshot'
import type { Flag } from './types'

/** Rows per FETCH: a few megabytes of text. */
const FETCH_ROWS = 2_000

/**
 * The features of every text revealed at or before `block` (the reviews a snapshot at `block`
 * holds with a score), read in one read-only transaction on `sql`.
 */
export async function readTextCorpus(sql: Queryable, block: number, settings: TextFeatureSettings): Promise<TextCorpus> {
  if (!Number.isSafeInteger(block)) throw new RangeError(`not a block number: ${block}`)
  const builder = createTextCorpusBuilder(settings)
  await sql.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    await sql.query(
      `DECLARE review_texts NO SCROLL CURSOR FOR
         SELECT id, text FROM review WHERE committed_block <= ${block} AND revealed_block <= ${block} AND text IS NOT NULL`,
    )
    for (;;) {
      const { rows } = await sql.query<{ id: string; text: string }>(`FETCH ${FETCH_ROWS} FROM review_texts`)
      for (const r of rows) builder.add(r.id, r.text)
      if (rows.length < FETCH_ROWS) break
    }
    await sql.query('COMMIT')
  } catch (err) {
    await sql.query('ROLLBACK').catch(() => {})
    throw err
  }
  return builder.finish()
}

/** readTextCorpus in a worker thread on a connection of its own (text-worker.ts). */
export function readTextCorpusInWorker(db: pg.ClientConfig, block: number, settings: TextFeatureSettings): Promise<TextCorpus> {
  // The worker runs TypeScript like this process does, through tsx's require hook.
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(path.join(__dirname, 'text-worker.ts'))})`
  const worker = new Worker(boot, { eval: true, execArgv: [], workerData: { db, block, settings } })
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { corpus: TextCorpus } | { error: string }) => {
      if ('error' in message) reject(new Error(`reading review texts: ${message.error}`))
      else resolve(message.corpus)
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the text worker exited with code ${code} before it answered`)))
  })
}

/** The flags with their text-similarity evidence quoting the passages each matching pair shares. */
export async function withSharedPassages(sql: Queryable, flags: readonly Flag[]): Promise<Flag[]> {
  const ids = passageReviewIds(flags)
  if (ids.length === 0) return [...flags]
  const { rows } = await sql.query<{ id: string; text: string }>('SELECT id, text FROM review WHERE id = ANY($1::text[])', [ids])
  const texts = new Map(rows.map((r) => [r.id, r.text]))
  return attachSharedPassages(flags, (id) => texts.get(id))
}

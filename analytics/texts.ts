/**
 * Review texts, the one fact too big to load whole: a million reviews are 2.5 GB of text. They
 * are streamed through a server-side cursor into the text-feature builder (texts read, features
 * kept); a large corpus by worker threads in parallel, each with its own connection and share of
 * the reviews, so that the CPU-heavy tokenizing runs beside the rest of the snapshot loading. Afterwards only the few
 * texts that flags quote are read again (sharedPassages).
 */
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type pg from 'pg'
import { createTextCorpusBuilder, mergeTextCorpora, type TextCorpus, type TextFeatureSettings } from './detectors/text-features'
import { attachSharedPassages, passageReviewIds, sharedPassages } from './detectors/text-similarity'
import type { Queryable } from './snapshot'
import type { Flag } from './types'

/** Rows per FETCH: a few megabytes of text. */
const FETCH_ROWS = 2_000

/** One of `of` disjoint shares of the reviews (by a hash of the id), for readers in parallel. */
export interface TextShare { index: number; of: number }

/**
 * The features of every text revealed at or before `block` (the reviews a snapshot at `block`
 * holds with a score), or of one share of them, read in one read-only transaction on `sql`.
 */
export async function readTextCorpus(sql: Queryable, block: number, settings: TextFeatureSettings, share: TextShare = { index: 0, of: 1 }): Promise<TextCorpus> {
  if (!Number.isSafeInteger(block)) throw new RangeError(`not a block number: ${block}`)
  if (!(Number.isInteger(share.of) && share.of >= 1 && Number.isInteger(share.index) && share.index >= 0 && share.index < share.of)) throw new RangeError(`not a share: ${share.index} of ${share.of}`)
  const builder = createTextCorpusBuilder(settings)
  await sql.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    await sql.query(
      `DECLARE review_texts NO SCROLL CURSOR FOR
         SELECT id, text, revealed_block FROM review WHERE committed_block <= ${block} AND revealed_block <= ${block} AND text IS NOT NULL
           ${share.of > 1 ? `AND (hashtext(id) & 2147483647) % ${share.of} = ${share.index}` : ''}`,
    )
    for (;;) {
      const { rows } = await sql.query<{ id: string; text: string; revealed_block: number }>(`FETCH ${FETCH_ROWS} FROM review_texts`)
      for (const r of rows) builder.add(r.id, r.text, r.revealed_block)
      if (rows.length < FETCH_ROWS) break
    }
    await sql.query('COMMIT')
  } catch (err) {
    await sql.query('ROLLBACK').catch(() => {})
    throw err
  }
  return { ...builder.finish(), words: builder.knownWords() }
}

/**
 * Below this many reviews (the planner's estimate) texts are read in this process: starting a
 * worker thread costs more than the tokenizing it would take off the main thread.
 */
const PARALLEL_FROM_REVIEWS = 20_000
/** Worker threads reading a large corpus: the machine's two cores (the main thread mostly waits on them). */
const READERS = 2

/** Whether the corpus is large enough to read in parallel (the planner's estimate of the reviews). */
export async function worthReadingInParallel(sql: Queryable): Promise<boolean> {
  const { rows } = await sql.query<{ estimate: number }>(`SELECT reltuples::float8 AS estimate FROM pg_class WHERE oid = 'review'::regclass`)
  return (rows[0]?.estimate ?? 0) >= PARALLEL_FROM_REVIEWS
}

/** readTextCorpus in shares by worker threads, each on a connection of its own (db), merged. */
export async function readTextCorpusInParallel(db: pg.ClientConfig, block: number, settings: TextFeatureSettings): Promise<TextCorpus> {
  const shares = await Promise.all(Array.from({ length: READERS }, (_, index) => readTextCorpusInWorker(db, block, settings, { index, of: READERS })))
  return mergeTextCorpora(shares)
}

/** readTextCorpus in a worker thread on a connection of its own (text-worker.ts). */
function readTextCorpusInWorker(db: pg.ClientConfig, block: number, settings: TextFeatureSettings, share: TextShare): Promise<TextCorpus> {
  // The worker runs TypeScript like this process does, through tsx's require hook.
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(path.join(__dirname, 'text-worker.ts'))})`
  const worker = new Worker(boot, { eval: true, execArgv: [], workerData: { db, block, settings, share } })
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { corpus: TextCorpus } | { error: string }) => {
      if ('error' in message) reject(new Error(`reading review texts: ${message.error}`))
      else resolve(message.corpus)
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the text worker exited with code ${code} before it answered`)))
  })
}

/** The texts of the reviews revealed in (after, upTo]: what a live run adds to its corpus. */
export async function readRevealedTexts(sql: Queryable, after: number, upTo: number): Promise<{ id: string; text: string; revealedBlock: number }[]> {
  const { rows } = await sql.query<{ id: string; text: string; revealedBlock: number }>(
    'SELECT id, text, revealed_block AS "revealedBlock" FROM review WHERE revealed_block > $1 AND revealed_block <= $2 AND committed_block <= $2 AND text IS NOT NULL',
    [after, upTo],
  )
  return rows
}

/**
 * The flags with their text-similarity evidence quoting the passages each matching pair shares.
 * `quoted` keeps the passages of pairs already quoted (texts never change), so that a run reads and
 * compares only the pairs it has not quoted before.
 */
export async function withSharedPassages(sql: Queryable, flags: readonly Flag[], quoted: Map<string, string[]> = new Map()): Promise<Flag[]> {
  const fresh = flags.filter((f) => f.kind === 'text-similarity' && !attachedTo.has(f))
  const missing = passageReviewIds(fresh.filter((f) => (f.evidence.pairs as { reviewIds: string[] }[]).some((p) => !quoted.has(p.reviewIds.join('|')))))
  const texts = new Map<string, string>()
  if (missing.length) {
    const { rows } = await sql.query<{ id: string; text: string }>('SELECT id, text FROM review WHERE id = ANY($1::text[])', [missing])
    for (const r of rows) texts.set(r.id, r.text)
  }
  const attached = attachSharedPassages(fresh, (a, b) => {
    const key = `${a}|${b}`
    let passages = quoted.get(key)
    if (!passages) {
      const [first, second] = [texts.get(a), texts.get(b)]
      if (first === undefined || second === undefined) throw new Error(`text similarity: no text for review ${first === undefined ? a : b}`)
      quoted.set(key, (passages = sharedPassages(first, second)))
    }
    return passages
  })
  fresh.forEach((f, i) => attachedTo.set(f, attached[i]!))
  return flags.map((f) => {
    const quotedFlag = attachedTo.get(f)
    if (!quotedFlag) return f
    quotedFlag.block = f.block // the live flag is stamped with each run's block
    return quotedFlag
  })
}

/** The flag with passages quoted, per flag object quoted before: the same object every run it lasts. */
const attachedTo = new WeakMap<Flag, Flag>()

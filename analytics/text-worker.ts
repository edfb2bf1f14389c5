/**
 * Worker thread of readTextCorpusInParallel: reads its share of the text corpus at a block on its own
 * Postgres connection and hands the features back, their buffers moved rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads'
import pg from 'pg'
import type { TextFeatureSettings } from './detectors/text-features'
import { readTextCorpus, type TextShare } from './texts'

const { db, block, settings, share } = workerData as { db: pg.ClientConfig; block: number; settings: TextFeatureSettings; share: TextShare }

async function main(): Promise<void> {
  const sql = new pg.Client({ ...db, application_name: 'peerwatch-analytics-texts' })
  await sql.connect()
  try {
    const corpus = await readTextCorpus(sql, block, settings, share)
    const { revealedBlocks, offsets, terms, counts, termHashes, df, signatures, words } = corpus
    parentPort!.postMessage({ corpus }, [revealedBlocks, offsets, terms, counts, termHashes, df, signatures, words!].map((a) => a.buffer as ArrayBuffer))
  } finally {
    await sql.end().catch(() => {})
  }
}

main().catch((err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }))

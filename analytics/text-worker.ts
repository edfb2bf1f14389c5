/**
 * Worker thread of readTextCorpusInWorker: reads the text corpus at a block on its own Postgres
 * connection and hands the features back, their buffers moved rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads'
import pg from 'pg'
import type { TextFeatureSettings } from './detectors/text-features'
import { readTextCorpus } from './texts'

const { db, block, settings } = workerData as { db: pg.ClientConfig; block: number; settings: TextFeatureSettings }

async function main(): Promise<void> {
  const sql = new pg.Client({ ...db, application_name: 'peerwatch-analytics-texts' })
  await sql.connect()
  try {
    const corpus = await readTextCorpus(sql, block, settings)
    const { offsets, terms, counts, termHashes, df, bandKeys } = corpus
    parentPort!.postMessage({ corpus }, [offsets, terms, counts, termHashes, df, bandKeys].map((a) => a.buffer as ArrayBuffer))
  } finally {
    await sql.end().catch(() => {})
  }
}

main().catch((err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }))

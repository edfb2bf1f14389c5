/**
 * One processor per database: a session-level Postgres advisory lock, held on a dedicated
 * connection for the life of the process. A crash drops the connection and with it the lock, so a
 * restarted processor takes over at once; a second processor started meanwhile is refused.
 */
import pg from 'pg'
import { pgClientConfig } from '../db/postgres'

/** An arbitrary constant naming "the peerwatch processor" among advisory locks. */
const LOCK_KEY = 604_001

export class WriterLockError extends Error {
  override name = 'WriterLockError'
}

/**
 * Takes the lock, or throws WriterLockError. `onLost` is called if the lock's connection breaks (the
 * database went away): the lock is gone with it, so the processor must stop writing.
 */
export async function acquireWriterLock(onLost: (err: Error) => void): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ ...pgClientConfig(), application_name: 'peerwatch-processor-lock' })
  client.on('error', onLost)
  await client.connect()
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LOCK_KEY])
  if (!rows[0]?.locked) {
    const holder = await client.query<{ pid: number; application_name: string }>(
      `SELECT a.pid, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.objid = $1 AND l.granted LIMIT 1`,
      [LOCK_KEY],
    )
    await client.end()
    const who = holder.rows[0] ? ` (held by database session ${holder.rows[0].pid})` : ''
    throw new WriterLockError(`another peerwatch processor is already writing to this database${who}; refusing to start a second one`)
  }
  return {
    release: () => {
      client.off('error', onLost)
      client.on('error', () => {})
      return client.end()
    },
  }
}

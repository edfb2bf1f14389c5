/**
 * API keys: random tokens shown once, stored as their sha256 (table api_key), each granting one
 * role. `peerwatch api-key create --role analyst --name NAME` makes one; `revoke` ends it.
 */
import { createHash, randomBytes } from 'node:crypto'
import type pg from 'pg'
import type { Role } from './entities'

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex')

/** Roles a key can grant: the public needs none. */
export type KeyRole = Exclude<Role, 'public'>

/** Makes a key for `role`; returns the key itself (only its hash is stored) and its id. */
export async function createApiKey(sql: pg.ClientBase | pg.Pool, role: KeyRole, name: string): Promise<{ id: string; key: string }> {
  if (role !== 'analyst' && role !== 'committee') throw new Error(`an API key grants analyst or committee, not ${String(role)}`)
  if (!name.trim()) throw new Error('an API key needs a name (who holds it)')
  const id = randomBytes(6).toString('hex')
  const key = `pw_${id}_${randomBytes(24).toString('base64url')}`
  await sql.query('INSERT INTO api_key (id, name, role, key_hash) VALUES ($1, $2, $3, $4)', [id, name.trim(), role, hashApiKey(key)])
  return { id, key }
}

/** Revokes a key by id; false when there is no such live key. */
export async function revokeApiKey(sql: pg.ClientBase | pg.Pool, id: string): Promise<boolean> {
  const { rowCount } = await sql.query('UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id])
  return (rowCount ?? 0) > 0
}

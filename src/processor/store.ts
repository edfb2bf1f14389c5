/**
 * The mappings' storage interface over Subsquid's TypeORM store (one transaction per batch).
 *
 * Writes of final blocks take a fast path: one multi-row INSERT ... ON CONFLICT per entity type
 * and chunk, built from TypeORM's own column metadata and transformers, in the batch's transaction.
 * TypeORM's upsert spends ~20-40 us per row building the same statement (12 of the 18 s the ingest
 * benchmark spent in the batch handler). Hot blocks keep TypeORM's path, because there the store
 * records every change for rollback (`changes` is set), which the fast path would bypass.
 */
import type { Store } from '@subsquid/typeorm-store'
import { In, type EntityManager } from 'typeorm'
import type { EntityClass, EntityStore } from '../mappings/state'

/** Ids per query: well under Postgres' limit of 65,535 bind parameters. */
const LOAD_CHUNK = 20_000
/** Bind parameters per write statement (Postgres allows 65,535). */
const MAX_PARAMS = 60_000

interface StoreInternals {
  em(): EntityManager
  changes?: unknown
}

export function typeormEntityStore(store: Store): EntityStore {
  const internals = store as unknown as StoreInternals
  const fast = internals.changes === undefined
  return {
    async load(cls, ids) {
      const out = []
      for (let i = 0; i < ids.length; i += LOAD_CHUNK) {
        out.push(...(await store.findBy(cls as EntityClass<any>, { id: In(ids.slice(i, i + LOAD_CHUNK)) })))
      }
      return out
    },
    async upsert(cls, entities) {
      if (fast) await writeRows(internals.em(), cls, entities, true)
      else await store.upsert(entities as never)
    },
    async insert(cls, entities) {
      if (fast) await writeRows(internals.em(), cls, entities, false)
      else await store.insert(entities as never)
    },
  }
}

async function writeRows(em: EntityManager, cls: EntityClass<any>, entities: readonly object[], upsert: boolean): Promise<void> {
  if (entities.length === 0) return
  const metadata = em.connection.getMetadata(cls)
  const columns = metadata.columns
  const names = columns.map((c) => `"${c.databaseName}"`)
  const conflict = upsert
    ? ` ON CONFLICT ("id") DO UPDATE SET ${columns.filter((c) => !c.isPrimary).map((c) => `"${c.databaseName}" = EXCLUDED."${c.databaseName}"`).join(', ')}`
    : ''
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length))
  for (let start = 0; start < entities.length; start += perStatement) {
    const chunk = entities.slice(start, start + perStatement)
    const params: unknown[] = []
    const rows = chunk.map((entity) => {
      const placeholders = columns.map((c) => {
        let value = c.getEntityValue(entity)
        if (value === undefined) value = null
        // Column transformers (BigInt columns store decimal strings) apply as TypeORM would.
        if (value !== null && c.transformer && !Array.isArray(c.transformer)) value = c.transformer.to(value)
        params.push(value)
        return `$${params.length}`
      })
      return `(${placeholders.join(', ')})`
    })
    await em.query(`INSERT INTO "${metadata.tableName}" (${names.join(', ')}) VALUES ${rows.join(', ')}${conflict}`, params)
  }
}

/**
 * The mappings' storage interface over Subsquid's TypeORM store (one transaction per batch).
 *
 * Final blocks take a fast path, which the ingest benchmark measured at about twice TypeORM's:
 * - reads come from the entity cache first, and the rest with one `id = ANY($1)` query per entity
 *   type, hydrated with TypeORM's own column metadata and transformers;
 * - writes are one `INSERT ... SELECT FROM json_populate_recordset(...)` per entity type and
 *   chunk (one bind parameter, whatever the row count), with ON CONFLICT for upserts;
 * - all of a batch's reads (and then all its writes) are queued at once and sent back to back on
 *   the transaction's one connection, each as the last completes (pg 8 deprecates sending a query
 *   while another runs), with no wait on the mappings in between.
 * Hot blocks keep TypeORM's path, because there the store records every change for rollback
 * (`changes` is set), which the fast path would bypass.
 */
import type { Store } from '@subsquid/typeorm-store'
import { In, type EntityManager } from 'typeorm'
import type { EntityClass, EntityStore } from '../mappings/state'
import type { EntityCache } from './entity-cache'

/** Rows per write statement: bounds the JSON text Node builds and Postgres parses at once. */
const WRITE_CHUNK = 5_000

interface StoreInternals {
  em(): EntityManager
  changes?: unknown
}

/** Whether the store writes final blocks (no change tracking for rollback). */
export function isFinalStore(store: Store): boolean {
  return (store as unknown as StoreInternals).changes === undefined
}

export function typeormEntityStore(store: Store, cache: EntityCache): EntityStore {
  const serial = serialCalls()
  if (!isFinalStore(store)) {
    return {
      load: (cls, ids) => serial(() => store.findBy(cls as EntityClass<any>, { id: In(ids as string[]) })),
      upsert: (_cls, entities) => serial(() => store.upsert(entities as never)),
      insert: (_cls, entities) => serial(() => store.insert(entities as never)),
    }
  }
  const em = (store as unknown as StoreInternals).em()
  const query = (sql: string, params: unknown[]) => serial(() => em.query(sql, params))
  return {
    async load<E extends { id: string }>(cls: EntityClass<E>, ids: readonly string[]) {
      const found: E[] = []
      const missing: string[] = []
      for (const id of ids) {
        const entity = cache.get(cls, id)
        if (entity) found.push(entity)
        else missing.push(id)
      }
      if (missing.length > 0) {
        for (const entity of await loadRows(em, query, cls, missing)) {
          cache.set(cls, entity)
          found.push(entity)
        }
      }
      return found
    },
    async upsert(cls, entities) {
      for (const entity of entities) cache.set(cls, entity)
      await writeRows(em, query, cls, entities, true)
    },
    async insert(cls, entities) {
      await writeRows(em, query, cls, entities, false)
    },
  }
}

/** Runs calls one after another, in the order they were made, whoever awaits them. */
function serialCalls(): <T>(call: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve()
  return (call) => {
    const next = last.then(call)
    last = next.catch(() => undefined)
    return next
  }
}

type Query = (sql: string, params: unknown[]) => Promise<any>

async function loadRows<E extends { id: string }>(em: EntityManager, query: Query, cls: EntityClass<E>, ids: readonly string[]): Promise<E[]> {
  const metadata = em.connection.getMetadata(cls)
  const rows: Record<string, unknown>[] = await query(`SELECT * FROM "${metadata.tableName}" WHERE "id" = ANY($1::text[])`, [ids])
  return rows.map((row) => {
    const entity = new cls()
    for (const c of metadata.columns) {
      let value = row[c.databaseName]
      // Column transformers (BigInt columns are stored as numeric) apply as TypeORM's would.
      if (value !== null && value !== undefined && c.transformer && !Array.isArray(c.transformer)) value = c.transformer.from(value)
      c.setEntityValue(entity, value)
    }
    return entity
  })
}

async function writeRows(em: EntityManager, query: Query, cls: EntityClass<any>, entities: readonly object[], upsert: boolean): Promise<void> {
  if (entities.length === 0) return
  const writer = writerOf(em, cls)
  const writes = []
  for (let start = 0; start < entities.length; start += WRITE_CHUNK) {
    const rows = entities.slice(start, start + WRITE_CHUNK).map(writer.row)
    writes.push(query(upsert ? writer.upsert : writer.insert, [JSON.stringify(rows)]))
  }
  await Promise.all(writes)
}

interface Writer {
  insert: string
  upsert: string
  /** An entity as an object keyed by column name, what json_populate_recordset reads. */
  row(entity: object): Record<string, unknown>
}

const writers = new WeakMap<EntityClass<any>, Writer>()

function writerOf(em: EntityManager, cls: EntityClass<any>): Writer {
  let writer = writers.get(cls)
  if (writer) return writer
  const metadata = em.connection.getMetadata(cls)
  const table = `"${metadata.tableName}"`
  const columns = metadata.columns.map((c) => {
    // The model has plain columns only (references are id columns), so a property read suffices.
    if (c.embeddedMetadata || c.relationMetadata) throw new Error(`${metadata.name}.${c.propertyName}: embedded and relation columns are not supported`)
    const transformer = c.transformer && !Array.isArray(c.transformer) ? c.transformer : undefined
    return { name: c.databaseName, property: c.propertyName, to: transformer && ((v: unknown) => transformer.to(v)) }
  })
  const names = columns.map((c) => `"${c.name}"`).join(', ')
  const insert = `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, $1::json)`
  const updates = columns.filter((c) => c.name !== 'id').map((c) => `"${c.name}" = EXCLUDED."${c.name}"`)
  writer = {
    insert,
    upsert: `${insert} ON CONFLICT ("id") DO UPDATE SET ${updates.join(', ')}`,
    row(entity) {
      const row: Record<string, unknown> = {}
      for (const c of columns) {
        const value = (entity as Record<string, unknown>)[c.property]
        // Column transformers (BigInt columns are stored as numeric) apply as TypeORM's would.
        row[c.name] = value === undefined || value === null ? null : c.to ? c.to(value) : value
      }
      return row
    },
  }
  writers.set(cls, writer)
  return writer
}

/** The mappings' storage interface over Subsquid's TypeORM store (one transaction per batch). */
import type { Store } from '@subsquid/typeorm-store'
import { In } from 'typeorm'
import type { EntityClass, EntityStore } from '../mappings/state'

/** Ids per query: well under Postgres' limit of 65,535 bind parameters. */
const LOAD_CHUNK = 20_000

export function typeormEntityStore(store: Store): EntityStore {
  return {
    async load(cls, ids) {
      const out = []
      for (let i = 0; i < ids.length; i += LOAD_CHUNK) {
        out.push(...(await store.findBy(cls as EntityClass<any>, { id: In(ids.slice(i, i + LOAD_CHUNK)) })))
      }
      return out
    },
    async upsert(_cls, entities) {
      await store.upsert(entities as never)
    },
    async insert(_cls, entities) {
      await store.insert(entities as never)
    },
  }
}

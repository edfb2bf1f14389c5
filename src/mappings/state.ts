/**
 * The in-memory state a batch of events is mapped against. Mappings never query: the runner loads
 * every entity the batch will read in one query per entity type, the mappings read and change them
 * here, and the runner writes everything changed in one statement per entity type. The storage
 * behind it is the small `EntityStore` interface (Postgres in the processor, memory in tests).
 */
import { EventCount, QuarantinedEvent } from '../model'
import type { ContractName } from '../contracts/names'
import type { EventMeta } from './events'

/** An entity class of the model: constructible from its fields, keyed by a string id. */
export type EntityClass<E extends { id: string } = { id: string }> = new (props?: any) => E

/** The storage a batch is loaded from and flushed to. */
export interface EntityStore {
  load<E extends { id: string }>(cls: EntityClass<E>, ids: readonly string[]): Promise<E[]>
  /** Insert or replace by id. */
  upsert<E extends { id: string }>(cls: EntityClass<E>, entities: readonly E[]): Promise<void>
  /** Insert rows that are new by construction (append-only records keyed by event id). */
  insert<E extends { id: string }>(cls: EntityClass<E>, entities: readonly E[]): Promise<void>
}

/** The entities a batch's events will read, by type. */
export class Needs {
  readonly ids = new Map<EntityClass<any>, Set<string>>()
  add(cls: EntityClass<any>, id: string | undefined): void {
    if (id === undefined) return
    let set = this.ids.get(cls)
    if (!set) this.ids.set(cls, (set = new Set()))
    set.add(id)
  }
}

export class BatchState {
  private readonly cache = new Map<EntityClass, Map<string, { id: string }>>()
  private readonly dirty = new Map<EntityClass, Map<string, { id: string }>>()
  private readonly appended = new Map<EntityClass, { id: string }[]>()
  private readonly counts = new Map<string, { contract: string; event: string; indexed: number; quarantined: number }>()

  /** Seeds the cache with what was loaded (absent ids are remembered as absent). */
  seed(cls: EntityClass<any>, entities: readonly { id: string }[]): void {
    const map = this.cacheOf(cls)
    for (const e of entities) map.set(e.id, e)
  }

  /** Reads an entity; changes to it are not saved unless it is passed to `edit` or `put`. */
  find<E extends { id: string }>(cls: EntityClass<E>, id: string): E | undefined {
    return this.cacheOf(cls).get(id) as E | undefined
  }

  /** An entity to change: saved at the end of the batch. */
  edit<E extends { id: string }>(cls: EntityClass<E>, id: string): E | undefined {
    const e = this.find(cls, id)
    if (e) this.dirtyOf(cls).set(id, e)
    return e
  }

  /** Creates or replaces an entity. */
  put<E extends { id: string }>(entity: E): E {
    const cls = entity.constructor as EntityClass<E>
    this.cacheOf(cls).set(entity.id, entity)
    this.dirtyOf(cls).set(entity.id, entity)
    return entity
  }

  /** Adds an append-only record. */
  append<E extends { id: string }>(entity: E): void {
    const cls = entity.constructor as EntityClass<E>
    let list = this.appended.get(cls)
    if (!list) this.appended.set(cls, (list = []))
    list.push(entity)
  }

  count(contract: ContractName, event: string, outcome: 'indexed' | 'quarantined'): void {
    const id = `${contract}.${event}`
    let c = this.counts.get(id)
    if (!c) this.counts.set(id, (c = { contract, event, indexed: 0, quarantined: 0 }))
    c[outcome]++
  }

  quarantine(meta: EventMeta, contract: ContractName | undefined, eventName: string | undefined, topics: string[], data: string, reason: string): void {
    this.append(
      new QuarantinedEvent({
        id: meta.id,
        block: meta.block,
        blockHash: meta.blockHash,
        timestamp: meta.timestamp,
        txHash: meta.txHash,
        logIndex: meta.logIndex,
        address: meta.address,
        topic0: topics[0] ?? null,
        eventName: eventName ?? null,
        topics,
        data,
        reason,
      }),
    )
    this.count(contract ?? ('unknown' as ContractName), eventName ?? 'unknown', 'quarantined')
  }

  /**
   * Writes the batch: one upsert per changed entity type, one insert per appended type. The writes
   * are issued together (a store may send them without waiting for each other).
   */
  async flush(store: EntityStore): Promise<{ upserted: number; inserted: number }> {
    if (this.counts.size > 0) {
      const existing = new Map((await store.load(EventCount, [...this.counts.keys()])).map((c) => [c.id, c]))
      for (const [id, c] of this.counts) {
        const row = existing.get(id) ?? new EventCount({ id, contract: c.contract, event: c.event, indexed: 0, quarantined: 0 })
        row.indexed += c.indexed
        row.quarantined += c.quarantined
        this.dirtyOf(EventCount).set(id, row)
      }
    }
    let upserted = 0
    let inserted = 0
    const writes: Promise<void>[] = []
    for (const [cls, map] of this.dirty) {
      if (map.size === 0) continue
      writes.push(store.upsert(cls, [...map.values()]))
      upserted += map.size
    }
    for (const [cls, list] of this.appended) {
      writes.push(store.insert(cls, list))
      inserted += list.length
    }
    await Promise.all(writes)
    return { upserted, inserted }
  }

  private cacheOf(cls: EntityClass<any>): Map<string, { id: string }> {
    let map = this.cache.get(cls)
    if (!map) this.cache.set(cls, (map = new Map()))
    return map
  }

  private dirtyOf(cls: EntityClass<any>): Map<string, { id: string }> {
    let map = this.dirty.get(cls)
    if (!map) this.dirty.set(cls, (map = new Map()))
    return map
  }
}

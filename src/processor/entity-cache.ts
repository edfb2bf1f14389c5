/**
 * Entities of final blocks kept in memory between batches, so that a batch reads from Postgres
 * only what no recent batch has read or written (most events touch the same reviewers, proposals,
 * reviews and providers as the batches before them).
 *
 * It is only right while it mirrors the committed tables, which holds because:
 * - one processor writes the database (the writer lock), and every final-block write passes here;
 * - a batch with unfinalized blocks clears it: those rows can still be rolled back underneath;
 * - a batch that starts at or below a height already seen (a transaction retried after a
 *   serialization failure, or a reorganisation) clears it: the entities may carry changes of a
 *   transaction that did not commit.
 * A failed batch otherwise ends the process, and the cache with it.
 */
import type { EntityClass } from '../mappings/state'

export class EntityCache {
  /** Insertion-ordered, so the first key is the least recently used. */
  private readonly entries = new Map<string, { id: string }>()
  private seenUpTo = -1

  /** @param limit entities kept (all types together); the least recently used go first. */
  constructor(readonly limit: number) {}

  get size(): number {
    return this.entries.size
  }

  /** Called with each batch's block range before it is mapped. */
  beginBatch(firstHeight: number, lastHeight: number, final: boolean): void {
    if (!final || firstHeight <= this.seenUpTo) this.entries.clear()
    this.seenUpTo = Math.max(this.seenUpTo, lastHeight)
  }

  get<E extends { id: string }>(cls: EntityClass<E>, id: string): E | undefined {
    const key = `${cls.name}\0${id}`
    const entity = this.entries.get(key)
    if (entity) {
      this.entries.delete(key)
      this.entries.set(key, entity)
    }
    return entity as E | undefined
  }

  set(cls: EntityClass<any>, entity: { id: string }): void {
    if (this.limit === 0) return
    const key = `${cls.name}\0${entity.id}`
    this.entries.delete(key)
    this.entries.set(key, entity)
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!)
  }

  clear(): void {
    this.entries.clear()
  }
}

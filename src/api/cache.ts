/**
 * Results of the API's reads kept per data version (whole responses for the public and analysts;
 * aggregates and connection totals for every role): the version is the processor's status row (its
 * nonce moves with every commit, hot blocks included) and the analytics state (api.data_version()).
 *
 * A request for a key:
 * - same version as the kept result: the kept result;
 * - a newer version, and the kept result is younger than `reuseFactor` times what it took to
 *   compute: the kept result. An aggregate over a million reviews (~1 s) is recomputed at most
 *   every ~10 s with the default 10, not at every commit, so that no key spends more than about a
 *   tenth of the time being recomputed; a cheap result (a few ms) is recomputed at each commit;
 * - a newer version, and the kept result is younger than `staleLimitMs`: the kept result at once,
 *   while the new one is computed in the background (stale while revalidating), so no request
 *   waits for a recomputation;
 * - otherwise (nothing kept, or too old): it waits for the computation, which concurrent requests
 *   for the key share.
 * A key is kept from its second request on: the first is computed and served, and only remembered
 * as seen. One-off requests (a lookup of a random id) then cannot push out what a dashboard asks for
 * again and again, which an LRU of every key would do under a stream of distinct lookups.
 *
 * So a result is at most `staleLimitMs` plus one computation old. Serving an older result is safe
 * for privacy: nothing ever becomes hidden from a role as the chain advances (ZIP-604 publishes and
 * never retracts; publication waits for finality), so an older result is one the role could see.
 */

export interface ResultCacheStats {
  /** The kept result, of this version or young enough to reuse. */
  hits: number
  /** The kept result while the new version's was computed. */
  stale: number
  misses: number
}

export interface ResultCacheOptions {
  /** Keys kept, the least recently used dropped first; ten times as many are remembered as seen once. */
  maxEntries: number
  /** An older version's result is served while younger than this many times its computation (0: never). */
  reuseFactor: number
  /** An older version's result is served while the new one is computed if younger than this, ms (0: never). */
  staleLimitMs: number
  /** Clock, ms (tests set it). */
  now?: () => number
}

export interface ResultCache {
  /** `keep`: whether a computed value may be served again (a response with errors may not). */
  get<T>(key: string, version: string, compute: () => Promise<T>, keep?: (value: T) => boolean): Promise<T>
  readonly stats: ResultCacheStats
  readonly size: number
}

interface Entry {
  version?: string
  value?: unknown
  /** When the value was computed, and how long that took, ms. */
  computedAt: number
  computeMs: number
  /** The computation under way, and the version it is for. */
  pending?: { version: string; promise: Promise<unknown> }
}

export function createResultCache({ maxEntries, reuseFactor, staleLimitMs, now = () => performance.now() }: ResultCacheOptions): ResultCache {
  const entries = new Map<string, Entry>()
  /** Keys requested once and not kept (yet): insertion order is age. */
  const seen = new Set<string>()
  const stats: ResultCacheStats = { hits: 0, stale: 0, misses: 0 }
  const entryOf = (key: string) => {
    const entry = entries.get(key) ?? { computedAt: 0, computeMs: 0 }
    entries.delete(key)
    entries.set(key, entry)
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
    return entry
  }
  /** The computation of `version`: the one under way, or a new one. */
  const computation = <T>(entry: Entry, version: string, compute: () => Promise<T>, keep: (value: T) => boolean): Promise<T> => {
    if (entry.pending?.version === version) return entry.pending.promise as Promise<T>
    stats.misses++
    const started = now()
    const promise = compute()
    entry.pending = { version, promise }
    // Settles the entry; a request that is not waiting for it must not see its rejection unhandled.
    promise.then(
      (value) => {
        if (entry.pending?.promise !== promise) return // a newer version's computation replaced it
        entry.pending = undefined
        if (!keep(value)) return
        entry.version = version
        entry.value = value
        entry.computedAt = now()
        entry.computeMs = entry.computedAt - started
      },
      () => {
        if (entry.pending?.promise === promise) entry.pending = undefined
      },
    )
    return promise
  }
  return {
    stats,
    get size() {
      return entries.size
    },
    async get<T>(key: string, version: string, compute: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
      if (!entries.has(key) && !seen.delete(key)) {
        seen.add(key)
        if (seen.size > maxEntries * 10) seen.delete(seen.values().next().value!)
        stats.misses++
        return compute()
      }
      const entry = entryOf(key)
      if ('value' in entry) {
        const age = now() - entry.computedAt
        if (entry.version === version || age < reuseFactor * entry.computeMs) {
          stats.hits++
          return entry.value as T
        }
        if (age < staleLimitMs) {
          stats.stale++
          void computation(entry, version, compute, keep).catch(() => {})
          return entry.value as T
        }
      }
      return computation(entry, version, compute, keep)
    },
  }
}

import { describe, expect, it } from 'vitest'
import { createResultCache, type ResultCacheOptions } from './cache'

/** A computation the test finishes by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((res) => (resolve = res))
  return { promise, resolve }
}

const strict = (more: Partial<ResultCacheOptions> = {}) => createResultCache({ maxEntries: 10, reuseFactor: 0, staleLimitMs: 0, ...more })
/** A cache that has seen `keys` once each (a key is kept from its second request on). */
const seenOnce = async (cache: ReturnType<typeof strict>, ...keys: string[]) => {
  for (const k of keys) await cache.get(k, 'never asked', async () => 'first')
  return cache
}

describe('the API result cache', () => {
  it('keeps a key from its second request on, so that one-off requests push nothing out', async () => {
    const cache = strict({ maxEntries: 1 })
    let computed = 0
    const compute = async () => ++computed
    expect(await cache.get('dashboard', 'v', compute)).toBe(1)
    expect(await cache.get('dashboard', 'v', compute)).toBe(2)
    for (let i = 0; i < 20; i++) await cache.get(`lookup ${i}`, 'v', compute)
    expect(await cache.get('dashboard', 'v', compute)).toBe(2)
    expect(cache.size).toBe(1)
  })

  it('computes a key once per version, and concurrent requests share the computation', async () => {
    const cache = await seenOnce(strict(), 'k')
    let computed = 0
    const compute = async () => ++computed
    expect(await Promise.all([cache.get('k', 'v1', compute), cache.get('k', 'v1', compute)])).toEqual([1, 1])
    expect(await cache.get('k', 'v1', compute)).toBe(1)
    expect(await cache.get('k', 'v2', compute)).toBe(2)
    expect(computed).toBe(2)
  })

  it('waits for a new version when nothing kept is young enough to serve meanwhile', async () => {
    const cache = await seenOnce(strict(), 'k')
    await cache.get('k', 'v1', async () => 'old')
    const slow = deferred<string>()
    const first = cache.get('k', 'v2', () => slow.promise)
    const second = cache.get('k', 'v2', async () => 'never')
    slow.resolve('new')
    expect(await Promise.all([first, second])).toEqual(['new', 'new'])
  })

  it('serves the kept result at once while a new version computes in the background, within the stale limit', async () => {
    let clock = 0
    const cache = await seenOnce(strict({ staleLimitMs: 1_000, now: () => clock }), 'k')
    await cache.get('k', 'v1', async () => 'old')
    const slow = deferred<string>()
    expect(await cache.get('k', 'v2', () => slow.promise)).toBe('old')
    expect(await cache.get('k', 'v2', async () => 'never')).toBe('old')
    slow.resolve('new')
    await slow.promise
    expect(await cache.get('k', 'v2', async () => 'never')).toBe('new')
    // Past the stale limit, a request waits for the new version.
    clock += 1_000
    expect(await cache.get('k', 'v3', async () => 'newest')).toBe('newest')
    expect(cache.stats).toEqual({ hits: 1, stale: 2, misses: 4 }) // the first sighting included
  })

  it('serves a result for newer versions while it is younger than reuseFactor times its computation', async () => {
    let clock = 0
    const cache = await seenOnce(strict({ reuseFactor: 10, now: () => clock }), 'k')
    // Took 100 ms: reused for 1,000 ms after it was computed.
    expect(await cache.get('k', 'v1', async () => ((clock += 100), 'slow'))).toBe('slow')
    clock += 999
    expect(await cache.get('k', 'v2', async () => 'never')).toBe('slow')
    clock += 1
    expect(await cache.get('k', 'v3', async () => 'fresh')).toBe('fresh')
  })

  it('keeps no failed or refused result, and a background failure is not unhandled', async () => {
    const cache = await seenOnce(strict({ staleLimitMs: 1_000 }), 'k')
    await expect(cache.get('k', 'v1', async () => Promise.reject(new Error('timeout')))).rejects.toThrow('timeout')
    const keep = (v: string) => !v.startsWith('error')
    expect(await cache.get('k', 'v1', async () => 'error: timeout', keep)).toBe('error: timeout')
    expect(await cache.get('k', 'v1', async () => 'fine', keep)).toBe('fine')
    expect(await cache.get('k', 'v2', async () => Promise.reject(new Error('in the background')))).toBe('fine')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(await cache.get('k', 'v2', async () => 'recovered')).toBe('fine') // stale again, and recomputing
    expect(await cache.get('k', 'v2', async () => 'never')).toBe('recovered')
  })

  it('does not let an older version\'s slower computation overwrite a newer result', async () => {
    const cache = await seenOnce(strict(), 'k')
    const older = deferred<string>()
    const pendingOld = cache.get('k', 'v1', () => older.promise)
    expect(await cache.get('k', 'v2', async () => 'v2 result')).toBe('v2 result')
    older.resolve('v1 result')
    expect(await pendingOld).toBe('v1 result')
    expect(await cache.get('k', 'v2', async () => 'recomputed')).toBe('v2 result')
  })

  it('holds at most maxEntries keys, dropping the least recently used', async () => {
    const cache = await seenOnce(strict({ maxEntries: 2 }), 'a', 'b', 'c')
    for (const k of ['a', 'b']) await cache.get(k, 'v', async () => k)
    await cache.get('a', 'v', async () => 'again') // a is now the most recent
    await cache.get('c', 'v', async () => 'c')
    expect(cache.size).toBe(2)
    expect(await cache.get('a', 'v', async () => 'recomputed')).toBe('a')
    // b was dropped, and must be seen again before it is kept.
    expect(await cache.get('b', 'v', async () => 'recomputed')).toBe('recomputed')
  })
})

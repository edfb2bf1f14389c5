import { describe, expect, it } from 'vitest'
import { Proposal, Reviewer } from '../model'
import { EntityCache } from './entity-cache'

const reviewer = (id: string) => new Reviewer({ id })

describe('EntityCache', () => {
  it('keeps entities per type: the same id under two types is two entries', () => {
    const cache = new EntityCache(10)
    cache.set(Reviewer, reviewer('a'))
    cache.set(Proposal, new Proposal({ id: 'a' }))
    expect(cache.get(Reviewer, 'a')).toBeInstanceOf(Reviewer)
    expect(cache.get(Proposal, 'a')).toBeInstanceOf(Proposal)
    expect(cache.size).toBe(2)
  })

  it('drops the least recently used entity beyond its limit', () => {
    const cache = new EntityCache(2)
    cache.set(Reviewer, reviewer('a'))
    cache.set(Reviewer, reviewer('b'))
    cache.get(Reviewer, 'a') // now b is the least recently used
    cache.set(Reviewer, reviewer('c'))
    expect(cache.get(Reviewer, 'b')).toBeUndefined()
    expect(cache.get(Reviewer, 'a')?.id).toBe('a')
    expect(cache.get(Reviewer, 'c')?.id).toBe('c')
  })

  it('replaces an entity written again under the same id', () => {
    const cache = new EntityCache(2)
    const first = reviewer('a')
    const second = reviewer('a')
    cache.set(Reviewer, first)
    cache.set(Reviewer, second)
    expect(cache.get(Reviewer, 'a')).toBe(second)
    expect(cache.size).toBe(1)
  })

  it('keeps nothing with a limit of 0', () => {
    const cache = new EntityCache(0)
    cache.set(Reviewer, reviewer('a'))
    expect(cache.get(Reviewer, 'a')).toBeUndefined()
  })

  it('survives consecutive final batches', () => {
    const cache = new EntityCache(10)
    cache.beginBatch(1, 100, true)
    cache.set(Reviewer, reviewer('a'))
    cache.beginBatch(101, 200, true)
    expect(cache.get(Reviewer, 'a')?.id).toBe('a')
  })

  it('is emptied by a batch of unfinalized blocks, whose rows may be rolled back', () => {
    const cache = new EntityCache(10)
    cache.beginBatch(1, 100, true)
    cache.set(Reviewer, reviewer('a'))
    cache.beginBatch(101, 101, false)
    expect(cache.size).toBe(0)
  })

  it('is emptied by a batch that starts at a height already seen (a retried transaction or a reorganisation)', () => {
    const cache = new EntityCache(10)
    cache.beginBatch(1, 100, true)
    cache.set(Reviewer, reviewer('a'))
    cache.beginBatch(50, 150, true)
    expect(cache.size).toBe(0)
    cache.set(Reviewer, reviewer('b'))
    cache.beginBatch(151, 160, true)
    expect(cache.get(Reviewer, 'b')?.id).toBe('b')
  })
})

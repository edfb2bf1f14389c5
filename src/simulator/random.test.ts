import { describe, expect, it } from 'vitest'
import { Random } from './random'

const draws = (rng: Random, n: number) => Array.from({ length: n }, () => rng.nextUint32())

describe('Random', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draws(new Random('seed-a'), 100)).toEqual(draws(new Random('seed-a'), 100))
    const a = new Random('seed-a')
    const b = new Random('seed-a')
    expect([a.next(), a.int(1, 100), a.normal(), a.bytes32()]).toEqual([b.next(), b.int(1, 100), b.normal(), b.bytes32()])
  })

  it('gives different sequences for different seeds', () => {
    expect(draws(new Random('seed-a'), 10)).not.toEqual(draws(new Random('seed-b'), 10))
  })

  it('derives a fork from the seed and label alone, not from the parent state', () => {
    const parent = new Random('root')
    const early = parent.fork('x')
    draws(parent, 50)
    const late = parent.fork('x')
    expect(draws(early, 20)).toEqual(draws(late, 20))
    expect(draws(new Random('root').fork('x'), 20)).toEqual(draws(new Random('root/x'), 20))
    expect(parent.fork('x').seed).toBe('root/x')
  })

  it('does not advance the parent when forking or drawing from a fork', () => {
    const plain = new Random('root')
    const forking = new Random('root')
    const child = forking.fork('child')
    draws(child, 100)
    forking.fork('another')
    expect(draws(forking, 20)).toEqual(draws(plain, 20))
  })

  it('gives forks with different labels different sequences', () => {
    const root = new Random('root')
    expect(draws(root.fork('a'), 10)).not.toEqual(draws(root.fork('b'), 10))
    expect(draws(root.fork('a'), 10)).not.toEqual(draws(new Random('root'), 10))
  })

  it('draws next() in [0, 1)', () => {
    const rng = new Random('unit')
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next()
      expect(x >= 0 && x < 1).toBe(true)
    }
  })

  it('draws int(lo, hi) within bounds, inclusive at both ends', () => {
    const rng = new Random('ints')
    const seen = new Set<number>()
    for (let i = 0; i < 5_000; i++) {
      const x = rng.int(-2, 3)
      expect(Number.isInteger(x)).toBe(true)
      seen.add(x)
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3])
    for (let i = 0; i < 100; i++) expect(rng.int(7, 7)).toBe(7)
  })

  it('draws between(lo, hi) in [lo, hi)', () => {
    const rng = new Random('between')
    for (let i = 0; i < 5_000; i++) {
      const x = rng.between(5, 6)
      expect(x >= 5 && x < 6).toBe(true)
    }
  })

  it('shuffles into a permutation without changing the input', () => {
    const rng = new Random('shuffle')
    const items = Array.from({ length: 50 }, (_, i) => i)
    const copy = [...items]
    const out = rng.shuffle(items)
    expect(items).toEqual(copy)
    expect(out).not.toBe(items)
    expect([...out].sort((a, b) => a - b)).toEqual(items)
    expect(out).not.toEqual(items)
    expect(rng.shuffle([])).toEqual([])
  })

  it('samples distinct items from the input', () => {
    const rng = new Random('sample')
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
    for (let i = 0; i < 200; i++) {
      const k = rng.int(0, items.length)
      const s = rng.sample(items, k)
      expect(s).toHaveLength(k)
      expect(new Set(s).size).toBe(k)
      for (const x of s) expect(items).toContain(x)
    }
    expect(rng.sample(items, 20)).toHaveLength(items.length)
  })

  it('picks from the list and refuses an empty one', () => {
    const rng = new Random('pick')
    const picked = new Set(Array.from({ length: 500 }, () => rng.pick(['x', 'y', 'z'])))
    expect([...picked].sort()).toEqual(['x', 'y', 'z'])
    expect(() => rng.pick([])).toThrow('pick from an empty list')
  })

  it('draws chance(p) with about the right frequency, never for 0 and always for 1', () => {
    const rng = new Random('chance')
    let hits = 0
    for (let i = 0; i < 20_000; i++) if (rng.chance(0.3)) hits++
    expect(hits / 20_000).toBeGreaterThan(0.27)
    expect(hits / 20_000).toBeLessThan(0.33)
    for (let i = 0; i < 1_000; i++) {
      expect(rng.chance(0)).toBe(false)
      expect(rng.chance(1)).toBe(true)
    }
  })

  it('draws normal values with roughly the requested mean and standard deviation', () => {
    const rng = new Random('normal')
    const n = 20_000
    const xs = Array.from({ length: n }, () => rng.normal(5, 2))
    expect(xs.every(Number.isFinite)).toBe(true)
    const mean = xs.reduce((a, b) => a + b, 0) / n
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1))
    expect(Math.abs(mean - 5)).toBeLessThan(0.1)
    expect(Math.abs(sd - 2)).toBeLessThan(0.1)
    const within1sd = xs.filter((x) => Math.abs(x - 5) < 2).length / n
    expect(within1sd).toBeGreaterThan(0.64)
    expect(within1sd).toBeLessThan(0.72)
  })

  it('returns 32 bytes of hex from bytes32()', () => {
    const rng = new Random('bytes')
    const a = rng.bytes32()
    expect(a).toMatch(/^0x[0-9a-f]{64}$/)
    expect(rng.bytes32()).not.toBe(a)
  })
})

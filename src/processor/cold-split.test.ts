import { describe, expect, it } from 'vitest'
import { rampUp } from './cold-split'

describe('rampUp', () => {
  it('cuts the start of an open range into growing ranges below the split size', () => {
    expect(rampUp([{ range: { from: 1 }, request: 'logs' }], 500)).toEqual([
      { range: { from: 1, to: 20 }, request: 'logs' },
      { range: { from: 21, to: 70 }, request: 'logs' },
      { range: { from: 71, to: 170 }, request: 'logs' },
      { range: { from: 171, to: 370 }, request: 'logs' },
      { range: { from: 371 }, request: 'logs' },
    ])
  })

  it('stops at the split size', () => {
    expect(rampUp([{ range: { from: 0 }, request: 'logs' }], 60).map((r) => r.range)).toEqual([{ from: 0, to: 19 }, { from: 20, to: 69 }, { from: 70 }])
    expect(rampUp([{ range: { from: 0 }, request: 'logs' }], 10).map((r) => r.range)).toEqual([{ from: 0 }])
  })

  it('keeps the end of a closed range and leaves later requests alone', () => {
    const out = rampUp([{ range: { from: 10, to: 60 }, request: 'a' }, { range: { from: 100 }, request: 'b' }], 500)
    expect(out).toEqual([
      { range: { from: 10, to: 29 }, request: 'a' },
      { range: { from: 30, to: 60 }, request: 'a' },
      { range: { from: 100 }, request: 'b' },
    ])
  })

  it('covers every block of the original range exactly once', () => {
    const out = rampUp([{ range: { from: 5, to: 1000 }, request: 'x' }], 500)
    let next = 5
    for (const r of out) {
      expect(r.range.from).toBe(next)
      next = r.range.to! + 1
    }
    expect(next).toBe(1001)
  })

  it('passes an empty request list through', () => {
    expect(rampUp([], 500)).toEqual([])
  })
})

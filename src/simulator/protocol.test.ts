import { describe, expect, it } from 'vitest'
import { PROTOCOL, qualityOf } from './protocol'

describe('qualityOf', () => {
  it('weights thoroughness, constructiveness, accuracy, timeliness and clarity 25/25/20/15/15', () => {
    expect(PROTOCOL.qualityWeights).toEqual([25, 25, 20, 15, 15])
  })

  it('takes the median of each dimension across a panel of three', () => {
    const panel = [
      [7, 8, 6, 5, 9],
      [5, 9, 7, 6, 4],
      [8, 6, 5, 7, 8],
    ]
    // medians 7, 8, 6, 6, 8: 175 + 200 + 120 + 90 + 120 = 705, 7.05 -> 7
    expect(qualityOf(panel)).toEqual({ medians: [7, 8, 6, 6, 8], overall: 7 })
  })

  it('takes the median, not the mean, so one outlier does not move it', () => {
    const panel = [
      [1, 1, 1, 1, 1],
      [9, 9, 9, 9, 9],
      [8, 8, 8, 8, 8],
    ]
    expect(qualityOf(panel)).toEqual({ medians: [8, 8, 8, 8, 8], overall: 8 })
  })

  it('rounds a composite of exactly one half up', () => {
    // 6*25 + 6*25 + 5*20 + 5*15 + 5*15 = 550 -> 5.5 -> 6
    expect(qualityOf([[6, 6, 5, 5, 5]]).overall).toBe(6)
    // 5*25 + 5*25 + 6*20 + 6*15 + 6*15 = 550 -> 5.5 -> 6
    expect(qualityOf([[5, 5, 6, 6, 6]]).overall).toBe(6)
  })

  it('rounds a composite below one half down and above one half up', () => {
    // 6*25 + 5*25 + 5*20 + 5*15 + 5*15 = 525 -> 5.25 -> 5
    expect(qualityOf([[6, 5, 5, 5, 5]]).overall).toBe(5)
    // 5*25 + 5*25 + 6*20 + 6*15 + 5*15 = 535 -> 5.35 -> 5
    expect(qualityOf([[5, 5, 6, 6, 5]]).overall).toBe(5)
    // 7*25 + 8*25 + 6*20 + 6*15 + 6*15 = 675 -> 6.75 -> 7
    expect(qualityOf([[7, 8, 6, 6, 6]]).overall).toBe(7)
    // 9*25 + 4*25 + 7*20 + 3*15 + 10*15 = 660 -> 6.6 -> 7
    expect(qualityOf([[9, 4, 7, 3, 10]]).overall).toBe(7)
  })

  it('gives the score itself when every dimension agrees, at both ends of the scale', () => {
    expect(qualityOf([[1, 1, 1, 1, 1]]).overall).toBe(1)
    expect(qualityOf([[10, 10, 10, 10, 10]]).overall).toBe(10)
  })

  it('takes the middle of a panel of five', () => {
    const panel = [
      [1, 10, 3, 4, 5],
      [2, 9, 3, 4, 5],
      [3, 8, 3, 4, 5],
      [4, 7, 3, 4, 5],
      [5, 6, 3, 4, 5],
    ]
    // medians 3, 8, 3, 4, 5: 75 + 200 + 60 + 60 + 75 = 470 -> 4.7 -> 5
    expect(qualityOf(panel)).toEqual({ medians: [3, 8, 3, 4, 5], overall: 5 })
  })

  it('does not reorder the panel it is given', () => {
    const panel = [
      [9, 1, 5, 5, 5],
      [1, 9, 5, 5, 5],
      [5, 5, 5, 5, 5],
    ]
    const copy = panel.map((row) => [...row])
    qualityOf(panel)
    expect(panel).toEqual(copy)
  })
})

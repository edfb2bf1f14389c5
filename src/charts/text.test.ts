import { describe, expect, it } from 'vitest'
import { sharedPassages } from './text'

const joined = (runs: { text: string }[]) => runs.map((r) => r.text).join('')
const sharedOf = (runs: { text: string; shared: boolean }[]) => runs.filter((r) => r.shared).map((r) => r.text)

describe('shared passages of two texts', () => {
  it('mark a run of five or more words both texts hold, case and punctuation aside, and keep each text as written', () => {
    const a = 'Strengths: The paper investigates whether a transformer encoder helps. Weak baselines.'
    const b = 'In short, the paper investigates whether a Transformer encoder, really; nothing else.'
    const s = sharedPassages(a, b)
    expect(joined(s.a)).toBe(a)
    expect(joined(s.b)).toBe(b)
    expect(sharedOf(s.a)).toEqual(['The paper investigates whether a transformer encoder'])
    expect(sharedOf(s.b)).toEqual(['the paper investigates whether a Transformer encoder,'])
    expect(s.sharedWords).toEqual([7, 7])
    expect(s.words).toEqual([11, 12])
  })

  it('leave runs shorter than the minimum unmarked', () => {
    const s = sharedPassages('one two three four five', 'one two three four six')
    expect(sharedOf(s.a)).toEqual([])
    expect(s.sharedWords).toEqual([0, 0])
  })

  it('mark every place a passage recurs in the other text, and join overlapping runs', () => {
    const s = sharedPassages('a b c d e f g', 'x a b c d e y a b c d e f g', 5)
    expect(sharedOf(s.a)).toEqual(['a b c d e f g'])
    expect(sharedOf(s.b)).toEqual(['a b c d e', 'a b c d e f g'])
  })

  it('handle empty texts', () => {
    expect(sharedPassages('', 'some words here')).toEqual({ a: [], b: [{ text: 'some words here', shared: false }], sharedWords: [0, 0], words: [0, 3] })
  })
})

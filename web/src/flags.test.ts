import { describe, expect, it } from 'vitest'
import { flagView, flagViewLink } from './flags'

const A = '0x00000000000000000000000000000000000000aa'
const B = '0x00000000000000000000000000000000000000bb'
const flag = (kind: string, evidence: Record<string, unknown> = {}, subjects = [A, B]) => ({ id: `${kind}:${subjects.join(',')}:all`, kind, subjects, evidence })

describe('the view of a flag\'s evidence', () => {
  it('is chosen by kind, from the flag\'s subjects and evidence', () => {
    expect(flagView(flag('score-correlation'))).toBe(`#/pair/${A}/${B}`)
    expect(flagView(flag('text-similarity', { pairs: [{ reviewIds: ['0xr1', '0xr2'] }, { reviewIds: ['0xr3', '0xr4'] }] }))).toBe(`#/text/0xr1/0xr2?flag=${encodeURIComponent(`text-similarity:${A},${B}:all`)}`)
    expect(flagView(flag('timing-correlation', {}, [A, B, '0xcc']))).toBe(`#/timing/${A},${B},0xcc`)
    for (const kind of ['review-ring', 'reciprocal-review', 'dense-review-group']) expect(flagView(flag(kind))).toBe(`#/ring/${encodeURIComponent(`${kind}:${A},${B}:all`)}`)
    for (const kind of ['self-citation', 'citation-score']) expect(flagView(flag(kind, {}, [A]))).toBe(`#/citation?reviewer=${A}`)
    for (const kind of ['provider-downtime', 'provider-missed-tasks', 'provider-faulty-results']) expect(flagView(flag(kind, {}, [A]))).toBe(`#/provider/${A}`)
  })

  it('is none for a kind it does not know or evidence without what it needs, and its link escapes what the record holds', () => {
    expect(flagView(flag('something-new'))).toBeNull()
    expect(flagView(flag('text-similarity', {}))).toBeNull()
    const link = flagViewLink({ ...flag('score-correlation', {}, ['"><script>', B]), metric: 'r', value: 1, threshold: 0.95, comparison: '>' })
    expect(link).toContain('score pair')
    expect(link).not.toContain('<script>')
  })
})

import { describe, expect, it } from 'vitest'
import { buildCases } from './cases'
import { makeFlag, type Flag, type FlagKind } from './types'

const [A, B, C, D, P] = ['0xa', '0xb', '0xc', '0xd', '0xp']

function flag(kind: FlagKind, subjects: string[], block = 100): Flag {
  return makeFlag({ kind, subjects, window: null, metric: 'm', value: 1, threshold: 1, comparison: '>=', evidence: {}, block })
}

describe('cases and the severity ladder', () => {
  it('keeps a single strong signal at suspected (honest co-reviewers correlate)', () => {
    const cases = buildCases([flag('score-correlation', [A, B])], [])
    expect(cases).toHaveLength(1)
    expect(cases[0]).toMatchObject({ severity: 'suspected', subjects: [A, B] })
  })

  it('raises a pair flagged by two independent signals to probable, naming the corroborating flags', () => {
    const score = flag('score-correlation', [A, B])
    const text = flag('text-similarity', [B, A])
    const [c] = buildCases([score, text], [])
    expect(c!.severity).toBe('probable')
    expect(c!.grounds.corroborations).toEqual([{ flags: [score.id, text.id].sort(), subjects: [A, B] }])
  })

  it('does not count two flags of one family as corroboration (a reciprocal pair inside a ring)', () => {
    const [c] = buildCases([flag('reciprocal-review', [A, B]), flag('review-ring', [A, B, C])], [])
    expect(c!.severity).toBe('suspected')
    expect(c!.grounds.families).toEqual(['review-graph'])
  })

  it('counts a pair inside a ring flagged by another family as corroboration', () => {
    const [c] = buildCases([flag('text-similarity', [A, B]), flag('review-ring', [A, B, C])], [])
    expect(c!.severity).toBe('probable')
  })

  it('groups chained overlaps into one case without corroboration (A-B by scores, B-C by text)', () => {
    const cases = buildCases([flag('score-correlation', [A, B]), flag('text-similarity', [B, C])], [])
    expect(cases).toHaveLength(1)
    expect(cases[0]).toMatchObject({ severity: 'suspected', subjects: [A, B, C] })
  })

  it('does not let a reviewer\'s self-citation corroborate a pair flag', () => {
    const [c] = buildCases([flag('score-correlation', [A, B]), flag('self-citation', [A])], [])
    expect(c!.severity).toBe('suspected')
  })

  it('keeps unrelated subjects in separate cases', () => {
    expect(buildCases([flag('score-correlation', [A, B]), flag('timing-correlation', [C, D]), flag('provider-downtime', [P])], [])).toHaveLength(3)
  })

  it('grades a provider with downtime and missed tasks as probable', () => {
    const [c] = buildCases([flag('provider-downtime', [P]), flag('provider-missed-tasks', [P])], [])
    expect(c!.severity).toBe('probable')
  })

  it('marks a case confirmed by the committee on chain, and repeat on a second confirmed offence', () => {
    const flags = [flag('score-correlation', [A, B])]
    const first = { caseId: '1', subjects: [A], block: 150, at: 0 }
    expect(buildCases(flags, [first])[0]).toMatchObject({ severity: 'confirmed', block: 150 })
    expect(buildCases(flags, [first, { caseId: '2', subjects: [A, C], block: 300, at: 0 }])[0]!.severity).toBe('repeat')
    expect(buildCases(flags, [{ caseId: '3', subjects: [D], block: 150, at: 0 }])[0]!.severity).toBe('suspected')
  })

  it('keeps a case\'s id as later flags join it, and gives the same cases for any flag order', () => {
    const early = flag('score-correlation', [A, B], 100)
    const later = flag('text-similarity', [A, B], 200)
    const before = buildCases([early], [])
    const after = buildCases([later, early], [])
    expect(after[0]!.id).toBe(before[0]!.id)
    expect(buildCases([early, later], [])).toEqual(after)
  })
})

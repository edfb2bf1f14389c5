import { describe, expect, it } from 'vitest'
import { buildCases, createCaseMemo } from './cases'
import { seededRandom } from './testing'
import { makeFlag, type ConfirmationFact, type Flag, type FlagKind } from './types'

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

  it('keeps flags that share one account apart (A-B by scores, B-C by text): C must not join A and B\'s case', () => {
    const cases = buildCases([flag('score-correlation', [A, B]), flag('text-similarity', [B, C])], [])
    expect(cases.map((c) => c.subjects)).toEqual(expect.arrayContaining([[A, B], [B, C]]))
    expect(cases).toHaveLength(2)
  })

  it('joins flags that share two accounts: overlapping rings are one case', () => {
    const cases = buildCases([flag('review-ring', [A, B, C]), flag('review-ring', [B, C, D])], [])
    expect(cases).toHaveLength(1)
    expect(cases[0]!.subjects).toEqual([A, B, C, D])
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

  it('marks a case confirmed when the committee confirmed these accounts on chain, and repeat on a second confirmation', () => {
    const flags = [flag('score-correlation', [A, B])]
    const first = { caseId: '1', subjects: [A, B], block: 150, at: 0 }
    expect(buildCases(flags, [first])[0]).toMatchObject({ severity: 'confirmed', grounds: { confirmations: [{ caseId: '1', subjects: [A, B], block: 150 }] } })
    expect(buildCases(flags, [first, { caseId: '2', subjects: [A, B, C], block: 300, at: 0 }])[0]!.severity).toBe('repeat')
    expect(buildCases(flags, [{ caseId: '3', subjects: [D], block: 150, at: 0 }])[0]!.severity).toBe('suspected')
  })

  it('does not extend a confirmation to an account the committee did not name (B confirmed with A; B and C flagged)', () => {
    const [c] = buildCases([flag('text-similarity', [B, C])], [{ caseId: '1', subjects: [A, B], block: 150, at: 0 }])
    expect(c!.severity).toBe('suspected')
  })

  it('names a case by its lowest flag id, and gives the same cases for any flag order', () => {
    const score = flag('score-correlation', [A, B])
    const text = flag('text-similarity', [A, B])
    expect(buildCases([text, score], [])[0]!.id).toBe(buildCases([score], [])[0]!.id)
    expect(buildCases([score, text], [])).toEqual(buildCases([text, score], []))
  })

  it('grades from a memo of the last run exactly as from nothing, as flags come and go and a confirmation arrives', () => {
    const memo = createCaseMemo()
    const steps: [Flag[], ConfirmationFact[]][] = [
      [[flag('score-correlation', [A, B]), flag('self-citation', [D])], []],
      [[flag('score-correlation', [A, B]), flag('text-similarity', [A, B]), flag('self-citation', [D])], []],
      [[flag('score-correlation', [A, B]), flag('text-similarity', [A, B]), flag('self-citation', [D])], [{ caseId: '1', subjects: [A, B], block: 150, at: 0 }]],
      [[flag('text-similarity', [A, B]), flag('self-citation', [D])], [{ caseId: '1', subjects: [A, B], block: 150, at: 0 }]],
    ]
    for (const [flags, confirmations] of steps) expect(buildCases(flags, confirmations, memo)).toEqual(buildCases(flags, confirmations))
    expect(buildCases(steps[2]![0], steps[2]![1], memo)[0]!.severity).toBe('confirmed')
  })

  it('makes one case of a clique\'s three pair flags, and leaves out an honest reviewer tied to it by one flag', () => {
    const clique = [flag('score-correlation', [A, B]), flag('score-correlation', [A, C]), flag('score-correlation', [B, C])]
    const cases = buildCases([...clique, flag('text-similarity', [C, D])], [{ caseId: '1', subjects: [A, B], block: 150, at: 0 }])
    expect(cases.map((c) => [c.subjects, c.severity])).toEqual(
      expect.arrayContaining([
        [[A, B, C], 'confirmed'],
        [[C, D], 'suspected'],
      ]),
    )
    expect(cases).toHaveLength(2)
  })

  it('groups accounts tied by two links, whatever the graph (checked against removing each link in turn)', () => {
    const kinds: FlagKind[] = ['score-correlation', 'text-similarity', 'timing-correlation']
    const random = seededRandom(604)
    for (let trial = 0; trial < 200; trial++) {
      const nodes = Array.from({ length: 2 + Math.floor(random() * 7) }, (_, i) => `0x${i}`)
      const edges = new Map<string, [string, string]>()
      for (let k = Math.floor(random() * 12); k > 0; k--) {
        const a = nodes[Math.floor(random() * nodes.length)]!
        const b = nodes[Math.floor(random() * nodes.length)]!
        const kind = kinds[Math.floor(random() * kinds.length)]!
        if (a !== b) edges.set(`${kind}:${[a, b].sort()}`, [a, b])
      }
      const list = [...edges.entries()].map(([key, [a, b]]) => ({ kind: key.split(':')[0] as FlagKind, a, b }))
      const connected = (skip: number, from: string, to: string) => {
        const seen = new Set([from])
        for (let grew = true; grew; ) {
          grew = false
          list.forEach((e, i) => {
            if (i === skip) return
            for (const [x, y] of [[e.a, e.b], [e.b, e.a]] as const) if (seen.has(x) && !seen.has(y)) seen.add(y), (grew = true)
          })
        }
        return seen.has(to)
      }
      const bridge = list.map((e, i) => !connected(i, e.a, e.b))
      const expected = new Set<string>()
      list.forEach((e, i) => {
        if (bridge[i]) return void expected.add([e.a, e.b].sort().join())
        const group = new Set([e.a])
        for (let grew = true; grew; ) {
          grew = false
          list.forEach((f, j) => {
            if (bridge[j]) return
            for (const [x, y] of [[f.a, f.b], [f.b, f.a]] as const) if (group.has(x) && !group.has(y)) group.add(y), (grew = true)
          })
        }
        expected.add([...group].sort().join())
      })
      const cases = buildCases(list.map((e) => flag(e.kind, [e.a, e.b])), [])
      expect(new Set(cases.map((c) => c.subjects.join()))).toEqual(expected)
    }
  })
})

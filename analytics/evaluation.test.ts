import { describe, expect, it } from 'vitest'
import type { Behaviour } from '../src/simulator/scenario'
import { evaluate } from './evaluation'

const ids = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']
const participants = [
  ...ids.map((id, i) => ({ id, kind: 'reviewer', address: `0x${i.toString().padStart(40, '0')}`, reviews: true })),
  { id: 'a0', kind: 'author', address: `0x${'a'.repeat(40)}`, reviews: false },
  { id: 'p0', kind: 'provider', address: `0x${'b'.repeat(40)}` },
  { id: 'p1', kind: 'provider', address: `0x${'c'.repeat(40)}` },
  { id: 'p2', kind: 'provider', address: `0x${'d'.repeat(40)}` },
]
const at = (id: string) => participants.find((p) => p.id === id)!.address
const behaviours = [
  { kind: 'scoreClique', members: ['r0', 'r1', 'r2'], proposals: 10, strength: 1 },
  { kind: 'textTemplate', members: ['r3', 'r4'], editRate: 0.1, proposals: 4 },
  { kind: 'flakyProvider', provider: 'p0', uptime: 0.3 },
  { kind: 'doubleSigner', provider: 'p1', count: 1 },
  { kind: 'honestAgreeingPair', members: ['r5', 'r6'], proposals: 5, agreement: 0.6 },
] as Behaviour[]
const flag = (kind: string, ...members: string[]) => ({ kind, subjects: members.map(at) }) as never

describe('evaluate: a run scored against its planted behaviours', () => {
  const report = evaluate({
    participants,
    behaviours,
    flags: [
      flag('score-correlation', 'r0', 'r1'),
      flag('score-correlation', 'r1', 'r2'),
      flag('text-similarity', 'r3', 'r4'),
      flag('text-similarity', 'r4', 'r5'), // an honest look-alike caught with a template user
      flag('provider-downtime', 'p0'),
      flag('provider-missed-tasks', 'p0'),
      flag('provider-downtime', 'p2'), // an honest provider
    ],
    cases: [
      { severity: 'suspected', subjects: ['r0', 'r1', 'r2'].map(at) },
      { severity: 'suspected', subjects: ['r3', 'r4', 'r5'].map(at) },
      { severity: 'probable', subjects: [at('p0')] },
      { severity: 'suspected', subjects: [at('p2')] },
    ],
    confirmed: [['r0', 'r1']],
  })

  it('pair level: planted pairs found among the flagged ones, and flagged pairs that were planted', () => {
    expect(report.signals.scores).toMatchObject({ behaviours: 1, pairPrecision: { hit: 2, of: 2, value: 1 }, pairRecall: { hit: 2, of: 3, value: 0.6667 } })
    expect(report.signals.text).toMatchObject({ pairPrecision: { hit: 1, of: 2, value: 0.5 }, pairRecall: { hit: 1, of: 1, value: 1 } })
  })

  it('group level: a behaviour is found when its signal names every member; a flagged group must lie within one', () => {
    expect(report.signals.scores).toMatchObject({ groupPrecision: { hit: 1, of: 1 }, groupRecall: { hit: 1, of: 1 } })
    expect(report.signals.text).toMatchObject({ groupPrecision: { hit: 0, of: 1 }, groupRecall: { hit: 1, of: 1 } })
    // Missed tasks and downtime are one offence: the flaky provider's two flags are one right group; p2 is a wrong one.
    expect(report.signals.liveness).toMatchObject({ pairPrecision: { hit: 1, of: 2 }, groupRecall: { hit: 1, of: 1 }, groupPrecision: { hit: 1, of: 2 } })
  })

  it('per severity, at that rung or above: right cases name only offenders; recall over the offences the ladder can grade that high', () => {
    expect(report.severities.suspected).toEqual({ precision: { hit: 2, of: 4, value: 0.5 }, recall: { hit: 3, of: 3, value: 1 } })
    // Only the flaky provider carries two signal families (and the clique, confirmed on chain): one single signal stays suspected.
    expect(report.severities.probable).toEqual({ precision: { hit: 1, of: 1, value: 1 }, recall: { hit: 1, of: 2, value: 0.5 } })
    expect(report.severities.confirmed).toEqual({ precision: { hit: 0, of: 0, value: null }, recall: { hit: 0, of: 1, value: 0 } })
  })

  it('per behaviour: found by its signal, and the highest rung of a case holding all its members', () => {
    expect(report.behaviours).toEqual([
      { index: 0, kind: 'scoreClique', members: ['r0', 'r1', 'r2'], strength: 'strength 1', found: true, severity: 'suspected' },
      { index: 1, kind: 'textTemplate', members: ['r3', 'r4'], strength: 'editRate 0.1', found: true, severity: 'suspected' },
      { index: 2, kind: 'flakyProvider', members: ['p0'], strength: 'uptime 0.3', found: true, severity: 'probable' },
    ])
  })

  it('counts honest reviewers and providers named by a flag; benign look-alikes are honest', () => {
    expect(report.honestReviewers).toEqual({ count: 3, flagged: ['r5'], perThousand: 333.33, byKind: { 'text-similarity': 1 } })
    expect(report.honestProviders).toEqual({ count: 1, flagged: ['p2'] })
    expect(report.notScored).toEqual(['doubleSigner p1'])
  })
})

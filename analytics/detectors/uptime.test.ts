import { describe, expect, it } from 'vitest'
import { DETECTOR_DEFAULTS, type UptimeConfig } from '../config'
import type { HeartbeatFact, ProviderFact, Snapshot, TaskFact } from '../types'
import { detectProviderReliability } from './uptime'

const P = '0x00000000000000000000000000000000000000aa'
const Q = '0x00000000000000000000000000000000000000bb'

function snapshotAt(epoch: number, facts: { providers?: ProviderFact[]; heartbeats?: HeartbeatFact[]; tasks?: TaskFact[] }): Snapshot {
  return {
    block: 1000 + epoch, at: 1_700_000_000 + epoch * 3600, epoch,
    reviews: [], proposals: [], works: [], confirmations: [],
    providers: facts.providers ?? [], heartbeats: facts.heartbeats ?? [], tasks: facts.tasks ?? [],
  }
}
const providerFact = (id: string, registeredEpoch = 0, more: Partial<ProviderFact> = {}): ProviderFact =>
  ({ id, registeredEpoch, leftEpoch: null, jailedEpochs: [], ...more })
/** Inclusive integer range. */
const epochs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
const heartbeatsOf = (provider: string, at: number[]): HeartbeatFact[] => [{ provider, epochs: at }]
const task = (id: string, provider: string, epoch: number, outcome: 'missed' | 'faulty'): TaskFact =>
  ({ id, provider, epoch, missed: outcome === 'missed', faulty: outcome === 'faulty' })
const withConfig = (c: Partial<UptimeConfig>): UptimeConfig => ({ ...DETECTOR_DEFAULTS.uptime, ...c })

describe('detectProviderReliability: heartbeats', () => {
  it('a provider that signs every owed epoch is not flagged', () => {
    const s = snapshotAt(20, { providers: [providerFact(P)], heartbeats: heartbeatsOf(P, epochs(0, 19)) })
    expect(detectProviderReliability(s)).toEqual([])
  })

  it('a provider that missed 7 of its 10 owed epochs is flagged for downtime at 0.3, with the missed epochs', () => {
    const s = snapshotAt(10, { providers: [providerFact(P)], heartbeats: heartbeatsOf(P, [0, 1, 2]) })
    const flags = detectProviderReliability(s)
    expect(flags).toHaveLength(1)
    const [flag] = flags
    expect(flag).toMatchObject({
      id: `provider-downtime:${P}:3-9`, kind: 'provider-downtime', subjects: [P], window: { from: 3, to: 9 },
      metric: 'signed fraction of owed heartbeats', value: 0.3, threshold: 0.5, comparison: '<', block: 1010,
    })
    expect(flag!.evidence).toMatchObject({
      provider: P, windowUnit: 'epoch', windowEpochs: 10, measuredFrom: 0, measuredTo: 9,
      worstWindow: { from: 0, to: 9, owed: 10, signed: 3 }, owed: 10, signed: 3,
      missedEpochs: [3, 4, 5, 6, 7, 8, 9], jailedEpochsSkipped: [],
    })
    expect(flag!.evidence.series).toEqual(epochs(0, 9).map((epoch) => ({ epoch, owed: true, signed: epoch <= 2 })))
  })

  it('jailed epochs are not owed: a provider jailed for 5 epochs that signs all others is not flagged', () => {
    const config = withConfig({ minSignedFraction: 0.6 })
    const signsAllButJail = heartbeatsOf(P, epochs(0, 19).filter((e) => e < 5 || e > 9))
    const jailed = snapshotAt(20, { providers: [providerFact(P, 0, { jailedEpochs: epochs(5, 9) })], heartbeats: signsAllButJail })
    expect(detectProviderReliability(jailed, config)).toEqual([])
    // The same gap without the jail is downtime (5 of 10 signed < 0.6): the jail is what excuses it.
    const free = snapshotAt(20, { providers: [providerFact(P)], heartbeats: signsAllButJail })
    expect(detectProviderReliability(free, config).map((f) => f.window)).toEqual([{ from: 5, to: 9 }])
  })

  it('a provider no longer owes heartbeats from its leftEpoch', () => {
    const s = snapshotAt(30, { providers: [providerFact(P, 0, { leftEpoch: 10 })], heartbeats: heartbeatsOf(P, epochs(0, 9)) })
    expect(detectProviderReliability(s)).toEqual([])
  })

  it('a provider registered 2 epochs ago is not judged yet; at 3 owed epochs it is', () => {
    expect(detectProviderReliability(snapshotAt(10, { providers: [providerFact(P, 8)] }))).toEqual([])
    const flags = detectProviderReliability(snapshotAt(10, { providers: [providerFact(P, 7)] }))
    expect(flags.map((f) => [f.window, f.value, f.evidence.owed])).toEqual([[{ from: 7, to: 9 }, 0, 3]])
  })

  it('the open current epoch is not counted, for heartbeats or tasks, until it completes', () => {
    const config = withConfig({ windowEpochs: 3, minSignedFraction: 0.7, maxMissedTasks: 1 })
    const facts = { providers: [providerFact(P)], heartbeats: heartbeatsOf(P, epochs(0, 9)), tasks: [task('t1', P, 10, 'missed')] }
    expect(detectProviderReliability(snapshotAt(10, facts), config)).toEqual([])
    // Once epoch 10 is complete its missing heartbeat (2 of 3 < 0.7) and the missed task count.
    const later = detectProviderReliability(snapshotAt(11, facts), config)
    expect(later.map((f) => [f.kind, f.window])).toEqual([
      ['provider-downtime', { from: 10, to: 10 }],
      ['provider-missed-tasks', { from: 10, to: 10 }],
    ])
  })

  it('an episode that ended long ago is still reported, with the span of its missed epochs as window', () => {
    const s = snapshotAt(100, { providers: [providerFact(P)], heartbeats: heartbeatsOf(P, epochs(0, 99).filter((e) => e < 10 || e > 19)) })
    const flags = detectProviderReliability(s)
    expect(flags).toHaveLength(1)
    expect(flags[0]).toMatchObject({ window: { from: 10, to: 19 }, value: 0 })
    // Windows ending 15..23 violate; their union is 6..23.
    expect(flags[0]!.evidence).toMatchObject({ measuredFrom: 6, measuredTo: 23, violatingWindows: 9, missedEpochs: epochs(10, 19) })
  })

  it('two outages separated by recovery are two episodes, two flags', () => {
    const s = snapshotAt(100, { providers: [providerFact(P)], heartbeats: heartbeatsOf(P, epochs(0, 99).filter((e) => e < 10 || (e > 19 && e < 60) || e > 69)) })
    expect(detectProviderReliability(s).map((f) => f.window)).toEqual([{ from: 10, to: 19 }, { from: 60, to: 69 }])
  })

  it('a provider hovering at the threshold gets one flag for the outage, not one per run of violating windows', () => {
    // Signs every third epoch: the window ending at 5 violates (1 of 3), at 6 does not (2 of 4 = 0.5), from 7 on it does.
    const s = snapshotAt(20, { providers: [providerFact(P, 3)], heartbeats: heartbeatsOf(P, epochs(3, 19).filter((e) => e % 3 === 0)) })
    const flags = detectProviderReliability(s)
    expect(flags.map((f) => [f.window, f.value])).toEqual([[{ from: 4, to: 19 }, 0.3]])
    expect(flags[0]!.evidence).toMatchObject({ measuredFrom: 3, measuredTo: 19, violatingWindows: 14, owed: 17, signed: 6 })
  })

  it('a recovering provider keeps its flag id while the window still violates; a new miss extends the episode (new id)', () => {
    const provider = providerFact(P)
    const beats = heartbeatsOf(P, [...epochs(0, 9), ...epochs(16, 30)])
    const idAt = (epoch: number, extra: HeartbeatFact[] = []) =>
      detectProviderReliability(snapshotAt(epoch, { providers: [provider], heartbeats: [...beats, ...extra] })).map((f) => f.id)
    expect(idAt(17)).toEqual([`provider-downtime:${P}:10-15`])
    expect(idAt(19)).toEqual([`provider-downtime:${P}:10-15`])
    expect(idAt(30)).toEqual([`provider-downtime:${P}:10-15`])
    // Had it missed epoch 16 instead, the ongoing episode would grow to 10-16.
    const missing16 = (epoch: number) =>
      detectProviderReliability(snapshotAt(epoch, { providers: [provider], heartbeats: beats.map((h) => ({ ...h, epochs: h.epochs.filter((e) => e !== 16) })) })).map((f) => f.id)
    expect(missing16(17)).toEqual([`provider-downtime:${P}:10-16`])
  })
})

describe('detectProviderReliability: tasks', () => {
  const reliable = { providers: [providerFact(P)], heartbeats: heartbeatsOf(P, epochs(0, 29)) }

  it('3 missed tasks within the window (threshold 3) are flagged, with task ids and epochs', () => {
    const tasks = [task('t1', P, 4, 'missed'), task('t2', P, 7, 'missed'), task('t3', P, 12, 'missed'), task('ok', P, 8, 'faulty')]
    const flags = detectProviderReliability(snapshotAt(30, { ...reliable, tasks })).filter((f) => f.kind === 'provider-missed-tasks')
    expect(flags).toHaveLength(1)
    expect(flags[0]).toMatchObject({
      id: `provider-missed-tasks:${P}:4-12`, window: { from: 4, to: 12 }, value: 3, threshold: 3, comparison: '>=',
      metric: 'missed tasks in 10 epochs',
    })
    expect(flags[0]!.evidence).toMatchObject({
      windowUnit: 'epoch', measuredFrom: 3, measuredTo: 13, worstWindow: { from: 3, to: 12, count: 3 },
      tasks: [{ id: 't1', epoch: 4 }, { id: 't2', epoch: 7 }, { id: 't3', epoch: 12 }],
    })
  })

  it('2 missed tasks (just below threshold 3), or 3 spread wider than the window, are not flagged', () => {
    const two = [task('t1', P, 4, 'missed'), task('t2', P, 7, 'missed')]
    expect(detectProviderReliability(snapshotAt(30, { ...reliable, tasks: two }))).toEqual([])
    const spread = [...two, task('t3', P, 14, 'missed')]
    expect(detectProviderReliability(snapshotAt(30, { ...reliable, tasks: spread }))).toEqual([])
  })

  it('violating task windows that overlap are one episode; a full clean window apart, two', () => {
    const burst = (at: number, prefix: string) => [0, 1, 2].map((i) => task(`${prefix}${i}`, P, at + i, 'missed'))
    const windowsOf = (tasks: TaskFact[]) => detectProviderReliability(snapshotAt(30, { ...reliable, tasks })).map((f) => f.window)
    // Windows ending 2..9 and 14..21 violate; those ending at 9 (0..9) and 14 (5..14) overlap.
    expect(windowsOf([...burst(0, 'a'), ...burst(12, 'b')])).toEqual([{ from: 0, to: 14 }])
    // Windows ending 2..9 and 24..29 (epoch 30 is open): fourteen clean window ends in between.
    expect(windowsOf([...burst(0, 'a'), ...burst(22, 'b')])).toEqual([{ from: 0, to: 2 }, { from: 22, to: 24 }])
  })

  it('2 faulty results (threshold 2) are flagged; 1 is not', () => {
    const one = [task('f1', P, 20, 'faulty')]
    expect(detectProviderReliability(snapshotAt(30, { ...reliable, tasks: one }))).toEqual([])
    const flags = detectProviderReliability(snapshotAt(30, { ...reliable, tasks: [...one, task('f2', P, 21, 'faulty')] }))
    expect(flags.map((f) => [f.kind, f.window, f.value, f.evidence.tasks])).toEqual([
      ['provider-faulty-results', { from: 20, to: 21 }, 2, [{ id: 'f1', epoch: 20 }, { id: 'f2', epoch: 21 }]],
    ])
  })
})

describe('detectProviderReliability: determinism', () => {
  it('gives the same flags for shuffled and duplicated inputs', () => {
    const providers = [providerFact(P, 0, { jailedEpochs: [12, 13] }), providerFact(Q, 3)]
    const heartbeats = [...heartbeatsOf(P, [0, 1, 2, 5, 9, 14, 15, 16]), ...heartbeatsOf(Q, epochs(3, 19).filter((e) => e % 3 === 0))]
    const tasks = [
      task('a', P, 2, 'missed'), task('b', P, 3, 'missed'), task('c', P, 3, 'missed'), task('d', Q, 5, 'faulty'),
      task('e', Q, 6, 'faulty'), task('f', Q, 19, 'missed'), { id: 'g', provider: null, epoch: null, missed: true, faulty: false },
    ]
    const expected = detectProviderReliability(snapshotAt(20, { providers, heartbeats, tasks }))
    expect(expected.map((f) => f.kind).sort()).toEqual(['provider-downtime', 'provider-downtime', 'provider-faulty-results', 'provider-missed-tasks'])

    let seed = 42
    const shuffled = <T>(xs: readonly T[]): T[] => {
      const out = [...xs]
      for (let i = out.length - 1; i > 0; i--) {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
        const j = seed % (i + 1)
        ;[out[i], out[j]] = [out[j]!, out[i]!]
      }
      return out
    }
    for (let round = 0; round < 5; round++) {
      const s = snapshotAt(20, { providers: shuffled(providers), heartbeats: shuffled([...heartbeats, ...heartbeats]), tasks: shuffled([...tasks, ...tasks]) })
      expect(detectProviderReliability(s)).toEqual(expected)
    }
  })
})

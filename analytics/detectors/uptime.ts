/**
 * Provider reliability, measured the way the Cosmos-SDK slashing module measures validator
 * liveness: over a sliding "signed blocks window", here the last `windowEpochs` completed epochs in
 * which the provider owed a heartbeat, the signed fraction is heartbeats / owed epochs. As in Cosmos
 * (where the window only advances while the validator is bonded), epochs that were not owed do not
 * fill the window: a provider owes one heartbeat per epoch from `registeredEpoch`, before
 * `leftEpoch`, and not while jailed (ComputeStaking.heartbeat() reverts for a jailed provider).
 * Only completed epochs (< snapshot.epoch) count; the current one may still receive its heartbeat.
 *
 * Missed tasks and faulty results (TaskMarket) are counted per task deadline epoch, in windows of
 * `windowEpochs` consecutive completed epochs: a task is owed whether or not a heartbeat is (a
 * provider jailed after assignment still misses its deadline), so jailed epochs are not skipped.
 *
 * Episodes, not windows. The window slides every epoch, so one flag per violating window would
 * give a flaky provider a new flag every epoch. Instead, violating windows that overlap or touch
 * (a chain of them) form one episode and one flag. Overlap rather than strict adjacency, because a
 * provider hovering at the threshold alternates violating and clean windows, and adjacency would
 * split one outage into several flags over the same epochs. An episode is over once
 * `windowEpochs` window ends in a row are clean. The flag's window is the span of the failures the
 * episode holds (first to last missed heartbeat / counted task), not of the measuring windows:
 * windows keep violating for a while after a provider recovers, and bounding the window by the
 * failures means the flag id (kind + provider + window) changes only when a new failure joins the
 * episode. The measuring windows are in the evidence (measuredFrom/measuredTo, worstWindow); the
 * value is the worst window's.
 *
 * The result is a pure function of the snapshot, sorted by id. A later snapshot can extend an
 * episode that is not over (a new failure: new window, new id, superseding the old flag); an episode
 * that is over keeps its id, except that a task reported missed or faulty late can still join it.
 *
 * Windows are in epochs, not Unix seconds (the snapshot has no epoch-to-time mapping): every flag
 * here says so with evidence.windowUnit = 'epoch'.
 */
import { DETECTOR_DEFAULTS, type UptimeConfig } from '../config'
import { groupBy, makeFlag, round4, type Flag, type FlagKind, type ProviderFact, type Snapshot, type TaskFact } from '../types'

/**
 * Owed epochs a window needs before its signed fraction is judged (or `windowEpochs` if smaller):
 * with fewer, one missed heartbeat is already a third of the window. ComputeStaking itself only
 * judges full windows; this reports sooner, but not on one or two epochs.
 */
export const MIN_OWED_EPOCHS = 3

interface EpochSpan { from: number; to: number }

export function detectProviderReliability(snapshot: Snapshot, config: UptimeConfig = DETECTOR_DEFAULTS.uptime): Flag[] {
  const heartbeats = groupBy(snapshot.heartbeats, (h) => h.provider)
  // Deduplicated by task id, so a task listed twice is not counted twice.
  const tasksByProvider = new Map<string, Map<string, TaskFact>>()
  for (const t of snapshot.tasks) {
    if (t.provider === null || t.epoch === null) continue
    let tasks = tasksByProvider.get(t.provider)
    if (!tasks) tasksByProvider.set(t.provider, (tasks = new Map()))
    tasks.set(t.id, t)
  }

  const flags: Flag[] = []
  for (const provider of snapshot.providers) {
    const tasks = [...(tasksByProvider.get(provider.id)?.values() ?? [])]
    flags.push(
      ...downtimeFlags(snapshot, config, provider, epochSet(heartbeats.get(provider.id)?.flatMap((h) => h.epochs) ?? [])),
      ...taskFlags(snapshot, config, provider.id, 'provider-missed-tasks', tasks.filter((t) => t.missed), config.maxMissedTasks),
      ...taskFlags(snapshot, config, provider.id, 'provider-faulty-results', tasks.filter((t) => t.faulty), config.maxFaultyResults),
    )
  }
  return flags.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Epochs as a bitmap over their range: a provider's year of heartbeats is a few hundred bytes, not a hash set. */
function epochSet(epochs: readonly number[]): { has(epoch: number): boolean } {
  let min = Infinity
  let max = -Infinity
  for (const e of epochs) {
    if (e < min) min = e
    if (e > max) max = e
  }
  const bits = new Uint8Array(epochs.length ? max - min + 1 : 0)
  for (const e of epochs) bits[e - min] = 1
  return { has: (e) => bits[e - min] === 1 }
}

/** Whether a provider owes an epoch's heartbeat, and if not, why. */
export type Owing = 'owed' | 'unregistered' | 'left' | 'jailed' | 'pending'

/**
 * What downtime is measured over: an epoch from registration, before the provider left, not jailed,
 * and complete (before `judgedBefore`, the snapshot's epoch). `jailed`: provider.jailedEpochs.
 */
export function owing(provider: ProviderFact, jailed: ReadonlySet<number>, judgedBefore: number, epoch: number): Owing {
  if (epoch < provider.registeredEpoch) return 'unregistered'
  if (provider.leftEpoch !== null && epoch >= provider.leftEpoch) return 'left'
  if (jailed.has(epoch)) return 'jailed'
  return epoch < judgedBefore ? 'owed' : 'pending'
}

function downtimeFlags(snapshot: Snapshot, config: UptimeConfig, provider: ProviderFact, signedEpochs: { has(epoch: number): boolean }): Flag[] {
  const jailed = new Set(provider.jailedEpochs)
  const end = Math.min(provider.leftEpoch ?? Infinity, snapshot.epoch) // exclusive
  const owed: number[] = []
  for (let e = provider.registeredEpoch; e < end; e++) if (owing(provider, jailed, snapshot.epoch, e) === 'owed') owed.push(e)
  // signedBefore[i]: heartbeats in owed[0..i-1].
  const signedBefore = [0]
  for (const e of owed) signedBefore.push(signedBefore[signedBefore.length - 1]! + (signedEpochs.has(e) ? 1 : 0))

  const n = windowLength(config)
  const minOwed = Math.min(n, MIN_OWED_EPOCHS)
  interface OwedWindow { first: number; last: number; signed: number; fraction: number }
  // The window ending at owed[i] holds owed[first..i]; violating ones that overlap or touch chain into an episode.
  const episodes: OwedWindow[][] = []
  for (let i = minOwed - 1; i < owed.length; i++) {
    const first = Math.max(0, i - n + 1)
    const signed = signedBefore[i + 1]! - signedBefore[first]!
    const fraction = signed / (i - first + 1)
    if (!(fraction < config.minSignedFraction)) continue
    const current = episodes[episodes.length - 1]
    if (current && first <= current[current.length - 1]!.last + 1) current.push({ first, last: i, signed, fraction })
    else episodes.push([{ first, last: i, signed, fraction }])
  }

  return episodes.map((windows) => {
    const firstWindow = windows[0]!
    const lastWindow = windows[windows.length - 1]!
    // The first lowest fraction; ties keep the earliest window.
    const worst = windows.reduce((w, x) => (x.fraction < w.fraction ? x : w))
    const measured = owed.slice(firstWindow.first, lastWindow.last + 1)
    const missedEpochs = measured.filter((e) => !signedEpochs.has(e))
    const measuredFrom = measured[0]!
    const measuredTo = measured[measured.length - 1]!
    const series: { epoch: number; owed: boolean; signed: boolean }[] = []
    for (let e = measuredFrom; e <= measuredTo; e++) series.push({ epoch: e, owed: !jailed.has(e), signed: signedEpochs.has(e) })
    const signed = measured.length - missedEpochs.length
    // A violating window always holds a miss unless minSignedFraction > 1; then fall back to the measured span.
    const window: EpochSpan = missedEpochs.length > 0
      ? { from: missedEpochs[0]!, to: missedEpochs[missedEpochs.length - 1]! }
      : { from: measuredFrom, to: measuredTo }
    return makeFlag({
      kind: 'provider-downtime',
      subjects: [provider.id],
      window,
      metric: 'signed fraction of owed heartbeats',
      value: round4(worst.fraction),
      threshold: config.minSignedFraction,
      comparison: '<',
      evidence: {
        provider: provider.id,
        windowUnit: 'epoch',
        windowEpochs: n,
        minOwedEpochs: minOwed,
        measuredFrom,
        measuredTo,
        violatingWindows: windows.length,
        // The value's window; owed, signed and missedEpochs below cover the whole measured span.
        worstWindow: { from: owed[worst.first]!, to: owed[worst.last]!, owed: worst.last - worst.first + 1, signed: worst.signed },
        owed: measured.length,
        signed,
        missedEpochs,
        jailedEpochsSkipped: series.filter((s) => !s.owed).map((s) => s.epoch),
        series,
      },
      block: snapshot.block,
    })
  })
}

/**
 * Episodes of windows of `windowEpochs` consecutive completed epochs holding at least `threshold`
 * of the given tasks. The window ending at E holds at least k tasks iff, for some j in the sorted
 * epochs t, t[j + k - 1] <= E <= t[j] + n - 1, so violating window ends are a union of intervals
 * and an episode chains runs of them whose windows overlap or touch (no need to visit every epoch).
 */
function taskFlags(snapshot: Snapshot, config: UptimeConfig, provider: string, kind: FlagKind, tasks: readonly TaskFact[], threshold: number): Flag[] {
  const n = windowLength(config)
  // Tasks due in the open epoch wait for it to complete. A threshold below 1 would flag windows without tasks.
  const counted = tasks.filter((t) => t.epoch! < snapshot.epoch).sort((a, b) => a.epoch! - b.epoch! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const k = Math.max(1, Math.ceil(threshold))
  const epochs = counted.map((t) => t.epoch!)
  const ends: EpochSpan[] = []
  for (let j = 0; j + k - 1 < epochs.length; j++) {
    const from = epochs[j + k - 1]!
    const to = Math.min(epochs[j]! + n - 1, snapshot.epoch - 1)
    if (from > to) continue
    const previous = ends[ends.length - 1]
    // `from` never decreases with j, so merging with the previous run suffices. The window ending at
    // `from` starts at from - n + 1; it overlaps or touches the one ending at previous.to when from <= previous.to + n.
    if (previous && from <= previous.to + n) previous.to = Math.max(previous.to, to)
    else ends.push({ from, to })
  }

  const inWindow = (end: number) => epochs.filter((e) => e > end - n && e <= end).length
  return ends.map((run) => {
    const measuredFrom = Math.max(0, run.from - n + 1)
    const episodeTasks = counted.filter((t) => t.epoch! >= measuredFrom && t.epoch! <= run.to)
    // The count only rises at a task's epoch, so the fullest window ends at one; ties keep the earliest.
    // Ends between chained runs are clean (count < k), so scanning the whole span is safe.
    let worstEnd = run.from
    for (const e of epochs) if (e > run.from && e <= run.to && inWindow(e) > inWindow(worstEnd)) worstEnd = e
    const worstCount = inWindow(worstEnd)
    return makeFlag({
      kind,
      subjects: [provider],
      window: { from: episodeTasks[0]!.epoch!, to: episodeTasks[episodeTasks.length - 1]!.epoch! },
      metric: kind === 'provider-missed-tasks' ? `missed tasks in ${n} epochs` : `faulty results in ${n} epochs`,
      value: worstCount,
      threshold,
      comparison: '>=',
      evidence: {
        provider,
        windowUnit: 'epoch',
        windowEpochs: n,
        measuredFrom,
        measuredTo: run.to,
        worstWindow: { from: Math.max(0, worstEnd - n + 1), to: worstEnd, count: worstCount },
        tasks: episodeTasks.map((t) => ({ id: t.id, epoch: t.epoch })),
      },
      block: snapshot.block,
    })
  })
}

/** Window length in epochs; at least 1, so a misconfigured window cannot divide by zero. */
function windowLength(config: UptimeConfig): number {
  return Math.max(1, Math.floor(config.windowEpochs))
}

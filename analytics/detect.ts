/**
 * Every detector over one snapshot, in one piece: the flags sorted by id, and how long each detector
 * took. The runner gets the same flags part by part (live.ts); the tests hold it to this.
 */
import { DETECTOR_DEFAULTS, type DetectorConfig } from './config'
import { detectCitationCoercion } from './detectors/citation'
import { detectReciprocalReview } from './detectors/reciprocal'
import { detectScoreCorrelation } from './detectors/score-correlation'
import { detectTextSimilarity } from './detectors/text-similarity'
import { detectTimingCorrelation } from './detectors/timing'
import { detectProviderReliability } from './detectors/uptime'
import type { Flag, Snapshot } from './types'

export const DETECTORS = {
  scoreCorrelation: (s: Snapshot, c: DetectorConfig) => detectScoreCorrelation(s, c.scoreCorrelation),
  textSimilarity: (s: Snapshot, c: DetectorConfig) => detectTextSimilarity(s, c.textSimilarity),
  timing: (s: Snapshot, c: DetectorConfig) => detectTimingCorrelation(s, c.timing),
  reciprocal: (s: Snapshot, c: DetectorConfig) => detectReciprocalReview(s, c.reciprocal),
  citation: (s: Snapshot, c: DetectorConfig) => detectCitationCoercion(s, c.citation),
  uptime: (s: Snapshot, c: DetectorConfig) => detectProviderReliability(s, c.uptime),
} as const

export type DetectorName = keyof typeof DETECTORS

export function detectAll(snapshot: Snapshot, config: DetectorConfig = DETECTOR_DEFAULTS): { flags: Flag[]; ms: Record<DetectorName, number> } {
  const flags: Flag[] = []
  const ms = {} as Record<DetectorName, number>
  for (const [name, detect] of Object.entries(DETECTORS) as [DetectorName, (typeof DETECTORS)[DetectorName]][]) {
    const started = performance.now()
    flags.push(...detect(snapshot, config))
    ms[name] = Math.round(performance.now() - started)
  }
  assertFinite(flags)
  return { flags: flags.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), ms }
}

/** A flag whose value or threshold is not a number is a detector's bug: never written. */
export function assertFinite(flags: readonly Flag[]): void {
  for (const f of flags) {
    if (!Number.isFinite(f.value) || !Number.isFinite(f.threshold)) throw new Error(`flag ${f.id}: value ${f.value} / threshold ${f.threshold} is not a finite number`)
  }
}

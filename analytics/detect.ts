/**
 * Every detector (or the ones named) over one snapshot: the flags a run raises, sorted by id, and
 * how long each detector took.
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

/** Detectors that read no review text: they can run while the texts are still being read. */
export const TEXTLESS_DETECTORS = (Object.keys(DETECTORS) as DetectorName[]).filter((name) => name !== 'textSimilarity')

export function detectAll(snapshot: Snapshot, config: DetectorConfig = DETECTOR_DEFAULTS, names: readonly DetectorName[] = Object.keys(DETECTORS) as DetectorName[]): { flags: Flag[]; ms: Partial<Record<DetectorName, number>> } {
  const flags: Flag[] = []
  const ms: Partial<Record<DetectorName, number>> = {}
  for (const name of names) {
    const detect = DETECTORS[name]
    const started = performance.now()
    flags.push(...detect(snapshot, config))
    ms[name] = Math.round(performance.now() - started)
  }
  for (const f of flags) {
    if (!Number.isFinite(f.value) || !Number.isFinite(f.threshold)) throw new Error(`flag ${f.id}: value ${f.value} / threshold ${f.threshold} is not a finite number`)
  }
  return { flags: flags.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), ms }
}

import { AnalyticsState, Flag, InvestigationCase } from './generated'

export * from './generated'

/** Entities written by analytics/ (flags, cases, its watermark), never by the processor's mappings. */
export const ANALYTICS_ENTITIES: readonly Function[] = [Flag, InvestigationCase, AnalyticsState]

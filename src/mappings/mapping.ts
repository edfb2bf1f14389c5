/**
 * What a mapping module is: for each event of its contract, which entities it reads (`needs`,
 * collected for the whole batch before anything is loaded) and how it changes them (`handle`, pure
 * over the batch state). A handler that finds the event unusable returns the reason, and the event
 * is quarantined instead; handlers validate before they change anything.
 */
import type { ContractName } from '../contracts/names'
import type { EventNameOf, EventOf } from './events'
import type { BatchState, Needs } from './state'

export type Rejection = string | undefined | void

export interface Mapping<C extends ContractName> {
  needs: { [N in EventNameOf<C>]?: (e: EventOf<C, N>, needs: Needs) => void }
  /** Events without a handler are counted as indexed and have no entity of their own. */
  handle: { [N in EventNameOf<C>]?: (e: EventOf<C, N>, s: BatchState) => Rejection }
}

export function defineMapping<C extends ContractName>(_contract: C, mapping: Mapping<C>): Mapping<C> {
  return mapping
}

// ----- value helpers shared by the mappings -----

export const addr = (a: string): string => a.toLowerCase()

/** A timestamp in seconds as a Date; 0 (unset) and values beyond year 9999 (the contracts' "forever") as null. */
export function dateOf(seconds: bigint | number): Date | null {
  const s = Number(seconds)
  if (s <= 0 || s > 253_402_300_799) return null
  return new Date(s * 1000)
}

/** The enum member at a contract's ordinal, or undefined when out of range. */
export function enumAt<T>(values: readonly T[], ordinal: number | bigint): T | undefined {
  const n = Number(ordinal)
  return Number.isInteger(n) && n >= 0 && n < values.length ? values[n] : undefined
}

/** Longest text stored, bytes of UTF-8: the contracts' own limit. */
export const MAX_TEXT_BYTES = 32_768

/**
 * Why a decoded string cannot be stored, if it cannot: invalid UTF-8 in the log (the decoder
 * substitutes U+FFFD, which the raw data then does not contain), NUL (Postgres text rejects it),
 * or longer than the contracts allow.
 */
export function textProblem(field: string, text: string, rawData: string): string | undefined {
  if (text.includes('\uFFFD') && !rawData.toLowerCase().includes('efbfbd')) return `${field} is not valid UTF-8`
  if (text.includes('\u0000')) return `${field} contains NUL characters`
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_TEXT_BYTES) return `${field} is ${bytes} bytes, over the ${MAX_TEXT_BYTES}-byte limit`
  return undefined
}

export const ZERO_BYTES32 = `0x${'0'.repeat(64)}`

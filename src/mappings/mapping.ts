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
 * substitutes U+FFFD, so the text no longer re-encodes to bytes the log holds), NUL (Postgres text
 * rejects it), or longer than the contracts allow.
 */
export function textProblem(field: string, text: string, rawData: string): string | undefined {
  if (text.includes('\uFFFD') && !holdsString(rawData, text)) return `${field} is not valid UTF-8`
  if (text.includes('\u0000')) return `${field} contains NUL characters`
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_TEXT_BYTES) return `${field} is ${bytes} bytes, over the ${MAX_TEXT_BYTES}-byte limit`
  return undefined
}

/**
 * Whether ABI data holds `text` as an encoded string: its length word, then its UTF-8 bytes, at a
 * word boundary. A decoded U+FFFD that the log really contained passes; one the decoder substituted
 * for invalid bytes does not, even when ef bf bd occurs elsewhere in the data (another field, a
 * genuine U+FFFD beside the invalid bytes, or hex digits straddling bytes).
 */
function holdsString(rawData: string, text: string): boolean {
  const hex = rawData.toLowerCase().replace(/^0x/, '')
  const bytes = Buffer.from(text, 'utf8')
  const needle = bytes.length.toString(16).padStart(64, '0') + bytes.toString('hex')
  for (let i = hex.indexOf(needle); i !== -1; i = hex.indexOf(needle, i + 1)) if (i % 64 === 0) return true
  return false
}

export const ZERO_BYTES32 = `0x${'0'.repeat(64)}`

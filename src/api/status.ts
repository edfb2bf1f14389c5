/**
 * Where indexing is, as GET /status answers it (server.ts) and the dashboard shows it: block heights
 * only, all public chain data. A file of its own so that the dashboard can import the type.
 */
export interface IndexerStatus {
  /** The chain's head block; null when the chain did not answer (or no chain was given). */
  chainHead: number | null
  /** The last block the processor indexed, hot (not yet final) blocks included; null before its first commit. */
  indexedHeight: number | null
  /** The last final block indexed: what ZIP-604 publication and the analytics wait for. */
  finalizedHeight: number | null
  /** chainHead - indexedHeight. */
  lagBlocks: number | null
  /** The block the analytics last graded, and its time (ISO 8601). */
  analyticsBlock: number | null
  analyticsAt: string | null
}

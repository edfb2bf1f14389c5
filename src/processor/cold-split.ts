/**
 * Larger batches while catching up. Subsquid's EvmRpcDataSource fetches finalized blocks in splits
 * of 10 blocks (hard-coded) and the runner hands each split to the batch handler as one batch, so
 * catching up pays the per-batch cost (one load query per entity type, one write per entity type,
 * one transaction) every 10 blocks. Measured on the ingest benchmark: 825 batches of <= 10 blocks,
 * 6,800 events/s; with splits of 100 blocks, 92 batches and 11,500 events/s. Larger splits also
 * let a batch write an entity once for many events and keep more of the entity cache warm: with
 * the fast store, 100 blocks gave ~18,500 events/s, 500 blocks ~21,000 (1,000 blocks no better, and
 * the first batch waits longer). This sets the split size; hot blocks at the chain head are
 * unaffected (they still arrive one by one).
 *
 * The first splits ramp up to that size (RAMP_UP), because five splits are fetched at once and the
 * first batch waits for its whole split: with five 500-block splits in flight the first batch
 * came ~2 s after start, time in which nothing is indexed.
 */
import path from 'node:path'

let installedSize: number | undefined

export function setColdSplitSize(blocks: number): void {
  if (installedSize === blocks) return
  installedSize = blocks
  const processorDir = path.dirname(require.resolve('@subsquid/evm-processor/package.json'))
  const load = (id: string) => require(require.resolve(id, { paths: [processorDir] }))
  const { EvmRpcDataSource } = require(path.join(processorDir, 'lib/ds-rpc/client.js')) as {
    EvmRpcDataSource: { prototype: Record<string, unknown> }
  }
  const { coldIngest } = load('@subsquid/util-internal-ingest-tools')
  const { mapRangeRequestList } = load('@subsquid/util-internal-range')
  // The same as Subsquid 1.27.3's getFinalizedBlocks, but for splitSize.
  EvmRpcDataSource.prototype.getFinalizedBlocks = function (this: any, requests: unknown, stopOnHead?: boolean) {
    return coldIngest({
      getFinalizedHeight: () => this.getFinalizedHeight(),
      getSplit: (req: unknown) => this._getColdSplit(req),
      requests: rampUp(mapRangeRequestList(requests, (req: unknown) => this.toMappingRequest(req)), blocks),
      splitSize: blocks,
      concurrency: Math.min(5, this.rpc.client.getConcurrency()),
      stopOnHead,
      headPollInterval: this.headPollInterval,
    })
  }
}

/** Block counts of the first splits, before they reach the configured size. */
export const RAMP_UP = [20, 50, 100, 200]

interface RangeRequest<R> {
  range: { from: number; to?: number }
  request: R
}

/**
 * Cuts the start of the first range into ranges of RAMP_UP sizes (those below `size`), the same
 * request for each; Subsquid then splits each range at `size` blocks.
 */
export function rampUp<R>(requests: readonly RangeRequest<R>[], size: number): RangeRequest<R>[] {
  const [first, ...rest] = requests
  if (!first) return []
  const out: RangeRequest<R>[] = []
  let from = first.range.from
  const to = first.range.to ?? Infinity
  for (const blocks of RAMP_UP) {
    if (blocks >= size || from + blocks - 1 >= to) break
    out.push({ range: { from, to: from + blocks - 1 }, request: first.request })
    from += blocks
  }
  out.push({ range: { ...first.range, from }, request: first.request })
  return [...out, ...rest]
}

/**
 * The processor: a Subsquid EvmBatchProcessor over the protocol's contracts. Unfinalized ("hot")
 * blocks are indexed and rolled back by the TypeORM store; each batch's writes and the processor's
 * status row commit in one transaction, so a crash at any instant resumes from a consistent state.
 */
import { EvmBatchProcessor } from '@subsquid/evm-processor'
import { TypeormDatabase } from '@subsquid/typeorm-store'
import type { ProcessorConfig } from '../config'
import type { ContractName } from '../contracts/names'
import type { Deployment } from '../devnet/deployment'
import type { Logger } from '../log'
import { createBatchMapper } from '../mappings'
import type { RawLog } from '../mappings/events'
import type { Metrics } from './metrics'
import { setColdSplitSize } from './cold-split'
import { retryTransientRpcFailures } from './rpc-retry'
import { EntityCache } from './entity-cache'
import { isFinalStore, typeormEntityStore } from './store'
import '../db/orm'

export function protocolAddresses(deployment: Deployment): Map<string, ContractName> {
  return new Map(Object.entries(deployment.contracts).map(([name, a]) => [a.toLowerCase(), name as ContractName]))
}

export function createProcessor(deployment: Deployment, rpcUrl: string, config: ProcessorConfig) {
  // A flaky RPC (HTTP 500, a truncated body, a transient JSON-RPC error) is retried, not fatal.
  retryTransientRpcFailures()
  setColdSplitSize(config.coldSplitBlocks)
  return new EvmBatchProcessor()
    .setRpcEndpoint({ url: rpcUrl, rateLimit: config.rpcRateLimit, requestTimeout: config.rpcTimeoutMs, retryAttempts: Number.MAX_SAFE_INTEGER, maxBatchCallSize: 200 })
    .setRpcDataIngestionSettings({ headPollInterval: config.headPollMs })
    .setFinalityConfirmation(config.finalityConfirmations)
    .setBlockRange({ from: deployment.startBlock })
    .setFields({ log: { transactionHash: true, topics: true, data: true }, block: { timestamp: true } })
    .addLog({ address: [...protocolAddresses(deployment).keys()] })
}

/** Starts the processor; `indexedHeight()` is the last block it wrote (-1 before its first batch). */
export function runProcessor(deployment: Deployment, rpcUrl: string, config: ProcessorConfig, log: Logger, metrics: Metrics): { indexedHeight(): number } {
  const processor = createProcessor(deployment, rpcUrl, config)
  const mapBatch = createBatchMapper(protocolAddresses(deployment))
  const cache = new EntityCache(config.entityCacheSize)
  let lastHeight = -1
  processor.run(new TypeormDatabase({ supportHotBlocks: true }), async (ctx) => {
    const first = ctx.blocks[0]
    const last = ctx.blocks[ctx.blocks.length - 1]
    if (!first || !last) return
    if (first.header.height <= lastHeight) {
      // The store has already rolled the orphaned blocks back; this batch rewrites their height.
      const depth = lastHeight - first.header.height + 1
      metrics.rollbacks.inc()
      metrics.rollbackDepth.observe(depth)
      log.warn({ depth, from: first.header.height, to: lastHeight }, 'chain reorganisation: rolled back')
    }
    const logs: RawLog[] = []
    for (const block of ctx.blocks) {
      const b = { height: block.header.height, hash: block.header.hash, timestamp: block.header.timestamp }
      for (const l of block.logs) logs.push({ address: l.address, topics: l.topics, data: l.data, logIndex: l.logIndex, transactionHash: l.transactionHash, block: b })
    }
    const started = performance.now()
    cache.beginBatch(first.header.height, last.header.height, isFinalStore(ctx.store))
    const result = await mapBatch(logs, typeormEntityStore(ctx.store, cache))
    const ms = performance.now() - started
    lastHeight = last.header.height
    metrics.indexedUpTo(lastHeight)
    metrics.batches.inc()
    metrics.events.inc(result.events - result.quarantined)
    metrics.quarantined.inc(result.quarantined)
    metrics.eventsPerSecond.set(ms > 0 ? (result.events / ms) * 1000 : 0)
    if (result.quarantined > 0) log.warn({ quarantined: result.quarantined, from: first.header.height, to: lastHeight }, 'events quarantined')
    const phases = Object.fromEntries(Object.entries(result.ms).map(([k, v]) => [k, Math.round(v)]))
    log.info({ from: first.header.height, to: lastHeight, blocks: ctx.blocks.length, ...result, ms: Math.round(ms), phases, head: ctx.isHead }, 'batch')
  })
  return { indexedHeight: () => lastHeight }
}

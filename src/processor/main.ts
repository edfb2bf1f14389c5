/**
 * The processor process (`peerwatch process`, and spawned by `npm start`): takes the writer lock,
 * applies migrations, serves /metrics, and indexes the deployment's chain into Postgres.
 * Database connection from DATABASE_URL or DB_*; chain from the deployment file.
 */
import { LogLevel, setRootSink } from '@subsquid/logger'
import { createRpcClient } from '../chain/rpc'
import { loadConfig } from '../config'
import { applyMigrations } from '../db/migrate'
import { readDeployment } from '../devnet/deployment'
import { createLogger } from '../log'
import { runProcessor } from '.'
import { createMetrics, serveMetrics } from './metrics'
import { acquireWriterLock } from './writer-lock'

const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
  [LogLevel.TRACE]: 'trace', [LogLevel.DEBUG]: 'debug', [LogLevel.INFO]: 'info', [LogLevel.WARN]: 'warn', [LogLevel.ERROR]: 'error', [LogLevel.FATAL]: 'fatal',
}

export async function main(): Promise<void> {
  const config = loadConfig()
  const log = createLogger('processor')
  const metrics = createMetrics()
  const finality = config.processor.finalityConfirmations
  let processor: { indexedHeight(): number } | undefined
  const deepReorg = (what: string) =>
    `the chain no longer has ${what}: a reorganisation deeper than ` +
    `PEERWATCH_FINALITY_CONFIRMATIONS=${finality}. The processor stops rather than keep data from a vanished chain; ` +
    'reset the database (or index with more finality confirmations) and start again.'
  // Subsquid's loggers write through ours: one format, RPC failures counted, and the one fatal
  // error a user must act on (a reorg deeper than finality) said plainly. Subsquid meets it in two
  // places: at start, comparing its status row with the chain; and while running, when a new
  // head's ancestry leads below the oldest block it still holds, which fails an assertion of its
  // hot-block walk (`last(chain)` of an emptied chain in HotProcessor.moveToBlocks).
  setRootSink((rec) => {
    const { level, msg, ns, err, ...rest } = rec as typeof rec & Record<string, unknown>
    if (msg === 'connection failure' || (typeof msg === 'string' && msg.startsWith('rpc error'))) metrics.rpcErrors.inc()
    const deep = err instanceof Error ? /already indexed block (\S+) was not found on chain/.exec(err.message) : null
    if (deep) {
      log.fatal({ block: deep[1], finalityConfirmations: finality }, deepReorg(`block ${deep[1]}, which was already indexed as final`))
      return
    }
    if (err instanceof Error && /array\.length > 0/.test(err.message) && /HotProcessor\.moveToBlocks/.test(err.stack ?? '')) {
      // The oldest block Subsquid still held was at most `finality` below the last one written.
      const indexed = processor?.indexedHeight() ?? -1
      const below = indexed >= 0 ? Math.max(0, indexed - finality) : undefined
      log.fatal(
        { belowBlock: below, finalityConfirmations: finality, err },
        deepReorg(`the blocks already indexed as final${below === undefined ? '' : ` (it forked below block ${below})`}`),
      )
      return
    }
    log[LEVELS[level] ?? 'info']({ ns, ...(err ? { err } : {}), ...rest }, msg)
  })

  const deployment = readDeployment(config.chain.deploymentFile)
  const rpcUrl = config.chain.rpcUrl ?? deployment.rpcUrl
  await acquireWriterLock((err) => {
    log.fatal({ err }, 'lost the writer lock\'s database connection: stopping')
    process.exit(1)
  })
  const applied = await applyMigrations()
  if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied')
  const server = await serveMetrics(metrics, config.processor.metricsPort)
  log.info({ metrics: `http://127.0.0.1:${server.port}/metrics`, rpc: rpcUrl, startBlock: deployment.startBlock, finality }, 'processor starting')
  // The chain head, for the lag metric (the processor does not expose its own view of it).
  const rpc = createRpcClient(rpcUrl)
  const headTimer = setInterval(() => {
    rpc.call<string>('eth_blockNumber').then(
      (h) => metrics.headAt(Number(h)),
      () => metrics.rpcErrors.inc(),
    )
  }, 1_000)
  headTimer.unref()
  processor = runProcessor(deployment, rpcUrl, config.processor, log, metrics)
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`peerwatch processor: ${err.message}\n`)
    process.exit(1)
  })
}

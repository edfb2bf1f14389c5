/**
 * The processor's Prometheus metrics, served at /metrics on a loopback port.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import client from 'prom-client'

export function createMetrics() {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry, prefix: 'peerwatch_processor_' })
  const gauge = (name: string, help: string) => new client.Gauge({ name, help, registers: [registry] })
  const counter = (name: string, help: string, labelNames: string[] = []) => new client.Counter({ name, help, labelNames, registers: [registry] })
  const lastBlock = gauge('peerwatch_last_indexed_block', 'Height of the last block written to the database')
  const chainHead = gauge('peerwatch_chain_head', 'Height of the chain head as last seen')
  const lag = gauge('peerwatch_lag_blocks', 'Blocks between the chain head and the last indexed block')
  const heights = { indexed: 0, head: 0 }
  const updateLag = () => lag.set(Math.max(0, heights.head - heights.indexed))
  return {
    registry,
    indexedUpTo(height: number) {
      heights.indexed = height
      lastBlock.set(height)
      updateLag()
    },
    headAt(height: number) {
      heights.head = height
      chainHead.set(height)
      updateLag()
    },
    eventsPerSecond: gauge('peerwatch_events_per_second', 'Protocol events indexed per second over the last batch'),
    events: counter('peerwatch_events_total', 'Protocol events indexed'),
    quarantined: counter('peerwatch_quarantined_events_total', 'Events put in quarantine instead of indexed'),
    batches: counter('peerwatch_batches_total', 'Batches written'),
    rollbacks: counter('peerwatch_rollbacks_total', 'Chain reorganisations the processor rolled back'),
    rollbackDepth: new client.Histogram({ name: 'peerwatch_rollback_depth_blocks', help: 'Depth of each rollback, blocks', buckets: [1, 2, 5, 10, 20, 50, 100], registers: [registry] }),
    rpcErrors: counter('peerwatch_rpc_errors_total', 'RPC connection failures and error answers the processor retried'),
  }
}

export type Metrics = ReturnType<typeof createMetrics>

/** Serves /metrics on 127.0.0.1:`port` (0 picks a free port); resolves with the port. */
export function serveMetrics(metrics: Metrics, port: number): Promise<{ port: number; close(): void }> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end('not found\n')
      return
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      (err: Error) => res.writeHead(500).end(`${err.message}\n`),
    )
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() }))
  })
}

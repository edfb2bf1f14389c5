/**
 * Which RPC failures the processor retries. Subsquid's RpcClient retries transport failures,
 * timeouts, HTTP 429/502/503/504 and JSON-RPC errors that say "rate limit" or "timed out"; any other
 * failure rejects the request, and EvmBatchProcessor.run treats a rejected request as fatal: the
 * processor exits. Flaky providers and load balancers also answer HTTP 500, cut a body short
 * (invalid JSON), and return transient JSON-RPC errors (EIP-1474: -32603 internal error, -32002
 * resource unavailable, -32005 limit exceeded). Those are retried too, with the client's own
 * backoff, and logged as 'connection failure' (counted in peerwatch_rpc_errors_total). Failures that
 * would repeat identically (invalid params, method not found, a 4xx) still stop the processor.
 */
import path from 'node:path'
import type { RpcClient } from '@subsquid/rpc-client'

/** EIP-1474 error codes that describe the server's state, not the request. */
const TRANSIENT_RPC_CODES = new Set([-32603, -32002, -32005])

/** HTTP statuses of an overloaded or failing server or gateway (501 and 505 would repeat). */
function transientStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505)
}

/** Whether a failed RPC request is worth sending again (beyond what Subsquid already retries). */
export function isTransientRpcFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const e = err as Error & { code?: unknown; response?: { status?: unknown } }
  if (e.name === 'HttpError' && typeof e.response?.status === 'number') return transientStatus(e.response.status)
  // A body that is not JSON: a truncated or garbled answer.
  if (e.name === 'RpcProtocolError' && /invalid JSON/i.test(e.message)) return true
  if (e.name === 'RpcError' && typeof e.code === 'number') return TRANSIENT_RPC_CODES.has(e.code)
  return false
}

let installed = false

/**
 * Makes the RpcClient that EvmBatchProcessor creates retry transient failures too. Patches the
 * class the processor package itself loads (once per process: only the processor process calls it).
 */
export function retryTransientRpcFailures(): void {
  if (installed) return
  installed = true
  const processorDir = path.dirname(require.resolve('@subsquid/evm-processor/package.json'))
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RpcClient: Client } = require(require.resolve('@subsquid/rpc-client', { paths: [processorDir] })) as { RpcClient: typeof RpcClient }
  const subsquidRetries = Client.prototype.isConnectionError
  Client.prototype.isConnectionError = function (this: RpcClient, err: Error): boolean {
    return subsquidRetries.call(this, err) || isTransientRpcFailure(err)
  }
}

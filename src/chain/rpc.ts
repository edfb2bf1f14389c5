/**
 * A thin JSON-RPC client over fetch (keep-alive). The simulator sends tens of thousands of
 * transactions; viem's wallet actions add several round trips per transaction (chain id, nonce,
 * fees), so the hot path speaks JSON-RPC directly and uses viem only to encode and decode.
 */
export class RpcError extends Error {
  override name = 'RpcError'
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(`${method}: ${message} (code ${code})`)
  }
}

export interface RpcClient {
  readonly url: string
  call<T = unknown>(method: string, params?: unknown[]): Promise<T>
}

export function createRpcClient(url: string, opts: { timeoutMs?: number } = {}): RpcClient {
  const timeoutMs = opts.timeoutMs ?? 30_000
  let nextId = 1
  return {
    url,
    async call<T>(method: string, params: unknown[] = []): Promise<T> {
      const id = nextId++
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (!res.ok) throw new RpcError(method, res.status, `HTTP ${res.status} ${await res.text()}`)
      const body = (await res.json()) as { result?: T; error?: { code: number; message: string; data?: unknown } }
      if (body.error) throw new RpcError(method, body.error.code, body.error.message, body.error.data)
      return body.result as T
    },
  }
}

/** Polls until the endpoint answers eth_chainId, or throws after `timeoutMs`. */
export async function waitForRpc(rpc: RpcClient, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      return Number(await rpc.call<string>('eth_chainId'))
    } catch (err) {
      last = err
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  throw new Error(`no answer from ${rpc.url} within ${timeoutMs} ms: ${String(last)}`)
}

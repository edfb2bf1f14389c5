/**
 * A JSON-RPC proxy in front of a local chain that fails on purpose: with a seeded PRNG it answers a
 * share of the requests with what flaky RPC providers really send (HTTP 429 and 5xx, a request that
 * hangs until the client gives up, a truncated JSON body, a JSON-RPC error object) and forwards the
 * rest unchanged. Counters per fault kind tell a test what was actually injected.
 *
 * Loopback only (it listens on 127.0.0.1, refuses other peers and forwards only to a loopback
 * upstream) and bounded (request body size, concurrent requests, and how long a hang lasts).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Random } from '../../src/simulator/random'

export const FAULT_KINDS = ['http429', 'http500', 'http502', 'http503', 'hang', 'truncated', 'rpcError'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

export interface FaultyRpcProxyOptions {
  /** The chain to forward to: an http URL on a loopback address. */
  upstream: string
  /** Seed of the fault decisions: the n-th request gets the same answer kind on every run. */
  seed: string
  /** Share of requests answered with a fault, 0-1. Can be changed later with `setFaultRate`. */
  faultRate: number
  /** Relative weight of each fault kind (missing: 1; 0 turns a kind off). */
  weights?: Partial<Record<FaultKind, number>>
  /** How long a `hang` holds a request before it drops the connection, ms. Default 3,000. */
  hangMs?: number
  /** The JSON-RPC error a `rpcError` fault answers with. Default -32603 "internal error". */
  rpcError?: { code: number; message: string }
  /** Largest request body accepted, bytes (a larger one gets 413). Default 4 MiB. */
  maxBodyBytes?: number
  /** Requests handled at once; more get 503 without counting as an injected fault. Default 64. */
  maxConcurrent?: number
  /** Upstream request timeout, ms. Default 30,000. */
  upstreamTimeoutMs?: number
}

export interface FaultyRpcProxy {
  url: string
  /** Requests received (answered or not). */
  readonly requests: number
  /** Requests forwarded and answered with the upstream's own reply. */
  readonly forwarded: number
  /** Faults injected, by kind. */
  readonly injected: Readonly<Record<FaultKind, number>>
  /** Changes the share of faulted requests (0 lets everything through). */
  setFaultRate(rate: number): void
  close(): Promise<void>
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1', 'localhost', '[::1]'])

export async function startFaultyRpcProxy(opts: FaultyRpcProxyOptions): Promise<FaultyRpcProxy> {
  const upstream = new URL(opts.upstream)
  if (upstream.protocol !== 'http:' || !LOOPBACK.has(upstream.hostname)) throw new Error(`faulty RPC proxy: upstream must be http on loopback, not ${opts.upstream}`)
  const random = new Random(`faulty-rpc-proxy/${opts.seed}`)
  const weights = FAULT_KINDS.map((k) => Math.max(0, opts.weights?.[k] ?? 1))
  const totalWeight = weights.reduce((a, b) => a + b, 0)
  const hangMs = opts.hangMs ?? 3_000
  const maxBodyBytes = opts.maxBodyBytes ?? 4 * 1024 * 1024
  const maxConcurrent = opts.maxConcurrent ?? 64
  const upstreamTimeoutMs = opts.upstreamTimeoutMs ?? 30_000
  const rpcError = opts.rpcError ?? { code: -32603, message: 'internal error' }
  let faultRate = opts.faultRate
  let requests = 0
  let forwarded = 0
  let active = 0
  const injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>
  const timers = new Set<NodeJS.Timeout>()

  /** The fault for the next request, if any: one draw decides whether, one which. */
  const decide = (): FaultKind | undefined => {
    const faulted = random.next() < faultRate
    let x = random.next() * totalWeight
    if (!faulted || totalWeight === 0) return undefined
    for (const [i, kind] of FAULT_KINDS.entries()) {
      x -= weights[i]!
      if (x < 0) return kind
    }
    return FAULT_KINDS.findLast((_, i) => weights[i]! > 0)
  }

  const forward = async (body: Buffer): Promise<{ status: number; contentType: string; body: Buffer }> => {
    const res = await fetch(upstream, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(upstreamTimeoutMs),
    })
    return { status: res.status, contentType: res.headers.get('content-type') ?? 'application/json', body: Buffer.from(await res.arrayBuffer()) }
  }

  const send = (res: http.ServerResponse, status: number, body: string | Buffer, contentType = 'application/json') => {
    if (res.destroyed) return
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) }).end(body)
  }

  /** A JSON-RPC error answer with the ids of the request (one object, or one per call of a batch). */
  const errorAnswer = (body: Buffer): string => {
    let parsed: unknown
    try {
      parsed = JSON.parse(body.toString('utf8'))
    } catch {
      parsed = { id: null }
    }
    const one = (call: unknown) => ({ jsonrpc: '2.0', id: (call as { id?: unknown } | null)?.id ?? null, error: rpcError })
    return JSON.stringify(Array.isArray(parsed) ? parsed.map(one) : one(parsed))
  }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    const fault = decide()
    if (fault) injected[fault]++
    switch (fault) {
      case 'http429':
        return send(res, 429, '{"error":"too many requests"}')
      case 'http500':
        return send(res, 500, 'internal server error\n', 'text/plain')
      case 'http502':
        return send(res, 502, 'bad gateway\n', 'text/plain')
      case 'http503':
        return send(res, 503, 'service unavailable\n', 'text/plain')
      case 'hang':
        // Never answer; drop the connection after `hangMs` if the client has not given up first.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => (timers.delete(timer), resolve()), hangMs)
          timers.add(timer)
          req.socket.once('close', () => (clearTimeout(timer), timers.delete(timer), resolve()))
        })
        res.destroy()
        return
      case 'rpcError':
        return send(res, 200, errorAnswer(body))
      default: {
        const answer = await forward(body)
        if (fault === 'truncated') {
          // The first half of the real answer, framed as a complete 200 response.
          return send(res, 200, answer.body.subarray(0, Math.floor(answer.body.length / 2)), answer.contentType)
        }
        forwarded++
        return send(res, answer.status, answer.body, answer.contentType)
      }
    }
  }

  const server = http.createServer((req, res) => {
    requests++
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return void res.destroy()
    if (req.method !== 'POST') return send(res, 405, 'POST only\n', 'text/plain')
    if (active >= maxConcurrent) return send(res, 503, 'proxy busy\n', 'text/plain')
    active++
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBodyBytes) chunks.push(chunk)
    })
    req.on('error', () => {})
    req.on('end', () => {
      const done = size > maxBodyBytes ? Promise.resolve(send(res, 413, 'request too large\n', 'text/plain')) : handle(req, res, Buffer.concat(chunks))
      done.catch((err: Error) => send(res, 502, `upstream failed: ${err.message}\n`, 'text/plain')).finally(() => active--)
    })
    req.on('close', () => {
      if (!req.complete) active = Math.max(0, active - 1)
    })
  })
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests
    },
    get forwarded() {
      return forwarded
    },
    injected,
    setFaultRate(rate) {
      faultRate = rate
    },
    async close() {
      for (const t of timers) clearTimeout(t)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

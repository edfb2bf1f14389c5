/**
 * The API process's HTTP server: GraphQL at /graphql (Apollo Server, one schema per role: schema.ts),
 * live analytics changes at /events (events.ts), case files for the committee at
 * /cases/<id>/export?format=md|json|pdf (src/cases), /health, /ready and /metrics. Thin: it
 * authenticates, picks the role's schema, and runs each request's SQL in one read-only transaction
 * under the role's database role (db/migrations/*-ApiAccess.js), so that Postgres refuses what the
 * role may not read even if a resolver asked for it.
 *
 * Credentials: `Authorization: Bearer <API key>` (keys.ts; stored hashed) or a signed JWT
 * (tokens.ts). No credentials: the public role. A credential that is unknown, revoked, expired or
 * badly signed is refused (401, with the reason), never served as public.
 * Hardening: graphql-armor's depth, alias, token, directive and cost limits; a body size limit; a
 * statement timeout; a per-client rate limit; introspection off in production; errors masked (a
 * client sees its own mistakes, never a stack trace, SQL or a server error's message).
 */
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server'
import { unwrapResolverError } from '@apollo/server/errors'
import { ApolloArmor } from '@escape.tech/graphql-armor'
import { GraphQLError, type GraphQLFormattedError } from 'graphql'
import { createHash } from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type pg from 'pg'
import client from 'prom-client'
import { ROLES, type Role } from './entities'
import { CASE_FILE_FORMATS, CaseNotFound, isCaseFileFormat, loadCaseFile, renderCaseFile } from '../cases'
import { createResultCache } from './cache'
import { createEventHub } from './events'
import type { IndexerStatus } from './status'
import { PROJECT_ROOT, type JwtConfig } from '../config'
import { dashboardFiles } from './dashboard'
import { hashApiKey } from './keys'
import { createJwtVerifier, JwtRefused } from './tokens'
import { resolversFor, typeDefsFor, type ApiContext } from './schema'

/** The API's limits, one place: units in the names. */
export interface ApiConfig {
  /** Largest request body, bytes (default 1 MiB). */
  maxBodyBytes: number
  /** Longest SQL statement of a request, ms (default 5,000). */
  statementTimeoutMs: number
  /** Requests per second a client (API key, or address for the public) may make, sustained; bursts of twice that (default 50). */
  rateLimitPerSecond: number
  /** How often /events looks for a new analytics watermark while a stream is open, ms (default 1,000). */
  eventPollMs: number
  /** Aggregate and total results kept, per role and arguments, for the current data version (default 1,000; cache.ts). */
  cachedResults: number
  /** Whole responses kept for the public and analysts, per request, for the current data version; the largest kept, bytes (defaults 500, 128 KiB). */
  cachedResponses: number
  cachedResponseMaxBytes: number
  /** A cached result or response of an older data version is served while younger than this many times its computation (default 10; 0: recompute at every version). */
  cacheReuseFactor: number
  /** A cached response of an older version is served while the new one is computed if younger than this, ms (default 60,000; 0: wait for it). */
  cacheStaleLimitMs: number
  /** Introspection and field suggestions off (default: NODE_ENV === 'production'). */
  production: boolean
  /** graphql-armor: deepest selection, most aliases, most tokens, highest cost (defaults 8, 15, 2,000, 5,000). */
  maxDepth: number
  maxAliases: number
  maxTokens: number
  maxCost: number
}

export const API_DEFAULTS: ApiConfig = {
  maxBodyBytes: 1 << 20,
  statementTimeoutMs: 5_000,
  rateLimitPerSecond: 50,
  eventPollMs: 1_000,
  cachedResults: 1_000,
  cachedResponses: 500,
  cachedResponseMaxBytes: 128 << 10,
  cacheReuseFactor: 10,
  cacheStaleLimitMs: 60_000,
  production: process.env.NODE_ENV === 'production',
  maxDepth: 8,
  maxAliases: 15,
  maxTokens: 2_000,
  maxCost: 5_000,
}

export interface ApiServerOptions {
  /** Connections as the indexer's database user, which is a member of the API's database roles. */
  pool: pg.Pool
  /** Why the service is not ready (null: ready), for /ready: migrations applied, processor near the head. */
  readiness: () => Promise<string | null>
  config?: Partial<ApiConfig>
  /** The built dashboard served at `/` (default web/dist). */
  dashboardDir?: string
  /** JWT credentials beside API keys (tokens.ts); absent: a JWT is refused. */
  jwt?: JwtConfig | null
  /** The chain's head block, for /status (absent: /status reports only what the database knows). */
  chainHead?: () => Promise<number>
  log?: (line: string) => void
}

export interface ApiServer {
  readonly url: string
  close(): Promise<void>
}

/** A cache key's digest: the caches remember many keys seen once, and a key may hold a megabyte body. */
const digest = (key: string) => createHash('sha256').update(key).digest('base64')

/** What an executed GraphQL request answers. */
interface ExecutedRequest {
  status: number
  text: string
  type: string
  headers: Record<string, string>
}

const DB_ROLE: Record<Role, string> = { public: 'peerwatch_public', analyst: 'peerwatch_analyst', committee: 'peerwatch_committee' }

export async function startApiServer(opts: ApiServerOptions, port = 0, host = '127.0.0.1'): Promise<ApiServer> {
  const config = { ...API_DEFAULTS, ...opts.config }
  const log = opts.log ?? (() => {})
  // An idle connection that Postgres drops (a restart, an administrator) is an 'error' on the pool:
  // without a listener that would end the process. The pool has already discarded the connection.
  opts.pool.on('error', (err) => log(`api: idle database connection lost: ${err.message}`))
  const registry = new client.Registry()
  const requests = new client.Counter({ name: 'peerwatch_api_requests_total', help: 'API requests by route, role and HTTP status', labelNames: ['route', 'role', 'status'], registers: [registry] })
  const duration = new client.Histogram({ name: 'peerwatch_api_request_seconds', help: 'API request wall time', labelNames: ['route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry] })

  const armor = new ApolloArmor({
    maxDepth: { n: config.maxDepth },
    maxAliases: { n: config.maxAliases },
    maxTokens: { n: config.maxTokens },
    costLimit: { maxCost: config.maxCost },
    maxDirectives: { n: 10 },
    blockFieldSuggestion: { enabled: config.production },
  })
  const { plugins: armorPlugins, ...protection } = armor.protect()
  const servers = new Map<Role, ApolloServer<ApiContext>>()
  for (const role of ROLES) {
    const server = new ApolloServer<ApiContext>({
      typeDefs: typeDefsFor(role),
      resolvers: resolversFor(role) as never,
      introspection: !config.production,
      ...protection,
      plugins: armorPlugins,
      formatError: maskError,
      logger: { debug: () => {}, info: () => {}, warn: (m) => log(`api: ${m}`), error: (m) => log(`api: ${m}`) },
    })
    await server.start()
    servers.set(role, server)
  }

  // Results are computed inside a request's transaction, which ends only when they are: a request
  // waits for them (staleLimitMs 0). Whole responses are executed apart, so a request can be
  // answered with the previous one while the new one is.
  const results = createResultCache({ maxEntries: config.cachedResults, reuseFactor: config.cacheReuseFactor, staleLimitMs: 0 })
  const responses = createResultCache({ maxEntries: config.cachedResponses, reuseFactor: config.cacheReuseFactor, staleLimitMs: config.cacheStaleLimitMs })
  new client.Gauge({
    name: 'peerwatch_api_cache_reads',
    help: 'Reads through the API caches since start (responses: whole responses; results: aggregates and totals), by answer: hit, stale (an older version while the new one was computed) or miss',
    labelNames: ['cache', 'outcome'],
    registers: [registry],
    collect() {
      for (const [cache, c] of [['responses', responses], ['results', results]] as const) for (const [outcome, n] of Object.entries(c.stats)) this.set({ cache, outcome: outcome.replace(/e?s$/, '') }, n)
    },
  })
  const dashboard = dashboardFiles(opts.dashboardDir ?? path.join(PROJECT_ROOT, 'web/dist'))
  const events = createEventHub(opts.pool, { pollMs: config.eventPollMs, log })
  const buckets = new Map<string, { tokens: number; at: number }>()
  const allow = (client: string) => {
    const now = performance.now() / 1000
    // A client idle long enough to have a full bucket again needs no entry: forget those now and then.
    if (buckets.size > 10_000) for (const [k, v] of buckets) if ((now - v.at) * config.rateLimitPerSecond >= config.rateLimitPerSecond * 2) buckets.delete(k)
    const b = buckets.get(client) ?? { tokens: config.rateLimitPerSecond * 2, at: now }
    b.tokens = Math.min(config.rateLimitPerSecond * 2, b.tokens + (now - b.at) * config.rateLimitPerSecond)
    b.at = now
    buckets.set(client, b)
    if (b.tokens < 1) return false
    b.tokens--
    return true
  }

  const verifyJwt = opts.jwt ? createJwtVerifier(opts.jwt) : null
  /** Who is asking: the public, a key's or token's holder, or refused with the reason (malformed, unknown, revoked, expired). */
  const callerOf = async (req: http.IncomingMessage): Promise<{ role: Role; actor: string | null } | { refused: string }> => {
    const auth = req.headers.authorization
    if (!auth) return { role: 'public', actor: null }
    const credential = /^Bearer\s+(\S+)$/.exec(auth)?.[1]
    if (!credential) return { refused: 'Authorization: Bearer <API key or JWT> expected' }
    if (!credential.startsWith('pw_') && credential.split('.').length === 3) {
      if (!verifyJwt) return { refused: 'this API accepts no JWTs (no verification key configured); use an API key' }
      return verifyJwt(credential).catch((err: unknown) => {
        if (err instanceof JwtRefused) return { refused: err.message }
        throw err
      })
    }
    const { rows } = await opts.pool.query<{ id: string; name: string; role: Role }>('SELECT id, name, role FROM api.key_of($1)', [hashApiKey(credential)])
    const key = rows[0]
    return key ? { role: key.role, actor: `${key.name} (key ${key.id})` } : { refused: 'unknown or revoked API key' }
  }

  const server = http.createServer((req, res) => {
    const started = performance.now()
    const route = (req.url ?? '/').split('?')[0]!
    let role: Role | 'none' = 'none'
    const send = (status: number, body: string | Buffer, type = 'application/json', headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers })
      res.end(body)
      requests.inc({ route: knownRoute(route), role, status })
      duration.observe({ route: knownRoute(route) }, (performance.now() - started) / 1000)
    }
    const handle = async () => {
      if (route === '/health') return send(200, JSON.stringify({ status: 'ok' }))
      if (route === '/ready') {
        const reason = await opts.readiness().catch((err: unknown) => `readiness check failed: ${err instanceof Error ? err.message : String(err)}`)
        return send(reason ? 503 : 200, JSON.stringify(reason ? { status: 'not ready', reason } : { status: 'ready' }))
      }
      if (route === '/metrics') return send(200, await registry.metrics(), registry.contentType)
      if (route === '/status') return send(200, JSON.stringify(await indexerStatus(opts.pool, opts.chainHead)))
      const exportOf = /^\/cases\/([^/]+)\/export$/.exec(route)
      if (route !== '/graphql' && route !== '/events' && route !== '/whoami' && !exportOf) {
        const file = dashboard(route)
        return send(file.status, file.body, file.type, file.headers)
      }
      const caller = await callerOf(req)
      if ('refused' in caller) return send(401, JSON.stringify({ errors: [{ message: caller.refused }] }), 'application/json', { 'www-authenticate': 'Bearer' })
      role = caller.role
      if (!allow(req.headers.authorization ?? req.socket.remoteAddress ?? '?')) return send(429, JSON.stringify({ errors: [{ message: 'rate limit exceeded' }] }), 'application/json', { 'retry-after': '1' })
      if (route === '/whoami') return send(200, JSON.stringify({ role: caller.role, actor: caller.actor }))
      if (exportOf) {
        if (caller.role !== 'committee') return send(403, JSON.stringify({ errors: [{ message: 'case files are for the committee' }] }))
        const format = new URL(req.url ?? '/', 'http://x').searchParams.get('format') ?? 'md'
        if (!isCaseFileFormat(format)) return send(400, JSON.stringify({ errors: [{ message: `format: ${CASE_FILE_FORMATS.join(', ')}` }] }))
        let id: string
        try {
          id = decodeURIComponent(exportOf[1]!)
        } catch {
          return send(400, JSON.stringify({ errors: [{ message: 'case id: malformed percent-encoding' }] }))
        }
        const c = await opts.pool.connect()
        try {
          const file = await loadCaseFile(c, id)
          const name = `${id.replace(/[^\w.-]/g, '_')}.${format}`
          const rendered = await renderCaseFile(file, format)
          return send(200, rendered.body, rendered.type, { 'content-disposition': `attachment; filename="${name}"` })
        } catch (err) {
          if (err instanceof CaseNotFound) return send(404, JSON.stringify({ errors: [{ message: err.message }] }))
          throw err
        } finally {
          c.release()
        }
      }
      if (route === '/events') {
        if (caller.role === 'public') return send(403, JSON.stringify({ errors: [{ message: 'live analytics changes are for analysts and the committee' }] }))
        requests.inc({ route, role, status: 200 })
        return events.serve(req, res)
      }
      const body = await readBody(req, config.maxBodyBytes)
      if (body === null) return send(413, JSON.stringify({ errors: [{ message: `request body over ${config.maxBodyBytes} bytes` }] }))
      const r = await respond(servers.get(caller.role)!, caller, req, body)
      send(r.status, r.text, r.type, r.headers)
    }
    handle().catch((err: unknown) => {
      // The client went away mid-request (Node's 'aborted', ECONNRESET): nobody to answer, nothing wrong here.
      if (res.headersSent || (err as NodeJS.ErrnoException).code === 'ECONNRESET') return
      if (err instanceof BadRequest) return send(400, JSON.stringify({ errors: [{ message: err.message }] }))
      log(`api: ${err instanceof Error ? err.message : String(err)}`)
      send(500, JSON.stringify({ errors: [{ message: 'internal error' }] }))
    })
  })

  /**
   * The data version (api.data_version()): requests that arrive while a read of it is under way
   * share that read, so under load there is one version query per round trip rather than one per
   * request, each taking a pooled connection. A request's version is thus read at most one round
   * trip before it arrived, no staler than the separate statements of a read-committed request.
   */
  let versionRead: Promise<string> | null = null
  const dataVersion = () =>
    (versionRead ??= opts.pool.query<{ v: string }>('SELECT api.data_version() AS v').then(
      ({ rows }) => ((versionRead = null), rows[0]!.v),
      (err: unknown) => {
        versionRead = null
        throw err
      },
    ))

  /**
   * One GraphQL request. The public's and analysts' responses are served again while the data
   * version is unchanged (cache.ts): identical dashboard queries cost one execution per processor
   * commit. The committee's are always executed: its own writes must show at once.
   */
  const respond = async (apollo: ApolloServer<ApiContext>, caller: { role: Role; actor: string | null }, req: http.IncomingMessage, body: string): Promise<ExecutedRequest> => {
    const version = await dataVersion()
    if (caller.role === 'committee') return execute(apollo, caller, req, body, version)
    const key = digest([caller.role, req.method, req.url, req.headers.accept, req.headers['content-type'], body].join('\u0000'))
    return responses.get(key, version, () => execute(apollo, caller, req, body, version), (r) => r.status === 200 && !r.text.startsWith('{"errors"') && r.text.length <= config.cachedResponseMaxBytes)
  }

  /**
   * Executes a GraphQL request: its SQL in one transaction under the role's database role, read-only
   * unless a mutation opened it (a mutation's root fields run before anything else reads).
   */
  const execute = async (apollo: ApolloServer<ApiContext>, { role, actor }: { role: Role; actor: string | null }, req: http.IncomingMessage, body: string, version: string): Promise<ExecutedRequest> => {
    let connection: Promise<pg.PoolClient> | null = null
    let writing = false
    const connect = async () => {
      const c = await opts.pool.connect()
      try {
        // One round trip: the simple protocol runs these in order. No parallel workers: one costly
        // aggregate would take every core from the requests around it (a million-review histogram
        // stalled all other requests for its ~1.5 s on two cores); alone, it takes one. work_mem
        // keeps a histogram's million values in memory instead of a temporary file.
        await c.query(
          `${writing ? 'BEGIN' : 'BEGIN READ ONLY'}; SET LOCAL ROLE ${DB_ROLE[role]}; SET LOCAL statement_timeout = ${Math.round(config.statementTimeoutMs)}; ` +
            `SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL work_mem = '32MB'`,
        )
      } catch (err) {
        c.release(true)
        throw err
      }
      return c
    }
    // Resolvers of one request run side by side, and its statements share one connection: they go
    // one after another (a connection runs one at a time anyway, and pg deprecates queueing for us).
    let previous: Promise<unknown> = Promise.resolve()
    const run = async <T>(text: string, values: readonly unknown[]): Promise<T[]> => {
      const client = (connection ??= connect())
      const turn = previous.then(async () => (await client).query(text, values as unknown[]))
      previous = turn.catch(() => {})
      try {
        return (await turn).rows as T[]
      } catch (err) {
        // Postgres cancelled it at the statement timeout: the client asked for too much, and may narrow it.
        if ((err as { code?: string }).code === '57014') throw new GraphQLError(`the query took longer than ${config.statementTimeoutMs} ms; narrow it (filters, smaller pages)`, { extensions: { code: 'QUERY_TIMEOUT' } })
        throw err
      }
    }
    const context: ApiContext = {
      role,
      actor,
      query: run,
      cached: (key, compute) => results.get(digest(`${role}\u0000${key}`), version, compute),
      write: async (text, values) => {
        if (connection && !writing) throw new Error('a write after a read in one request')
        writing = true
        return run(text, values)
      },
    }
    const headers = new HeaderMap()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method ?? 'GET',
      headers,
      search: (req.url ?? '').includes('?') ? req.url!.slice(req.url!.indexOf('?')) : '',
      body: parseBody(body, headers.get('content-type')),
    }
    try {
      const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context })
      const out: Record<string, string> = {}
      for (const [k, v] of response.headers) out[k] = v
      let text = ''
      if (response.body.kind === 'complete') text = response.body.string
      else for await (const chunk of response.body.asyncIterator) text += chunk
      const type = out['content-type'] ?? 'application/json'
      return { status: statusOf(response.status ?? 200, type, text), text, type, headers: out }
    } finally {
      const opened = connection as Promise<pg.PoolClient> | null // set by a resolver, if any ran SQL
      if (opened) {
        const c = await opened.catch(() => null)
        // Each write is one function call that succeeded or raised: what succeeded is kept.
        if (c) await c.query(writing ? 'COMMIT' : 'ROLLBACK').then(() => c.release(), (err: Error) => c.release(err))
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://${host}:${bound}`,
    async close() {
      events.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      for (const s of servers.values()) await s.stop()
    },
  }
}

/** Error codes of a well-formed request whose document or variables fail (a malformed request stays 400). */
const CLIENT_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'])

/**
 * The status of a GraphQL response. A failure on the client's document or variables alone gets what
 * GraphQL over HTTP asks: 400 in application/graphql-response+json, 200 in the legacy
 * application/json. Apollo answers 400 to variables it cannot coerce whatever the media type, and
 * 500 when a validation plugin (graphql-armor's token limit, which parses first) refuses a
 * document that does not parse.
 */
function statusOf(status: number, contentType: string, body: string): number {
  if (status !== 500 && status !== 400) return status
  try {
    const { data, errors } = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] }
    if (data !== undefined || !errors?.length || !errors.every((e) => CLIENT_ERRORS.has(String(e.extensions?.code)))) return status
  } catch {
    return status
  }
  return contentType.startsWith('application/graphql-response+json') ? 400 : 200
}

const ROUTES = new Set(['/graphql', '/events', '/whoami', '/health', '/ready', '/metrics', '/status'])
const knownRoute = (route: string) => (ROUTES.has(route) ? route : 'other')

/** The body, or null when it is over `max` bytes. */
async function readBody(req: http.IncomingMessage, max: number): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > max) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A JSON body parsed (Apollo reads an object); anything else handed on as text for Apollo to refuse. */
function parseBody(body: string, contentType: string | undefined): unknown {
  if (!body) return undefined
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(body)
    } catch {
      throw new BadRequest('request body is not valid JSON')
    }
  }
  return body
}

class BadRequest extends Error {}

/**
 * Whether an error is a GraphQLError or of a subclass (Apollo's ValidationError, SyntaxError, ...):
 * by class name, because a test runner may load graphql's ES build beside the CommonJS one Apollo
 * uses, and instanceof then fails across the two.
 */
function isGraphQLError(error: unknown): boolean {
  for (let proto = error instanceof Error ? Object.getPrototypeOf(error) : null; proto; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === 'GraphQLError') return true
  }
  return false
}

/**
 * What a client sees of an error: its own mistakes (syntax, validation, bad arguments, limits) as
 * they are; anything from the server as "internal error", without a message, path to code or SQL.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (!isGraphQLError(unwrapResolverError(error))) {
    return { message: 'internal error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } }
  }
  const { stacktrace: _, ...extensions } = formatted.extensions ?? {}
  // graphql-js's own refusals at execution (a mutation to a schema without mutations) are the client's.
  if (extensions.code === 'INTERNAL_SERVER_ERROR') extensions.code = 'BAD_REQUEST'
  return { ...formatted, extensions }
}

/**
 * Read apart from the GraphQL caches on purpose: the chain head moves when nothing indexed does, and a
 * stalled processor (the moment lag matters) changes no data version.
 */
async function indexerStatus(pool: pg.Pool, chainHead?: () => Promise<number>): Promise<IndexerStatus> {
  const [head, { rows }, hot] = await Promise.all([
    chainHead ? chainHead().catch(() => null) : Promise.resolve(null),
    pool.query<{ finalized: number; block: number | null; at: Date | null }>(
      `SELECT api.finalized_height() AS finalized, a.block, a.block_timestamp AS at FROM (SELECT 1) one LEFT JOIN analytics_state a ON a.id = 'analytics'`,
    ),
    // Hot blocks: Subsquid's table for the unfinalized ones, absent before the processor first ran.
    pool.query<{ h: number | null }>('SELECT max(height) AS h FROM squid_processor.hot_block').then(
      (r) => r.rows[0]!.h,
      (err: { code?: string }) => {
        if (err.code === '42P01' || err.code === '3F000') return null
        throw err
      },
    ),
  ])
  const r = rows[0]!
  const finalized = r.finalized >= 0 ? r.finalized : null
  const indexed = hot !== null && (finalized === null || hot > finalized) ? hot : finalized
  return {
    chainHead: head,
    indexedHeight: indexed,
    finalizedHeight: finalized,
    lagBlocks: head !== null && indexed !== null ? Math.max(0, head - indexed) : null,
    analyticsBlock: r.block,
    analyticsAt: r.at ? r.at.toISOString() : null,
  }
}

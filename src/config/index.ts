/**
 * peerwatch's configuration: one typed object per concern, read from environment variables.
 * Every variable is documented here with its unit and default; the README lists the same table.
 * A malformed value, or an unknown variable with the PEERWATCH_ prefix (a typo), is an error that
 * names the variable, so a misspelt setting never silently falls back to a default.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

export const PROJECT_ROOT = path.resolve(__dirname, '../..')

const port = z.coerce.number().int().min(1).max(65535)
const positiveNumber = z.coerce.number().positive()
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

/** Every variable peerwatch reads, its schema, default and meaning. */
export const VARIABLES = {
  PEERWATCH_DATA_DIR: {
    schema: z.string().min(1),
    default: '.peerwatch',
    doc: 'Folder for local state (devnet chain state, deployment file), relative to the project root.',
  },
  PEERWATCH_ANVIL_PORT: {
    schema: port.optional(),
    default: undefined,
    doc: 'Loopback port for the devnet anvil. Default: a free port chosen at start.',
  },
  PEERWATCH_RPC_URL: {
    schema: z.url().optional(),
    default: undefined,
    doc: 'An existing chain to use instead of starting the devnet (its deployment file must exist).',
  },
  PEERWATCH_DEPLOYMENT_FILE: {
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'Deployment file (chain id, RPC URL, addresses, start block). Default: <data dir>/devnet/deployment.json.',
  },
  PEERWATCH_EPOCH_SECONDS: {
    schema: z.coerce.number().int().min(60),
    default: '86400',
    doc: 'Length of a compute-staking heartbeat epoch in chain seconds, fixed at deployment.',
  },
  PEERWATCH_SCENARIO: {
    schema: z.string().min(1),
    default: 'scenarios/default.json',
    doc: 'Scenario that `npm start` runs live, relative to the project root.',
  },
  PEERWATCH_LIVE_TPS: {
    schema: positiveNumber,
    default: '20',
    doc: 'Transactions per second the live simulation sends (wall clock).',
  },
  PEERWATCH_PG_PORT: {
    schema: port.optional(),
    default: undefined,
    doc: 'Loopback port of the embedded Postgres. Default: a free port chosen at start.',
  },
  PEERWATCH_DB_NAME: {
    schema: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier'),
    default: 'peerwatch',
    doc: 'Database name in the embedded Postgres.',
  },
  PEERWATCH_FINALITY_CONFIRMATIONS: {
    schema: z.coerce.number().int().min(0).max(10_000),
    default: '10',
    doc: 'Blocks below the head before a block counts as final (analytics read only final blocks).',
  },
  PEERWATCH_HEAD_POLL_MS: {
    schema: z.coerce.number().int().min(10).max(60_000),
    default: '250',
    doc: 'How often the processor asks the chain for a new head, milliseconds.',
  },
  PEERWATCH_RPC_RATE_LIMIT: {
    schema: z.coerce.number().int().min(1).optional(),
    default: undefined,
    doc: 'RPC requests per second the processor may send. Default: unlimited (a local chain).',
  },
  PEERWATCH_RPC_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(100).max(600_000),
    default: '10000',
    doc: 'How long the processor waits for one RPC answer before it retries the request, milliseconds.',
  },
  PEERWATCH_COLD_SPLIT_BLOCKS: {
    schema: z.coerce.number().int().min(1).max(10_000),
    default: '500',
    doc: 'Finalized blocks fetched and written per batch while catching up (Subsquid fixes 10).',
  },
  PEERWATCH_ENTITY_CACHE: {
    schema: z.coerce.number().int().min(0).max(100_000_000),
    default: '200000',
    doc: 'Entities of final blocks the processor keeps in memory between batches (0: none); fewer reads from Postgres.',
  },
  PEERWATCH_METRICS_PORT: {
    schema: z.coerce.number().int().min(0).max(65535),
    default: '0',
    doc: 'Loopback port of the processor\'s Prometheus /metrics. 0: a free port, logged at start.',
  },
  PEERWATCH_ANALYTICS_POLL_MS: {
    schema: z.coerce.number().int().min(100).max(3_600_000),
    default: '5000',
    doc: 'Longest wait between analytics runs, milliseconds (npm start also runs them after each indexed batch).',
  },
  PEERWATCH_API_PORT: {
    schema: z.coerce.number().int().min(0).max(65535),
    default: '4350',
    doc: 'Port of the GraphQL API (/graphql, /health, /ready, /metrics). 0: a free port, logged at start.',
  },
  PEERWATCH_API_HOST: {
    schema: z.string().min(1),
    default: '127.0.0.1',
    doc: 'Address the API listens on (0.0.0.0 to serve other machines).',
  },
  PEERWATCH_API_READY_LAG_BLOCKS: {
    schema: z.coerce.number().int().min(0),
    default: '50',
    doc: 'The API reports ready (/ready) once the processor is within this many blocks of the chain head.',
  },
  PEERWATCH_API_JWT_SECRET: {
    schema: z.string().min(32, 'at least 32 characters (HS256 needs 256 bits)').optional(),
    default: undefined,
    doc: 'Shared secret the API verifies HS256 JWTs with (and `peerwatch api-jwt` signs them with). Unset, with no public key: JWTs are refused, API keys still work.',
  },
  PEERWATCH_API_JWT_PUBLIC_KEY_FILE: {
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'PEM public key (SPKI) the API verifies RS256, ES256 or EdDSA JWTs with, for tokens from your own identity service. Takes precedence over the secret.',
  },
  PEERWATCH_API_JWT_ISSUER: {
    schema: z.string().min(1),
    default: 'peerwatch',
    doc: 'The `iss` a JWT must carry.',
  },
  PEERWATCH_API_JWT_AUDIENCE: {
    schema: z.string().min(1),
    default: 'peerwatch-api',
    doc: 'The `aud` a JWT must carry.',
  },
  PEERWATCH_LOG_LEVEL: {
    schema: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
    default: 'info',
    doc: 'Level of the JSON logs (src/log.ts reads it when a logger is created).',
  },
  PEERWATCH_PROGRESS: {
    schema: bool.optional(),
    default: undefined,
    doc: 'Draw progress bars (true/false). Default: only when standard error is a terminal.',
  },
} as const

type Variables = typeof VARIABLES
export type VariableName = keyof Variables
type Parsed = { [K in VariableName]: z.output<Variables[K]['schema']> }

export class ConfigError extends Error {
  override name = 'ConfigError'
}

function parseVariables(env: NodeJS.ProcessEnv): Parsed {
  const problems: string[] = []
  const known = new Set(Object.keys(VARIABLES))
  for (const name of Object.keys(env)) {
    if (name.startsWith('PEERWATCH_') && !known.has(name)) {
      problems.push(`${name}: unknown variable (known: ${[...known].join(', ')})`)
    }
  }
  const out: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(VARIABLES) as [VariableName, Variables[VariableName]][]) {
    // An empty value means "not set": the default applies.
    const raw = env[name] === '' || env[name] === undefined ? spec.default : env[name]
    const result = spec.schema.safeParse(raw)
    if (result.success) out[name] = result.data
    else problems.push(`${name}=${JSON.stringify(env[name])}: ${result.error.issues.map((i) => i.message).join('; ')}`)
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`)
  return out as Parsed
}

export interface DevnetConfig {
  /** Loopback port for anvil; undefined picks a free one. */
  port: number | undefined
  /** anvil --state file: the chain survives restarts with the same block hashes. */
  stateFile: string
  /** Where the deployment (chain id, RPC URL, addresses, start block) is written and read. */
  deploymentFile: string
  /** Heartbeat epoch length of the compute-staking contract, in seconds. */
  epochSeconds: number
}

export interface ChainConfig {
  /** An external RPC URL; undefined means the local devnet. */
  rpcUrl: string | undefined
  deploymentFile: string
}

export interface DatabaseConfig {
  /** DATABASE_URL or DB_* given: use that server; undefined: the embedded one. */
  external: import('../db/postgres').DbEnv | undefined
  /** Data folder of the embedded Postgres (kept between runs). */
  dataDir: string
  embeddedPort: number | undefined
  name: string
}

export interface ProcessorConfig {
  /** Blocks below the chain head before a block is final; rollbacks deeper than this stop the processor. */
  finalityConfirmations: number
  /** Head poll interval, milliseconds (the default 5 s of Subsquid is slow for a local chain). */
  headPollMs: number
  /** RPC requests per second; undefined: unlimited. */
  rpcRateLimit: number | undefined
  /** Milliseconds to wait for one RPC answer before the request is retried. */
  rpcTimeoutMs: number
  /** Finalized blocks per batch while catching up. */
  coldSplitBlocks: number
  /** Entities of final blocks kept in memory between batches (least recently used dropped first). */
  entityCacheSize: number
  /** Port of /metrics on 127.0.0.1; 0 picks a free one. */
  metricsPort: number
}

export interface SimulationConfig {
  /** Scenario that `start` runs live, absolute path. */
  scenarioFile: string
  /** Live mode send rate, transactions per wall-clock second. */
  liveTransactionsPerSecond: number
  /** Progress bars on (true), off (false), or when stderr is a TTY (undefined). */
  progress: boolean | undefined
}

export interface AnalyticsConfig {
  /** Longest wait between two runs, milliseconds; a batch reported by the processor starts one sooner. */
  pollMs: number
}

export interface ApiListenConfig {
  /** Port of the GraphQL API; 0 picks a free one. */
  port: number
  host: string
  /** /ready once the processor is within this many blocks of the chain head. */
  readyLagBlocks: number
  /** JWT credentials (src/api/tokens.ts); null: only API keys. */
  jwt: JwtConfig | null
}

export interface JwtConfig {
  /** HS256 shared secret. */
  secret?: string
  /** PEM public key for RS256, ES256 or EdDSA (read from PEERWATCH_API_JWT_PUBLIC_KEY_FILE). */
  publicKey?: string
  issuer: string
  audience: string
}

export interface Config {
  dataDir: string
  devnet: DevnetConfig
  chain: ChainConfig
  database: DatabaseConfig
  processor: ProcessorConfig
  analytics: AnalyticsConfig
  api: ApiListenConfig
  simulation: SimulationConfig
}

/** A PEM public key file, named in the error when it cannot be read or is not a public key. */
function readKeyFile(file: string): string {
  let pem: string
  try {
    pem = fs.readFileSync(file, 'utf8')
  } catch (err) {
    throw new ConfigError(`invalid configuration:\n  PEERWATCH_API_JWT_PUBLIC_KEY_FILE: ${(err as Error).message}`)
  }
  if (!pem.includes('-----BEGIN PUBLIC KEY-----')) throw new ConfigError(`invalid configuration:\n  PEERWATCH_API_JWT_PUBLIC_KEY_FILE: ${file} holds no PEM public key (-----BEGIN PUBLIC KEY-----)`)
  return pem
}

/** An existing Postgres: DATABASE_URL, or Subsquid's DB_URL / DB_HOST ... DB_PASS. */
function externalDatabase(env: NodeJS.ProcessEnv): DatabaseConfig['external'] {
  const url = env.DATABASE_URL || env.DB_URL
  if (url) {
    try {
      const parsed = new URL(url)
      if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('not a postgres:// URL')
    } catch (err) {
      throw new ConfigError(`invalid configuration:\n  ${env.DATABASE_URL ? 'DATABASE_URL' : 'DB_URL'}: ${(err as Error).message}`)
    }
    return { DB_URL: url, DB_HOST: undefined, DB_PORT: undefined, DB_NAME: undefined, DB_USER: undefined, DB_PASS: undefined }
  }
  if (!env.DB_HOST && !env.DB_PORT && !env.DB_NAME) return undefined
  if (env.DB_PORT && !/^\d+$/.test(env.DB_PORT)) throw new ConfigError(`invalid configuration:\n  DB_PORT=${JSON.stringify(env.DB_PORT)}: not a port number`)
  return { DB_URL: undefined, DB_HOST: env.DB_HOST, DB_PORT: env.DB_PORT, DB_NAME: env.DB_NAME, DB_USER: env.DB_USER, DB_PASS: env.DB_PASS }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const v = parseVariables(env)
  const dataDir = path.resolve(PROJECT_ROOT, v.PEERWATCH_DATA_DIR)
  const deploymentFile = path.resolve(PROJECT_ROOT, v.PEERWATCH_DEPLOYMENT_FILE ?? path.join(dataDir, 'devnet/deployment.json'))
  return {
    dataDir,
    devnet: {
      port: v.PEERWATCH_ANVIL_PORT,
      stateFile: path.join(dataDir, 'devnet/anvil-state.json'),
      deploymentFile,
      epochSeconds: v.PEERWATCH_EPOCH_SECONDS,
    },
    chain: { rpcUrl: v.PEERWATCH_RPC_URL, deploymentFile },
    database: {
      external: externalDatabase(env),
      dataDir: path.join(dataDir, 'postgres'),
      embeddedPort: v.PEERWATCH_PG_PORT,
      name: v.PEERWATCH_DB_NAME,
    },
    processor: {
      finalityConfirmations: v.PEERWATCH_FINALITY_CONFIRMATIONS,
      headPollMs: v.PEERWATCH_HEAD_POLL_MS,
      rpcRateLimit: v.PEERWATCH_RPC_RATE_LIMIT,
      rpcTimeoutMs: v.PEERWATCH_RPC_TIMEOUT_MS,
      coldSplitBlocks: v.PEERWATCH_COLD_SPLIT_BLOCKS,
      entityCacheSize: v.PEERWATCH_ENTITY_CACHE,
      metricsPort: v.PEERWATCH_METRICS_PORT,
    },
    analytics: { pollMs: v.PEERWATCH_ANALYTICS_POLL_MS },
    api: {
      port: v.PEERWATCH_API_PORT,
      host: v.PEERWATCH_API_HOST,
      readyLagBlocks: v.PEERWATCH_API_READY_LAG_BLOCKS,
      jwt:
        v.PEERWATCH_API_JWT_SECRET || v.PEERWATCH_API_JWT_PUBLIC_KEY_FILE
          ? {
              secret: v.PEERWATCH_API_JWT_SECRET,
              publicKey: v.PEERWATCH_API_JWT_PUBLIC_KEY_FILE ? readKeyFile(path.resolve(PROJECT_ROOT, v.PEERWATCH_API_JWT_PUBLIC_KEY_FILE)) : undefined,
              issuer: v.PEERWATCH_API_JWT_ISSUER,
              audience: v.PEERWATCH_API_JWT_AUDIENCE,
            }
          : null,
    },
    simulation: {
      scenarioFile: path.resolve(PROJECT_ROOT, v.PEERWATCH_SCENARIO),
      liveTransactionsPerSecond: v.PEERWATCH_LIVE_TPS,
      progress: v.PEERWATCH_PROGRESS,
    },
  }
}

/**
 * The analytics stage as the CLI uses it: a runner on its own Postgres connection, with the chain
 * clock of the deployment it analyses.
 */
import pg from 'pg'
import { createRpcClient } from '../src/chain/rpc'
import { pgClientConfig, type DbEnv } from '../src/db/postgres'
import type { Deployment } from '../src/devnet/deployment'
import { createChainClock, type ChainClock } from './clock'
import type { DetectorConfig } from './config'
import { createAnalyticsRunner, type AnalyticsRunner } from './runner'

export interface Analytics {
  runner: AnalyticsRunner
  clock: ChainClock
  close(): Promise<void>
}

export async function openAnalytics(opts: { db: DbEnv; deployment: Pick<Deployment, 'contracts'>; rpcUrl: string; detectors?: DetectorConfig }): Promise<Analytics> {
  const clock = await createChainClock(createRpcClient(opts.rpcUrl), opts.deployment.contracts.ComputeStaking)
  const db = pgClientConfig(opts.db)
  const sql = new pg.Client({ ...db, application_name: 'peerwatch-analytics' })
  await sql.connect()
  // A dropped connection is reported by the next query; without a listener it would crash the process.
  sql.on('error', () => {})
  return { runner: createAnalyticsRunner({ sql, clock, detectors: opts.detectors, textsDb: db }), clock, close: () => sql.end() }
}

export type { RunReport } from './runner'

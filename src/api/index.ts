/**
 * The API as the rest of peerwatch starts it: a pool on the indexer's database, readiness from the
 * processor's progress against the chain head, and the server (server.ts).
 */
import pg from 'pg'
import { createRpcClient } from '../chain/rpc'
import type { ApiListenConfig } from '../config'
import { pgClientConfig, type DbEnv } from '../db/postgres'
import { startApiServer, type ApiConfig, type ApiServer } from './server'

export { createApiKey, revokeApiKey } from './keys'
export type { ApiServer } from './server'

export interface OpenApiOptions {
  db: DbEnv
  /** The chain the processor indexes, for /ready. */
  rpcUrl: string
  listen: ApiListenConfig
  /** Blocks below the head the processor treats as not final. */
  finalityConfirmations: number
  config?: Partial<ApiConfig>
  log?: (line: string) => void
}

export async function openApi(opts: OpenApiOptions): Promise<ApiServer & { pool: pg.Pool }> {
  const pool = new pg.Pool({ ...pgClientConfig(opts.db), max: 20, application_name: 'peerwatch-api' })
  const rpc = createRpcClient(opts.rpcUrl)
  const chainHead = () => rpc.call<string>('eth_blockNumber').then(Number)
  /** Not ready until the migrations made the API's views and the processor is near the chain head. */
  const readiness = async (): Promise<string | null> => {
    const { rows } = await pool.query<{ migrated: boolean }>(`SELECT to_regclass('api.public_review') IS NOT NULL AS migrated`)
    if (!rows[0]?.migrated) return 'migrations not applied yet'
    const [{ rows: status }, head] = await Promise.all([pool.query<{ height: number }>('SELECT api.finalized_height() AS height'), chainHead()])
    const behind = head - opts.finalityConfirmations - (status[0]?.height ?? -1)
    return behind > opts.listen.readyLagBlocks ? `processor ${behind} blocks behind the chain's final head (ready within ${opts.listen.readyLagBlocks})` : null
  }
  const server = await startApiServer({ pool, readiness, chainHead, config: opts.config, jwt: opts.listen.jwt, log: opts.log }, opts.listen.port, opts.listen.host).catch(async (err) => {
    await pool.end()
    throw err
  })
  return {
    url: server.url,
    pool,
    async close() {
      await server.close()
      await pool.end()
    },
  }
}

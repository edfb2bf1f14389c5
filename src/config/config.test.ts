import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, PROJECT_ROOT, VARIABLES, loadConfig } from '.'

/** The ConfigError message for `env`, failing the test if it loads. */
function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error('expected the configuration to be rejected')
}

describe('loadConfig', () => {
  it('uses the project root two levels above src/config', () => {
    expect(PROJECT_ROOT).toBe(path.resolve(__dirname, '../..'))
  })

  it('applies every default when no variable is set', () => {
    const dataDir = path.join(PROJECT_ROOT, '.peerwatch')
    expect(loadConfig({})).toEqual({
      dataDir,
      devnet: {
        port: undefined,
        stateFile: path.join(dataDir, 'devnet/anvil-state.json'),
        deploymentFile: path.join(dataDir, 'devnet/deployment.json'),
        epochSeconds: Number(VARIABLES.PEERWATCH_EPOCH_SECONDS.default),
      },
      chain: { rpcUrl: undefined, deploymentFile: path.join(dataDir, 'devnet/deployment.json') },
      database: { external: undefined, dataDir: path.join(dataDir, 'postgres'), embeddedPort: undefined, name: 'peerwatch' },
      processor: { finalityConfirmations: 10, headPollMs: 250, rpcRateLimit: undefined, rpcTimeoutMs: 10_000, coldSplitBlocks: 500, entityCacheSize: 200_000, metricsPort: 0 },
      analytics: { pollMs: 5_000 },
      api: { port: 4350, host: '127.0.0.1', readyLagBlocks: 50, jwt: null },
      simulation: {
        scenarioFile: path.join(PROJECT_ROOT, 'scenarios/default.json'),
        liveTransactionsPerSecond: 20,
        progress: undefined,
      },
    })
  })

  it('uses an existing Postgres when DATABASE_URL or DB_* name one, and rejects a malformed one by name', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/x' }).database.external?.DB_URL).toBe('postgres://u:p@db:5432/x')
    expect(loadConfig({ DB_HOST: 'db', DB_PORT: '5433' }).database.external).toMatchObject({ DB_HOST: 'db', DB_PORT: '5433' })
    expect(errorOf({ DATABASE_URL: 'mysql://x' })).toMatch(/DATABASE_URL: not a postgres:\/\/ URL/)
    expect(errorOf({ DB_PORT: 'five' })).toMatch(/DB_PORT="five": not a port number/)
  })

  it('ignores variables without the PEERWATCH_ prefix', () => {
    expect(loadConfig({ PATH: '/bin', ANVIL_PORT: 'abc', peerwatch_foo: '1' })).toEqual(loadConfig({}))
  })

  it('reads each variable with its type', () => {
    const config = loadConfig({
      PEERWATCH_ANVIL_PORT: '8545',
      PEERWATCH_RPC_URL: 'http://127.0.0.1:8545',
      PEERWATCH_EPOCH_SECONDS: '600',
      PEERWATCH_LIVE_TPS: '2.5',
      PEERWATCH_PROGRESS: 'false',
    })
    expect(config.devnet.port).toBe(8545)
    expect(config.chain.rpcUrl).toBe('http://127.0.0.1:8545')
    expect(config.devnet.epochSeconds).toBe(600)
    expect(config.simulation.liveTransactionsPerSecond).toBe(2.5)
    expect(config.simulation.progress).toBe(false)
    expect(loadConfig({ PEERWATCH_PROGRESS: '1' }).simulation.progress).toBe(true)
    expect(loadConfig({ PEERWATCH_PROGRESS: 'true' }).simulation.progress).toBe(true)
    expect(loadConfig({ PEERWATCH_PROGRESS: '0' }).simulation.progress).toBe(false)
  })

  it('rejects a port that is not a number, naming PEERWATCH_ANVIL_PORT', () => {
    const message = errorOf({ PEERWATCH_ANVIL_PORT: 'abc' })
    expect(message).toMatch(/^invalid configuration:\n {2}PEERWATCH_ANVIL_PORT="abc": /)
  })

  it('rejects out-of-range and malformed values, naming each variable', () => {
    expect(errorOf({ PEERWATCH_ANVIL_PORT: '70000' })).toContain('PEERWATCH_ANVIL_PORT="70000"')
    expect(errorOf({ PEERWATCH_ANVIL_PORT: '85.5' })).toContain('PEERWATCH_ANVIL_PORT="85.5"')
    expect(errorOf({ PEERWATCH_EPOCH_SECONDS: '59' })).toContain('PEERWATCH_EPOCH_SECONDS="59"')
    expect(errorOf({ PEERWATCH_LIVE_TPS: '0' })).toContain('PEERWATCH_LIVE_TPS="0"')
    expect(errorOf({ PEERWATCH_RPC_URL: 'not a url' })).toContain('PEERWATCH_RPC_URL="not a url"')
    expect(errorOf({ PEERWATCH_PROGRESS: 'yes' })).toContain('PEERWATCH_PROGRESS="yes"')
  })

  it('rejects an unknown PEERWATCH_ variable, naming it and listing the known ones', () => {
    const message = errorOf({ PEERWATCH_FOO: '1' })
    expect(message).toContain('PEERWATCH_FOO: unknown variable')
    expect(message).toContain('PEERWATCH_ANVIL_PORT')
  })

  it('reports every problem at once', () => {
    const lines = errorOf({ PEERWATCH_FOO: '1', PEERWATCH_ANVIL_PORT: 'abc', PEERWATCH_LIVE_TPS: '-1' }).split('\n').slice(1)
    expect(lines).toHaveLength(3)
    expect(lines.map((l) => l.trim().split(/[:=]/)[0]).sort()).toEqual(['PEERWATCH_ANVIL_PORT', 'PEERWATCH_FOO', 'PEERWATCH_LIVE_TPS'])
  })

  it('treats an empty value as unset, so the default applies', () => {
    const empty = {
      PEERWATCH_DATA_DIR: '',
      PEERWATCH_ANVIL_PORT: '',
      PEERWATCH_RPC_URL: '',
      PEERWATCH_DEPLOYMENT_FILE: '',
      PEERWATCH_EPOCH_SECONDS: '',
      PEERWATCH_SCENARIO: '',
      PEERWATCH_LIVE_TPS: '',
      PEERWATCH_PROGRESS: '',
    }
    expect(loadConfig(empty)).toEqual(loadConfig({}))
  })

  it('resolves relative paths against the project root and keeps absolute ones', () => {
    const config = loadConfig({
      PEERWATCH_DATA_DIR: 'tmp/state',
      PEERWATCH_SCENARIO: 'scenarios/other.json',
      PEERWATCH_DEPLOYMENT_FILE: 'deploy/out.json',
    })
    expect(config.dataDir).toBe(path.join(PROJECT_ROOT, 'tmp/state'))
    expect(config.devnet.stateFile).toBe(path.join(PROJECT_ROOT, 'tmp/state/devnet/anvil-state.json'))
    expect(config.simulation.scenarioFile).toBe(path.join(PROJECT_ROOT, 'scenarios/other.json'))
    expect(config.devnet.deploymentFile).toBe(path.join(PROJECT_ROOT, 'deploy/out.json'))
    expect(config.chain.deploymentFile).toBe(config.devnet.deploymentFile)

    const absolute = loadConfig({ PEERWATCH_DATA_DIR: '/var/peerwatch' })
    expect(absolute.dataDir).toBe('/var/peerwatch')
    expect(absolute.devnet.deploymentFile).toBe('/var/peerwatch/devnet/deployment.json')
  })
})

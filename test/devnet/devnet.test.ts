/**
 * The devnet keeps its chain between runs (anvil --state), deploys once, and keeps the deployment
 * file current; the live simulation resumes its season where the chain left off.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Hex } from 'viem'
import { loadConfig } from '../../src/config'
import { startDevnet, type Devnet } from '../../src/devnet'
import { readDeployment } from '../../src/devnet/deployment'
import { simulateLive } from '../../src/simulator'
import { parseScenario } from '../../src/simulator/scenario'
import { smallScenario } from '../support/simulation'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-devnet-'))
const config = loadConfig({ PEERWATCH_DATA_DIR: dataDir, PEERWATCH_EPOCH_SECONDS: '86400' })
const blockHash = async (d: Devnet, n: number) => (await d.anvil.rpc.call<{ hash: Hex }>('eth_getBlockByNumber', [`0x${n.toString(16)}`, false])).hash
const head = async (d: Devnet) => Number(await d.anvil.rpc.call<string>('eth_blockNumber'))

describe('the devnet across restarts', () => {
  const running: Devnet[] = []
  afterAll(async () => {
    await Promise.all(running.map((d) => d.stop()))
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('deploys on a fresh chain, then restores chain and deployment with the same block hashes', async () => {
    const first = await startDevnet(config.devnet)
    running.push(first)
    expect(first.deployedNow).toBe(true)
    const written = readDeployment(config.devnet.deploymentFile)
    expect(written.contracts).toEqual(first.deployment.contracts)
    expect(written.rpcUrl).toBe(first.anvil.url)
    const headBefore = await head(first)
    const hashBefore = await blockHash(first, headBefore)
    await first.stop()

    const second = await startDevnet(config.devnet)
    running.push(second)
    expect(second.deployedNow).toBe(false)
    expect(second.deployment.contracts).toEqual(first.deployment.contracts)
    expect(await head(second)).toBe(headBefore)
    expect(await blockHash(second, headBefore)).toBe(hashBefore)
    expect(readDeployment(config.devnet.deploymentFile).rpcUrl).toBe(second.anvil.url)
    await second.stop()
  })

  it('resumes a live season after a stop, without repeating or skipping a transaction', async () => {
    const scenario = parseScenario(smallScenario(), process.cwd())
    const stateDir = path.join(dataDir, 'simulation')
    const sent: string[] = []
    const runFor = async (count: number) => {
      const devnet = await startDevnet(config.devnet)
      running.push(devnet)
      const stop = new AbortController()
      await simulateLive(devnet.sender, devnet.deployment, scenario, {
        stateDir,
        signal: stop.signal,
        onAction: (i, action) => {
          sent.push(`${i}:${action.kind}:${action.t}`)
          if (sent.length >= count) stop.abort()
        },
      })
      await devnet.stop()
    }
    // A stop takes effect between blocks, so the first run ends a little after its 40th action.
    await runFor(40)
    const stoppedAt = sent.length
    const progress = JSON.parse(fs.readFileSync(path.join(stateDir, 'live-progress.json'), 'utf8'))
    expect(progress.next).toBe(stoppedAt)
    await runFor(stoppedAt + 20)
    expect(sent[stoppedAt]).toMatch(new RegExp(`^${stoppedAt}:`))
    expect(new Set(sent).size).toBe(sent.length)
    expect(fs.existsSync(path.join(stateDir, 'live-season-0.truth.json'))).toBe(true)
  })
})

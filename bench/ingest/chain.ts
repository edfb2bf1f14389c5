/**
 * The benchmark chain: scenarios/large.json simulated once on a devnet whose state is kept in
 * bench/.cache, so that every measurement indexes the same blocks. Generated on first use.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createSender } from '../../src/chain/sender'
import { PROJECT_ROOT } from '../../src/config'
import { startAnvil, type Anvil } from '../../src/devnet/anvil'
import { deployProtocol } from '../../src/devnet/deploy'
import { readDeployment, writeDeployment, type Deployment } from '../../src/devnet/deployment'
import { simulateOnce } from '../../src/simulator'
import { loadScenario } from '../../src/simulator/scenario'

export const CACHE_DIR = path.join(PROJECT_ROOT, 'bench/.cache')
const STATE = path.join(CACHE_DIR, 'ingest-chain.json')
const DEPLOYMENT = path.join(CACHE_DIR, 'ingest-deployment.json')
const SUMMARY = path.join(CACHE_DIR, 'ingest-summary.json')

export interface BenchChain {
  anvil: Anvil
  deployment: Deployment
  summary: { events: number; transactions: number; blocks: number; generatedSeconds: number }
  stop(): Promise<void>
}

export async function openBenchChain(log: (line: string) => void): Promise<BenchChain> {
  fs.mkdirSync(CACHE_DIR, { recursive: true })
  const fresh = !fs.existsSync(SUMMARY)
  if (fresh) fs.rmSync(STATE, { force: true })
  if (!fresh) {
    // Measurements load the kept chain read-only: a dump on exit (or a kill during one) must never
    // rewrite the fixture.
    const anvil = await startAnvil({ loadStateFile: STATE })
    const deployment = { ...readDeployment(DEPLOYMENT), rpcUrl: anvil.url }
    const summary = JSON.parse(fs.readFileSync(SUMMARY, 'utf8')) as BenchChain['summary']
    return { anvil, deployment, summary, stop: () => anvil.stop() }
  }
  // A day of chain time per staking epoch; the large scenario's block grid fits it.
  const anvil = await startAnvil({ stateFile: STATE, stateIntervalSeconds: 3_600 })
  const started = Date.now()
  log('bench chain: generating scenarios/large.json (once; kept in bench/.cache)')
  const sender = await createSender(anvil.rpc)
  const deployment: Deployment = { ...(await deployProtocol(sender, { epochSeconds: 86_400 })), rpcUrl: anvil.url }
  let last = Date.now()
  const { result } = await simulateOnce(sender, deployment, loadScenario(path.join(PROJECT_ROOT, 'scenarios/large.json')), {
    onAction: (i) => {
      if (Date.now() - last > 10_000) {
        last = Date.now()
        log(`bench chain: ${i + 1} transactions sent`)
      }
    },
  })
  writeDeployment(DEPLOYMENT, deployment)
  const summary = { events: result.events, transactions: result.transactions, blocks: result.lastBlock, generatedSeconds: (Date.now() - started) / 1000 }
  // Stop anvil so that it writes its state (hundreds of MB: give it time), then reopen read-only.
  await anvil.stop(600_000)
  fs.writeFileSync(SUMMARY, JSON.stringify(summary, null, 2))
  log(`bench chain: ${summary.events} events in ${summary.transactions} transactions, ${summary.blocks} blocks, generated in ${summary.generatedSeconds.toFixed(0)} s`)
  return openBenchChain(log)
}

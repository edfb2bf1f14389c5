/**
 * Runs a scenario end to end on a fresh anvil and reads back what the chain emitted, decoded:
 * the ground on which simulator tests check determinism and planted behaviours.
 */
import { parseEventLogs, type Abi, type Hex, type Log } from 'viem'
import { artifacts } from '../../abi/artifacts'
import { createSender, type Sender } from '../../src/chain/sender'
import { startAnvil, type Anvil } from '../../src/devnet/anvil'
import { deployProtocol } from '../../src/devnet/deploy'
import type { Deployment } from '../../src/devnet/deployment'
import { simulateOnce, type SimulationRun } from '../../src/simulator'
import { parseScenario, type Scenario } from '../../src/simulator/scenario'
import type { ContractName } from '../../src/contracts/names'

export interface DecodedEvent {
  contract: ContractName
  eventName: string
  args: Record<string, unknown>
  blockNumber: number
  timestamp: number
  transactionHash: Hex
}

export interface ScenarioRun extends SimulationRun {
  scenario: Scenario
  deployment: Deployment
  sender: Sender
  anvil: Anvil
  transactionHashes: Hex[]
  /** Every protocol event of the run, in chain order, decoded with its contract's ABI. */
  events: DecodedEvent[]
  headHash: Hex
}

export async function runScenario(raw: unknown, opts: { epochSeconds?: number } = {}): Promise<ScenarioRun> {
  const scenario = parseScenario(raw, process.cwd(), 'test scenario')
  const anvil = await startAnvil()
  try {
    const sender = await createSender(anvil.rpc)
    const deployment: Deployment = { ...(await deployProtocol(sender, { epochSeconds: opts.epochSeconds ?? 86_400 })), rpcUrl: anvil.url }
    const transactionHashes: Hex[] = []
    const run = await simulateOnce(sender, deployment, scenario, { onAction: (_, __, receipt) => transactionHashes.push(receipt.transactionHash) })
    const events = await readEvents(anvil, deployment)
    const head = await anvil.rpc.call<{ hash: Hex }>('eth_getBlockByNumber', ['latest', false])
    return { ...run, scenario, deployment, sender, anvil, transactionHashes, events, headHash: head.hash }
  } catch (err) {
    await anvil.stop()
    throw err
  }
}

async function readEvents(anvil: Anvil, deployment: Deployment): Promise<DecodedEvent[]> {
  const byAddress = new Map(Object.entries(deployment.contracts).map(([name, address]) => [address.toLowerCase(), name as ContractName]))
  const logs = await anvil.rpc.call<(Log & { blockTimestamp?: Hex })[]>('eth_getLogs', [
    { fromBlock: '0x0', toBlock: 'latest', address: Object.values(deployment.contracts) },
  ])
  const timestamps = new Map<string, number>()
  const out: DecodedEvent[] = []
  for (const log of logs) {
    const contract = byAddress.get(log.address.toLowerCase())!
    const [decoded] = parseEventLogs({ abi: artifacts[contract].abi as Abi, logs: [log], strict: true })
    if (!decoded) throw new Error(`undecodable log of ${contract} in block ${log.blockNumber}`)
    const blockKey = String(log.blockNumber)
    if (!timestamps.has(blockKey)) {
      const block = await anvil.rpc.call<{ timestamp: Hex }>('eth_getBlockByNumber', [log.blockNumber, false])
      timestamps.set(blockKey, Number(block.timestamp))
    }
    out.push({
      contract,
      eventName: decoded.eventName,
      args: decoded.args as Record<string, unknown>,
      blockNumber: Number(log.blockNumber),
      timestamp: timestamps.get(blockKey)!,
      transactionHash: log.transactionHash!,
    })
  }
  return out
}

/** A small scenario that plays every kind of activity in a few seconds of wall time. */
export function smallScenario(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'small',
    seed: 'small-1',
    population: { reviewers: 14, authors: 6, authorReviewers: 3, providers: 3, verifiers: 2, council: 3, clients: 2 },
    domains: ['ecology', 'machine learning'],
    proposals: { count: 8 },
    epochs: 16,
    compute: { tasksPerEpoch: 2 },
    ...overrides,
  }
}

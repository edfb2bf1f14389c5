/**
 * Sends a plan to the chain: each group of actions with one planned timestamp as one block at that
 * timestamp, in plan order, from their planned senders, and checks every receipt. A failed transaction stops the run with the action,
 * its time and the decoded revert reason: the planner promised the contracts would accept it.
 */
import { encodeFunctionData, toEventSelector, type Abi, type AbiEvent, type Address, type Hex } from 'viem'
import { artifacts } from '../../abi/artifacts'
import type { RpcClient } from '../chain/rpc'
import { RevertError, type Receipt, type Sender } from '../chain/sender'
import type { ContractName } from '../contracts/names'
import type { Deployment } from '../devnet/deployment'
import type { Action, Plan } from './plan'

/** Gas limit of every simulated transaction: above the costliest (a 32 KiB review, a 200-reviewer decay batch). */
const GAS_LIMIT = 12_000_000n

export interface ExecuteOptions {
  /** Transactions per wall-clock second; undefined sends as fast as the chain takes them. */
  rate?: number
  /** Index of the first action to send (resuming a partly sent plan). */
  from?: number
  signal?: AbortSignal
  /** Called after each mined action. */
  onAction?: (index: number, action: Action, receipt: Receipt) => void
}

export interface ExecutionResult {
  transactions: number
  events: number
  eventsByName: Record<string, number>
  transactionsByKind: Record<string, number>
  seconds: number
  lastBlock: number
  aborted: boolean
}

const EVENT_NAMES: Map<string, string> = new Map(
  Object.values(artifacts).flatMap((a) =>
    (a.abi as Abi).filter((x): x is AbiEvent => x.type === 'event').map((e) => [toEventSelector(e), e.name] as [string, string]),
  ),
)

export function eventNameOf(topic0: string | undefined): string {
  return (topic0 && EVENT_NAMES.get(topic0)) ?? 'unknown'
}

export async function latestTimestamp(rpc: RpcClient): Promise<number> {
  const block = await rpc.call<{ timestamp: Hex }>('eth_getBlockByNumber', ['latest', false])
  return Number(block.timestamp)
}

export function encodeAction(action: Action, contracts: Record<ContractName, Address>): { to: Address; data: Hex } {
  const args = action.args.map((a) =>
    a !== null && typeof a === 'object' && 'contractAddress' in a ? contracts[(a as { contractAddress: ContractName }).contractAddress] : a,
  )
  const data = encodeFunctionData({ abi: artifacts[action.contract].abi as Abi, functionName: action.fn, args } as never)
  return { to: contracts[action.contract], data }
}

export async function executePlan(sender: Sender, deployment: Deployment, plan: Plan, opts: ExecuteOptions = {}): Promise<ExecutionResult> {
  const started = Date.now()
  const rpc = sender.rpc
  const first = opts.from ?? 0
  let lastTimestamp = await latestTimestamp(rpc)
  const result: ExecutionResult = { transactions: 0, events: 0, eventsByName: {}, transactionsByKind: {}, seconds: 0, lastBlock: 0, aborted: false }
  // Blocks are mined on demand, each at its planned timestamp holding its actions in plan order.
  await rpc.call('evm_setAutomine', [false])
  try {
    for (let i = first; i < plan.actions.length; ) {
      if (opts.signal?.aborted) {
        result.aborted = true
        break
      }
      let end = i + 1
      while (end < plan.actions.length && plan.actions[end]!.t === plan.actions[i]!.t) end++
      const block = plan.actions.slice(i, end)
      const t = block[0]!.t
      if (t <= lastTimestamp) throw new Error(`action ${i} (${block[0]!.kind}) is planned at ${t}, not after the chain's latest block at ${lastTimestamp}`)
      if (opts.rate) {
        const due = started + ((i - first) / opts.rate) * 1000
        if (due > Date.now()) await sleep(due - Date.now(), opts.signal)
      }
      const hashes: Hex[] = []
      for (const [k, action] of block.entries()) {
        const { to, data } = encodeAction(action, deployment.contracts)
        hashes.push(await sender.send({ from: action.from, to, data, gas: GAS_LIMIT }, describe(i + k, action)))
      }
      await rpc.call('evm_mine', [t])
      const receipts = new Map((await rpc.call<Receipt[]>('eth_getBlockReceipts', ['latest'])).map((r) => [r.transactionHash, r]))
      for (const [k, action] of block.entries()) {
        const receipt = receipts.get(hashes[k]!)
        if (!receipt) throw new Error(`${describe(i + k, action)}: not in block ${t} (the pool held it back)`)
        if (receipt.status !== '0x1') throw new RevertError(describe(i + k, action), await sender.failureReason(hashes[k]!))
        result.transactions++
        result.transactionsByKind[action.kind] = (result.transactionsByKind[action.kind] ?? 0) + 1
        for (const log of receipt.logs) {
          const name = eventNameOf(log.topics[0])
          result.eventsByName[name] = (result.eventsByName[name] ?? 0) + 1
          result.events++
        }
        result.lastBlock = Number(receipt.blockNumber)
        opts.onAction?.(i + k, action, receipt)
      }
      lastTimestamp = t
      i = end
    }
  } finally {
    await rpc.call('evm_setAutomine', [true])
  }
  result.seconds = (Date.now() - started) / 1000
  return result
}

function describe(index: number, action: Action): string {
  return `action ${index} ${action.contract}.${action.fn} (${action.kind}) at ${new Date(action.t * 1000).toISOString()}`
}

/** Waits `ms`, or less if the signal aborts. Its abort listener goes with it: a paced season sleeps thousands of times on one signal. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

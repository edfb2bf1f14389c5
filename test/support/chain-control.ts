/**
 * Drives a chain for indexer scenario tests: a simulation plan sent a few blocks at a time (so a
 * test can fork, kill or pause between them), empty blocks, anvil snapshots, and waiting on a
 * processor child's log.
 */
import type { RpcClient } from '../../src/chain/rpc'
import type { Sender } from '../../src/chain/sender'
import type { Deployment } from '../../src/devnet/deployment'
import { planContextFromChain } from '../../src/simulator/context'
import { executePlan, type ExecuteOptions } from '../../src/simulator/execute'
import { buildPlan, type Plan } from '../../src/simulator/plan'
import { parseScenario } from '../../src/simulator/scenario'
import { parseJson, type ProcessorChild } from './indexer'

export interface PlanCursor {
  plan: Plan
  /** Number of blocks the plan mines (actions sharing a timestamp share a block). */
  blocks: number
  /** Index of the next plan block to send. */
  next: number
  /** Mines the next `n` plan blocks (fewer at the end of the plan); resolves with how many. */
  send(n: number, opts?: ExecuteOptions): Promise<number>
  /** Sends every remaining block. */
  sendRest(opts?: ExecuteOptions): Promise<number>
}

/** Builds the scenario's plan against the chain as it is and returns a cursor over its blocks. */
export async function planCursor(sender: Sender, deployment: Deployment, rawScenario: Record<string, unknown>): Promise<PlanCursor> {
  const plan = await buildPlan(parseScenario(rawScenario, process.cwd(), 'test scenario'), await planContextFromChain(sender, deployment))
  const starts: number[] = []
  plan.actions.forEach((a, i) => {
    if (i === 0 || a.t !== plan.actions[i - 1]!.t) starts.push(i)
  })
  const cursor: PlanCursor = {
    plan,
    blocks: starts.length,
    next: 0,
    async send(n, opts = {}) {
      const from = cursor.next
      const to = Math.min(from + n, starts.length)
      if (to <= from) return 0
      const end = starts[to] ?? plan.actions.length
      await executePlan(sender, deployment, { ...plan, actions: plan.actions.slice(0, end) }, { ...opts, from: starts[from] })
      cursor.next = to
      return to - from
    },
    sendRest: (opts) => cursor.send(starts.length - cursor.next, opts),
  }
  return cursor
}

/** Mines `n` empty blocks, one chain second apart. */
export async function mineEmpty(rpc: RpcClient, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await rpc.call('evm_mine', [])
}

export interface ChainBlock {
  height: number
  hash: string
}

export async function blockAt(rpc: RpcClient, height: number | 'latest'): Promise<ChainBlock> {
  const tag = height === 'latest' ? height : `0x${height.toString(16)}`
  const b = await rpc.call<{ number: string; hash: string }>('eth_getBlockByNumber', [tag, false])
  return { height: Number(b.number), hash: b.hash }
}

/** Resolves with the first log record of `child` that `match` accepts; rejects if the child exits first or time runs out. */
export async function waitForRecord(
  child: ProcessorChild,
  match: (rec: Record<string, unknown>) => boolean,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs
  let exited = false
  void child.exited.then(() => (exited = true))
  for (let seen = 0; ; ) {
    for (; seen < child.lines.length; seen++) {
      const rec = parseJson(child.lines[seen]!)
      if (rec && match(rec)) return rec
    }
    if (exited) throw new Error(`processor exited (code ${child.process.exitCode}) before the awaited log line:\n${child.lines.slice(-10).join('\n')}`)
    if (Date.now() > deadline) throw new Error(`no awaited log line after ${timeoutMs} ms:\n${child.lines.slice(-10).join('\n')}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** Resolves with the exit code, or rejects if the child is still running after `timeoutMs`. */
export async function exitWithin(child: ProcessorChild, timeoutMs: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`processor still running after ${timeoutMs} ms:\n${child.lines.slice(-10).join('\n')}`)), timeoutMs)
  })
  try {
    return await Promise.race([child.exited, timeout])
  } finally {
    clearTimeout(timer)
  }
}

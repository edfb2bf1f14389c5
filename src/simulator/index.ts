/**
 * Runs scenarios against a deployed protocol: once (`simulate`), or live, season after season at
 * a steady rate (`simulate --live`, `start`). Live progress is saved after every transaction, so
 * a restarted devnet resumes the season where its chain left off.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Sender } from '../chain/sender'
import type { Deployment } from '../devnet/deployment'
import { planContextFromChain } from './context'
import { executePlan, type ExecuteOptions, type ExecutionResult } from './execute'
import { buildPlan, type Plan, type PlanContext } from './plan'
import type { Scenario } from './scenario'

export interface GroundTruthFile {
  scenario: string | undefined
  seed: string
  chainId: number
  participants: { id: string; kind: string; address: string; reviews: boolean }[]
  behaviours: { index: number; kind: string; behaviour: unknown; proposals: number[]; reviews: string[]; skipped: number }[]
}

/** The scenario's participant ids with their addresses, and what each planted behaviour touched. */
export function groundTruth(scenario: Scenario, plan: Plan, deployment: Deployment): GroundTruthFile {
  return {
    scenario: scenario.name,
    seed: plan.seed,
    chainId: deployment.chainId,
    participants: plan.participants.map((p) => ({ id: p.id, kind: p.kind, address: p.address, reviews: p.reviews })),
    behaviours: plan.truth.map((t) => ({ index: t.index, kind: t.behaviour.kind, behaviour: t.behaviour, proposals: t.proposals, reviews: t.reviews, skipped: t.skipped })),
  }
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n')
  fs.renameSync(tmp, file)
}

export interface SimulationRun {
  plan: Plan
  result: ExecutionResult
}

export async function simulateOnce(
  sender: Sender,
  deployment: Deployment,
  scenario: Scenario,
  opts: ExecuteOptions & { onPlan?: (plan: Plan) => void } = {},
): Promise<SimulationRun> {
  const plan = await buildPlan(scenario, await planContextFromChain(sender, deployment))
  opts.onPlan?.(plan)
  return { plan, result: await executePlan(sender, deployment, plan, opts) }
}

interface LiveProgress {
  scenario: string
  seed: string
  season: number
  context: PlanContext
  next: number
  lastBlock?: { number: number; hash: string }
}

export interface LiveOptions extends ExecuteOptions {
  /** Where live progress and each season's ground truth are kept. */
  stateDir: string
  onSeason?: (season: number, plan: Plan, resumedAt: number) => void
}

/**
 * Runs the scenario's timeline at `rate` transactions per second, then the next season (the same
 * scenario with a fresh population, seed `<seed>/live-<n>`), until aborted.
 */
export async function simulateLive(sender: Sender, deployment: Deployment, scenario: Scenario, opts: LiveOptions): Promise<void> {
  const progressFile = path.join(opts.stateDir, 'live-progress.json')
  let progress = await resumable(sender, progressFile, scenario)
  while (!opts.signal?.aborted) {
    if (!progress) {
      const previous = readProgress(progressFile)
      const season = previous && previous.scenario === scenarioKey(scenario) ? previous.season + 1 : 0
      progress = { scenario: scenarioKey(scenario), seed: `${scenario.seed}/live-${season}`, season, context: await planContextFromChain(sender, deployment), next: 0 }
    }
    const current = progress
    const plan = await buildPlan(scenario, current.context, current.seed)
    writeJson(path.join(opts.stateDir, `live-season-${current.season}.truth.json`), groundTruth(scenario, plan, deployment))
    opts.onSeason?.(current.season, plan, current.next)
    await executePlan(sender, deployment, plan, {
      ...opts,
      from: current.next,
      onAction: (i, action, receipt) => {
        current.next = i + 1
        current.lastBlock = { number: Number(receipt.blockNumber), hash: (receipt as { blockHash?: string }).blockHash ?? '' }
        writeJson(progressFile, current)
        opts.onAction?.(i, action, receipt)
      },
    })
    if (current.next < plan.actions.length) break
    progress = undefined
  }
}

function scenarioKey(scenario: Scenario): string {
  return `${scenario.name ?? 'unnamed'}:${scenario.seed}`
}

function readProgress(file: string): LiveProgress | undefined {
  if (!fs.existsSync(file)) return undefined
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LiveProgress
  } catch {
    return undefined
  }
}

/** The saved season, if the chain still holds the block its last transaction was mined in. */
async function resumable(sender: Sender, file: string, scenario: Scenario): Promise<LiveProgress | undefined> {
  const saved = readProgress(file)
  if (!saved || saved.scenario !== scenarioKey(scenario) || !saved.lastBlock) return undefined
  const block = await sender.rpc.call<{ hash: string } | null>('eth_getBlockByNumber', [`0x${saved.lastBlock.number.toString(16)}`, false])
  const head = Number(await sender.rpc.call<string>('eth_blockNumber'))
  // The chain must end exactly at the saved block: anything else means blocks were lost or added.
  return block?.hash === saved.lastBlock.hash && head === saved.lastBlock.number ? saved : undefined
}

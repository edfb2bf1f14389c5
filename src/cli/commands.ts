/**
 * What each command does, wired from the stages: devnet, simulator (later: database, processor,
 * analytics, API). Each command stops cleanly on Ctrl-C (SIGINT) or SIGTERM: anvil dumps its state.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createRpcClient, waitForRpc, type RpcClient } from '../chain/rpc'
import { createSender } from '../chain/sender'
import type { Config } from '../config'
import { startDevnet, type Devnet } from '../devnet'
import { readDeployment, type Deployment } from '../devnet/deployment'
import { simulateLive, simulateOnce, groundTruth, writeJson, type SimulationRun } from '../simulator'
import { loadScenario, type Scenario } from '../simulator/scenario'
import { dbEnvVars, exportDbEnv, pgClientConfig, startDatabase } from '../db/postgres'
import { superviseProcessor } from '../processor/supervise'
import { openAnalytics, type RunReport } from '../../analytics'
import { watchAnalytics } from '../../analytics/watch'
import pg from 'pg'
import { loadCaseFile, renderCaseFile, type CaseFileFormat } from '../cases'
import { createApiKey, openApi, revokeApiKey } from '../api'
import type { KeyRole } from '../api/keys'
import { applyMigrations } from '../db/migrate'
import { formatEvaluation, runEvaluation } from '../../analytics/eval-run'
import { createProgress, type Progress } from './progress'
import { createStatusLine, type StatusLine } from './status-line'

const log = (line: string) => process.stderr.write(`${line}\n`)

/**
 * One Ctrl-C can arrive more than once: the terminal signals the whole foreground group, and npm
 * and tsx each pass the signal on to their child too. Signals this close to the first are that one.
 */
const SAME_SIGNAL_MS = 1_000

/** Aborts on the first SIGINT/SIGTERM; another one, later than SAME_SIGNAL_MS, exits at once. */
function stopSignal(): AbortController {
  const controller = new AbortController()
  let first = 0
  const onSignal = (name: string) => {
    if (controller.signal.aborted) {
      if (performance.now() - first > SAME_SIGNAL_MS) process.exit(130)
      return
    }
    first = performance.now()
    log(`\n${name}: stopping (again to force)`)
    controller.abort()
  }
  process.on('SIGINT', () => onSignal('SIGINT'))
  process.on('SIGTERM', () => onSignal('SIGTERM'))
  return controller
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })))
}

export async function runDevnet(config: Config, opts: { reset?: boolean }): Promise<void> {
  if (opts.reset) {
    fs.rmSync(path.dirname(config.devnet.stateFile), { recursive: true, force: true })
    log(`devnet: reset ${path.dirname(config.devnet.stateFile)}`)
  }
  const stop = stopSignal()
  const devnet = await startDevnet(config.devnet, log)
  log('devnet: running; Ctrl-C to stop')
  await waitForAbort(stop.signal)
  await devnet.stop()
  log('devnet: stopped, state saved')
}

export async function runStart(config: Config): Promise<void> {
  const stop = stopSignal()
  const scenario = loadScenario(config.simulation.scenarioFile)
  // A second `start` on the same data folder would share the devnet's state and the database
  // with the first: it refuses, where the other commands use the running server.
  const db = await startDatabase(config.database, log, { attach: false })
  const devnet = await startDevnet(config.devnet, log).catch(async (err) => {
    await db.stop()
    throw err
  })
  const status = createStatusLine(config.simulation.progress)
  const processorLog = path.join(config.dataDir, 'logs', 'processor.log')
  let indexed = 0
  let quarantined = 0
  const analytics = await openAnalytics({ db: db.env, deployment: devnet.deployment, rpcUrl: devnet.deployment.rpcUrl }).catch(async (err) => {
    await devnet.stop()
    await db.stop()
    throw err
  })
  const api = await openApi({ db: db.env, rpcUrl: devnet.deployment.rpcUrl, listen: config.api, finalityConfirmations: config.processor.finalityConfirmations, log: (l) => status.log(l) }).catch(async (err) => {
    await analytics.close().catch(() => {})
    await devnet.stop()
    await db.stop()
    throw err
  })
  log(`start: GraphQL API at ${api.url}/graphql (public; analyst and committee keys: peerwatch api-key create)`)
  const watch = watchAnalytics(analytics.runner, {
    pollMs: config.analytics.pollMs,
    signal: stop.signal,
    onRun: (r) => status.set('analytics', describeRun(r)),
    onError: (err) => status.log(`analytics: run failed, retrying: ${err instanceof Error ? err.message : String(err)}`),
  })
  const processor = superviseProcessor({
    env: { ...process.env, ...dbEnvVars(db.env), PEERWATCH_DEPLOYMENT_FILE: config.devnet.deploymentFile },
    logFile: processorLog,
    onBatch: (b) => {
      indexed += b.events - b.quarantined
      quarantined += b.quarantined
      status.set('indexer', `block ${b.to}, ${indexed} events${quarantined ? `, ${quarantined} quarantined` : ''}`)
      watch.wake()
    },
    onProblem: (line) => status.log(line),
  })
  log(`start: processor running (log: ${processorLog}); database: ${db.describe}`)
  let failure: unknown
  try {
    await Promise.race([
      live(devnet, scenario, config, config.simulation.liveTransactionsPerSecond, stop.signal, status),
      processor.done.catch((err) => {
        failure = err
        stop.abort()
      }),
    ])
  } finally {
    stop.abort()
    status.stop()
    await processor.stop().catch(() => {})
    await watch.done
    await api.close().catch(() => {})
    await analytics.close().catch(() => {})
    await devnet.stop()
    await db.stop()
    log('start: stopped, devnet and database state saved')
  }
  if (failure) throw failure
}

/** One line for a run: what it found and what it cost. */
export function describeRun(r: RunReport): string {
  const graded = (['probable', 'confirmed', 'repeat'] as const).filter((s) => r.severities[s] > 0).map((s) => `${r.severities[s]} ${s}`)
  return `block ${r.block}: ${r.flags} flags, ${r.cases} cases${graded.length ? ` (${graded.join(', ')})` : ''} in ${r.ms.total} ms`
}

export async function runAnalyze(config: Config, opts: { full?: boolean; devnet?: boolean }): Promise<void> {
  // A Ctrl-C lets the run finish and the database stop; a second one exits at once.
  stopSignal()
  const db = await startDatabase(config.database, log)
  let devnet: Devnet | undefined
  try {
    // Analytics read block times and the epoch clock from the chain.
    if (opts.devnet) devnet = await startDevnet(config.devnet, log)
    const { deployment, rpc } = devnet ? { deployment: devnet.deployment, rpc: devnet.anvil.rpc } : await connectDeployedChain(config)
    const analytics = await openAnalytics({ db: db.env, deployment, rpcUrl: rpc.url })
    try {
      const report = await analytics.runner.runOnce({ full: opts.full })
      if (!report) {
        const watermark = await analytics.runner.watermark().catch(() => null)
        log(watermark === null ? 'analyze: nothing indexed yet (run the processor first)' : `analyze: already at the finalized head (block ${watermark}); --full recomputes anyway`)
        return
      }
      const detectors = Object.entries(report.detectorMs).map(([k, v]) => `${k} ${v}`).join(', ')
      log(
        [
          `analyze: ${describeRun(report)}`,
          `  facts: ${report.facts.reviews} reviews, ${report.facts.proposals} proposals, ${report.facts.providers} providers, ${report.facts.heartbeats} heartbeats`,
          `  rows written: ${report.written.flags} flags, ${report.written.cases} cases; removed: ${report.removed.flags} flags, ${report.removed.cases} cases`,
          `  ms: load ${report.ms.load}, detect ${report.ms.detect} (${detectors}), cases ${report.ms.cases}, write ${report.ms.write}`,
        ].join('\n'),
      )
    } finally {
      await analytics.close()
    }
  } finally {
    await devnet?.stop()
    await db.stop()
  }
}

export async function runSimulate(config: Config, scenario: Scenario, opts: { live?: boolean; rate?: number; out?: string; devnet?: boolean }): Promise<void> {
  const stop = stopSignal()
  let devnet: Devnet | undefined
  let sender
  let deployment
  if (opts.devnet) {
    devnet = await startDevnet(config.devnet, log)
    sender = devnet.sender
    deployment = devnet.deployment
  } else {
    const chain = await connectDeployedChain(config)
    deployment = chain.deployment
    sender = await createSender(chain.rpc)
  }
  try {
    if (opts.live) {
      const status = createStatusLine(config.simulation.progress)
      try {
        await live({ sender, deployment }, scenario, config, opts.rate ?? config.simulation.liveTransactionsPerSecond, stop.signal, status)
      } finally {
        status.stop()
      }
      return
    }
    let progress: Progress | undefined
    const { plan, result } = await simulateOnce(sender, deployment, scenario, {
      rate: opts.rate,
      signal: stop.signal,
      onPlan: (p) => {
        log(`simulate: ${scenario.name ?? 'scenario'} (seed ${p.seed}): ${p.actions.length} transactions over ${((p.end - p.actions[0]!.t) / 86_400).toFixed(0)} chain days`)
        progress = createProgress(p.actions.length, 'simulate', config.simulation.progress)
      },
      onAction: (i, action) => progress?.update(i + 1, action.kind),
    })
    progress?.stop()
    const out = opts.out ?? path.join(config.dataDir, 'simulation', `${scenario.name ?? 'scenario'}.truth.json`)
    writeJson(out, groundTruth(scenario, plan, deployment))
    printSummary(scenario, { plan, result }, out)
  } finally {
    await devnet?.stop()
  }
}

async function live(
  target: Pick<Devnet, 'sender' | 'deployment'>,
  scenario: Scenario,
  config: Config,
  rate: number,
  signal: AbortSignal,
  status: StatusLine,
): Promise<void> {
  let total = 0
  await simulateLive(target.sender, target.deployment, scenario, {
    rate,
    signal,
    stateDir: path.join(config.dataDir, 'simulation'),
    onSeason: (season, plan, resumedAt) => {
      total = plan.actions.length
      status.log(`live: season ${season} of ${scenario.name ?? 'scenario'}: ${total} transactions at ${rate} tx/s${resumedAt > 0 ? `, resuming at ${resumedAt}` : ''}`)
    },
    onAction: (i, action) => status.set('live', `${i + 1}/${total} tx, chain time ${new Date(action.t * 1000).toISOString().slice(0, 16)}`),
  })
}

/** The chain of the deployment file (or PEERWATCH_RPC_URL), once it answers. */
async function connectDeployedChain(config: Config): Promise<{ deployment: Deployment; rpc: RpcClient }> {
  const deployment = readDeployment(config.chain.deploymentFile)
  const rpc = createRpcClient(config.chain.rpcUrl ?? deployment.rpcUrl)
  await waitForRpc(rpc, 3_000).catch(() => {
    throw new Error(`no chain answers at ${rpc.url}: start one with npm run devnet, or pass --devnet`)
  })
  return { deployment, rpc }
}

function printSummary(scenario: Scenario, { plan, result }: SimulationRun, truthFile: string): void {
  const lines = [
    `simulate: ${result.aborted ? 'stopped early' : 'done'}: ${result.transactions} transactions, ${result.events} events in ${result.seconds.toFixed(1)} s (${(result.transactions / Math.max(result.seconds, 0.001)).toFixed(0)} tx/s), last block ${result.lastBlock}`,
    `  events: ${Object.entries(result.eventsByName).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  proposals funded ${plan.stats.proposalsFunded ?? 0}, rejected ${plan.stats.proposalsRejected ?? 0}, unassignable ${plan.stats.proposalsUnassignable ?? 0}; deadlines missed ${plan.stats.deadlinesMissed ?? 0}; providers jailed ${plan.stats.providersJailed ?? 0}`,
    `  planted behaviours (${scenario.behaviours.length}):`,
    ...plan.truth.map((t) => `    [${t.index}] ${t.behaviour.kind}: ${t.proposals.length} proposals, ${t.reviews.length} reviews${t.skipped ? `, ${t.skipped} roles skipped (member banned or short of REP)` : ''}`),
    `  ground truth: ${truthFile}`,
  ]
  log(lines.join('\n'))
}

export async function runEval(config: Config, scenario: Scenario, opts: { out?: string }): Promise<void> {
  let progress: Progress | undefined
  const stop = stopSignal()
  const result = await runEvaluation(config, scenario, {
    log,
    signal: stop.signal,
    onAction: (i, total, kind) => {
      progress ??= createProgress(total, 'simulate', config.simulation.progress)
      progress.update(i, kind)
      if (i === total) progress.stop()
    },
  })
  log(`eval: ${scenario.name ?? 'scenario'} (seed ${result.truth.seed}): ${describeRun(result.run)}\n\n${formatEvaluation(result.evaluation)}`)
  if (opts.out) {
    writeJson(opts.out, { scenario: scenario.name, seed: result.truth.seed, evaluation: result.evaluation, flags: result.flags, cases: result.cases, truth: result.truth })
    log(`eval: flags, cases, scores and ground truth in ${opts.out}`)
  }
}

/** Runs `work` with one client on the configured database, migrated, then stops what it started. */
async function withDatabase<T>(config: Config, work: (sql: pg.Client) => Promise<T>): Promise<T> {
  const db = await startDatabase(config.database, log)
  try {
    exportDbEnv(db.env)
    await applyMigrations()
    const sql = new pg.Client(pgClientConfig(db.env))
    await sql.connect()
    try {
      return await work(sql)
    } finally {
      await sql.end()
    }
  } finally {
    await db.stop()
  }
}

/** `peerwatch api-key create|revoke`: keys for the API's analyst and committee roles, on the configured database. */
export function runApiKey(config: Config, action: { create: { role: KeyRole; name: string } } | { revoke: { id: string } }): Promise<void> {
  return withDatabase(config, async (sql) => {
    if ('create' in action) {
      const { id, key } = await createApiKey(sql, action.create.role, action.create.name)
      log(`api-key: created ${id} (${action.create.role}, ${action.create.name}); the key is shown once, only its hash is kept:`)
      process.stdout.write(`${key}\n`)
    } else if (await revokeApiKey(sql, action.revoke.id)) log(`api-key: revoked ${action.revoke.id}`)
    else throw new Error(`no live API key ${action.revoke.id}`)
  })
}

/** `peerwatch case export ID`: a case file from the configured database, to a file or standard output. */
export function runCaseExport(config: Config, id: string, opts: { format: CaseFileFormat; out?: string }): Promise<void> {
  return withDatabase(config, async (sql) => {
    const file = await loadCaseFile(sql, id)
    const { body } = await renderCaseFile(file, opts.format)
    if (opts.out) {
      fs.writeFileSync(opts.out, body)
      log(`case export: wrote ${opts.out} (${file.flags.length} flags, ${file.decisions.length} decisions, ${file.notes.length} notes)`)
    } else process.stdout.write(body)
  })
}

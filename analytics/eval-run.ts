/**
 * `peerwatch eval`: one scenario end to end on a fresh chain and a fresh database (devnet,
 * simulator, processor, analytics), then its flags and cases scored against what the scenario
 * planted. Every block counts as final: nothing can reorganise a chain only this run writes to.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createSender } from '../src/chain/sender'
import type { Config } from '../src/config'
import { dbEnvVars, pgClientConfig, startDatabase } from '../src/db/postgres'
import { startAnvil } from '../src/devnet/anvil'
import { deployProtocol } from '../src/devnet/deploy'
import { writeDeployment, type Deployment } from '../src/devnet/deployment'
import { superviseProcessor } from '../src/processor/supervise'
import { groundTruth, simulateOnce, type GroundTruthFile } from '../src/simulator'
import type { Scenario } from '../src/simulator/scenario'
import { openAnalytics, type RunReport } from '.'
import type { Severity } from './cases'
import { evaluate, type EvalReport } from './evaluation'
import { DETECTOR_DEFAULTS } from './config'
import { textCorpusOf } from './detectors/text-features'
import { corpusCosine, idfBasis } from './detectors/text-similarity'
import { finalizedHeight, loadSnapshot } from './snapshot'
import type { FlagKind, Snapshot } from './types'

export interface EvalRun {
  truth: GroundTruthFile
  run: RunReport
  evaluation: EvalReport
  /** Flags and cases with subjects named by the scenario's participant ids. */
  flags: { id: string; kind: FlagKind; severity: Severity; metric: string; value: number; threshold: number; comparison: string; subjects: string[] }[]
  cases: { id: string; severity: Severity; subjects: string[]; flags: string[] }[]
}

export async function runEvaluation(config: Config, scenario: Scenario, opts: { log: (line: string) => void; signal?: AbortSignal; onAction?: (i: number, total: number, kind: string) => void }): Promise<EvalRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-eval-'))
  const db = await startDatabase({ ...config.database, external: undefined, dataDir: path.join(dir, 'postgres'), embeddedPort: undefined })
  const anvil = await startAnvil().catch(async (err) => {
    await db.stop()
    throw err
  })
  const sql = new pg.Client(pgClientConfig(db.env))
  try {
    const sender = await createSender(anvil.rpc)
    const deployment: Deployment = { ...(await deployProtocol(sender, { epochSeconds: config.devnet.epochSeconds })), rpcUrl: anvil.url }
    const deploymentFile = path.join(dir, 'deployment.json')
    writeDeployment(deploymentFile, deployment)
    let total = 0
    const started = performance.now()
    const { plan, result } = await simulateOnce(sender, deployment, scenario, {
      signal: opts.signal,
      onPlan: (p) => (total = p.actions.length),
      onAction: (i, action) => opts.onAction?.(i + 1, total, action.kind),
    })
    if (opts.signal?.aborted) throw new Error('stopped')
    opts.log(`eval: simulated ${result.transactions} transactions, ${result.events} events in ${((performance.now() - started) / 1000).toFixed(0)} s`)

    const processor = superviseProcessor({
      env: { ...process.env, ...dbEnvVars(db.env), PEERWATCH_DEPLOYMENT_FILE: deploymentFile, PEERWATCH_FINALITY_CONFIRMATIONS: '0', PEERWATCH_DATA_DIR: dir },
      logFile: path.join(dir, 'processor.log'),
      maxRestarts: 0,
    })
    await sql.connect()
    try {
      const head = Number(await anvil.rpc.call<string>('eth_blockNumber'))
      let failed: unknown
      processor.done.catch((err) => (failed = err))
      while (((await finalizedHeight(sql).catch(() => null)) ?? -1) < head) {
        if (failed) throw new Error(`the processor stopped: ${String(failed)} (log: ${path.join(dir, 'processor.log')})`)
        if (opts.signal?.aborted) throw new Error('stopped')
        await new Promise((r) => setTimeout(r, 200))
      }
    } finally {
      await processor.stop()
    }
    opts.log(`eval: indexed to block ${result.lastBlock}`)

    const analytics = await openAnalytics({ db: db.env, deployment, rpcUrl: anvil.url })
    let run: RunReport
    let snapshot: Snapshot
    try {
      run = (await analytics.runner.runOnce({ full: true }))!
      snapshot = await loadSnapshot(sql, analytics.clock, run.block)
    } finally {
      await analytics.close()
    }
    const flagRows = (await sql.query('SELECT f.*, c.severity FROM flag f LEFT JOIN investigation_case c ON c.id = f.case_id ORDER BY f.id')).rows
    const caseRows = (await sql.query('SELECT * FROM investigation_case ORDER BY id')).rows
    const truth = groundTruth(scenario, plan, deployment)
    const idOf = new Map(truth.participants.map((p) => [p.address.toLowerCase(), p.id]))
    const named = (subjects: string[]) => subjects.map((s) => idOf.get(s) ?? s)
    const severity = (s: string) => s.toLowerCase() as Severity
    const flags = flagRows.map((r) => ({ id: r.id, kind: r.kind, severity: severity(r.severity), metric: r.metric, value: Number(r.value), threshold: Number(r.threshold), comparison: r.comparison, subjects: named(r.subjects) }))
    const cases = caseRows.map((r) => ({ id: r.id, severity: severity(r.severity), subjects: named(r.subjects), flags: r.flag_ids }))
    const evaluation = evaluate({
      participants: truth.participants,
      behaviours: scenario.behaviours,
      flags: flagRows.map((r) => ({ kind: r.kind, subjects: r.subjects })),
      cases: caseRows.map((r) => ({ severity: severity(r.severity), subjects: r.subjects })),
      confirmed: scenario.cases.filter((c) => c.decision === 'confirm').map((c) => c.members),
    })
    const addressOf = new Map(truth.participants.map((p) => [p.id, p.address.toLowerCase()]))
    const templates = evaluation.behaviours.filter((b) => b.kind === 'textTemplate')
    const closestText = templates.length > 0 ? closestTextOf(snapshot) : () => null
    for (const b of templates) {
      const closest = closestText(b.members.map((m) => addressOf.get(m)!))
      if (closest !== null) b.measured = `closest pair cosine ${closest.toFixed(3)}`
    }
    return { truth, run, evaluation, flags, cases }
  } finally {
    await sql.end().catch(() => {})
    await anvil.stop()
    await db.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The highest cosine between reviews of different members, as the detector measures it: whether a
 * missed template fell below the threshold or was never a candidate. Null when fewer than two members wrote.
 */
function closestTextOf(snapshot: Snapshot): (members: readonly string[]) => number | null {
  const corpus = snapshot.textCorpus ?? textCorpusOf(snapshot.reviews, DETECTOR_DEFAULTS.textSimilarity)
  const cosineOf = corpusCosine(corpus, idfBasis(corpus, DETECTOR_DEFAULTS.textSimilarity))
  const reviewerOf = new Map(snapshot.reviews.map((r) => [r.id, r.reviewer]))
  return (members) => {
    const mine = corpus.ids.flatMap((id, i) => (members.includes(reviewerOf.get(id)!) ? [i] : []))
    let best: number | null = null
    for (let x = 0; x < mine.length; x++) {
      for (let y = x + 1; y < mine.length; y++) {
        const [i, j] = [mine[x]!, mine[y]!]
        if (reviewerOf.get(corpus.ids[i]!) !== reviewerOf.get(corpus.ids[j]!)) best = Math.max(best ?? 0, cosineOf(i, j))
      }
    }
    return best
  }
}

/** The report as a person reads it: per signal, per severity, and the honest accounts flagged. */
export function formatEvaluation(e: EvalReport): string {
  const pct = (r: { hit: number; of: number; value: number | null }) => (r.value === null ? '   -  ' : `${(r.value * 100).toFixed(1).padStart(5)}%`) + ` (${r.hit}/${r.of})`.padEnd(10)
  const lines = ['signal        behaviours  pair precision     pair recall        group precision    group recall']
  for (const [signal, s] of Object.entries(e.signals)) {
    lines.push(`${signal.padEnd(14)}${String(s.behaviours).padStart(10)}  ${pct(s.pairPrecision)} ${pct(s.pairRecall)} ${pct(s.groupPrecision)} ${pct(s.groupRecall)}`)
  }
  lines.push('', 'severity (at least)  case precision     behaviour recall')
  for (const [severity, s] of Object.entries(e.severities)) lines.push(`${severity.padEnd(21)}${pct(s.precision)} ${pct(s.recall)}`)
  const names = e.behaviours.map((b) => `[${b.index}] ${b.kind} ${b.members.join(',')}`)
  const width = Math.max(18, ...names.map((n) => n.length)) + 2
  lines.push('', `${'planted behaviour'.padEnd(width)}strength          found  highest case`)
  e.behaviours.forEach((b, i) => {
    lines.push(`${names[i]!.padEnd(width)}${b.strength.padEnd(18)}${(b.found ? 'yes' : 'no').padEnd(7)}${(b.severity ?? '-').padEnd(11)}${b.measured ?? ''}`)
  })
  const kinds = Object.entries(e.honestReviewers.byKind).map(([k, n]) => `${k} ${n}`).join(', ')
  lines.push(
    '',
    `honest reviewers flagged: ${e.honestReviewers.flagged.length} of ${e.honestReviewers.count} (${e.honestReviewers.perThousand} per 1,000)${kinds ? `: ${kinds}` : ''}${e.honestReviewers.flagged.length ? ` [${e.honestReviewers.flagged.join(', ')}]` : ''}`,
    `honest providers flagged: ${e.honestProviders.flagged.length} of ${e.honestProviders.count}${e.honestProviders.flagged.length ? ` [${e.honestProviders.flagged.join(', ')}]` : ''}`,
  )
  if (e.notScored.length) lines.push(`not scored (no detector's job): ${e.notScored.join('; ')}`)
  return lines.join('\n')
}

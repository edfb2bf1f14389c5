/**
 * The analytics runner: advances a watermark over finalized blocks. A run analyses the processor's
 * finalized head, grades the flags into cases, and writes what changed together with the new
 * watermark in one transaction. The first run of a process loads the whole snapshot and runs every
 * detector (a full recompute); later runs advance the state it left by the facts each batch changed
 * (live.ts), as long as no other writer moved the watermark in between.
 *
 * Incremental = full: a run's flags and cases are those of the snapshot at its block, however it got
 * there (live.ts says why each shortcut is exact; the tests compare live runs with full detection at
 * every step). The tables hold the flags and cases as computed at the watermark, which is the block
 * each was computed at (analytics_state.block, written in the same transaction): a row changes only
 * when its content does, and the rows are the same however the runs were spaced.
 *
 * Crash-only: nothing is written outside the transaction, and the in-memory state (the live analysis,
 * the record of what the tables hold) is kept only after a commit; a failed run starts the next one
 * over from a full recompute. One writer at a time (a transaction-level advisory lock); a run that
 * finds the watermark moved by another writer forgets its record and rewrites everything it computed.
 */
import { createHash } from 'node:crypto'
import type pg from 'pg'
import { buildCases, createCaseMemo, type Case, type Severity } from './cases'
import type { ChainClock } from './clock'
import { DETECTOR_DEFAULTS, type DetectorConfig } from './config'
import { assertFinite } from './detect'
import { startLiveAnalysis, type DetectorPart, type LiveAnalysis } from './live'
import { finalizedHeight, loadFacts, loadSnapshotParts } from './snapshot'
import { readRevealedTexts, withSharedPassages } from './texts'
import type { Flag, Snapshot } from './types'

/** An arbitrary constant naming "the peerwatch analytics writer" among advisory locks. */
const LOCK_KEY = 604_002
const STATE_ID = 'analytics'
/** Rows per INSERT: one JSON parameter each, well below Postgres' 1 GB limit for big evidence. */
const CHUNK = 2_000

export interface RunReport {
  /** The finalized block analysed: the new watermark. */
  block: number
  flags: number
  cases: number
  severities: Record<Severity, number>
  /** Rows written (new or changed) and deleted. */
  written: { flags: number; cases: number }
  removed: { flags: number; cases: number }
  /**
   * load: the facts (a live run: the batch's changes and texts); detect: the detectors, with the
   * wait for texts still being read in parallel, and the shared passages quoted.
   */
  ms: { load: number; detect: number; cases: number; write: number; total: number }
  detectorMs: Record<DetectorPart, number>
  facts: { reviews: number; proposals: number; providers: number; heartbeats: number }
  /** Whether the run advanced the state held since the last run (live.ts) rather than starting over. */
  incremental: boolean
}

export interface AnalyticsRunner {
  /**
   * Analyses the finalized head (or the finalized block `at`) if it is past the watermark (`full`:
   * even if it is not, and rewrite every row). Resolves to null when there was nothing to do.
   */
  runOnce(opts?: { full?: boolean; at?: number }): Promise<RunReport | null>
  /** The watermark: the last finalized block analysed, or null before the first run. */
  watermark(): Promise<number | null>
}

export interface AnalyticsRunnerOptions {
  /** A connection of its own: the runner opens transactions on it. */
  sql: pg.Client
  clock: ChainClock
  detectors?: DetectorConfig
  /** Where a worker thread connects to read the review texts beside `sql`; without it they are read on `sql`. */
  textsDb?: pg.ClientConfig
  /**
   * Keep the facts and flags in memory between runs (live.ts), so that a run after a batch reads
   * only what the batch changed (default true). Off for one-shot runs: `analyze` needs no state.
   */
  live?: boolean
}

interface Written {
  flags: Map<string, string>
  cases: Map<string, string>
  /** analytics_state.runs after our last commit: another value means another writer wrote since. */
  runs: number
}

export function createAnalyticsRunner(opts: AnalyticsRunnerOptions): AnalyticsRunner {
  const { sql, clock } = opts
  const detectors = opts.detectors ?? DETECTOR_DEFAULTS
  let written: Written | null = null
  let live: LiveAnalysis | null = null
  const quoted = new Map<string, string[]>()
  const caseMemo = createCaseMemo()

  const readState = async () => {
    const { rows } = await sql.query<{ block: number; runs: number }>(`SELECT block, runs FROM analytics_state WHERE id = $1`, [STATE_ID])
    return rows[0] ?? null
  }

  return {
    async watermark() {
      return (await readState())?.block ?? null
    },

    async runOnce({ full = false, at } = {}) {
      const started = performance.now()
      const finalized = await finalizedHeight(sql)
      if (finalized === null) return null
      if (at !== undefined && at > finalized) throw new Error(`block ${at} is not final yet: the processor's finalized head is ${finalized}`)
      const head = at ?? finalized
      const before = await readState()
      if (!full && (before?.block ?? -1) >= head) return null

      // Live: advance the held state if it is the watermark's (no other writer since, not behind).
      const advancing = !full && live !== null && before !== null && written?.runs === before.runs && live.block === before.block && head > live.block
      let loaded: number
      let analysis: LiveAnalysis
      const held = live
      live = null // until this run commits: a failure half way leaves no state to advance
      if (advancing && held) {
        const delta = await loadFacts(sql, clock, head, { block: held.block, epoch: held.epoch })
        const texts = await readRevealedTexts(sql, held.block, head)
        loaded = performance.now()
        held.advance(delta, texts)
        analysis = held
      } else {
        const { facts, textCorpus } = await loadSnapshotParts(sql, clock, head, { settings: detectors.textSimilarity, db: opts.textsDb })
        loaded = performance.now()
        analysis = await startLiveAnalysis(facts, textCorpus, detectors, { prepare: opts.live !== false })
      }
      const detectorMs = analysis.ms
      const found = analysis.flags()
      assertFinite(found)
      const flags = await withSharedPassages(sql, found, quoted)
      const detected = performance.now()
      const cases = buildCases(flags, analysis.confirmations(), caseMemo)
      const graded = performance.now()

      const flagRows = flagRowsOf(flags, cases)
      const caseRows = cases.map(caseRow)
      await sql.query('BEGIN')
      let result: { written: RunReport['written']; removed: RunReport['removed']; next: Written } | null
      try {
        await sql.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY])
        const state = await readState()
        if (!full && state && state.block >= head) result = null // another writer got here first
        else {
          const previous = full || !state || state.runs !== written?.runs ? null : written
          const f = await sync(sql, 'flag', flagRows, previous?.flags ?? null)
          const c = await sync(sql, 'investigation_case', caseRows, previous?.cases ?? null)
          const runs = (state?.runs ?? 0) + 1
          await sql.query(
            `INSERT INTO analytics_state (id, block, block_timestamp, flags, cases, runs, last_run_ms, updated_at, epoch, epoch_genesis, epoch_seconds)
             VALUES ($1, $2, to_timestamp($3), $4, $5, $6, $7, now(), $8, to_timestamp($9), $10)
             ON CONFLICT (id) DO UPDATE SET block = $2, block_timestamp = to_timestamp($3), flags = $4, cases = $5, runs = $6, last_run_ms = $7, updated_at = now(),
               epoch = $8, epoch_genesis = to_timestamp($9), epoch_seconds = $10`,
            [STATE_ID, head, analysis.at, flags.length, cases.length, runs, Math.round(performance.now() - started), analysis.epoch, clock.genesisTime, clock.epochLength],
          )
          await recordHistory(sql, head, analysis.at, flags, cases)
          result = { written: { flags: f.written, cases: c.written }, removed: { flags: f.removed, cases: c.removed }, next: { flags: f.digests, cases: c.digests, runs } }
        }
        await sql.query('COMMIT')
      } catch (err) {
        await sql.query('ROLLBACK').catch(() => {})
        written = null
        throw err
      }
      if (!result) return null
      written = result.next
      if (opts.live !== false) live = analysis
      const done = performance.now()
      const severities: Record<Severity, number> = { suspected: 0, probable: 0, confirmed: 0, repeat: 0 }
      for (const c of cases) severities[c.severity]++
      return {
        block: head,
        flags: flags.length,
        cases: cases.length,
        severities,
        written: result.written,
        removed: result.removed,
        ms: { load: ms(loaded - started), detect: ms(detected - loaded), cases: ms(graded - detected), write: ms(done - graded), total: ms(done - started) },
        detectorMs,
        facts: analysis.counts(),
        incremental: advancing,
      }
    },
  }
}

const ms = (x: number) => Math.round(x)

/** Counts per key, keys sorted (so that equal counts serialise alike). */
function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const key of items.map(keyOf).sort()) counts[key] = (counts[key] ?? 0) + 1
  return counts
}

/**
 * A row of analytics_history at `block` when the flags by kind or cases by severity differ from the
 * last row before it (a rerun at a block already recorded replaces that row).
 */
async function recordHistory(sql: pg.Client, block: number, at: number, flags: readonly Flag[], cases: readonly Case[]): Promise<void> {
  const byKind = JSON.stringify(countBy(flags, (f) => f.kind))
  const bySeverity = JSON.stringify(countBy(cases, (c) => c.severity.toUpperCase()))
  await sql.query(
    `INSERT INTO analytics_history (block, block_timestamp, flags_by_kind, cases_by_severity)
     SELECT $1, to_timestamp($2), $3::jsonb, $4::jsonb
      WHERE NOT EXISTS (SELECT 1 FROM (SELECT flags_by_kind, cases_by_severity FROM analytics_history WHERE block < $1 ORDER BY block DESC LIMIT 1) last
                         WHERE last.flags_by_kind = $3::jsonb AND last.cases_by_severity = $4::jsonb)
     ON CONFLICT (block) DO UPDATE SET block_timestamp = EXCLUDED.block_timestamp, flags_by_kind = EXCLUDED.flags_by_kind, cases_by_severity = EXCLUDED.cases_by_severity`,
    [block, at, byKind, bySeverity],
  )
}

type Row = { id: string } & Record<string, unknown>

/** A row as written, and a digest of its content to tell whether the table already holds it. */
interface DigestedRow { row: Row; digest: string }

const digestOf = (content: unknown) => createHash('sha1').update(JSON.stringify(content)).digest('base64')

/**
 * Digests of content, remembered per flag or case object: a live run hands back the same objects
 * for what its batch left alone, and they need not be serialised again.
 */
const digests = new WeakMap<Flag | Case, string>()
const digestOnce = (of: Flag | Case, content: unknown) => {
  let digest = digests.get(of)
  if (digest === undefined) digests.set(of, (digest = digestOf(content)))
  return digest
}

/** Flag rows as the flag table holds them, each with the case it belongs to. */
function flagRowsOf(flags: readonly Flag[], cases: readonly Case[]): DigestedRow[] {
  const caseOf = new Map<string, string>()
  for (const c of cases) for (const id of c.flags) caseOf.set(id, c.id)
  return flags.map((f) => {
    const { id, kind, subjects, window, metric, value, threshold, comparison, evidence } = f
    const content = { id, kind, subjects, window, metric, value, threshold, comparison, evidence }
    const caseId = caseOf.get(f.id) ?? null
    return { row: { ...content, case_id: caseId }, digest: `${digestOnce(f, content)} ${caseId}` }
  })
}

function caseRow(c: Case): DigestedRow {
  const row = { id: c.id, severity: c.severity.toUpperCase(), subjects: c.subjects, flag_ids: c.flags, grounds: c.grounds }
  return { row, digest: digestOnce(c, row) }
}

/**
 * Makes `table` hold exactly the rows given: upserts those whose digest differs from
 * what `previous` says the table holds (all of them when it is unknown), deletes the others.
 */
async function sync(sql: pg.Client, table: 'flag' | 'investigation_case', digested: readonly DigestedRow[], previous: ReadonlyMap<string, string> | null) {
  const digests = new Map(digested.map(({ row, digest }) => [row.id, digest]))
  const changed = digested.filter(({ row, digest }) => previous?.get(row.id) !== digest).map(({ row }) => row)
  const columns = Object.keys(digested[0]?.row ?? {}).filter((c) => c !== 'id')
  for (let i = 0; i < changed.length; i += CHUNK) {
    const chunk = changed.slice(i, i + CHUNK)
    await sql.query(
      `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)
       ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`,
      [JSON.stringify(chunk)],
    )
  }
  let removed: number
  if (previous) {
    const gone = [...previous.keys()].filter((id) => !digests.has(id))
    removed = gone.length ? (await sql.query(`DELETE FROM ${table} WHERE id = ANY($1::text[])`, [gone])).rowCount ?? 0 : 0
  } else {
    removed = (await sql.query(`DELETE FROM ${table} WHERE NOT (id = ANY($1::text[]))`, [[...digests.keys()]])).rowCount ?? 0
  }
  return { written: changed.length, removed, digests }
}

/**
 * Loads the snapshot the detectors read: the indexed protocol state as it stood at one finalized
 * block. The indexer's tables also hold hot (unfinalized) blocks, so every fact is filtered by the
 * block that made it, and a field set later (a reveal, a decision, a confirmation) is read only if
 * the block that set it is final too. A flag therefore never rests on a block that can vanish.
 */
import type pg from 'pg'
import type { ChainClock } from './clock'
import { DETECTOR_DEFAULTS } from './config'
import type { TextCorpus, TextFeatureSettings } from './detectors/text-features'
import { readTextCorpus, readTextCorpusInParallel, worthReadingInParallel } from './texts'
import { COMMITTEE_CONFIRMATION, groupBy, type ConfirmationFact, type HeartbeatFact, type ProposalFact, type ProviderFact, type ReviewFact, type Snapshot, type TaskFact, type WorkFact } from './types'

/** What the loader needs of a Postgres connection (pg.Client and pg.Pool both fit). */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>
}

/** The highest block the processor has committed as final; null before it indexed anything. */
export async function finalizedHeight(sql: Queryable): Promise<number | null> {
  const exists = await sql.query<{ t: string | null }>(`SELECT to_regclass('squid_processor.status')::text AS t`)
  if (!exists.rows[0]?.t) return null
  const { rows } = await sql.query<{ height: number }>(`SELECT height FROM squid_processor.status WHERE id = 0`)
  const height = rows[0]?.height
  return height === undefined || height < 0 ? null : height
}

const seconds = (column: string) => `extract(epoch FROM ${column})::float8`

/** How a snapshot reads the review texts (texts.ts): as features, never whole. */
export interface SnapshotTextOptions {
  /** The text-similarity detector's feature settings. */
  settings: TextFeatureSettings
  /**
   * Where worker threads connect to read a large corpus in parallel while the other facts load on
   * `sql` (texts.ts); without it, or for a small corpus, the texts are read on `sql` after the other facts.
   */
  db?: pg.ClientConfig
}

export async function loadSnapshot(sql: Queryable, clock: ChainClock, block: number, text: SnapshotTextOptions = { settings: DETECTOR_DEFAULTS.textSimilarity }): Promise<Snapshot> {
  const { facts, textCorpus } = await loadSnapshotParts(sql, clock, block, text)
  return { ...facts, textCorpus: await textCorpus }
}

/**
 * The snapshot without its text corpus, and the corpus on its way: read in parallel, it may
 * still be arriving when the other facts are loaded, and detectors that read no text can run
 * meanwhile. Otherwise it is read on `sql` after the other facts.
 */
export async function loadSnapshotParts(sql: Queryable, clock: ChainClock, block: number, text: SnapshotTextOptions): Promise<{ facts: Snapshot; textCorpus: Promise<TextCorpus> }> {
  const inParallel = text.db && (await worthReadingInParallel(sql)) ? readTextCorpusInParallel(text.db, block, text.settings) : null
  inParallel?.catch(() => {}) // the caller awaits it; until then a failure must not count as unhandled
  const facts = await loadFacts(sql, clock, block)
  return { facts, textCorpus: inParallel ?? readTextCorpus(sql, block, text.settings) }
}

/**
 * The facts at `block`; with `since`, only those a block in (since, block] made or changed (a
 * review committed, revealed or annulled there, a proposal submitted or decided, ...), as they
 * stand at `block`: what a live analysis (live.ts) applies to the facts it holds. Providers come
 * whole when their jail record changed, and all of them when the epoch did (a jail that is still
 * running covers the epochs up to the current one).
 */
export async function loadFacts(sql: Queryable, clock: ChainClock, block: number, since?: { block: number; epoch: number }): Promise<Snapshot> {
  const at = await clock.timestampOf(block)
  const epoch = clock.epochAt(at)
  const changed = (column: string) => (since ? `${column} > ${since.block}` : 'true')
  if (since && !Number.isSafeInteger(since.block)) throw new RangeError(`not a block number: ${since.block}`)
  const confirmations = await sql.query<{ id: string; subjects: string[]; closed_block: number; closed_at: number }>(
    `SELECT id, subjects, closed_block, ${seconds('closed_at')} AS closed_at FROM collusion_case
      WHERE status = 'CONFIRMED' AND closed_block <= $1 AND ${changed('closed_block')}`,
    [block],
  )
  const committee = await committeeConfirmations(sql, block, since)
  const reviewsChanged = !since
    ? 'true'
    : `r.id IN (SELECT id FROM review WHERE committed_block > ${since.block} AND committed_block <= $1
                UNION SELECT id FROM review WHERE revealed_block > ${since.block} AND revealed_block <= $1
                ${confirmations.rows.length ? `UNION SELECT id FROM review WHERE annulled_by_case = ANY($2::text[])` : ''})`
  // Score, text and citations exist from the reveal on; a case annuls reviews when its confirmation is final.
  const reviews = await sql.query<{ id: string; proposal_id: string; reviewer: string; score: number | null; cited_works: number[] | null; committed_at: number; committed_block: number; revealed_at: number | null; revealed_block: number | null; annulled: boolean }>(
    `SELECT r.id, r.proposal_id, r.reviewer,
            CASE WHEN r.revealed_block <= $1 THEN r.score END AS score,
            CASE WHEN r.revealed_block <= $1 THEN r.cited_works END AS cited_works,
            ${seconds('r.committed_at')} AS committed_at, r.committed_block,
            CASE WHEN r.revealed_block <= $1 THEN ${seconds('r.revealed_at')} END AS revealed_at,
            CASE WHEN r.revealed_block <= $1 THEN r.revealed_block END AS revealed_block,
            COALESCE(c.status = 'CONFIRMED' AND c.closed_block <= $1, false) AS annulled
       FROM review r LEFT JOIN collusion_case c ON c.id = r.annulled_by_case
      WHERE r.committed_block <= $1 AND ${reviewsChanged}`,
    since && confirmations.rows.length ? [block, confirmations.rows.map((c) => c.id)] : [block],
  )
  const proposals = await sql.query<{ id: string; author: string; domain: number; submitted_at: number; decided_at: number | null }>(
    `SELECT id, author, domain, ${seconds('submitted_at')} AS submitted_at,
            CASE WHEN decided_block <= $1 THEN ${seconds('decided_at')} END AS decided_at
       FROM proposal WHERE submitted_block <= $1 AND (${changed('submitted_block')} OR (decided_block <= $1 AND ${changed('decided_block')}))`,
    [block],
  )
  const works = await sql.query<{ id: string; authors: string[] }>(`SELECT id, authors FROM work WHERE registered_block <= $1 AND ${changed('registered_block')}`, [block])
  const providersChanged = !since || since.epoch !== epoch
    ? 'true'
    : `(${changed('registered_block')} OR id IN (SELECT provider FROM jail_event WHERE block > ${since.block} AND block <= $1))`
  const providers = await sql.query<{ id: string; registered_epoch: number }>(`SELECT id, registered_epoch FROM staker WHERE kind = 'PROVIDER' AND registered_block <= $1 AND ${providersChanged}`, [block])
  const jails = await sql.query<JailRow>(
    `SELECT provider, kind, ${seconds('timestamp')} AS at FROM jail_event WHERE block <= $1 ${since ? 'AND provider = ANY($2::text[])' : ''} ORDER BY block, id`,
    since ? [block, providers.rows.map((p) => p.id)] : [block],
  )
  const heartbeats = await sql.query<HeartbeatFact>(
    `SELECT provider, array_agg(epoch ORDER BY epoch) AS epochs FROM heartbeat WHERE block <= $1 AND ${changed('block')} GROUP BY provider`,
    [block],
  )
  // Only failures are evidence; a task is a fact once the block that closed it is final.
  const tasks = await sql.query<{ id: string; provider: string; deadline: number | null; status: string }>(
    `SELECT id, provider, ${seconds('deadline')} AS deadline, status FROM task
      WHERE status IN ('MISSED', 'FAULTY') AND provider IS NOT NULL AND closed_block <= $1 AND ${changed('closed_block')}`,
    [block],
  )
  return {
    block,
    at,
    epoch,
    reviews: reviews.rows.map((r): ReviewFact => ({
      id: r.id,
      proposalId: r.proposal_id,
      reviewer: r.reviewer,
      score: r.score,
      text: null,
      citedWorks: r.cited_works ?? [],
      committedAt: r.committed_at,
      committedBlock: r.committed_block,
      revealedAt: r.revealed_at,
      revealedBlock: r.revealed_block,
      annulled: r.annulled,
    })),
    proposals: proposals.rows.map((p): ProposalFact => ({ id: p.id, author: p.author, domain: p.domain, submittedAt: p.submitted_at, decidedAt: p.decided_at })),
    works: works.rows.map((w): WorkFact => ({ id: Number(w.id), authors: w.authors })),
    providers: providerFacts(providers.rows, jails.rows, clock, epoch),
    heartbeats: heartbeats.rows,
    tasks: tasks.rows.map((t): TaskFact => ({
      id: t.id,
      provider: t.provider,
      epoch: t.deadline === null ? null : clock.epochAt(t.deadline),
      missed: t.status === 'MISSED',
      faulty: t.status === 'FAULTY',
    })),
    confirmations: [...confirmations.rows.map((c): ConfirmationFact => ({ caseId: c.id, subjects: c.subjects, block: c.closed_block, at: c.closed_at })), ...committee.confirmations],
    committeeConfirmationsReplaced: since ? committee.replaced : undefined,
  }
}

/**
 * The committee's API decisions (CommitteeDecisions migration) as confirmations: per case its
 * latest decision effective at `block`, when that is CONFIRMED, named "committee:<decision id>".
 * With `since`, all of them again if any decision took effect in (since, block], else none.
 */
async function committeeConfirmations(sql: Queryable, block: number, since?: { block: number }): Promise<{ confirmations: ConfirmationFact[]; replaced: boolean }> {
  if (since) {
    const { rows } = await sql.query<{ changed: boolean }>('SELECT EXISTS (SELECT 1 FROM case_decision WHERE effective_block > $1 AND effective_block <= $2) AS changed', [since.block, block])
    if (!rows[0]?.changed) return { confirmations: [], replaced: false }
  }
  const { rows } = await sql.query<{ id: number; subjects: string[]; effective_block: number; at: number }>(
    `SELECT d.id, d.subjects, d.effective_block, ${seconds('d.decided_at')} AS at FROM case_decision d
      WHERE d.status = 'CONFIRMED' AND d.id = (SELECT max(x.id) FROM case_decision x WHERE x.case_id = d.case_id AND x.effective_block <= $1)
      ORDER BY d.id`,
    [block],
  )
  return { confirmations: rows.map((r) => ({ caseId: `${COMMITTEE_CONFIRMATION}${r.id}`, subjects: r.subjects, block: r.effective_block, at: r.at })), replaced: true }
}

interface JailRow {
  provider: string
  kind: 'JAILED' | 'UNJAILED' | 'TOMBSTONED'
  at: number
}

/**
 * Jailed epochs run from the jailing epoch up to, not including, the epoch of the unjailing (from
 * which ComputeStaking counts liveness again), or through the current epoch while still jailed. A
 * tombstoned provider owes nothing from its tombstone on.
 */
export function providerFacts(providers: readonly { id: string; registered_epoch: number }[], jails: readonly JailRow[], clock: Pick<ChainClock, 'epochAt'>, currentEpoch: number): ProviderFact[] {
  const byProvider = groupBy(jails, (j) => j.provider)
  return providers.map((p) => {
    const jailedEpochs = new Set<number>()
    let leftEpoch: number | null = null
    let jailedFrom: number | null = null
    const jailUntil = (end: number) => {
      for (let e = jailedFrom!; e < end; e++) jailedEpochs.add(e)
      jailedFrom = null
    }
    for (const j of byProvider.get(p.id) ?? []) {
      const epoch = clock.epochAt(j.at)
      if (j.kind === 'JAILED') jailedFrom ??= epoch
      else if (j.kind === 'UNJAILED' && jailedFrom !== null) jailUntil(epoch)
      else if (j.kind === 'TOMBSTONED') leftEpoch ??= epoch
    }
    if (jailedFrom !== null) jailUntil(Math.min(currentEpoch + 1, leftEpoch ?? Infinity))
    return { id: p.id, registeredEpoch: p.registered_epoch, leftEpoch, jailedEpochs: [...jailedEpochs].sort((a, b) => a - b) }
  })
}

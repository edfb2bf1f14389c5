/**
 * A case file: everything the ethics committee holds on one investigation case, as one document for
 * its records: the case as graded at the analytics watermark, every flag with its full evidence,
 * the committee's decisions and notes on any case that named one of its subjects (cases are
 * regrouped as flags come and go, and change ids), and the audit log of those writes.
 *
 * Loading reads through the API's views under the committee's database role (ApiAccess), so a case
 * file holds nothing the committee could not read over the API. Rendering is pure: JSON for
 * machines, Markdown for people (evidence arrays as tables, nothing left out or truncated).
 */
import type pg from 'pg'

export interface CaseFile {
  /** When the file was made, ISO 8601. */
  exportedAt: string
  /** The analytics watermark the case and flags were computed at. */
  watermark: { block: number; blockTimestamp: string }
  case: { id: string; severity: string; subjects: string[]; flagIds: string[]; grounds: unknown }
  flags: { id: string; kind: string; subjects: string[]; window: unknown; metric: string; value: number; threshold: number; comparison: string; evidence: Record<string, unknown> }[]
  decisions: { id: number; caseId: string; status: string; subjects: string[]; reason: string; effectiveBlock: number; decidedBy: string; decidedAt: string }[]
  notes: { id: number; caseId: string; text: string; subjects: string[]; author: string; createdAt: string }[]
  audit: { id: number; at: string; actor: string; action: string; target: string; previous: unknown; value: unknown }[]
}

export class CaseNotFound extends Error {}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v))

/** Reads case `id` in one read-only transaction under the committee's database role. */
export async function loadCaseFile(sql: pg.ClientBase, id: string, now = new Date()): Promise<CaseFile> {
  await sql.query('BEGIN READ ONLY ISOLATION LEVEL REPEATABLE READ; SET LOCAL ROLE peerwatch_committee')
  try {
    const { rows: [kase] } = await sql.query('SELECT * FROM api.investigation_case WHERE id = $1', [id])
    if (!kase) throw new CaseNotFound(`no case ${id}`)
    const { rows: [state] } = await sql.query(`SELECT block, block_timestamp FROM api.analytics_state WHERE id = 'analytics'`)
    const { rows: flags } = await sql.query('SELECT * FROM api.flag WHERE id = ANY($1) ORDER BY id', [kase.flag_ids])
    const { rows: decisions } = await sql.query('SELECT * FROM api.case_decision WHERE case_id = $1 OR subjects && $2 ORDER BY id', [id, kase.subjects])
    const { rows: notes } = await sql.query('SELECT * FROM api.case_note WHERE case_id = $1 OR subjects && $2 ORDER BY id', [id, kase.subjects])
    const caseIds = [...new Set([id, ...decisions.map((d) => d.case_id as string), ...notes.map((n) => n.case_id as string)])]
    const { rows: audit } = await sql.query('SELECT * FROM api.audit_log WHERE target = ANY($1) ORDER BY id', [caseIds])
    return {
      exportedAt: now.toISOString(),
      watermark: { block: state?.block ?? kase.block, blockTimestamp: state ? iso(state.block_timestamp) : '' },
      case: { id: kase.id, severity: kase.severity, subjects: kase.subjects, flagIds: kase.flag_ids, grounds: kase.grounds },
      flags: flags.map((f) => ({ id: f.id, kind: f.kind, subjects: f.subjects, window: f.window, metric: f.metric, value: f.value, threshold: f.threshold, comparison: f.comparison, evidence: f.evidence })),
      decisions: decisions.map((d) => ({ id: d.id, caseId: d.case_id, status: d.status, subjects: d.subjects, reason: d.reason, effectiveBlock: d.effective_block, decidedBy: d.decided_by, decidedAt: iso(d.decided_at) })),
      notes: notes.map((n) => ({ id: n.id, caseId: n.case_id, text: n.text, subjects: n.subjects, author: n.author, createdAt: iso(n.created_at) })),
      audit: audit.map((a) => ({ id: a.id, at: iso(a.at), actor: a.actor, action: a.action, target: a.target, previous: a.previous, value: a.value })),
    }
  } finally {
    await sql.query('ROLLBACK')
  }
}

export const caseFileJson = (file: CaseFile): string => `${JSON.stringify(file, null, 2)}\n`

/** Markdown for people: the case, each flag's evidence in full, then decisions, notes and audit. */
export function caseFileMarkdown(file: CaseFile): string {
  const c = file.case
  const out = [
    `# Case ${c.id}`,
    '',
    `Severity **${c.severity}** at analytics block ${file.watermark.block}${file.watermark.blockTimestamp ? ` (${file.watermark.blockTimestamp})` : ''}. Exported ${file.exportedAt}.`,
    '',
    `Subjects: ${c.subjects.map((s) => `\`${s}\``).join(', ')}`,
    '',
    '## Grounds',
    '',
    ...valueLines(c.grounds),
    '',
    `## Flags (${file.flags.length})`,
  ]
  for (const f of file.flags) {
    out.push('', `### ${f.kind}: ${f.subjects.map((s) => `\`${s}\``).join(', ')}`, '', `\`${f.id}\``, '')
    out.push(`${f.metric}: **${f.value}** ${f.comparison} ${f.threshold}${f.window ? `; window ${windowText(f.window)}` : ''}`, '')
    for (const [key, value] of Object.entries(f.evidence)) {
      if (value === undefined || value === null) continue
      if (Array.isArray(value) && value.length && value.every(isRecord)) out.push(`**${key}** (${value.length})`, '', ...table(value), '')
      else out.push(`- **${key}**: ${inline(key, value)}`)
    }
  }
  out.push('', `## Decisions (${file.decisions.length})`, '')
  if (file.decisions.length) out.push(...table(file.decisions.map((d) => ({ id: d.id, case: d.caseId, status: d.status, reason: d.reason, 'effective block': d.effectiveBlock, 'decided by': d.decidedBy, 'decided at': d.decidedAt, subjects: d.subjects }))))
  else out.push('None.')
  out.push('', `## Notes (${file.notes.length})`, '')
  if (file.notes.length) for (const n of file.notes) out.push(`- ${n.createdAt}, ${n.author} (case ${n.caseId}): ${n.text.replace(/\n/g, ' ')}`)
  else out.push('None.')
  out.push('', `## Audit log (${file.audit.length})`, '')
  if (file.audit.length) out.push(...table(file.audit.map((a) => ({ id: a.id, at: a.at, actor: a.actor, action: a.action, target: a.target, previous: a.previous, value: a.value }))))
  else out.push('None.')
  return `${out.join('\n')}\n`
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Unix seconds in keys that name a time ("at", "firstAt", "from", ...) are shown as dates too. */
function inline(key: string, value: unknown): string {
  if (typeof value === 'number' && /(^at$|At$|^from$|^to$)/.test(key) && value > 1e9 && value < 1e11) return `${value} (${new Date(value * 1000).toISOString()})`
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

function windowText(window: unknown): string {
  if (!isRecord(window)) return JSON.stringify(window)
  return `${inline('from', window.from)} to ${inline('to', window.to)}`
}

/** An array of records as a Markdown table, columns in order of first appearance. */
function table(rows: Record<string, unknown>[]): string[] {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const cell = (key: string, v: unknown) => (v === undefined || v === null ? '' : inline(key, v)).replace(/\|/g, '\\|').replace(/\n/g, ' ')
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${columns.map((k) => cell(k, r[k])).join(' | ')} |`)]
}

function valueLines(value: unknown): string[] {
  if (!isRecord(value)) return [inline('', value)]
  return Object.entries(value).map(([k, v]) => `- **${k}**: ${inline(k, v)}`)
}

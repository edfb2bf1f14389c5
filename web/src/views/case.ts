/**
 * A case: its severity and why (signal families, corroborating flag pairs, confirmations), every
 * flag with its evidence chart and a link to the view that shows more; for the committee, the
 * decisions and notes on any case that named its subjects, the audited actions and the case file.
 */
import { evidenceCharts } from '../../../src/charts/svg'
import { gql } from '../api'
import { FLAG_FIELDS, flagViewLink, type FlagRow } from '../flags'
import { account, esc, table, when } from '../html'
import { forAnalysts, type View } from '../view'

/**
 * The refusal of the committee's last action on a case, by case id: kept here rather than only in
 * the page, because a live redraw of the case (a new analytics run) would wipe it off the screen.
 */
export const actionErrors = new Map<string, string>()

interface Grounds {
  families?: string[]
  corroborations?: { flags: [string, string]; subjects: string[] }[]
  confirmations?: { caseId: string; subjects: string[]; block: number }[]
}

interface CaseView {
  id: string
  severity: string
  subjects: string[]
  grounds: Grounds
  flags: FlagRow[]
  subjectDecisions?: { id: string; caseId: string; status: string; reason: string; decidedBy: string; decidedAt: string }[]
  subjectNotes?: { id: string; caseId: string; text: string; author: string; createdAt: string }[]
}

function groundsOf(g: Grounds, flags: FlagRow[]): string {
  const kindOf = new Map(flags.map((f) => [f.id, f.kind]))
  const corroborations = g.corroborations ?? []
  const confirmations = g.confirmations ?? []
  return `<section id="grounds"><h2>Why this severity</h2>
    <p>Signal families: ${(g.families ?? []).map((f) => `<strong>${esc(f)}</strong>`).join(', ') || '<span class="muted">none</span>'}.
      ${corroborations.length ? '' : 'No flag of another family corroborates these.'} ${confirmations.length ? '' : 'No earlier confirmed case names these accounts.'}</p>
    ${corroborations.length ? `<h3>Corroborating pairs (independent families on the same accounts)</h3>${table(['flag', 'and flag', 'shared accounts'], corroborations.map((c) => [esc(kindOf.get(c.flags[0]) ?? c.flags[0]), esc(kindOf.get(c.flags[1]) ?? c.flags[1]), c.subjects.map(account).join(' ')]))}` : ''}
    ${confirmations.length ? `<h3>Confirmed before</h3>${table(['case', 'accounts', 'block'], confirmations.map((c) => [esc(c.caseId), c.subjects.map(account).join(' '), esc(c.block)]))}` : ''}</section>`
}

export const casePage: View = async ({ role, args }) => {
  if (role === 'public') return forAnalysts
  const id = decodeURIComponent(args[0] ?? '')
  const committee = role === 'committee'
  const { investigationCaseById: c } = await gql<{ investigationCaseById: CaseView | null }>(
    `query($id: ID!) { investigationCaseById(id: $id) { id severity subjects grounds flags { ${FLAG_FIELDS} }
       ${committee ? 'subjectDecisions { id caseId status reason decidedBy decidedAt } subjectNotes { id caseId text author createdAt }' : ''} } }`,
    { id },
  )
  if (!c) return `<section class="error">No case ${esc(id)} at the current analytics watermark.</section>`
  const flags = c.flags.map((f) => `<section class="flag"><h2>${esc(f.kind)}: ${f.subjects.map(account).join(', ')}</h2>
      <p>${esc(f.metric)}: <strong>${esc(f.value)}</strong> ${esc(f.comparison)} ${esc(f.threshold)} ${flagViewLink(f)}</p>
      <div class="charts">${evidenceCharts(f).join('')}</div>
      <details><summary>evidence</summary><pre>${esc(JSON.stringify(f.evidence, null, 1))}</pre></details></section>`)
  const history = committee
    ? `<section id="history"><h2>Decisions and notes on these subjects</h2>
        ${table(
          ['when', 'case', 'who', 'what'],
          [...(c.subjectDecisions ?? []).map((d) => [d.decidedAt, d.caseId, d.decidedBy, `${d.status}: ${d.reason}`]), ...(c.subjectNotes ?? []).map((n) => [n.createdAt, n.caseId, n.author, `note: ${n.text}`])]
            .sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
            .map(([at, ...rest]) => [when(at), ...rest.map(esc)]),
          'none yet',
        )}</section>
      <section id="actions"><h2>Committee actions</h2>
        <form id="decide" data-case="${esc(c.id)}"><select name="status" aria-label="decision"><option>INVESTIGATING</option><option>CONFIRMED</option><option>DISMISSED</option></select>
          <input name="reason" placeholder="reason (required)" aria-label="reason"><button>Decide</button></form>
        <form id="note" data-case="${esc(c.id)}"><input name="text" placeholder="a note for the file" aria-label="note"><button>Add note</button></form>
        <p id="action-error" class="error">${esc(actionErrors.get(c.id) ?? '')}</p>
        <p>Case file: ${['pdf', 'md', 'json'].map((f) => `<button class="export" data-case="${esc(c.id)}" data-format="${f}">${f.toUpperCase()}</button>`).join(' ')}</p></section>`
    : ''
  return `<h1>Case ${esc(c.id)}</h1><section id="case"><p>Severity <strong>${esc(c.severity)}</strong>; subjects ${c.subjects.map(account).join(', ')}</p></section>${groundsOf(c.grounds, c.flags)}${history}${flags.join('')}`
}

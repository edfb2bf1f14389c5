/**
 * The dashboard: a page per view, chosen by the URL's hash, each drawn from the API under the
 * signed-in credential. What a view shows follows the role the API reports (/whoami); the API
 * enforces it anyway, so the page only leaves out what would come back refused.
 */
import { evidenceCharts } from '../../src/charts/svg'
import { ApiError, authorization, credential, gql, whoAmI, type Role } from './api'

const main = document.querySelector<HTMLElement>('#main')!
const who = document.querySelector<HTMLElement>('#who')!
const nav = document.querySelector<HTMLElement>('#nav')!

/** Text for HTML: everything shown from the API goes through it. */
const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A view: the role, and the rest of the hash path (`#/case/<id>` gives ['<id>']). */
type View = (role: Role, args: string[]) => Promise<string>

const VIEWS: Record<string, View> = {
  '': overview,
  signin: async () => signInForm(),
  case: (role, [id]) => casePage(role, decodeURIComponent(id ?? '')),
}

async function overview(role: Role): Promise<string> {
  const { analyticsStates, proposalsConnection } = await gql<{
    analyticsStates: { block: number; blockTimestamp: string; lastRunMs: number; updatedAt: string }[]
    proposalsConnection: { totalCount: number }
  }>('{ analyticsStates { block blockTimestamp lastRunMs updatedAt } proposalsConnection(first: 0) { totalCount } }')
  const state = analyticsStates[0]
  const status = `<section id="status"><h2>Indexer and analytics</h2><div class="numbers">
      <div><strong>${esc(proposalsConnection.totalCount)}</strong>proposals indexed</div>
      <div><strong>${state ? esc(state.block) : '-'}</strong>analytics block${state ? ` (${esc(state.blockTimestamp)})` : ''}</div>
      <div><strong>${state ? esc(state.lastRunMs) : '-'} ms</strong>last analytics run</div>
    </div></section>`
  if (role === 'public') return `<h1>Overview</h1>${status}<section><p class="muted">Flags and cases are for analysts and the ethics committee: <a href="#/signin">sign in</a> with an API key.</p></section>`
  const { analyticsHistory, flagsConnection, investigationCases } = await gql<{
    analyticsHistory: { block: number; flagsByKind: Record<string, number>; casesBySeverity: Record<string, number> }[]
    flagsConnection: { totalCount: number }
    investigationCases: { id: string; severity: string; subjects: string[]; flagIds: string[] }[]
  }>(`{ analyticsHistory(limit: 1000) { block flagsByKind casesBySeverity }
        flagsConnection(first: 0) { totalCount }
        investigationCases(where: { severity_in: ["PROBABLE", "CONFIRMED", "REPEAT"] }, orderBy: [id_ASC], limit: 100) { id severity subjects flagIds } }`)
  const latest = analyticsHistory[analyticsHistory.length - 1]
  const byKind = Object.entries(latest?.flagsByKind ?? {}).sort((a, b) => b[1] - a[1])
  return `<h1>Overview</h1>${status}
    <section id="flags"><h2>Flags: ${esc(flagsConnection.totalCount)}</h2>
      <table><thead><tr><th>kind</th><th>flags</th></tr></thead><tbody>
      ${byKind.map(([kind, n]) => `<tr><td>${esc(kind)}</td><td>${esc(n)}</td></tr>`).join('') || '<tr><td colspan="2" class="muted">none yet</td></tr>'}
      </tbody></table>
      <p class="muted">${esc(analyticsHistory.length)} analytics runs changed the flags so far.</p></section>
    <section id="cases"><h2>Open cases, probable and worse</h2>
      <table><thead><tr><th>case</th><th>severity</th><th>subjects</th><th>flags</th></tr></thead><tbody>
      ${investigationCases.map((c) => `<tr><td><a href="#/case/${encodeURIComponent(c.id)}">${esc(c.id)}</a></td><td>${esc(c.severity)}</td><td>${c.subjects.map(esc).join('<br>')}</td><td>${esc(c.flagIds.length)}</td></tr>`).join('') || '<tr><td colspan="4" class="muted">none</td></tr>'}
      </tbody></table></section>`
}

interface CaseView {
  id: string
  severity: string
  subjects: string[]
  grounds: unknown
  flags: { id: string; kind: string; subjects: string[]; metric: string; value: number; threshold: number; comparison: string; evidence: Record<string, unknown> }[]
  subjectDecisions?: { id: string; caseId: string; status: string; reason: string; decidedBy: string; decidedAt: string }[]
  subjectNotes?: { id: string; caseId: string; text: string; author: string; createdAt: string }[]
}

/** A case: its flags with their evidence charts; for the committee, its history and actions. */
async function casePage(role: Role, id: string): Promise<string> {
  if (role === 'public') return '<section class="muted">Cases are for analysts and the ethics committee.</section>'
  const committee = role === 'committee'
  const { investigationCaseById: c } = await gql<{ investigationCaseById: CaseView | null }>(
    `query($id: ID!) { investigationCaseById(id: $id) { id severity subjects grounds flags { id kind subjects metric value threshold comparison evidence }
       ${committee ? 'subjectDecisions { id caseId status reason decidedBy decidedAt } subjectNotes { id caseId text author createdAt }' : ''} } }`,
    { id },
  )
  if (!c) return `<section class="error">No case ${esc(id)} at the current analytics watermark.</section>`
  const flags = c.flags.map((f) => `<section class="flag"><h2>${esc(f.kind)}: ${f.subjects.map(esc).join(', ')}</h2>
      <p>${esc(f.metric)}: <strong>${esc(f.value)}</strong> ${esc(f.comparison)} ${esc(f.threshold)}</p>
      ${evidenceCharts(f).join('')}
      <details><summary>evidence</summary><pre>${esc(JSON.stringify(f.evidence, null, 1))}</pre></details></section>`)
  const history = committee
    ? `<section id="history"><h2>Decisions and notes on these subjects</h2>
        <table><thead><tr><th>when</th><th>case</th><th>who</th><th>what</th></tr></thead><tbody>
        ${[...(c.subjectDecisions ?? []).map((d) => [d.decidedAt, d.caseId, d.decidedBy, `${d.status}: ${d.reason}`]), ...(c.subjectNotes ?? []).map((n) => [n.createdAt, n.caseId, n.author, `note: ${n.text}`])]
          .sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
          .map((row) => `<tr>${row.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`)
          .join('') || '<tr><td colspan="4" class="muted">none yet</td></tr>'}
        </tbody></table></section>
      <section id="actions"><h2>Committee actions</h2>
        <form id="decide" data-case="${esc(c.id)}"><select name="status" aria-label="decision"><option>INVESTIGATING</option><option>CONFIRMED</option><option>DISMISSED</option></select>
          <input name="reason" placeholder="reason (required)" aria-label="reason"><button>Decide</button></form>
        <form id="note" data-case="${esc(c.id)}"><input name="text" placeholder="a note for the file" aria-label="note"><button>Add note</button></form>
        <p id="action-error" class="error"></p>
        <p>Case file: ${['pdf', 'md', 'json'].map((f) => `<button class="export" data-case="${esc(c.id)}" data-format="${f}">${f.toUpperCase()}</button>`).join(' ')}</p></section>`
    : ''
  return `<h1>Case ${esc(c.id)}</h1><section><p>Severity <strong>${esc(c.severity)}</strong>; subjects ${c.subjects.map(esc).join(', ')}</p></section>${history}${flags.join('')}`
}

function signInForm(): string {
  return `<h1>Sign in</h1><section><p>An API key (or a JWT) from <code>peerwatch api-key create</code>. It is kept for this tab only.</p>
    <form id="signin"><input name="key" type="password" autocomplete="off" placeholder="pw_..." aria-label="API key"><button>Sign in</button></form>
    <p id="signin-error" class="error"></p></section>`
}

async function render(): Promise<void> {
  const [name = '', ...args] = location.hash.replace(/^#\/?/, '').split('/')
  const view = VIEWS[name] ?? overview
  let role: Role
  try {
    ;({ role } = await whoAmI())
  } catch (err) {
    // A credential the API refuses (revoked, expired) is dropped: the page goes back to the public's.
    credential.clear()
    role = 'public'
    if (!(err instanceof ApiError)) throw err
  }
  who.textContent = role === 'public' ? 'public' : role
  nav.innerHTML = role === 'public' ? '<a href="#/signin">Sign in</a>' : '<a href="#/" id="signout">Sign out</a>'
  try {
    main.innerHTML = await view(role, args)
  } catch (err) {
    main.innerHTML = `<section class="error">${esc(err instanceof Error ? err.message : err)}</section>`
  }
}

/** The committee's writes: each an audited mutation; the page is drawn again from the API after it. */
async function act(form: HTMLFormElement): Promise<void> {
  const data = new FormData(form)
  const caseId = form.dataset.case!
  if (form.id === 'decide') await gql('mutation($c: ID!, $s: CaseDecisionStatus!, $r: String!) { decideCase(caseId: $c, status: $s, reason: $r) { id } }', { c: caseId, s: data.get('status'), r: data.get('reason') })
  else await gql('mutation($c: ID!, $t: String!) { addCaseNote(caseId: $c, text: $t) { id } }', { c: caseId, t: data.get('text') })
  await render()
}

/** A case file download: fetched with the credential (a plain link would not carry it), then saved. */
async function download(caseId: string, format: string): Promise<void> {
  const res = await fetch(`/cases/${encodeURIComponent(caseId)}/export?format=${format}`, { headers: authorization() })
  if (!res.ok) throw new ApiError(`export: HTTP ${res.status}`)
  const link = document.createElement('a')
  link.href = URL.createObjectURL(await res.blob())
  link.download = `${caseId}.${format}`
  link.click()
  URL.revokeObjectURL(link.href)
}

const showActionError = (err: unknown) => {
  const target = document.querySelector('#action-error')
  if (target) target.textContent = err instanceof Error ? err.message : String(err)
}

document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement
  if (form.id === 'decide' || form.id === 'note') {
    event.preventDefault()
    void act(form).catch(showActionError)
    return
  }
  if (form.id !== 'signin') return
  event.preventDefault()
  const key = new FormData(form).get('key')?.toString().trim() ?? ''
  credential.set(key)
  void whoAmI().then(
    () => (location.hash = '#/'),
    (err: unknown) => {
      credential.clear()
      document.querySelector('#signin-error')!.textContent = err instanceof Error ? err.message : String(err)
    },
  )
})

document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement
  if (target.classList.contains('export')) void download(target.dataset.case!, target.dataset.format!).catch(showActionError)
  if (target.id !== 'signout') return
  credential.clear()
  void render()
})

window.addEventListener('hashchange', () => void render())
void render()

/**
 * The dashboard: a page per view, chosen by the URL's hash, each drawn from the API under the
 * signed-in credential. What a view shows follows the role the API reports (/whoami); the API
 * enforces it anyway, so the page only leaves out what would come back refused.
 */
import { ApiError, credential, gql, whoAmI, type Role } from './api'

const main = document.querySelector<HTMLElement>('#main')!
const who = document.querySelector<HTMLElement>('#who')!
const nav = document.querySelector<HTMLElement>('#nav')!

/** Text for HTML: everything shown from the API goes through it. */
export const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

type View = (role: Role) => Promise<string>

const VIEWS: Record<string, View> = {
  '': overview,
  signin: async () => signInForm(),
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
      ${investigationCases.map((c) => `<tr><td>${esc(c.id)}</td><td>${esc(c.severity)}</td><td>${c.subjects.map(esc).join('<br>')}</td><td>${esc(c.flagIds.length)}</td></tr>`).join('') || '<tr><td colspan="4" class="muted">none</td></tr>'}
      </tbody></table></section>`
}

function signInForm(): string {
  return `<h1>Sign in</h1><section><p>An API key (or a JWT) from <code>peerwatch api-key create</code>. It is kept for this tab only.</p>
    <form id="signin"><input name="key" type="password" autocomplete="off" placeholder="pw_..." aria-label="API key"><button>Sign in</button></form>
    <p id="signin-error" class="error"></p></section>`
}

async function render(): Promise<void> {
  const view = VIEWS[location.hash.replace(/^#\/?/, '')] ?? overview
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
    main.innerHTML = await view(role)
  } catch (err) {
    main.innerHTML = `<section class="error">${esc(err instanceof Error ? err.message : err)}</section>`
  }
}

document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement
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
  if ((event.target as HTMLElement).id !== 'signout') return
  credential.clear()
  void render()
})

window.addEventListener('hashchange', () => void render())
void render()

/**
 * The dashboard: a page per view, chosen by the URL's hash, each drawn from the API under the
 * signed-in credential. What a view shows follows the role the API reports (/whoami); the API
 * enforces it anyway, so the page only leaves out what would come back refused. Signed in, the page
 * listens to /events and draws the view again when the analytics change flags or cases.
 */
import { ApiError, authorization, credential, gql, whoAmI, type Role } from './api'
import { esc } from './html'
import type { Drawn, View } from './view'
import { actionErrors, casePage } from './views/case'
import { citation } from './views/citation'
import { flags } from './views/flags'
import { overview } from './views/overview'
import { provider, providers } from './views/providers'
import { rep, reviewer } from './views/rep'
import { pair, text, timing } from './views/reviewers'
import { ring } from './views/ring'

const main = document.querySelector<HTMLElement>('#main')!
const who = document.querySelector<HTMLElement>('#who')!
const nav = document.querySelector<HTMLElement>('#nav')!
const live = document.querySelector<HTMLElement>('#live')!

const signInForm: View = async () => `<h1>Sign in</h1><section><p>An API key (or a JWT) from <code>peerwatch api-key create</code>. It is kept for this tab only.</p>
    <form id="signin"><input name="key" type="password" autocomplete="off" placeholder="pw_..." aria-label="API key"><button>Sign in</button></form>
    <p id="signin-error" class="error"></p></section>`

const VIEWS: Record<string, View> = {
  '': overview,
  signin: signInForm,
  flags,
  case: casePage,
  pair,
  text,
  timing,
  ring,
  citation,
  providers,
  provider,
  rep,
  reviewer,
}

/** Views that show flags or cases, drawn again when the analytics change them. */
const LIVE_VIEWS = new Set(['', 'flags', 'case'])

const LINKS: [string, string, boolean][] = [
  ['#/', 'Overview', false],
  ['#/flags', 'Flags', true],
  ['#/citation', 'Citation', true],
  ['#/providers', 'Providers', false],
  ['#/rep', 'REP', false],
]

let unmount: (() => void) | null = null
let role: Role = 'public'
/** Renders started so far: one that a newer one overtook (a live redraw, then a click) draws nothing. */
let renders = 0

function route(): { path: string; args: string[]; params: URLSearchParams } {
  const [pathPart = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?')
  const [path = '', ...args] = pathPart.split('/')
  return { path, args, params: new URLSearchParams(query) }
}

async function render(): Promise<void> {
  const generation = ++renders
  const { path, args, params } = route()
  const view = VIEWS[path] ?? overview
  try {
    ;({ role } = await whoAmI())
  } catch (err) {
    // A credential the API refuses (revoked, expired) is dropped: the page goes back to the public's.
    credential.clear()
    role = 'public'
    if (!(err instanceof ApiError)) throw err
  }
  who.textContent = role
  nav.innerHTML =
    LINKS.filter(([, , analysts]) => role !== 'public' || !analysts)
      .map(([href, name]) => `<a href="${href}">${name}</a>`)
      .join('') + (role === 'public' ? '<a href="#/signin">Sign in</a>' : '<a href="#/" id="signout">Sign out</a>')
  listen(role)
  let drawn: Drawn
  try {
    drawn = await view({ role, path, args, params })
  } catch (err) {
    drawn = `<section class="error">${esc(err instanceof Error ? err.message : err)}</section>`
  }
  if (generation !== renders) return
  unmount?.()
  unmount = null
  if (typeof drawn === 'string') main.innerHTML = drawn
  else {
    main.innerHTML = drawn.html
    unmount = drawn.mount(main)
  }
  main.dataset.view = path || 'overview'
}

/**
 * Live changes: GET /events read as a stream through fetch (EventSource cannot send the credential's
 * header, and a key does not belong in a URL). Reconnects after a drop, waiting longer each time.
 */
let stream: AbortController | null = null
function listen(as: Role): void {
  if (as === 'public') {
    stream?.abort()
    stream = null
    live.textContent = ''
    return
  }
  if (stream) return
  const controller = (stream = new AbortController())
  let retryMs = 1_000
  const connect = async () => {
    while (!controller.signal.aborted) {
      try {
        const res = await fetch('/events', { headers: authorization(), signal: controller.signal })
        if (!res.ok || !res.body) throw new ApiError(`events: HTTP ${res.status}`)
        live.textContent = 'live'
        live.title = 'listening for new flags and cases'
        retryMs = 1_000
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const data = /^data: (.*)$/m.exec(message)?.[1]
            if (data) changed(JSON.parse(data) as { block: number; flags: { added: string[] }; cases: { added: string[] } })
          }
        }
      } catch (err) {
        if (controller.signal.aborted) return
        live.textContent = 'reconnecting'
        live.title = err instanceof Error ? err.message : String(err)
      }
      await new Promise((r) => setTimeout(r, retryMs))
      retryMs = Math.min(retryMs * 2, 30_000)
    }
  }
  void connect()
}

let redraw: ReturnType<typeof setTimeout> | null = null
function changed(event: { block: number; flags: { added: string[] }; cases: { added: string[] } }): void {
  live.textContent = `live: block ${event.block}`
  live.title = `${event.flags.added.length} new flags, ${event.cases.added.length} new cases at block ${event.block}`
  if (!LIVE_VIEWS.has(route().path)) return
  // Not while someone is writing a note or a reason: the redraw would take their text away.
  const typing = [...document.querySelectorAll<HTMLInputElement>('#main input')].some((i) => i.value !== '')
  if (typing) return
  if (redraw) clearTimeout(redraw)
  redraw = setTimeout(() => void render(), 250)
}

/**
 * The committee's writes: each an audited mutation; the page is drawn again from the API after it.
 * A refusal is shown where the form is (what was typed stays) and kept for the case's redraws.
 */
async function act(form: HTMLFormElement): Promise<void> {
  const data = new FormData(form)
  const caseId = form.dataset.case!
  try {
    if (form.id === 'decide') await gql('mutation($c: ID!, $s: CaseDecisionStatus!, $r: String!) { decideCase(caseId: $c, status: $s, reason: $r) { id } }', { c: caseId, s: data.get('status'), r: data.get('reason') })
    else await gql('mutation($c: ID!, $t: String!) { addCaseNote(caseId: $c, text: $t) { id } }', { c: caseId, t: data.get('text') })
  } catch (err) {
    showActionError(caseId, err)
    return
  }
  actionErrors.delete(caseId)
  form.reset()
  await render()
}

function showActionError(caseId: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err)
  actionErrors.set(caseId, message)
  const target = document.querySelector('#action-error')
  if (target) target.textContent = message
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

document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement
  if (form.id === 'decide' || form.id === 'note') {
    event.preventDefault()
    void act(form)
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
  if (target.classList.contains('export')) {
    const caseId = target.dataset.case!
    void download(caseId, target.dataset.format!).catch((err: unknown) => showActionError(caseId, err))
  }
  if (target.id !== 'signout') return
  credential.clear()
  void render()
})

window.addEventListener('hashchange', () => void render())
void render()

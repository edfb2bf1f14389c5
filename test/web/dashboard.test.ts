/**
 * The dashboard in a real browser (Debian Chromium driven by playwright-core) against a running
 * stack: `peerwatch start` on a fresh data folder plays the default scenario live (its population and
 * every planted behaviour, over a shorter season so that the test takes a minute or two), the
 * processor indexes it, the analytics grade it and the API serves the dashboard. Keys come from
 * `peerwatch api-key create` while it runs, as a user makes them. Every view is opened as a person
 * would reach it (from the flag list), must show real data, and leaves a screenshot in
 * test-artifacts/dashboard/ for a person to look at.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/config'

/** Where the Debian package puts Chromium (`npm test` installs it when missing). */
const CHROMIUM = process.env.PEERWATCH_CHROMIUM ?? '/usr/bin/chromium'
const SHOTS = path.join(PROJECT_ROOT, 'test-artifacts/dashboard')
/** The flag kinds whose views the test opens: the default scenario plants each. */
const KINDS = ['score-correlation', 'text-similarity', 'timing-correlation', 'reciprocal-review', 'self-citation', 'provider-missed-tasks']

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-web-'))
const env = { ...process.env, PEERWATCH_DATA_DIR: dataDir, PEERWATCH_PROGRESS: 'false' }
let stack: ChildProcess
let log = ''
let url: string
let browser: Browser
let analystKey: string
let committeeKey: string

/** Waits for a condition of the stack, failing with what the stack said if it does not come. */
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 150_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    if (stack.exitCode !== null) throw new Error(`peerwatch start exited (${stack.exitCode}) waiting for ${what}:\n${log.slice(-3_000)}`)
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${log.slice(-3_000)}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

async function gql<T>(key: string | null, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify({ query, variables }) })
  const body = (await res.json()) as { data: T; errors?: { message: string }[] }
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '))
  return body.data
}

const createKey = (role: string) =>
  execFileSync(process.execPath, ['bin/peerwatch', 'api-key', 'create', '--role', role, '--name', `browser ${role}`], { cwd: PROJECT_ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (npm test does), or set PEERWATCH_CHROMIUM`)
  if (!fs.existsSync(path.join(PROJECT_ROOT, 'web/dist/index.html'))) throw new Error('the dashboard is not built: npm run build:web (npm test does)')
  // The default scenario over 40 proposals and 40 epochs instead of 240 and 120.
  const scenario = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'scenarios/default.json'), 'utf8'))
  scenario.proposals.count = 40
  scenario.epochs = 40
  for (const c of scenario.cases) c.epoch = Math.round((c.epoch * 40) / 120)
  const scenarioFile = path.join(dataDir, 'default-short.json')
  fs.writeFileSync(scenarioFile, JSON.stringify(scenario))
  stack = spawn(process.execPath, ['bin/peerwatch', 'start'], {
    cwd: PROJECT_ROOT,
    env: { ...env, PEERWATCH_SCENARIO: scenarioFile, PEERWATCH_LIVE_TPS: '100000', PEERWATCH_API_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  stack.stderr!.on('data', (d: Buffer) => (log += d.toString()))
  stack.stdout!.on('data', (d: Buffer) => (log += d.toString()))
  url = await until('the API', () => /GraphQL API at (http:\/\/\S+)\/graphql/.exec(log)?.[1])
  analystKey = createKey('analyst')
  committeeKey = createKey('committee')
  expect(analystKey).toMatch(/^pw_/)
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] })
  fs.mkdirSync(SHOTS, { recursive: true })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  if (stack && stack.exitCode === null) {
    const exited = new Promise((r) => stack.on('exit', r))
    process.kill(-stack.pid!, 'SIGINT')
    await exited
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
}, 60_000)

async function open(hash = '', key: string | null = null): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
  page.on('pageerror', (err) => {
    throw err
  })
  if (key) {
    await page.goto(`${url}/#/signin`)
    await page.fill('input[name=key]', key)
    await page.click('button')
    await page.waitForFunction('document.querySelector("#who")?.textContent !== "public" && !!document.querySelector("main[data-view=overview] #flags")')
  }
  await page.goto(`${url}/${hash}`)
  return page
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
const count = (page: Page, selector: string) => page.$$eval(selector, (els) => els.length)

describe('the dashboard on a running stack with the default scenario', () => {
  it('shows the public where indexing is, REP and providers, and no flags', async () => {
    await until('the first analytics run', () => /analytics: block \d+/.test(log))
    const page = await open()
    await page.waitForSelector('main[data-view=overview] #status')
    expect(await page.textContent('#who')).toBe('public')
    const status = await page.textContent('#status')
    expect(status).toMatch(/[1-9][\d,]*chain head/)
    expect(status).toMatch(/[1-9][\d,]*indexed block/)
    expect(await page.$('#flags')).toBeNull()
    await shot(page, 'overview-public')
    await page.goto(`${url}/#/flags`)
    await page.waitForSelector('main[data-view=flags]')
    expect(await page.textContent('main')).toContain('for analysts and the ethics committee')
    await page.close()
  })

  it('shows an analyst new flags as the analytics raise them, without a reload', async () => {
    const page = await open('#/', analystKey)
    await page.waitForSelector('#flag-total')
    await page.waitForFunction('document.querySelector("#live")?.textContent.startsWith("live")')
    const before = Number(await page.textContent('#flag-total'))
    // The live stream redraws the overview when a run adds flags: the count moves with no navigation.
    await page.waitForFunction(`Number(document.querySelector('#flag-total')?.textContent) > ${before}`, undefined, { timeout: 120_000 })
    expect(await page.textContent('#live')).toMatch(/^live: block \d+/)
    await page.close()
  }, 150_000)

  it('opens the view of each kind of flag, reached from the flag list, with real data', async () => {
    await until('a flag of every kind the views need', async () => {
      const { flags } = await gql<{ flags: { kind: string }[] }>(analystKey, '{ flags(limit: 1000) { kind } }')
      return KINDS.every((k) => flags.some((f) => f.kind === k))
    })
    const page = await open('', analystKey)
    const viewOf = async (kind: string) => {
      await page.goto(`${url}/#/flags?kind=${kind}`)
      await page.waitForSelector('main[data-view=flags] a.flag-view')
      await page.click('a.flag-view')
    }
    await viewOf('score-correlation')
    await page.waitForSelector('main[data-view=pair] #pair-r')
    expect(Number(await page.textContent('#pair-r'))).toBeGreaterThan(0.9)
    expect(await count(page, '#pair circle.point')).toBeGreaterThan(1)
    await shot(page, 'pair')

    await viewOf('text-similarity')
    await page.waitForSelector('main[data-view=text] #texts')
    expect(await count(page, '#texts .review-text')).toBe(2)
    expect(await count(page, '#texts mark')).toBeGreaterThan(2)
    await shot(page, 'text')

    await viewOf('timing-correlation')
    await page.waitForSelector('main[data-view=timing] #timing')
    expect(await count(page, '#timing g.proposal')).toBeGreaterThanOrEqual(3)
    await shot(page, 'timing')

    await viewOf('reciprocal-review')
    await page.waitForSelector('main[data-view=ring] #graph canvas')
    const graph = await page.$eval('#graph', (el) => ({ nodes: Number(el.getAttribute('data-nodes')), flagged: Number(el.getAttribute('data-flagged')) }))
    expect(graph.flagged).toBe(2)
    expect(graph.nodes).toBeGreaterThan(2)
    await page.waitForTimeout(300) // sigma draws on the next frame
    await shot(page, 'ring')

    await viewOf('self-citation')
    await page.waitForSelector('main[data-view=citation] #reviewer-citations')
    expect(await page.textContent('#citation')).toMatch(/threshold 50 %/)
    expect(await count(page, '#reviewer-citations tbody tr')).toBeGreaterThan(2)
    await shot(page, 'citation')

    await viewOf('provider-missed-tasks')
    await page.waitForSelector('main[data-view=provider] #missed-tasks')
    expect(await page.textContent('#missed-tasks')).toContain('MISSED')
    expect(await page.textContent('#provider svg')).toMatch(/missed: [1-9]/)
    await shot(page, 'provider')

    await page.goto(`${url}/#/providers`)
    await page.waitForSelector('main[data-view=providers] #provider-list')
    expect(await count(page, '#provider-list tbody tr')).toBe(10)
    expect(await count(page, '#uptime rect.column')).toBeGreaterThan(10)
    await shot(page, 'providers')

    await page.goto(`${url}/#/rep`)
    await page.waitForSelector('main[data-view=rep] #reviewer-list')
    expect(await count(page, '#reviewer-list tbody tr')).toBe(25)
    expect(await count(page, '#rep-distribution rect.column')).toBeGreaterThan(5)
    await shot(page, 'rep')
    // A second page, then a reviewer's ledger from it.
    await page.click('#reviewer-list a.next')
    await page.waitForSelector('main[data-view=rep] #reviewer-list a.prev')
    await page.click('#reviewer-list tbody a')
    await page.waitForSelector('main[data-view=reviewer] #ledger')
    expect(await count(page, '#ledger tbody tr')).toBeGreaterThan(0)
    expect(await page.textContent('#ledger')).not.toContain('none')
    await shot(page, 'reviewer')

    await page.goto(`${url}/#/flags`)
    await page.waitForSelector('main[data-view=flags] #flag-list')
    expect(await count(page, '#flag-list tbody tr')).toBeGreaterThan(5)
    await shot(page, 'flags')
    await page.close()
  }, 240_000)

  it('lets the committee note a case, which round-trips into the API and the audit log, and download its file', async () => {
    const { investigationCases } = await gql<{ investigationCases: { id: string }[] }>(analystKey, '{ investigationCases(orderBy: [id_ASC], limit: 1) { id } }')
    const caseId = investigationCases[0]!.id
    const page = await open(`#/case/${caseId}`, committeeKey)
    await page.waitForSelector('main[data-view=case] #actions')
    expect(await page.textContent('main h1')).toBe(`Case ${caseId}`)
    expect(await count(page, '.flag')).toBeGreaterThan(0)
    await page.fill('#note input[name=text]', 'asked the reviewers for their drafts')
    await page.click('#note button')
    await page.waitForFunction('document.querySelector("#history")?.textContent.includes("asked the reviewers for their drafts")')
    await shot(page, 'case-committee')
    const { auditEntries } = await gql<{ auditEntries: { actor: string; action: string; target: string }[] }>(committeeKey, '{ auditEntries(orderBy: [id_ASC]) { actor action target } }')
    expect(auditEntries).toEqual([{ actor: expect.stringContaining('browser committee'), action: 'add_case_note', target: caseId }])
    // A decision without a reason is refused, and the refusal is shown.
    await page.click('#decide button')
    await page.waitForSelector('#action-error:not(:empty)')
    expect(await page.textContent('#action-error')).toContain('a decision needs a reason')
    // The case file, fetched with the credential and saved.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.export[data-format=pdf]')])
    expect(download.suggestedFilename()).toBe(`${caseId}.pdf`)
    const file = fs.readFileSync((await download.path())!)
    expect(file.subarray(0, 5).toString()).toBe('%PDF-')
    await page.close()
    // An analyst sees the case, not the committee's history or actions.
    const analyst = await open(`#/case/${caseId}`, analystKey)
    await analyst.waitForSelector('main[data-view=case] .flag')
    expect(await analyst.$('#actions')).toBeNull()
    expect(await analyst.$('#history')).toBeNull()
    await shot(analyst, 'case-analyst')
    await analyst.close()
  })

  it('shows a refused key\'s reason, and signing out hides the flags again', async () => {
    const page = await open('#/signin')
    await page.fill('input[name=key]', 'pw_not_a_key')
    await page.click('button')
    await page.waitForSelector('#signin-error:not(:empty)')
    expect(await page.textContent('#signin-error')).toContain('unknown or revoked API key')
    await page.fill('input[name=key]', analystKey)
    await page.click('button')
    await page.waitForSelector('main[data-view=overview] #flags')
    expect(await page.evaluate('sessionStorage.getItem("peerwatch.credential")')).toBe(analystKey)
    await shot(page, 'overview-analyst')
    await page.click('#signout')
    await page.waitForFunction('document.querySelector("#who")?.textContent === "public"')
    await page.waitForSelector('#flags', { state: 'detached' })
    expect(await page.textContent('main')).toContain('Flags and cases are for analysts')
    await page.close()
  })

  it('left the stack\'s log free of warnings and errors (the dashboard sends queries of many root fields)', () => {
    expect(log).not.toMatch(/Warning|Unhandled|fatal|api: /)
  })

  it('serves no file outside the built dashboard', async () => {
    for (const route of ['/../package.json', '/%2e%2e/package.json', '/assets/../../index.html/x']) expect((await fetch(`${url}${route}`)).status).toBe(404)
    expect((await fetch(`${url}/`)).headers.get('content-type')).toBe('text/html; charset=utf-8')
  })
})

/**
 * The dashboard in a real browser (Debian Chromium driven by playwright-core) against the API on a
 * real Postgres: the public sees the protocol's status and no flags; an analyst signs in with a key
 * and sees flags and open cases. Screenshots go to test-artifacts/dashboard/ for a person to look at.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '../../src/api/keys'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { loadConfig, PROJECT_ROOT } from '../../src/config'
import { dbEnvVars, exportDbEnv, pgClientConfig, startDatabase, type Database } from '../../src/db/postgres'

/** Where the Debian package puts Chromium (.ci/run installs it when missing). */
const CHROMIUM = process.env.PEERWATCH_CHROMIUM ?? '/usr/bin/chromium'
const SHOTS = path.join(PROJECT_ROOT, 'test-artifacts/dashboard')
const REVIEWER = '0x00000000000000000000000000000000000000aa'
const OTHER = '0x00000000000000000000000000000000000000bb'

let db: Database
let pool: pg.Pool
let api: ApiServer
let browser: Browser
let analystKey: string
let committeeKey: string

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does), or set PEERWATCH_CHROMIUM`)
  if (!fs.existsSync(path.join(PROJECT_ROOT, 'web/dist/index.html'))) throw new Error('the dashboard is not built: npm run build:web (npm test does)')
  db = await startDatabase(loadConfig({ PEERWATCH_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-web-')) }).database)
  exportDbEnv(db.env)
  execFileSync(process.execPath, ['bin/peerwatch', 'db', 'migrate'], { cwd: PROJECT_ROOT, env: { ...process.env, ...dbEnvVars(db.env) }, stdio: 'pipe' })
  pool = new pg.Pool({ ...pgClientConfig(), max: 4 })
  await pool.query(`INSERT INTO proposal (id, author, domain, review_type, discussion, reviewers_wanted, content_hash, phase, outcome, submitted_at, submitted_block, assigned, committed, revealed)
    VALUES ('p-1', '0xauthor', 1, 'STANDARD', false, 3, '0x', 'COMMIT', 'PENDING', now(), 1, 3, 0, 0)`)
  await pool.query(`INSERT INTO analytics_state VALUES ('analytics', 100, now(), 1, 1, 1, 42, now())`)
  await pool.query(`INSERT INTO flag (id, kind, subjects, "window", metric, value, threshold, comparison, evidence, case_id) VALUES ('score-correlation:${REVIEWER},${OTHER}:all', 'score-correlation', ARRAY['${REVIEWER}', '${OTHER}'], NULL, 'r', 0.99, 0.95, '>', $1, 'case-1')`, [
    JSON.stringify({ sharedProposals: 3, scores: [{ proposalId: 'p-1', at: 1_700_000_000, scores: [9, 9] }, { proposalId: 'p-2', at: 1_700_086_400, scores: [8, 8] }, { proposalId: 'p-3', at: 1_700_172_800, scores: [2, 3] }] }),
  ])
  await pool.query(`INSERT INTO investigation_case (id, severity, subjects, flag_ids, grounds) VALUES ('case-1', 'PROBABLE', ARRAY['${REVIEWER}', '${OTHER}'], ARRAY['score-correlation:${REVIEWER},${OTHER}:all'], '{}')`)
  await pool.query(`INSERT INTO analytics_history VALUES (100, now(), '{"score-correlation": 1}', '{"PROBABLE": 1}')`)
  analystKey = (await createApiKey(pool, 'analyst', 'browser test')).key
  committeeKey = (await createApiKey(pool, 'committee', 'browser committee')).key
  api = await startApiServer({ pool, readiness: async () => null })
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] })
  fs.mkdirSync(SHOTS, { recursive: true })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await api?.close()
  await pool?.end()
  await db?.stop()
})

async function open(hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } })
  page.on('pageerror', (err) => {
    throw err
  })
  await page.goto(`${api.url}/${hash}`)
  return page
}

describe('the dashboard', () => {
  it('shows the public the protocol\'s status and no flags', async () => {
    const page = await open()
    await page.waitForSelector('#status')
    expect(await page.textContent('#status')).toContain('1proposals indexed')
    expect(await page.textContent('#who')).toBe('public')
    expect(await page.$('#flags')).toBeNull()
    expect(await page.content()).not.toContain(REVIEWER)
    await page.screenshot({ path: path.join(SHOTS, 'overview-public.png'), fullPage: true })
    await page.close()
  })

  it('lets an analyst sign in with a key, then shows flags and open cases', async () => {
    const page = await open('#/signin')
    await page.fill('input[name=key]', 'pw_not_a_key')
    await page.click('button')
    await page.waitForSelector('#signin-error:not(:empty)')
    expect(await page.textContent('#signin-error')).toContain('unknown or revoked API key')
    await page.fill('input[name=key]', analystKey)
    await page.click('button')
    await page.waitForSelector('#flags')
    expect(await page.textContent('#who')).toBe('analyst')
    expect(await page.textContent('#flags')).toContain('score-correlation')
    expect(await page.textContent('#cases')).toContain('case-1')
    expect(await page.textContent('#cases')).toContain(REVIEWER)
    // The key stays in the tab's session storage, nowhere in the page's code.
    expect(await page.evaluate('sessionStorage.getItem("peerwatch.credential")')).toBe(analystKey)
    await page.screenshot({ path: path.join(SHOTS, 'overview-analyst.png'), fullPage: true })
    await page.click('#signout')
    await page.waitForFunction('document.querySelector("#who")?.textContent === "public"')
    await page.waitForSelector('#flags', { state: 'detached' })
    expect(await page.textContent('main')).toContain('Flags and cases are for analysts')
    await page.close()
  })

  it('shows a case with its evidence chart, and the committee\'s note round-trips into the history and the audit log', async () => {
    const page = await open('#/signin')
    await page.fill('input[name=key]', committeeKey)
    await page.click('button')
    await page.waitForSelector('#flags')
    await page.click('a[href="#/case/case-1"]')
    await page.waitForSelector('#actions')
    expect(await page.textContent('main h1')).toBe('Case case-1')
    expect(await page.textContent('.flag svg')).toContain('Scores on 3 shared proposals: r = 0.99')
    await page.fill('#note input[name=text]', 'asked both reviewers for their drafts')
    await page.click('#note button')
    await page.waitForFunction('document.querySelector("#history")?.textContent.includes("asked both reviewers for their drafts")')
    await page.screenshot({ path: path.join(SHOTS, 'case-committee.png'), fullPage: true })
    const { rows } = await pool.query<{ actor: string; action: string }>(`SELECT actor, action FROM audit_log WHERE target = 'case-1'`)
    expect(rows).toEqual([{ actor: expect.stringContaining('browser committee'), action: 'add_case_note' }])
    // A decision without a reason is refused, and the refusal is shown.
    await page.click('#decide button')
    await page.waitForSelector('#action-error:not(:empty)')
    expect(await page.textContent('#action-error')).toContain('a decision needs a reason')
    await page.close()
    // An analyst sees the case, not the committee's history or actions.
    const analyst = await open('#/signin')
    await analyst.fill('input[name=key]', analystKey)
    await analyst.click('button')
    await analyst.waitForSelector('#flags')
    await analyst.goto(`${api.url}/#/case/case-1`)
    await analyst.waitForSelector('.flag')
    expect(await analyst.$('#actions')).toBeNull()
    expect(await analyst.$('#history')).toBeNull()
    await analyst.close()
  })

  it('serves no file outside the built dashboard', async () => {
    for (const route of ['/../package.json', '/%2e%2e/package.json', '/assets/../../index.html/x']) expect((await fetch(`${api.url}${route}`)).status).toBe(404)
    const index = await fetch(`${api.url}/`)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
  })
})

/**
 * The dashboard at a million reviews: every view opened in Chromium (playwright-core) against the API
 * server on the analytics benchmark's synthetic database (bench/analytics/database.ts), signed in as
 * an analyst, each reached by the link the dashboard itself makes for a flag of the kind (flagView).
 * Per view, the wall time from opening it in a new tab to its content on screen, three times in a
 * fresh API server: nothing cached (every query computed); a second time (the API keeps a result
 * from its second request on, so this one is computed too); a third time (from the caches, as the
 * views of a dashboard in steady use are).
 *
 *   npm run bench:web [-- --scale 1 --seed 1 --runs 3]
 *
 * Prints the medians and writes them into bench/RESULTS.md.
 */
import fs from 'node:fs'
import pg from 'pg'
import { chromium, type Browser } from 'playwright-core'
import { createApiKey, revokeApiKey } from '../../src/api/keys'
import { PROJECT_ROOT } from '../../src/config'
import { flagView } from '../../web/src/flags'
import { analysedAtHead, openSyntheticDatabase } from '../analytics/database'
import { startApiProcess } from '../api/server-process'
import { median, recordResults, type ResultRow } from '../results'

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`)
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const CHROMIUM = process.env.PEERWATCH_CHROMIUM ?? '/usr/bin/chromium'
/** A view that takes longer than this is a failure, not a figure, ms. */
const VIEW_TIMEOUT_MS = 30_000

interface ViewCase {
  name: string
  hash: string
  /** What is on screen once the view has drawn its data. */
  ready: string
}

/** One view of each kind, on real rows of the database: the flags' own links where a flag leads there. */
async function viewsOf(sql: pg.Client): Promise<ViewCase[]> {
  const flagOf = async (kinds: string[]) => {
    const { rows } = await sql.query<{ id: string; kind: string; subjects: string[]; evidence: Record<string, unknown> }>('SELECT id, kind, subjects, evidence FROM flag WHERE kind = ANY($1) ORDER BY id LIMIT 1', [kinds])
    if (!rows[0]) throw new Error(`the synthetic database has no flag of ${kinds.join(' or ')}`)
    return flagView(rows[0])!
  }
  const one = async (text: string) => (await sql.query<{ id: string }>(text)).rows[0]!.id
  const reviewer = await one('SELECT reviewer AS id FROM rep_change GROUP BY reviewer ORDER BY count(*) DESC, reviewer LIMIT 1')
  const caseId = await one(`SELECT id FROM investigation_case ORDER BY cardinality(flag_ids) DESC, id LIMIT 1`)
  return [
    { name: 'overview', hash: '#/', ready: '#cases' },
    { name: 'flags, first page', hash: '#/flags', ready: '#flag-list' },
    { name: 'reviewer pair', hash: await flagOf(['score-correlation']), ready: '#pair-r' },
    { name: 'texts side by side', hash: await flagOf(['text-similarity']), ready: '#texts' },
    { name: 'commit times', hash: await flagOf(['timing-correlation']), ready: '#timing' },
    { name: 'review graph', hash: await flagOf(['review-ring', 'reciprocal-review', 'dense-review-group']), ready: '#graph canvas' },
    { name: 'citation rates', hash: await flagOf(['self-citation', 'citation-score']), ready: '#citation' },
    { name: 'providers', hash: '#/providers', ready: '#provider-list' },
    // The heartbeat strip, drawn once the analytics have recorded the epoch clock (a run at the head does).
    { name: 'a provider', hash: await flagOf(['provider-downtime', 'provider-missed-tasks', 'provider-faulty-results']), ready: '#provider svg' },
    { name: 'REP', hash: '#/rep', ready: '#reviewer-list' },
    { name: 'a reviewer\'s ledger', hash: `#/reviewer/${reviewer}`, ready: '#ledger' },
    { name: 'the largest case', hash: `#/case/${encodeURIComponent(caseId)}`, ready: '.flag' },
  ]
}

/** Opens a view in a new tab, signed in, and times it until its content is on screen. */
async function open(browser: Browser, url: string, key: string, view: ViewCase): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
  try {
    // Signed in as the sign-in form leaves it: the key in the tab's session storage.
    await page.addInitScript(`sessionStorage.setItem('peerwatch.credential', ${JSON.stringify(key)})`)
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    const started = performance.now()
    await page.goto(`${url}/${view.hash}`)
    const drawn = await Promise.race([
      page.waitForSelector(`main ${view.ready}`, { timeout: VIEW_TIMEOUT_MS }).then(() => 'ok'),
      page.waitForSelector('main section.error', { timeout: VIEW_TIMEOUT_MS }).then(async (el) => `error: ${await el.textContent()}`),
    ])
    const ms = performance.now() - started
    if (drawn !== 'ok' || errors.length) throw new Error(`${view.name} (${view.hash}): ${drawn === 'ok' ? errors.join('; ') : drawn}`)
    return ms
  } finally {
    await page.close()
  }
}

async function main(): Promise<void> {
  const scale = arg('scale', 1)
  const seed = arg('seed', 1)
  const runs = arg('runs', 3)
  if (!fs.existsSync(`${PROJECT_ROOT}/web/dist/index.html`)) throw new Error('the dashboard is not built: npm run build:web')
  const db = await openSyntheticDatabase({ scale, seed, log })
  const m = db.manifest
  const sql = new pg.Client(db.connection)
  await sql.connect()
  const { id: keyId, key } = await createApiKey(sql, 'analyst', 'bench:web')
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] })
  try {
    await analysedAtHead(sql, m)
    const views = await viewsOf(sql)
    const OPENINGS = ['in a fresh server (nothing cached)', 'a second time', 'a third time (cached)'] as const
    const times = new Map(views.map((v) => [v.name, OPENINGS.map(() => [] as number[])]))
    for (let run = 1; run <= runs; run++) {
      const server = await startApiProcess(db)
      try {
        for (const [n, opening] of OPENINGS.entries()) {
          for (const view of views) {
            const ms = await open(browser, server.url, key, view)
            times.get(view.name)![n]!.push(ms)
            log(`run ${run} ${view.name}, ${opening}: ${ms.toFixed(0)} ms`)
          }
        }
      } finally {
        await server.stop()
      }
    }
    const rows: ResultRow[] = views.flatMap((v) => OPENINGS.map((opening, n) => ({ metric: `${v.name}: ${opening}`, values: times.get(v.name)![n]!, unit: 'ms' })))
    recordResults('web', {
      what: `The dashboard's views (web/) in Debian's Chromium, headless, against the API server (its own process, as npm start runs it) on the analytics benchmark's synthetic database (seed ${seed}: ${m.rows.review} reviews, ${m.rows.proposal} proposals, ${m.sizes.reviewers} reviewers, ${m.rows.heartbeat} heartbeats, the flags and cases of an analytics run at its head), signed in as an analyst. Each view is opened in a new tab at the link the dashboard makes for a flag of its kind (reviewer: the one with the longest REP ledger; case: the one with most flags), timed from navigation to its content on screen: page, script, /whoami and the view's GraphQL queries included. Each run starts a fresh API server and opens every view three times: with nothing cached; a second time, computed again too (the API keeps a result from its second request on, so that one-off lookups do not push out what dashboards ask for again); and a third time, from the caches. No processor commits meanwhile. Browser, server and Postgres share the machine's cores.`,
      command: `npm run bench:web -- --scale ${scale} --seed ${seed} --runs ${runs}`,
      runs,
      rows,
    })
    for (const r of rows) log(`${r.metric}: median ${median(r.values).toFixed(0)} ms`)
  } finally {
    await browser.close()
    await revokeApiKey(sql, keyId)
    await sql.end()
    await db.stop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

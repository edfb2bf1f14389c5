/**
 * The overview: where indexing is (chain head, indexed and final blocks, lag) for everyone; for
 * analysts, flags by kind and cases by severity over the analytics runs, and the open cases.
 */
import { timeSeries } from '../../../src/charts/svg'
import { gql, indexerStatus } from '../api'
import { account, esc, figure, pageOf, pager, PAGE_SIZE, table, when } from '../html'
import type { View } from '../view'

const number = (v: number | null) => (v === null ? '-' : esc(v.toLocaleString('en')))

/** Series of per-run counts (flags by kind, cases by severity), one per name seen in any run. */
function seriesOf(points: { block: number; counts: Record<string, number> }[]) {
  const names = [...new Set(points.flatMap((p) => Object.keys(p.counts)))].sort()
  return names.map((name) => ({ name, points: points.map((p) => ({ x: p.block, y: p.counts[name] ?? 0 })) }))
}

export const overview: View = async ({ role, params, path }) => {
  const [status, { proposalsConnection, reviewersConnection }] = await Promise.all([
    indexerStatus(),
    gql<{ proposalsConnection: { totalCount: number }; reviewersConnection: { totalCount: number } }>('{ proposalsConnection(first: 0) { totalCount } reviewersConnection(first: 0) { totalCount } }'),
  ])
  const statusHtml = `<section id="status"><h2>Indexer and analytics</h2><div class="numbers">
      <div><strong>${number(status.chainHead)}</strong>chain head</div>
      <div><strong>${number(status.indexedHeight)}</strong>indexed block</div>
      <div><strong class="${(status.lagBlocks ?? 0) > 20 ? 'error' : ''}">${number(status.lagBlocks)}</strong>blocks behind</div>
      <div><strong>${number(status.finalizedHeight)}</strong>final block</div>
      <div><strong>${number(status.analyticsBlock)}</strong>analytics block</div>
    </div><div class="numbers">
      <div><strong>${esc(proposalsConnection.totalCount)}</strong>proposals indexed</div>
      <div><strong>${esc(reviewersConnection.totalCount)}</strong>reviewers</div>
      <div><strong>${when(status.analyticsAt)}</strong>chain time graded</div>
    </div></section>`
  if (role === 'public') {
    return `<h1>Overview</h1>${statusHtml}<section><p class="muted">Flags and cases are for analysts and the ethics committee: <a href="#/signin">sign in</a> with an API key. Everyone may look at <a href="#/rep">REP</a> and <a href="#/providers">providers</a>.</p></section>`
  }
  const page = pageOf(params)
  const { analyticsHistory, flagsConnection, investigationCases } = await gql<{
    analyticsHistory: { block: number; flagsByKind: Record<string, number>; casesBySeverity: Record<string, number> }[]
    flagsConnection: { totalCount: number }
    investigationCases: { id: string; severity: string; subjects: string[]; flagIds: string[] }[]
  }>(
    `query($limit: Int!, $offset: Int!) { analyticsHistory(limit: 1000, newest: true) { block flagsByKind casesBySeverity }
       flagsConnection(first: 0) { totalCount }
       investigationCases(where: { severity_in: ["PROBABLE", "CONFIRMED", "REPEAT"] }, orderBy: [id_ASC], limit: $limit, offset: $offset) { id severity subjects flagIds } }`,
    { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE },
  )
  const latest = analyticsHistory[analyticsHistory.length - 1]
  const byKind = Object.entries(latest?.flagsByKind ?? {}).sort((a, b) => b[1] - a[1])
  const charts = analyticsHistory.length
    ? figure(timeSeries('Flags by kind', seriesOf(analyticsHistory.map((p) => ({ block: p.block, counts: p.flagsByKind }))), 'analytics block', 'flags')) +
      figure(timeSeries('Cases by severity', seriesOf(analyticsHistory.map((p) => ({ block: p.block, counts: p.casesBySeverity }))), 'analytics block', 'cases'))
    : '<p class="muted">No analytics run has changed the flags yet.</p>'
  const cases = investigationCases.slice(0, PAGE_SIZE)
  return `<h1>Overview</h1>${statusHtml}
    <section id="history"><h2>Flags and cases over time</h2><div class="charts">${charts}</div></section>
    <section id="flags"><h2>Flags: <span id="flag-total">${esc(flagsConnection.totalCount)}</span></h2>
      ${table(['kind', 'flags'], byKind.map(([kind, n]) => [`<a href="#/flags?kind=${encodeURIComponent(kind)}">${esc(kind)}</a>`, esc(n)]), 'none yet')}
      <p><a href="#/flags">All flags</a>. ${esc(analyticsHistory.length)} analytics runs changed the flags so far.</p></section>
    <section id="cases"><h2>Open cases, probable and worse</h2>
      ${table(['case', 'severity', 'subjects', 'flags'], cases.map((c) => [`<a href="#/case/${encodeURIComponent(c.id)}">${esc(c.id)}</a>`, esc(c.severity), c.subjects.map(account).join(' '), esc(c.flagIds.length)]))}
      ${pager(path, params, page, investigationCases.length > PAGE_SIZE)}</section>`
}

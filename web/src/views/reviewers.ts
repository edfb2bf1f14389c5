/**
 * The views of reviewers' behaviour, for analysts: a pair's scores on the proposals both reviewed
 * (the pairScores aggregate: r over all of them, the latest 1,000 drawn), two reviews' texts side by
 * side, and a group's commit times on the proposals two of them committed on (commonCommits: the
 * latest 100 drawn). Each reads what it draws, so it costs the same at a million reviews.
 */
import { commitGapChart, groupCommits } from '../../../src/charts/activity'
import { scoreScatter } from '../../../src/charts/svg'
import { sharedPassages, type TextRun } from '../../../src/charts/text'
import { flagsWhere, gql } from '../api'
import { FLAG_FIELDS, FLAG_HEAD, flagCells, type FlagRow } from '../flags'
import { account, esc, figure, table, when } from '../html'
import { forAnalysts, type View } from '../view'

/** A pair's shared proposals drawn and listed (r is over all of them): the latest. */
const SHOWN_SCORES = 1_000

const ADDRESS = /^0x[0-9a-f]{40}$/

/** Proposals the timing chart shows, the latest: a chart of a thousand rows says no more than one of a hundred. */
const SHOWN_PROPOSALS = 100

const flagSection = (flags: FlagRow[]) => `<section id="flags-here"><h2>Flags on them</h2>${table(FLAG_HEAD, flags.map(flagCells), 'none: the detectors found nothing here')}</section>`

export const pair: View = async ({ role, args }) => {
  if (role === 'public') return forAnalysts
  const [a = '', b = ''] = args.map((s) => decodeURIComponent(s).toLowerCase())
  if (!ADDRESS.test(a) || !ADDRESS.test(b)) return '<section class="error">A pair is two reviewer addresses: #/pair/0x…/0x…</section>'
  const [{ pairScores }, flags] = await Promise.all([
    gql<{ pairScores: { shared: number; r: number | null; scores: { proposalId: string; a: number; b: number }[] } }>(
      `query($a: String!, $b: String!, $n: Int!) { pairScores(reviewerA: $a, reviewerB: $b, limit: $n) { shared r scores { proposalId a b } } }`,
      { a, b, n: SHOWN_SCORES },
    ),
    flagsWhere({ subjects_containsAll: [a, b], kind_eq: 'score-correlation' }),
  ])
  const { shared, r, scores } = pairScores
  return `<h1>Reviewer pair</h1>
    <section id="pair"><p>${account(a)} (<a href="#/reviewer/${a}">record</a>) and ${account(b)} (<a href="#/reviewer/${b}">record</a>): ${esc(shared)} proposals both scored, r = <strong id="pair-r">${r === null ? 'undefined' : esc(r.toFixed(3))}</strong>${shared > scores.length ? ` (over all of them; the latest ${esc(scores.length)} shown)` : ''}.</p>
      ${scores.length ? figure(scoreScatter(scores.map((s) => [s.a, s.b]), [a, b], r ?? 0)) : '<p class="muted">No proposal scored by both.</p>'}
      <details><summary>scores per proposal, latest first</summary>${table(['proposal', 'first', 'second'], scores.map((s) => [esc(s.proposalId), esc(s.a), esc(s.b)]))}</details></section>
    ${flagSection(flags)}`
}

interface TextReview {
  id: string
  proposalId: string
  reviewer: string | null
  score: number | null
  text: string | null
  revealedAt: string | null
}

const marked = (runs: TextRun[]) => runs.map((r) => (r.shared ? `<mark>${esc(r.text)}</mark>` : esc(r.text))).join('')

export const text: View = async ({ role, args, params }) => {
  if (role === 'public') return forAnalysts
  const [idA = '', idB = ''] = args.map(decodeURIComponent)
  const flagId = params.get('flag')
  const { a, b, flag } = await gql<{ a: TextReview | null; b: TextReview | null; flag: FlagRow | null }>(
    `query($a: ID!, $b: ID!, $f: ID!) { a: reviewById(id: $a) { ...T } b: reviewById(id: $b) { ...T } flag: flagById(id: $f) { ${FLAG_FIELDS} } }
     fragment T on Review { id proposalId reviewer score text revealedAt }`,
    { a: idA, b: idB, f: flagId ?? '' },
  )
  if (!a || !b) return `<section class="error">No review ${esc(!a ? idA : idB)}.</section>`
  if (a.text === null || b.text === null) return '<section class="muted">One of the reviews has no revealed text yet.</section>'
  const shared = sharedPassages(a.text, b.text)
  const side = (r: TextReview, runs: TextRun[], i: 0 | 1) => `<div class="review-text"><h2>${r.reviewer ? account(r.reviewer) : 'reviewer'} on proposal ${esc(r.proposalId)}</h2>
      <p class="muted">score ${esc(r.score)}; revealed ${when(r.revealedAt)}; ${esc(shared.sharedWords[i])} of ${esc(shared.words[i])} words in shared passages</p>
      <div class="text">${marked(runs)}</div></div>`
  const pairs = (flag?.evidence.pairs as { cosine: number; reviewIds: [string, string]; proposalIds: [string, string] }[] | undefined) ?? []
  const others = pairs.length
    ? `<section id="flag-pairs"><h2>Matching pairs of this flag (${esc(flag!.metric)})</h2>${table(
        ['cosine', 'proposals', ''],
        pairs.map((p) => [esc(p.cosine), esc(p.proposalIds.join(' and ')), p.reviewIds[0] === a.id && p.reviewIds[1] === b.id ? 'shown' : `<a href="#/text/${p.reviewIds.map(encodeURIComponent).join('/')}?flag=${encodeURIComponent(flag!.id)}">compare</a>`]),
      )}</section>`
    : ''
  return `<h1>Two reviews side by side</h1>
    <section><p>Passages of five or more words found in both are <mark>marked</mark>.</p><div class="side-by-side" id="texts">${side(a, shared.a, 0)}${side(b, shared.b, 1)}</div></section>${others}`
}

export const timing: View = async ({ role, args }) => {
  if (role === 'public') return forAnalysts
  const reviewers = [...new Set((args[0] ?? '').split(',').map((s) => decodeURIComponent(s).toLowerCase()))].filter((s) => ADDRESS.test(s)).slice(0, 8)
  if (reviewers.length < 2) return '<section class="error">Timing compares two to eight reviewers: #/timing/0x…,0x…</section>'
  const [{ commonCommits }, flags] = await Promise.all([
    gql<{ commonCommits: { proposals: number; commits: { proposalId: string; reviewer: string; committedAt: string }[] } }>(
      `query($r: [String!]!, $n: Int!) { commonCommits(reviewers: $r, limit: $n) { proposals commits { proposalId reviewer committedAt } } }`,
      { r: reviewers, n: SHOWN_PROPOSALS },
    ),
    flagsWhere({ subjects_containsAny: reviewers, kind_eq: 'timing-correlation' }),
  ])
  const proposals = groupCommits(commonCommits.commits.map((c) => ({ ...c, committedAt: Date.parse(c.committedAt) / 1000 })))
  const window = Number((flags[0]?.evidence.windowSeconds as number | undefined) ?? 60)
  return `<h1>Commit times</h1>
    <section id="timing"><p>${reviewers.map(account).join(', ')}: ${esc(commonCommits.proposals)} proposals on which two or more of them committed${commonCommits.proposals > proposals.length ? ` (the latest ${esc(proposals.length)} shown)` : ''}.</p>
      ${proposals.length ? figure(commitGapChart(proposals, reviewers, window)) : '<p class="muted">No proposal with commits by two of them.</p>'}</section>
    ${flagSection(flags)}`
}

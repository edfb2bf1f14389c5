/**
 * REP: how it is spread over reviewers, reviewers by REP a page at a time, and one reviewer's record;
 * for analysts also its ledger (every change with its reason) and the flags naming it.
 */
import { histogram, timeSeries } from '../../../src/charts/svg'
import { gql } from '../api'
import { FLAG_FIELDS, FLAG_HEAD, flagCells, type FlagRow } from '../flags'
import { account, esc, figure, pageOf, pager, PAGE_SIZE, table, when } from '../html'
import type { View } from '../view'

interface Reviewer {
  id: string
  reputation: string
  registeredAt: string
  bannedUntil: string | null
  permanentlyBanned: boolean
  confirmedOffences: number
}

const REVIEWER_FIELDS = 'id reputation registeredAt bannedUntil permanentlyBanned confirmedOffences'
const standing = (r: Reviewer) => (r.permanentlyBanned ? 'banned for good' : r.bannedUntil && Date.parse(r.bannedUntil) > Date.now() ? `banned until ${r.bannedUntil.slice(0, 10)}` : 'in good standing')

export const rep: View = async ({ params, path }) => {
  const page = pageOf(params)
  const { repDistribution, reviewers, reviewersConnection } = await gql<{ repDistribution: { from: number; to: number; count: number }[]; reviewers: Reviewer[]; reviewersConnection: { totalCount: number } }>(
    `query($limit: Int!, $offset: Int!) { repDistribution(buckets: 20) { from to count }
       reviewers(orderBy: [reputation_DESC, id_ASC], limit: $limit, offset: $offset) { ${REVIEWER_FIELDS} }
       reviewersConnection(first: 0) { totalCount } }`,
    { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE },
  )
  return `<h1>REP</h1>
    <section id="rep-distribution">${figure(histogram(`REP of ${reviewersConnection.totalCount} reviewers`, repDistribution, 'REP'))}</section>
    <section id="reviewer-list"><h2>Reviewers by REP</h2>
      ${table(['reviewer', 'REP', 'registered', 'offences', 'standing'], reviewers.slice(0, PAGE_SIZE).map((r) => [`<a href="#/reviewer/${encodeURIComponent(r.id)}">${account(r.id)}</a>`, esc(r.reputation), when(r.registeredAt), esc(r.confirmedOffences), esc(standing(r))]))}
      ${pager(path, params, page, reviewers.length > PAGE_SIZE)}</section>`
}

export const reviewer: View = async ({ role, args, params, path }) => {
  const id = decodeURIComponent(args[0] ?? '').toLowerCase()
  const page = pageOf(params)
  const { reviewerById: r } = await gql<{ reviewerById: Reviewer | null }>(`query($id: ID!) { reviewerById(id: $id) { ${REVIEWER_FIELDS} } }`, { id })
  if (!r) return `<section class="error">No reviewer ${esc(id)}.</section>`
  const record = `<h1>Reviewer ${account(r.id)}</h1><section id="reviewer"><div class="numbers"><div><strong>${esc(r.reputation)}</strong>REP</div><div><strong>${esc(r.confirmedOffences)}</strong>confirmed offences</div><div><strong>${esc(standing(r))}</strong>standing</div><div><strong>${when(r.registeredAt)}</strong>registered</div></div></section>`
  if (role === 'public') return `${record}<section class="muted">The REP ledger ties a reviewer to reviews, so it is for analysts and the ethics committee.</section>`
  const { repChanges, flags } = await gql<{ repChanges: { reason: string; delta: string; balance: string; ref: string; timestamp: string; block: number }[]; flags: FlagRow[] }>(
    `query($id: String!, $s: [String!], $limit: Int!, $offset: Int!) {
       repChanges(where: { reviewer_eq: $id }, orderBy: [block_DESC, id_DESC], limit: $limit, offset: $offset) { reason delta balance ref timestamp block }
       flags(where: { subjects_containsAny: $s }, orderBy: [id_ASC], limit: 100) { ${FLAG_FIELDS} } }`,
    { id, s: [id], limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE },
  )
  const shown = repChanges.slice(0, PAGE_SIZE)
  const balance = shown.length > 1 ? figure(timeSeries('REP balance over these changes', [{ name: 'REP', points: [...shown].reverse().map((c) => ({ x: c.block, y: Number(c.balance) })) }], 'block', 'REP')) : ''
  return `${record}
    <section id="flags-here"><h2>Flags naming this reviewer</h2>${table(FLAG_HEAD, flags.map(flagCells), 'none')}</section>
    <section id="ledger"><h2>REP ledger, latest first</h2>${balance}
      ${table(['when', 'reason', 'change', 'balance', 'ref'], shown.map((c) => [when(c.timestamp), esc(c.reason), `<span class="${c.delta.startsWith('-') ? 'error' : ''}">${esc(c.delta.startsWith('-') ? c.delta : `+${c.delta}`)}</span>`, esc(c.balance), esc(c.ref)]))}
      ${pager(`${path}/${args.join('/')}`, params, page, repChanges.length > PAGE_SIZE)}</section>`
}

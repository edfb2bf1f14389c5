/** Every flag, a page at a time, optionally of one kind; each with a link to the view of its evidence. */
import { gql } from '../api'
import { FLAG_FIELDS, FLAG_HEAD, flagCells, type FlagRow } from '../flags'
import { esc, pageOf, pager, PAGE_SIZE, table } from '../html'
import { forAnalysts, type View } from '../view'

const KINDS = [
  'score-correlation', 'text-similarity', 'timing-correlation', 'reciprocal-review', 'review-ring', 'dense-review-group',
  'self-citation', 'citation-score', 'provider-downtime', 'provider-missed-tasks', 'provider-faulty-results',
]

export const flags: View = async ({ role, params, path }) => {
  if (role === 'public') return forAnalysts
  const kind = params.get('kind')
  const page = pageOf(params)
  const { flags, flagsConnection } = await gql<{ flags: FlagRow[]; flagsConnection: { totalCount: number } }>(
    `query($where: FlagWhereInput, $limit: Int!, $offset: Int!) {
       flags(where: $where, orderBy: [kind_ASC, id_ASC], limit: $limit, offset: $offset) { ${FLAG_FIELDS} }
       flagsConnection(where: $where, first: 0) { totalCount } }`,
    { where: kind ? { kind_eq: kind } : null, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE },
  )
  const filter = `<p class="filters">${['', ...KINDS].map((k) => (k === (kind ?? '') ? `<strong>${esc(k || 'all')}</strong>` : `<a href="#/flags${k ? `?kind=${k}` : ''}">${esc(k || 'all')}</a>`)).join(' · ')}</p>`
  return `<h1>Flags${kind ? `: ${esc(kind)}` : ''}</h1>
    <section id="flag-list"><h2>${esc(flagsConnection.totalCount)} flags</h2>${filter}
      ${table(FLAG_HEAD, flags.slice(0, PAGE_SIZE).map(flagCells))}
      ${pager(path, params, page, flags.length > PAGE_SIZE)}</section>`
}

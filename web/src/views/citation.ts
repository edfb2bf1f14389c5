/**
 * Citation coercion (ZIP-604 4.3): the share of each reviewer's reviews that cite their own works,
 * highest first, against the detector's threshold; for one reviewer, the self-citing reviews of its flags.
 */
import { short } from '../../../src/charts/common'
import { rateBars } from '../../../src/charts/svg'
import { gql } from '../api'
import { FLAG_FIELDS, FLAG_HEAD, flagCells, type FlagRow } from '../flags'
import { account, esc, figure, table } from '../html'
import { forAnalysts, type View } from '../view'

/** Reviewers in the chart and table: the highest shares. */
const SHOWN = 20

interface Rates {
  threshold: number
  detectorMinReviews: number
  reviewers: number
  rates: { reviewer: string; reviews: number; selfCiting: number; rate: number }[]
}

export const citation: View = async ({ role, params }) => {
  if (role === 'public') return forAnalysts
  const reviewer = params.get('reviewer')?.toLowerCase() ?? null
  const { selfCitationRates: r, flags } = await gql<{ selfCitationRates: Rates; flags: FlagRow[] }>(
    `query($n: Int!, $r: [String!]) { selfCitationRates(limit: $n) { threshold detectorMinReviews reviewers rates { reviewer reviews selfCiting rate } }
       flags(where: { kind_in: ["self-citation", "citation-score"], subjects_containsAny: $r }, orderBy: [id_ASC], limit: 100) { ${FLAG_FIELDS} } }`,
    { n: SHOWN, r: reviewer ? [reviewer] : [] },
  )
  const chart = r.rates.length
    ? figure(rateBars(`Reviews citing the reviewer's own works (top ${r.rates.length} of ${r.reviewers})`, r.rates.map((x) => ({ label: short(x.reviewer), rate: x.rate, detail: `${x.selfCiting} of ${x.reviews}` })), r.threshold))
    : '<p class="muted">No reviewer with registered works has enough revealed reviews yet.</p>'
  const own = reviewer ? flags : []
  const selfCiting = own.flatMap((f) => ((f.evidence.selfCitingReviews as { review: string; proposalId: string; score: number; ownWorksCited: number[] }[] | undefined) ?? []).map((x) => ({ ...x, kind: f.kind })))
  const seen = new Set<string>()
  const reviews = selfCiting.filter((x) => !seen.has(x.review) && seen.add(x.review))
  return `<h1>Self-citation</h1>
    <section id="citation"><p>Of the ${esc(r.reviewers)} reviewers who authored registered works and have ${esc(r.detectorMinReviews)} or more revealed reviews, the highest shares of reviews citing their own works. The detector flags a share above ${esc(Math.round(r.threshold * 100))} %.</p>
      ${chart}
      ${table(['reviewer', 'revealed reviews', 'citing own works', 'share'], r.rates.map((x) => [`<a href="#/citation?reviewer=${encodeURIComponent(x.reviewer)}">${account(x.reviewer)}</a>`, esc(x.reviews), esc(x.selfCiting), `${x.rate > r.threshold ? '<strong>' : ''}${esc(Math.round(x.rate * 100))} %${x.rate > r.threshold ? '</strong>' : ''}`]))}</section>
    ${reviewer ? `<section id="reviewer-citations"><h2>${account(reviewer)}: flags and self-citing reviews</h2>${table(FLAG_HEAD, own.map(flagCells), 'no citation flag')}
      ${table(['review', 'proposal', 'score', 'own works cited'], reviews.map((x) => [account(x.review), esc(x.proposalId), esc(x.score), esc(x.ownWorksCited.join(', '))]), 'none listed')}</section>` : ''}`
}

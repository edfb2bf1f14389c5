/**
 * Citation coercion (ZIP-604 4.3): a reviewer who cites their own registered works in more than
 * half of their reviews (with a minimum number of reviews, so that one review in one is not 100 %);
 * and self-citation followed by a favourable score: self-citing reviews scored favourably more
 * often than the reviewer's other reviews, the pattern of "cite me and I will be kind".
 */
import { DETECTOR_DEFAULTS, type CitationConfig } from '../config'
import { groupBy, makeFlag, round4, type Flag, type ReviewFact, type Snapshot } from '../types'

export function detectCitationCoercion(snapshot: Snapshot, config: CitationConfig = DETECTOR_DEFAULTS.citation): Flag[] {
  const ownWorks = new Map<string, Set<number>>()
  for (const w of snapshot.works) {
    for (const author of w.authors) {
      let set = ownWorks.get(author)
      if (!set) ownWorks.set(author, (set = new Set()))
      set.add(w.id)
    }
  }
  const byReviewer = groupBy(snapshot.reviews, (r) => (r.score === null ? undefined : r.reviewer))
  const flags: Flag[] = []
  for (const [reviewer, reviews] of byReviewer) {
    const own = ownWorks.get(reviewer)
    if (!own || reviews.length < config.minReviews) continue
    reviews.sort((a, b) => (a.revealedAt ?? 0) - (b.revealedAt ?? 0) || (a.id < b.id ? -1 : 1))
    const selfCiting = reviews.filter((r) => r.citedWorks.some((w) => own.has(w)))
    const other = reviews.filter((r) => !r.citedWorks.some((w) => own.has(w)))
    const listed = selfCiting.map((r) => ({ review: r.id, proposalId: r.proposalId, score: r.score, ownWorksCited: r.citedWorks.filter((w) => own.has(w)) }))
    const share = selfCiting.length / reviews.length
    if (share > config.minShare) {
      flags.push(
        makeFlag({
          kind: 'self-citation',
          subjects: [reviewer],
          window: null,
          metric: 'share of reviews citing the reviewer\'s own works',
          value: round4(share),
          threshold: config.minShare,
          comparison: '>',
          evidence: { reviews: reviews.length, selfCiting: selfCiting.length, ownWorks: [...own].sort((a, b) => a - b), selfCitingReviews: listed },
          block: snapshot.block,
        }),
      )
    }
    const favourable = (list: ReviewFact[]) => list.filter((r) => r.score! >= config.favourableScore).length
    const favourableSelf = favourable(selfCiting)
    const rateSelf = selfCiting.length > 0 ? favourableSelf / selfCiting.length : 0
    const rateOther = other.length > 0 ? favourable(other) / other.length : 0
    if (favourableSelf >= config.minFavourableSelfCitations && rateSelf > rateOther) {
      flags.push(
        makeFlag({
          kind: 'citation-score',
          subjects: [reviewer],
          window: null,
          metric: 'self-citing reviews with a favourable score',
          value: favourableSelf,
          threshold: config.minFavourableSelfCitations,
          comparison: '>=',
          evidence: {
            favourableScore: config.favourableScore,
            selfCiting: { reviews: selfCiting.length, favourable: favourableSelf, rate: round4(rateSelf) },
            otherReviews: { reviews: other.length, favourable: favourable(other), rate: round4(rateOther) },
            selfCitingReviews: listed,
          },
          block: snapshot.block,
        }),
      )
    }
  }
  return flags.sort((x, y) => (x.id < y.id ? -1 : 1))
}

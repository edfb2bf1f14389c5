/**
 * The dashboard's queries, as the API benchmark sends them: what the public pages and the analysts'
 * pages ask for, each a list, a lookup or an aggregate. A query with `pick` draws its variables per
 * request from ids sampled out of the database, so that requests do not all hit the same rows.
 */

export type QueryKind = 'list' | 'lookup' | 'aggregate'

export interface Samples {
  /** Proposals whose decision is final (their reviews are public). */
  publishedProposals: string[]
  reviewers: string[]
  flagKinds: string[]
  /** Compute epochs with heartbeats: [first, last]. */
  epochs: [number, number]
}

export interface BenchQuery {
  name: string
  kind: QueryKind
  role: 'public' | 'analyst'
  query: string
  /** Variables for one request. */
  pick?: (s: Samples, random: () => number) => Record<string, unknown>
}

const one = <T>(list: T[], random: () => number): T => list[Math.floor(random() * list.length)]!

export const DASHBOARD_QUERIES: readonly BenchQuery[] = [
  {
    name: 'latest proposals',
    kind: 'list',
    role: 'public',
    query: '{ proposals(orderBy: [submittedAt_DESC], limit: 50) { id domain reviewType phase outcome submittedAt assigned revealed } }',
  },
  {
    name: 'funded proposals, a page with total',
    kind: 'list',
    role: 'public',
    query: '{ proposalsConnection(where: { outcome_eq: "FUNDED" }, orderBy: [decidedBlock_DESC], first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { node { id domain decidedAt } } } }',
  },
  {
    name: 'a proposal with its published reviews',
    kind: 'lookup',
    role: 'public',
    query: 'query($id: ID!) { proposalById(id: $id) { id outcome rationale decidedAt reviews { id score quality qualityMedians text reviewer } phaseChanges { phase timestamp } } }',
    pick: (s, r) => ({ id: one(s.publishedProposals, r) }),
  },
  {
    name: 'reviewers by REP',
    kind: 'list',
    role: 'public',
    query: '{ reviewers(orderBy: [reputation_DESC], limit: 50) { id reputation domains confirmedOffences bannedUntil } }',
  },
  {
    name: 'REP distribution',
    kind: 'aggregate',
    role: 'public',
    query: '{ repDistribution(buckets: 20) { from to count } }',
  },
  {
    name: 'quality distribution (published reviews)',
    kind: 'aggregate',
    role: 'public',
    query: '{ qualityDistribution(buckets: 10) { from to count } }',
  },
  {
    name: 'provider uptime, the last 30 epochs',
    kind: 'aggregate',
    role: 'public',
    query: 'query($from: Int!, $to: Int!) { providerUptime(fromEpoch: $from, toEpoch: $to) { epoch providers signed } }',
    pick: (s) => ({ from: s.epochs[1] - 29, to: s.epochs[1] }),
  },
  {
    name: 'flags of a kind, strongest first, with their cases',
    kind: 'list',
    role: 'analyst',
    query: 'query($kind: String!) { flags(where: { kind_eq: $kind }, orderBy: [value_DESC], limit: 50) { id kind subjects value threshold case { id severity subjects } } }',
    pick: (s, r) => ({ kind: one(s.flagKinds, r) }),
  },
  {
    name: 'probable and worse cases, with flags',
    kind: 'list',
    role: 'analyst',
    query: '{ investigationCasesConnection(where: { severity_in: ["PROBABLE", "CONFIRMED", "REPEAT"] }, first: 25) { totalCount edges { node { id severity subjects flags { id kind value } } } } }',
  },
  {
    name: 'a reviewer with reviews and REP ledger',
    kind: 'lookup',
    role: 'analyst',
    query: 'query($id: ID!, $rid: String!) { reviewerById(id: $id) { id reputation assignments reviewsRevealed deadlinesMissed repChanges { reason delta balance timestamp } } reviews(where: { reviewer_eq: $rid }, orderBy: [assignedAt_DESC], limit: 50) { id proposalId score quality committedAt } }',
    pick: (s, r) => {
      const id = one(s.reviewers, r)
      return { id, rid: id }
    },
  },
  {
    name: 'review latency',
    kind: 'aggregate',
    role: 'analyst',
    query: '{ reviewLatency(buckets: 20) { from to count } }',
  },
  {
    name: 'flags and cases over time',
    kind: 'aggregate',
    role: 'analyst',
    query: '{ analyticsHistory(limit: 500) { block blockTimestamp flagsByKind casesBySeverity } }',
  },
]

/**
 * The dashboard's queries, as the API benchmark sends them: what the public pages and the analysts'
 * pages ask for (web/src/views), each a list, a lookup or an aggregate. A query with `pick` draws its variables per
 * request from ids sampled out of the database, so that requests do not all hit the same rows.
 */

export type QueryKind = 'list' | 'lookup' | 'aggregate'

export interface Samples {
  /** Proposals whose decision is final (their reviews are public). */
  publishedProposals: string[]
  reviewers: string[]
  /** Pairs of reviewers who both scored a proposal. */
  coReviewers: [string, string][]
  providers: string[]
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
    query: '{ analyticsHistory(limit: 1000, newest: true) { block flagsByKind casesBySeverity } }',
  },
  {
    name: 'overview totals',
    kind: 'aggregate',
    role: 'public',
    query: '{ proposalsConnection(first: 0) { totalCount } reviewersConnection(first: 0) { totalCount } }',
  },
  {
    name: 'reviewers by REP, page 40',
    kind: 'list',
    role: 'public',
    query: '{ reviewers(orderBy: [reputation_DESC, id_ASC], limit: 26, offset: 975) { id reputation registeredAt bannedUntil permanentlyBanned confirmedOffences } }',
  },
  {
    name: 'providers, most missed tasks first',
    kind: 'list',
    role: 'public',
    query: '{ stakers(where: { kind_eq: "PROVIDER" }, orderBy: [tasksMissed_DESC, id_ASC], limit: 26) { id status bonded heartbeats tasksAssigned tasksMissed tasksFaulty slashedTotal } }',
  },
  {
    name: 'a provider\'s owed epochs, missed tasks and slashes',
    kind: 'lookup',
    role: 'public',
    query: `query($id: String!, $from: Int!, $to: Int!) { providerEpochs(provider: $id, fromEpoch: $from, toEpoch: $to) { judgedBefore epochs { epoch status } }
      tasks(where: { provider_eq: $id, status_in: ["MISSED", "FAULTY"] }, orderBy: [submittedAt_DESC], limit: 26) { id status deadline closedAt }
      slashes(where: { account_eq: $id }, orderBy: [block_DESC, id_DESC], limit: 26) { reason amount ref timestamp } }`,
    pick: (s, r) => ({ id: one(s.providers, r), from: s.epochs[1] - 59, to: s.epochs[1] }),
  },
  {
    name: 'flags, a page with total',
    kind: 'list',
    role: 'analyst',
    query: '{ flags(orderBy: [kind_ASC, id_ASC], limit: 26) { id kind subjects metric value threshold comparison evidence caseId } flagsConnection(first: 0) { totalCount } }',
  },
  {
    name: 'self-citation rates',
    kind: 'aggregate',
    role: 'analyst',
    query: '{ selfCitationRates(limit: 20) { threshold reviewers rates { reviewer reviews selfCiting rate } } }',
  },
  {
    name: 'a pair\'s shared scores with r (pair view)',
    kind: 'lookup',
    role: 'analyst',
    query: 'query($a: String!, $b: String!) { pairScores(reviewerA: $a, reviewerB: $b, limit: 1000) { shared r scores { proposalId a b } } }',
    pick: (s, r) => {
      const [a, b] = one(s.coReviewers, r)
      return { a, b }
    },
  },
  {
    name: 'a pair\'s commits on shared proposals (timing view)',
    kind: 'lookup',
    role: 'analyst',
    query: 'query($r: [String!]!) { commonCommits(reviewers: $r, limit: 100) { proposals commits { proposalId reviewer committedAt } } }',
    pick: (s, r) => ({ r: one(s.coReviewers, r) }),
  },
  {
    name: 'the review graph around two reviewers',
    kind: 'lookup',
    role: 'analyst',
    query: 'query($s: [String!]!) { reviewEdges(accounts: $s, neighbours: 24) { reviewer author reviews } }',
    pick: (s, r) => ({ s: [one(s.reviewers, r), one(s.reviewers, r)] }),
  },
  {
    name: 'a reviewer\'s REP ledger page and flags',
    kind: 'lookup',
    role: 'analyst',
    query: `query($id: String!, $s: [String!]) { repChanges(where: { reviewer_eq: $id }, orderBy: [block_DESC, id_DESC], limit: 26) { reason delta balance ref timestamp block }
      flags(where: { subjects_containsAny: $s }, orderBy: [id_ASC], limit: 100) { id kind subjects metric value threshold comparison evidence caseId } }`,
    pick: (s, r) => {
      const id = one(s.reviewers, r)
      return { id, s: [id] }
    },
  },
]

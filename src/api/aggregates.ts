/**
 * Aggregates the dashboard draws without pulling rows, each computed in SQL over the role's own
 * views (so the public's distributions count only what section 6 publishes to it), each listed
 * with the roles that see it: the same default deny as the entities.
 */
import { GraphQLError } from 'graphql'
import { epochClock } from '../../analytics/clock'
import { DETECTOR_DEFAULTS } from '../../analytics/config'
import { owing } from '../../analytics/detectors/uptime'
import { providerFacts } from '../../analytics/snapshot'
import { ANALYSTS, EVERYONE, type Role } from './entities'
import type { ApiContext } from './schema'

export interface AggregateSpec {
  /** The Query field and its arguments, SDL. */
  field: string
  doc: string
  roles: readonly Role[]
  /** Types it returns, SDL. */
  types: string
  resolve(args: Record<string, unknown>, ctx: ApiContext): Promise<unknown>
}

/** An optional integer argument, its default when absent, else within [min, max] or a user error. */
function boundedInt(value: unknown, name: string, fallback: number, min: number, max: number): number {
  const n = value === undefined || value === null ? fallback : Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new GraphQLError(`${name} must be ${min}-${max}`, { extensions: { code: 'BAD_USER_INPUT' } })
  return n
}

const bucketsOf = (n: unknown) => boundedInt(n, 'buckets', 20, 1, 200)

/** Equal-width buckets of a numeric expression over a view's rows: [from, to) with counts, empty ones included. */
async function histogram(ctx: ApiContext, expression: string, from: string, buckets: number): Promise<{ from: number; to: number; count: number }[]> {
  const rows = await ctx.query<{ lo: number | null; hi: number | null; bucket: number | null; n: number }>(
    `WITH v AS (SELECT (${expression})::float8 AS x FROM ${from}),
          r AS (SELECT min(x) AS lo, max(x) AS hi FROM v)
     SELECT r.lo, r.hi, CASE WHEN r.hi = r.lo THEN 1 ELSE least(width_bucket(v.x, r.lo, r.hi, $1), $1) END AS bucket, count(v.x)::int AS n
       FROM r LEFT JOIN v ON v.x IS NOT NULL GROUP BY r.lo, r.hi, 3`,
    [buckets],
  )
  const lo = rows[0]?.lo
  const hi = rows[0]?.hi
  if (lo === null || lo === undefined || hi === null || hi === undefined) return []
  const width = hi > lo ? (hi - lo) / buckets : 1
  const counts = new Map(rows.map((r) => [r.bucket, r.n]))
  return Array.from({ length: hi > lo ? buckets : 1 }, (_, i) => ({ from: lo + i * width, to: hi > lo ? lo + (i + 1) * width : lo, count: counts.get(i + 1) ?? 0 }))
}

const HISTOGRAM = 'type Bucket {\n  "lower bound (inclusive)"\n  from: Float!\n  "upper bound (exclusive, the last inclusive)"\n  to: Float!\n  count: Int!\n}'

export const AGGREGATES: readonly AggregateSpec[] = [
  {
    field: 'repDistribution(buckets: Int): [Bucket!]!',
    doc: 'Reviewers by REP balance, in equal-width buckets (default 20, at most 200).',
    roles: EVERYONE,
    types: HISTOGRAM,
    resolve: (args, ctx) => histogram(ctx, 'reputation', ctx.role === 'public' ? 'api.public_reviewer' : 'api.reviewer', bucketsOf(args.buckets)),
  },
  {
    field: 'qualityDistribution(buckets: Int): [Bucket!]!',
    doc: 'Reviews by meta-review quality score (1-10); for the public, published reviews only.',
    roles: EVERYONE,
    types: HISTOGRAM,
    resolve: (args, ctx) => histogram(ctx, 'quality', ctx.role === 'public' ? 'api.public_review WHERE quality IS NOT NULL' : 'api.review WHERE quality IS NOT NULL', bucketsOf(args.buckets)),
  },
  {
    field: 'reviewLatency(buckets: Int): [Bucket!]!',
    doc: 'Hours from assignment to reveal, over revealed reviews (analysts: the times of single reviews are theirs alone).',
    roles: ANALYSTS,
    types: HISTOGRAM,
    resolve: (args, ctx) => histogram(ctx, 'extract(epoch FROM revealed_at - assigned_at) / 3600', 'api.review WHERE revealed_at IS NOT NULL', bucketsOf(args.buckets)),
  },
  {
    field: 'providerUptime(fromEpoch: Int!, toEpoch: Int!): [EpochUptime!]!',
    doc: 'Per epoch: providers registered by then, and how many sent a heartbeat (at most 1,000 epochs).',
    roles: EVERYONE,
    types: 'type EpochUptime {\n  epoch: Int!\n  providers: Int!\n  signed: Int!\n}',
    resolve: async (args, ctx) => {
      const from = Number(args.fromEpoch)
      const to = Number(args.toEpoch)
      if (!(to >= from && to - from < 1_000)) throw new GraphQLError('toEpoch must be from fromEpoch to fromEpoch + 999', { extensions: { code: 'BAD_USER_INPUT' } })
      // Heartbeats through the epoch index, one pass; providers as a running count of registrations.
      return ctx.query(
        `WITH signed AS (SELECT epoch, count(*)::int AS n FROM api.heartbeat WHERE epoch BETWEEN $1 AND $2 GROUP BY epoch),
              registered AS (SELECT registered_epoch AS epoch, count(*)::int AS n FROM api.staker WHERE kind = 'PROVIDER' GROUP BY registered_epoch)
         SELECT e AS epoch,
                (SELECT coalesce(sum(r.n), 0)::int FROM registered r WHERE r.epoch <= e) AS providers,
                coalesce(s.n, 0) AS signed
           FROM generate_series($1::int, $2::int) AS e LEFT JOIN signed s ON s.epoch = e ORDER BY e`,
        [from, to],
      )
    },
  },
  {
    field: 'reviewEdges(accounts: [String!]!, neighbours: Int): [ReviewEdge!]!',
    doc: 'The review graph around 1-100 accounts (a flag\'s subjects): every reviewer-to-author edge with an account at one end, and between them and their `neighbours` (default 24, at most 200) nearest other accounts, by reviews to or from the accounts; each edge with its count of reviews on record, most first.',
    roles: ANALYSTS,
    types: 'type ReviewEdge {\n  reviewer: String!\n  "author of the proposals reviewed"\n  author: String!\n  "reviews on record, any status"\n  reviews: Int!\n}',
    resolve: async (args, ctx) => {
      const accounts = [...new Set((args.accounts as string[]).map((a) => a.toLowerCase()))]
      if (accounts.length < 1 || accounts.length > 100) throw new GraphQLError('accounts must name 1-100 accounts', { extensions: { code: 'BAD_USER_INPUT' } })
      const neighbours = boundedInt(args.neighbours, 'neighbours', 24, 0, 200)
      // Reviews given (reviewer index) and received (author index, then each proposal's reviews), each once.
      return ctx.query(
        `WITH e AS (SELECT reviewer, author, count(*)::int AS reviews FROM (
                      SELECT r.id, r.reviewer, p.author FROM api.review r JOIN api.proposal p ON p.id = r.proposal_id WHERE r.reviewer = ANY($1::text[])
                      UNION
                      SELECT r.id, r.reviewer, p.author FROM api.proposal p JOIN api.review r ON r.proposal_id = p.id WHERE p.author = ANY($1::text[])) x
                    GROUP BY reviewer, author),
              n AS (SELECT acct FROM (SELECT reviewer AS acct, reviews FROM e WHERE reviewer <> ALL($1::text[])
                                      UNION ALL SELECT author, reviews FROM e WHERE author <> ALL($1::text[])) x
                     GROUP BY acct ORDER BY sum(reviews) DESC, acct LIMIT $2)
         SELECT reviewer, author, reviews FROM e
          WHERE (reviewer = ANY($1::text[]) OR reviewer IN (SELECT acct FROM n)) AND (author = ANY($1::text[]) OR author IN (SELECT acct FROM n))
          ORDER BY reviews DESC, reviewer, author`,
        [accounts, neighbours],
      )
    },
  },
  {
    field: 'commonCommits(reviewers: [String!]!, limit: Int): CommonCommits!',
    doc: "A group of 2-8 reviewers' commits on the proposals two or more of them committed on (what the timing detector compares, ZIP-604 4.3): how many such proposals, and the commits on the latest `limit` of them (default 100, at most 1,000; latest by the group's first commit).",
    roles: ANALYSTS,
    types:
      'type CommonCommits {\n  "proposals on which two or more of them committed"\n  proposals: Int!\n  "their commits on the latest `limit` of those, earliest first"\n  commits: [GroupCommit!]!\n}\n' +
      'type GroupCommit {\n  proposalId: String!\n  reviewer: String!\n  committedAt: DateTime!\n}',
    resolve: async (args, ctx) => {
      const reviewers = [...new Set((args.reviewers as string[]).map((r) => r.toLowerCase()))]
      if (reviewers.length < 2 || reviewers.length > 8) throw new GraphQLError('reviewers must name 2-8 different reviewers', { extensions: { code: 'BAD_USER_INPUT' } })
      const limit = boundedInt(args.limit, 'limit', 100, 1, 1_000)
      // Each reviewer's commits through the reviewer index; the proposals two of them share, latest first.
      const latest = await ctx.query<{ total: number; proposal_id: string }>(
        `WITH c AS (SELECT proposal_id, reviewer, committed_at FROM api.review WHERE reviewer = ANY($1::text[]) AND committed_at IS NOT NULL),
              p AS (SELECT proposal_id, min(committed_at) AS first FROM c GROUP BY proposal_id HAVING count(DISTINCT reviewer) >= 2)
         SELECT count(*) OVER ()::int AS total, proposal_id FROM p ORDER BY first DESC, proposal_id LIMIT $2`,
        [reviewers, limit],
      )
      const commits = latest.length
        ? await ctx.query<{ proposalId: string; reviewer: string; committedAt: Date }>(
            `SELECT proposal_id AS "proposalId", reviewer, committed_at AS "committedAt" FROM api.review
              WHERE reviewer = ANY($1::text[]) AND proposal_id = ANY($2::text[]) AND committed_at IS NOT NULL ORDER BY committed_at, reviewer`,
            [reviewers, latest.map((p) => p.proposal_id)],
          )
        : []
      return { proposals: latest[0]?.total ?? 0, commits }
    },
  },
  {
    field: 'providerEpochs(provider: String!, fromEpoch: Int!, toEpoch: Int!): ProviderEpochs!',
    doc: "A provider's heartbeat record per epoch, as the downtime detector counts it: signed, missed (owed and not signed), or not owed: before registration, after a tombstone, jailed (ComputeStaking refuses a jailed provider's heartbeat), or not complete at the analytics watermark. At most 1,000 epochs.",
    roles: EVERYONE,
    types:
      'type ProviderEpochs {\n  "ComputeStaking\'s epoch at the analytics watermark: it and later ones are not judged yet"\n  judgedBefore: Int!\n  epochs: [ProviderEpoch!]!\n}\n' +
      'type ProviderEpoch {\n  epoch: Int!\n  status: ProviderEpochStatus!\n}\n' +
      'enum ProviderEpochStatus {\n  SIGNED\n  MISSED\n  UNREGISTERED\n  LEFT\n  JAILED\n  PENDING\n}',
    resolve: async (args, ctx) => {
      const from = Number(args.fromEpoch)
      const to = Number(args.toEpoch)
      if (!(from >= 0 && to >= from && to - from < 1_000)) throw new GraphQLError('toEpoch must be from fromEpoch (0 or more) to fromEpoch + 999', { extensions: { code: 'BAD_USER_INPUT' } })
      const id = String(args.provider).toLowerCase()
      const [states, providers] = await Promise.all([
        ctx.query<{ block: number; epoch: number | null; genesis: number | null; seconds: number | null }>(
          `SELECT block, epoch, extract(epoch FROM epoch_genesis)::float8 AS genesis, epoch_seconds AS seconds FROM api.analytics_state WHERE id = 'analytics'`,
          [],
        ),
        ctx.query<{ id: string; registered_epoch: number }>(`SELECT id, registered_epoch FROM api.staker WHERE id = $1 AND kind = 'PROVIDER'`, [id]),
      ])
      const state = states[0]
      if (!state || state.epoch === null || state.genesis === null || state.seconds === null) {
        throw new GraphQLError("the analytics have not recorded ComputeStaking's epoch clock yet: a provider's owed epochs are known after their next run", { extensions: { code: 'NOT_READY' } })
      }
      if (!providers[0]) throw new GraphQLError(`no provider ${id}`, { extensions: { code: 'BAD_USER_INPUT' } })
      // The jail record the detector read at the watermark, and heartbeats as they are now.
      const [jails, heartbeats] = await Promise.all([
        ctx.query<{ provider: string; kind: 'JAILED' | 'UNJAILED' | 'TOMBSTONED'; at: number }>(
          `SELECT provider, kind, extract(epoch FROM timestamp)::float8 AS at FROM api.jail_event WHERE provider = $1 AND block <= $2 ORDER BY block, id`,
          [id, state.block],
        ),
        ctx.query<{ epoch: number }>(`SELECT epoch FROM api.heartbeat WHERE provider = $1 AND epoch BETWEEN $2 AND $3`, [id, from, to]),
      ])
      const [fact] = providerFacts(providers, jails, { epochAt: epochClock(state.genesis, state.seconds) }, state.epoch)
      const jailed = new Set(fact!.jailedEpochs)
      const signed = new Set(heartbeats.map((h) => h.epoch))
      return {
        judgedBefore: state.epoch,
        epochs: Array.from({ length: to - from + 1 }, (_, i) => {
          const epoch = from + i
          if (signed.has(epoch)) return { epoch, status: 'SIGNED' }
          const why = owing(fact!, jailed, state.epoch!, epoch)
          return { epoch, status: why === 'owed' ? 'MISSED' : why.toUpperCase() }
        }),
      }
    },
  },
  {
    field: 'pairScores(reviewerA: String!, reviewerB: String!, limit: Int): PairScores!',
    doc: "Two reviewers' scores on the proposals both scored, with Pearson r over all of them (the score-correlation detector's measure, ZIP-604 4.3); the scores of the latest `limit` (default 1,000, at most 1,000) by the first reviewer's reveal.",
    roles: ANALYSTS,
    types:
      'type PairScores {\n  "proposals both scored"\n  shared: Int!\n  "Pearson r over all of them; null with fewer than two or when either\'s scores do not vary"\n  r: Float\n  scores: [PairScore!]!\n}\n' +
      'type PairScore {\n  proposalId: String!\n  "the first reviewer\'s score"\n  a: Int!\n  "the second reviewer\'s score"\n  b: Int!\n}',
    resolve: async (args, ctx) => {
      const limit = boundedInt(args.limit, 'limit', 1_000, 0, 1_000)
      // Through the (reviewer, proposal_id) index: the first reviewer's scored reviews, each joined to the second's on its proposal.
      const [row] = await ctx.query<{ shared: number; r: number | null; scores: { proposalId: string; a: number; b: number }[] }>(
        `WITH s AS (SELECT x.proposal_id, x.score AS a, y.score AS b, x.revealed_at
                      FROM api.review x JOIN api.review y ON y.reviewer = $2 AND y.proposal_id = x.proposal_id AND y.score IS NOT NULL
                     WHERE x.reviewer = $1 AND x.score IS NOT NULL)
         SELECT (SELECT count(*)::int FROM s) AS shared, (SELECT corr(a, b) FROM s) AS r,
                (SELECT coalesce(json_agg(json_build_object('proposalId', proposal_id, 'a', a, 'b', b)), '[]')
                   FROM (SELECT * FROM s ORDER BY revealed_at DESC NULLS LAST, proposal_id LIMIT $3) latest) AS scores`,
        [String(args.reviewerA).toLowerCase(), String(args.reviewerB).toLowerCase(), limit],
      )
      return row
    },
  },
  {
    field: 'selfCitationRates(minReviews: Int, limit: Int): SelfCitationRates!',
    doc: 'Per reviewer who authored registered works: revealed reviews, how many cite one of their own works, and the share, highest first; with the citation detector\'s threshold (ZIP-604 4.3). At most 500 reviewers.',
    roles: ANALYSTS,
    types:
      'type SelfCitationRates {\n  "the share above which the detector flags self-citation"\n  threshold: Float!\n  "revealed reviews a reviewer needs before the detector judges the share"\n  detectorMinReviews: Int!\n  "reviewers with registered works and at least minReviews revealed reviews"\n  reviewers: Int!\n  rates: [SelfCitationRate!]!\n}\n' +
      'type SelfCitationRate {\n  reviewer: String!\n  reviews: Int!\n  selfCiting: Int!\n  rate: Float!\n}',
    resolve: async (args, ctx) => {
      const { minShare, minReviews: detectorMinReviews } = DETECTOR_DEFAULTS.citation
      const minReviews = boundedInt(args.minReviews, 'minReviews', detectorMinReviews, 1, 1_000_000)
      const limit = boundedInt(args.limit, 'limit', 50, 0, 500)
      // As the detector counts: reviews with a score (revealed), a review self-citing when it cites any
      // work its reviewer authored.
      const rows = await ctx.query<{ reviewer: string; reviews: number; self_citing: number; total: number }>(
        `WITH own AS (SELECT author, array_agg(work_id::int) AS works FROM api.work_author GROUP BY author),
              per AS (SELECT r.reviewer, count(*)::int AS reviews, count(*) FILTER (WHERE r.cited_works && own.works)::int AS self_citing
                        FROM api.review r JOIN own ON own.author = r.reviewer WHERE r.score IS NOT NULL GROUP BY r.reviewer)
         SELECT reviewer, reviews, self_citing, count(*) OVER ()::int AS total FROM per WHERE reviews >= $1
          ORDER BY self_citing::float8 / reviews DESC, reviews DESC, reviewer LIMIT $2`,
        [minReviews, limit],
      )
      return {
        threshold: minShare,
        detectorMinReviews,
        reviewers: rows[0]?.total ?? 0,
        rates: rows.map((r) => ({ reviewer: r.reviewer, reviews: r.reviews, selfCiting: r.self_citing, rate: r.self_citing / r.reviews })),
      }
    },
  },
  {
    field: 'analyticsHistory(fromBlock: Int, toBlock: Int, limit: Int, newest: Boolean): [AnalyticsPoint!]!',
    doc: 'Flags by kind and cases by severity as analytics runs changed them, oldest first (at most 1,000 points: the first ones in the range, or with `newest` the last ones).',
    roles: ANALYSTS,
    types: 'type AnalyticsPoint {\n  block: Int!\n  blockTimestamp: DateTime!\n  "flag kind -> count"\n  flagsByKind: JSON!\n  "severity -> count"\n  casesBySeverity: JSON!\n}',
    resolve: async (args, ctx) => {
      const limit = boundedInt(args.limit, 'limit', 1_000, 0, 1_000)
      const rows = await ctx.query<{ block: number; block_timestamp: Date; flags_by_kind: unknown; cases_by_severity: unknown }>(
        `SELECT * FROM (SELECT * FROM api.analytics_history WHERE block >= $1 AND block <= $2 ORDER BY block ${args.newest ? 'DESC' : ''} LIMIT $3) h ORDER BY block`,
        [args.fromBlock ?? 0, args.toBlock ?? 2_147_483_647, limit],
      )
      return rows.map((r) => ({ block: r.block, blockTimestamp: r.block_timestamp, flagsByKind: r.flags_by_kind, casesBySeverity: r.cases_by_severity }))
    },
  },
]

export const aggregatesFor = (role: Role) => AGGREGATES.filter((a) => a.roles.includes(role))

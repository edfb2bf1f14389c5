/**
 * The API on a real Postgres over real HTTP. Access: ZIP-604 section 6 for the public by every path
 * a query can take (fields, nested relations, filters, ordering, aliases, fragments, totals, errors,
 * introspection), flags and cases for analysts only, keys refused when unknown or revoked, and the
 * database role underneath refusing a table even when asked directly. Then the GraphQL-over-HTTP
 * audits of graphql-http, the limits, and the service routes.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { auditServer } from 'graphql-http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFacts } from '../../analytics/snapshot'
import { SignJWT } from 'jose'
import { createApiKey, revokeApiKey } from '../../src/api/keys'
import { signApiJwt } from '../../src/api/tokens'
import { visibleFields } from '../../src/api/query'
import { entitiesFor } from '../../src/api/schema'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { loadConfig, PROJECT_ROOT } from '../../src/config'
import { dbEnvVars, exportDbEnv, pgClientConfig, startDatabase, type Database } from '../../src/db/postgres'

const REVIEWER = '0x00000000000000000000000000000000000000aa'
const SHY = '0x00000000000000000000000000000000000000bb'
const OPEN = '0x00000000000000000000000000000000000000cc'
const JWT = { secret: 'a shared secret of at least 32 chars', issuer: 'peerwatch', audience: 'peerwatch-api' }
const SECRET_TEXT = 'this text must stay unpublished until the decision is final'
/** graphql-http audit ids (SHOULD/MAY) this server does not meet: see the README. */
const KNOWN_SHORTFALLS = ['5A70', '6A70', 'D6D5'] // MAY: GET with URL-encoded variables

let db: Database
let pool: pg.Pool
let api: ApiServer
let analystKey: string
let committeeKey: string

async function gql(query: string, opts: { key?: string; variables?: Record<string, unknown> } = {}): Promise<{ status: number; body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}) },
    body: JSON.stringify({ query, variables: opts.variables }),
  })
  return { status: res.status, body: (await res.json()) as never }
}

/** Every string anywhere in a response. */
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [])

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-api-'))
  db = await startDatabase(loadConfig({ PEERWATCH_DATA_DIR: dir }).database)
  exportDbEnv(db.env)
  execFileSync(process.execPath, ['bin/peerwatch', 'db', 'migrate'], { cwd: PROJECT_ROOT, env: { ...process.env, ...dbEnvVars(db.env) }, stdio: 'pipe' })
  pool = new pg.Pool({ ...pgClientConfig(), max: 4 })
  // The processor's status table (it creates its own at start): finalized height 100.
  await pool.query("CREATE SCHEMA IF NOT EXISTS squid_processor; CREATE TABLE IF NOT EXISTS squid_processor.status (id int PRIMARY KEY, height int NOT NULL, hash text NOT NULL DEFAULT '0x', nonce int NOT NULL DEFAULT 0); INSERT INTO squid_processor.status VALUES (0, 100)")
  const proposal = (id: string, decidedBlock: number | null) =>
    pool.query(
      `INSERT INTO proposal (id, author, domain, review_type, discussion, reviewers_wanted, content_hash, phase, outcome, submitted_at, submitted_block, decided_at, decided_block, assigned, committed, revealed)
       VALUES ($1, '0xauthor', 1, 'STANDARD', false, 3, '0x', 'DECIDED', 'FUNDED', now(), 1, $2, $3, 2, 2, 2)`,
      [id, decidedBlock === null ? null : new Date(), decidedBlock],
    )
  // p-open: undecided; p-hot: decided in a block not yet final; p-done: decided and final.
  await proposal('p-open', null)
  await proposal('p-hot', 150)
  await proposal('p-done', 50)
  const review = (id: string, proposalId: string, reviewer: string, revealedIdentity = false) =>
    pool.query(
      `INSERT INTO review (id, proposal_id, reviewer, status, stake, assigned_at, assigned_block, committed_at, committed_block, score, text, revealed_at, revealed_block, quality, stake_released, acknowledged, identity_revealed, did)
       VALUES ($1, $2, $3, 'REVEALED', 100, now(), 2, now(), 3, 9, $4, now(), 4, 7, false, false, $5, $6)`,
      [id, proposalId, reviewer, `${SECRET_TEXT} (${id})`, revealedIdentity, revealedIdentity ? 'did:example:open' : null],
    )
  await review('0xr1', 'p-open', REVIEWER)
  await review('0xr2', 'p-hot', REVIEWER)
  await review('0xr3', 'p-done', SHY)
  await review('0xr4', 'p-done', OPEN, true)
  // The discussion: a reviewer's comment and the author's rebuttal on an undecided and on a published proposal.
  for (const [proposalId, reviewId, block] of [['p-open', '0xr1', 20], ['p-done', '0xr3', 30]] as const) {
    await pool.query(`INSERT INTO discussion_post VALUES ($1, $2, $3, false, $4, now(), $5), ($6, $2, NULL, true, 'the rebuttal', now(), $5)`, [`${block}-0`, proposalId, reviewId, `${SECRET_TEXT} (comment on ${reviewId})`, block, `${block}-1`])
  }
  await pool.query(`INSERT INTO analytics_state VALUES ('analytics', 100, now(), 1, 1, 1, 5, now())`)
  await pool.query(`INSERT INTO flag (id, kind, subjects, "window", metric, value, threshold, comparison, evidence, case_id) VALUES ('score-correlation:${REVIEWER},${SHY}:all', 'score-correlation', ARRAY['${REVIEWER}', '${SHY}'], NULL, 'r', 0.99, 0.95, '>', '{"sharedProposals": 12}', 'case-1')`)
  await pool.query(`INSERT INTO investigation_case (id, severity, subjects, flag_ids, grounds) VALUES ('case-1', 'SUSPECTED', ARRAY['${REVIEWER}', '${SHY}'], ARRAY['score-correlation:${REVIEWER},${SHY}:all'], '{}')`)
  for (const [id, rep] of [[REVIEWER, 20], [SHY, 30], [OPEN, 40]] as const) {
    await pool.query(
      `INSERT INTO reviewer (id, domains, registered_at, registered_block, reputation, locked, permanently_banned, confirmed_offences, assignments, reviews_revealed, deadlines_missed, quality_score_sum, quality_score_count, earnings)
       VALUES ($1, '{1}', now(), 1, $2, 0, false, 0, 3, 3, 0, 21, 3, 0)`,
      [id, rep],
    )
  }
  for (const provider of ['0xp1', '0xp2']) {
    await pool.query(
      `INSERT INTO staker (id, kind, status, bonded, unbonding, registered_at, registered_block, registered_epoch, heartbeats, slashed_total, rewards_total, withdrawn_total, tasks_assigned, tasks_finalized, tasks_missed, tasks_faulty, attestations, challenges)
       VALUES ($1, 'PROVIDER', 'BONDED', 100, 0, now(), 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0)`,
      [provider],
    )
  }
  await pool.query(`INSERT INTO heartbeat VALUES ('0xp1-0', '0xp1', 0, now(), 5), ('0xp2-0', '0xp2', 0, now(), 5), ('0xp1-1', '0xp1', 1, now(), 9)`)
  await pool.query(`INSERT INTO analytics_history VALUES (100, now(), '{"score-correlation": 1}', '{"SUSPECTED": 1}')`)
  analystKey = (await createApiKey(pool, 'analyst', 'test analyst')).key
  committeeKey = (await createApiKey(pool, 'committee', 'test committee')).key
  // Rate limiting has a test of its own: here it would throttle the suite's own requests. Cached
  // results are not served across data versions, so what a test writes shows once the version moves.
  api = await startApiServer({ pool, readiness: async () => null, config: { rateLimitPerSecond: 10_000, cacheReuseFactor: 0, cacheStaleLimitMs: 0 }, jwt: JWT })
}, 120_000)

afterAll(async () => {
  await api?.close()
  await pool?.end()
  await db?.stop()
})

describe('the public role (ZIP-604 section 6)', () => {
  it('sees no reviewer, text or score of a review before its decision is final, and the text and score without the reviewer after', async () => {
    const { body } = await gql('{ reviews(orderBy: [proposalId_ASC]) { proposalId reviewer text score quality published } }')
    expect(body.errors).toBeUndefined()
    const seen = (body.data!.reviews as Record<string, unknown>[]).map((r) => [r.proposalId, r.reviewer, r.text !== null, r.score, r.published])
    const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort()
    expect(sorted(seen)).toEqual(sorted([
      ['p-done', null, true, 9, true],
      ['p-done', OPEN, true, 9, true], // revealed their identity on chain
      ['p-hot', null, false, null, false], // decided in a block that is not final yet
      ['p-open', null, false, null, false],
    ]))
  })

  it('never gets a review\'s chain id (it names the reviewer to anyone holding the list of reviewers)', async () => {
    const { body } = await gql('{ reviews { id } proposals { reviews { id } } }')
    const ids = strings(body.data)
    expect(ids.length).toBe(8)
    for (const chainId of ['0xr1', '0xr2', '0xr3', '0xr4']) expect(ids).not.toContain(chainId)
  })

  it('cannot reach an unpublished review\'s reviewer or text through nesting, aliases or fragments', async () => {
    const { body } = await gql(`{
      proposalById(id: "p-open") { reviews { a: reviewer b: text ...F } }
      x: reviews(where: { proposalId_eq: "p-hot" }) { proposal { reviews { reviewer text } } }
    } fragment F on Review { score quality reviewer }`)
    expect(body.errors).toBeUndefined()
    const seen = strings(body.data).join(' ')
    expect(seen).not.toContain(SECRET_TEXT)
    expect(seen).not.toContain(REVIEWER)
  })

  it('cannot learn an unpublished score or reviewer by filtering, ordering or counting on it', async () => {
    // A filter on a score matches published reviews only: the public view has no other scores.
    const filtered = await gql('{ reviewsConnection(where: { score_eq: 9 }) { totalCount } }')
    expect(filtered.body.data!.reviewsConnection).toEqual({ totalCount: 2 })
    const byReviewer = await gql(`{ reviewsConnection(where: { reviewer_eq: "${REVIEWER}" }) { totalCount } }`)
    expect(byReviewer.body.data!.reviewsConnection).toEqual({ totalCount: 0 })
    const text = await gql(`{ reviewsConnection(where: { OR: [{ reviewer_isNull: false }, { score_gt: 0 }] }) { totalCount } }`)
    expect(text.body.data!.reviewsConnection).toEqual({ totalCount: 2 })
    // Fields the public never sees are not in its schema at all: no filter, no order, a validation error.
    for (const q of ['{ reviews(where: { committedAt_gt: "2020-01-01T00:00:00Z" }) { proposalId } }', '{ reviews(orderBy: [committedBlock_ASC]) { proposalId } }', '{ reviews { stake } }']) {
      const { body } = await gql(q)
      expect(body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED')
      expect(body.data).toBeUndefined()
      expect(strings(body).join(' ')).not.toContain(REVIEWER)
    }
  })

  it('sees a discussion once the decision is final: comments tied to the review\'s public id, no block or time of a reviewer\'s post', async () => {
    const { body } = await gql('{ discussionPosts(orderBy: [fromAuthor_ASC]) { id proposalId reviewId fromAuthor text timestamp block } reviews(where: { proposalId_eq: "p-done", reviewer_isNull: true }) { id discussionPosts { fromAuthor } } }')
    expect(body.errors).toBeUndefined()
    const posts = body.data!.discussionPosts as Record<string, unknown>[]
    expect(posts.map((p) => [p.proposalId, p.fromAuthor, p.timestamp === null, p.block])).toEqual([['p-done', false, true, null], ['p-done', true, false, 30]])
    const [shy] = body.data!.reviews as { id: string; discussionPosts: unknown[] }[]
    expect(posts[0]!.reviewId).toBe(shy!.id)
    expect(shy!.discussionPosts).toEqual([{ fromAuthor: false }])
    // No chain id of a post (<block>-<logIndex> names the reviewer's transaction), nor of a review.
    for (const chainId of ['30-0', '30-1', '0xr3']) expect(strings(body.data)).not.toContain(chainId)
    const analyst = await gql('{ discussionPostsConnection { totalCount } }', { key: analystKey })
    expect(analyst.body.data!.discussionPostsConnection).toEqual({ totalCount: 4 })
  })

  it('has no flags, cases, or records tying a reviewer to a review in its schema, and its introspection shows none', async () => {
    const { body } = await gql('{ flags { id subjects } }')
    expect(body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED')
    expect(JSON.stringify(body)).not.toContain(REVIEWER)
    const types = await gql('{ __schema { types { name } } }')
    const names = (types.body.data!.__schema as { types: { name: string }[] }).types.map((t) => t.name)
    expect(names).toContain('Review')
    for (const hidden of ['Flag', 'InvestigationCase', 'RepChange', 'MetaReview', 'StakeLock', 'ReviewerBan', 'Payment', 'Appeal', 'ConflictOfInterest', 'CollusionCase', 'TokenTransfer', 'QuarantinedEvent']) expect(names).not.toContain(hidden)
  })
})

describe('analysts and the committee', () => {
  it('read flags, cases and the reviewers behind reviews', async () => {
    const { body } = await gql('{ flags { id subjects value block case { severity flags { id } } } reviews(where: { proposalId_eq: "p-open" }) { id reviewer text committedAt } }', { key: analystKey })
    expect(body.errors).toBeUndefined()
    expect(body.data!.flags).toEqual([{ id: `score-correlation:${REVIEWER},${SHY}:all`, subjects: [REVIEWER, SHY], value: 0.99, block: 100, case: { severity: 'SUSPECTED', flags: [{ id: `score-correlation:${REVIEWER},${SHY}:all` }] } }])
    expect(body.data!.reviews).toMatchObject([{ id: '0xr1', reviewer: REVIEWER }])
    const committee = await gql('{ investigationCasesConnection { totalCount } }', { key: committeeKey })
    expect(committee.body.data!.investigationCasesConnection).toEqual({ totalCount: 1 })
  })

  it('refuses an unknown or revoked key instead of serving it as public', async () => {
    expect((await gql('{ proposals { id } }', { key: 'pw_nope_nope' })).status).toBe(401)
    const { id, key } = await createApiKey(pool, 'analyst', 'short-lived')
    expect((await gql('{ flags { id } }', { key })).status).toBe(200)
    expect(await revokeApiKey(pool, id)).toBe(true)
    expect((await gql('{ flags { id } }', { key })).status).toBe(401)
  })

  it('accept a signed JWT in place of a key, and refuse an expired or forged one with the reason', async () => {
    const token = await signApiJwt(JWT, { role: 'committee', subject: 'carol', ttlSeconds: 60 })
    const read = await gql('{ caseNotesConnection { totalCount } }', { key: token })
    expect(read.body.errors).toBeUndefined()
    const expired = await new SignJWT({ role: 'committee', sub: 'carol', iss: JWT.issuer, aud: JWT.audience }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 5).sign(new TextEncoder().encode(JWT.secret))
    const forged = await signApiJwt({ ...JWT, secret: 'not the secret but 32 characters long' }, { role: 'committee', subject: 'mallory', ttlSeconds: 60 })
    for (const [bad, reason] of [[expired, 'token expired'], [forged, 'not signed by a key this API trusts']] as const) {
      const { status, body } = await gql('{ flags { id } }', { key: bad })
      expect(status).toBe(401)
      expect(body.errors![0]!.message).toContain(reason)
      expect(body.data).toBeUndefined()
    }
  })
})

describe('aggregates', () => {
  it('count for each role only what it may see', async () => {
    const q = '{ repDistribution(buckets: 2) { from to count } qualityDistribution { count } providerUptime(fromEpoch: 0, toEpoch: 2) { epoch providers signed } }'
    const pub = (await gql(q)).body
    expect(pub.errors).toBeUndefined()
    expect(pub.data!.repDistribution).toEqual([{ from: 20, to: 30, count: 1 }, { from: 30, to: 40, count: 2 }])
    // The public's quality scores are the published reviews' alone.
    expect((pub.data!.qualityDistribution as { count: number }[]).reduce((n, b) => n + b.count, 0)).toBe(2)
    expect(pub.data!.providerUptime).toEqual([{ epoch: 0, providers: 2, signed: 2 }, { epoch: 1, providers: 2, signed: 1 }, { epoch: 2, providers: 2, signed: 0 }])
    const analyst = (await gql('{ qualityDistribution { count } reviewLatency { count } analyticsHistory { block flagsByKind casesBySeverity } }', { key: analystKey })).body
    expect(analyst.errors).toBeUndefined()
    expect((analyst.data!.qualityDistribution as { count: number }[]).reduce((n, b) => n + b.count, 0)).toBe(4)
    expect(analyst.data!.analyticsHistory).toEqual([{ block: 100, flagsByKind: { 'score-correlation': 1 }, casesBySeverity: { SUSPECTED: 1 } }])
    // Review latency and analytics history are not in the public schema.
    for (const field of ['reviewLatency { count }', 'analyticsHistory { block }']) expect((await gql(`{ ${field} }`)).body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED')
    expect((await gql('{ repDistribution(buckets: 0) { count } }')).body.errors![0]!.message).toMatch(/buckets must be/)
  })

  it("give two reviewers' scores on the proposals both scored, with r over all of them, to analysts", async () => {
    const [A, B] = ['0x00000000000000000000000000000000000000d1', '0x00000000000000000000000000000000000000d2']
    // Four proposals both scored, and a fifth B has not scored yet (it does not count).
    const pairs: [number, number | null][] = [[2, 3], [5, 5], [7, 8], [9, 9], [4, null]]
    for (const [i, [a, b]] of pairs.entries()) {
      await pool.query(
        `INSERT INTO proposal (id, author, domain, review_type, discussion, reviewers_wanted, content_hash, phase, outcome, submitted_at, submitted_block, assigned, committed, revealed)
         VALUES ($1, '0xauthor', 1, 'STANDARD', false, 2, '0x', 'REVIEW', 'NONE', now(), 1, 2, 2, 2)`,
        [`pp-${i}`],
      )
      for (const [reviewer, score] of [[A, a], [B, b]] as const) {
        await pool.query(
          `INSERT INTO review (id, proposal_id, reviewer, status, stake, assigned_at, assigned_block, committed_at, committed_block, score, revealed_at, revealed_block, stake_released, acknowledged, identity_revealed)
           VALUES ($1, $2, $3, 'REVEALED', 100, now(), 2, now(), 3, $4, now() + $5 * interval '1 second', 4, false, false, false)`,
          [`0xpp${i}${reviewer.slice(-2)}`, `pp-${i}`, reviewer, score, i],
        )
      }
    }
    try {
      const q = `{ pairScores(reviewerA: "${A.toUpperCase().replace('0X', '0x')}", reviewerB: "${B}", limit: 2) { shared r scores { proposalId a b } } }`
      const { data, errors } = (await gql(q, { key: analystKey })).body
      expect(errors).toBeUndefined()
      const pair = data!.pairScores as { shared: number; r: number; scores: unknown[] }
      expect(pair.shared).toBe(4)
      // Pearson r of (2,3) (5,5) (7,8) (9,9), over all four though two are listed: the latest reveals first.
      expect(pair.r).toBeCloseTo(24.25 / Math.sqrt(26.75 * 22.75), 10)
      expect(pair.scores).toEqual([{ proposalId: 'pp-3', a: 9, b: 9 }, { proposalId: 'pp-2', a: 7, b: 8 }])
      // One shared proposal: r is undefined, not 0 or NaN.
      const one = (await gql(`{ pairScores(reviewerA: "${SHY}", reviewerB: "${OPEN}") { shared r } }`, { key: analystKey })).body
      expect(one.data!.pairScores).toEqual({ shared: 1, r: null })
      // Who reviewed what is not the public's.
      expect((await gql(`{ pairScores(reviewerA: "${A}", reviewerB: "${B}") { shared } }`)).body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED')
    } finally {
      await pool.query(`DELETE FROM review WHERE proposal_id LIKE 'pp-%'; DELETE FROM proposal WHERE id LIKE 'pp-%'`)
    }
  })

  it('give the review graph around accounts: every review on record counted, the nearest neighbours kept, to analysts', async () => {
    const [A, B, N1, N2, N3] = ['0x00000000000000000000000000000000000000f1', '0x00000000000000000000000000000000000000f2', '0x00000000000000000000000000000000000000f3', '0x00000000000000000000000000000000000000f4', '0x00000000000000000000000000000000000000f5']
    // Proposal author -> its reviewers. A and B review each other; N1 reviews A twice; A reviews N2's;
    // N3 reviews B once; N1 and N2 review each other (no account at either end: not an edge here).
    const proposals: [string, string, string[]][] = [
      ['ge-0', A, [B, N1]], ['ge-1', A, [B, N1]], ['ge-2', B, [A]], ['ge-3', N2, [A, N1]], ['ge-4', B, [N3]], ['ge-5', N1, [N2]],
    ]
    for (const [id, author, reviewers] of proposals) {
      await pool.query(
        `INSERT INTO proposal (id, author, domain, review_type, discussion, reviewers_wanted, content_hash, phase, outcome, submitted_at, submitted_block, assigned, committed, revealed)
         VALUES ($1, $2, 1, 'STANDARD', false, 2, '0x', 'REVIEW', 'NONE', now(), 1, 2, 0, 0)`,
        [id, author],
      )
      for (const reviewer of reviewers) {
        await pool.query(
          `INSERT INTO review (id, proposal_id, reviewer, status, stake, assigned_at, assigned_block, stake_released, acknowledged, identity_revealed)
           VALUES ($1, $2, $3, 'ASSIGNED', 100, now(), 2, false, false, false)`,
          [`0x${id}${reviewer.slice(-2)}`, id, reviewer],
        )
      }
    }
    const ask = (neighbours: number, key: string | null = analystKey) =>
      gql(`query($s: [String!]!, $n: Int) { reviewEdges(accounts: $s, neighbours: $n) { reviewer author reviews } }`, { key: key ?? undefined, variables: { s: [A, B.toUpperCase().replace('0X', '0x')], n: neighbours } })
    try {
      const all = (await ask(24)).body
      expect(all.errors).toBeUndefined()
      expect(all.data!.reviewEdges).toEqual([
        { reviewer: B, author: A, reviews: 2 },
        { reviewer: N1, author: A, reviews: 2 },
        { reviewer: A, author: B, reviews: 1 },
        { reviewer: A, author: N2, reviews: 1 },
        { reviewer: N3, author: B, reviews: 1 },
      ])
      // One neighbour: N1, with the most reviews to or from A and B (2, against 1 each for N2 and N3).
      expect(((await ask(1)).body.data!.reviewEdges as { reviewer: string; author: string }[]).map((e) => `${e.reviewer.slice(-2)}>${e.author.slice(-2)}`)).toEqual(['f2>f1', 'f3>f1', 'f1>f2'])
      expect((await ask(201)).body.errors![0]!.message).toBe('neighbours must be 0-200')
      // Who reviewed whom is not the public's.
      expect((await ask(1, null)).body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED')
    } finally {
      await pool.query(`DELETE FROM review WHERE proposal_id LIKE 'ge-%'; DELETE FROM proposal WHERE id LIKE 'ge-%'`)
    }
  })

  it("give a group's commits on the proposals two or more of them committed on, the latest first chosen, to analysts", async () => {
    const [A, B, C] = ['0x00000000000000000000000000000000000000e1', '0x00000000000000000000000000000000000000e2', '0x00000000000000000000000000000000000000e3']
    // Commits (seconds from t = 1000) per proposal: cc-0 A and B; cc-1 A alone; cc-2 B and C; cc-3 all three.
    const commits: [string, string, number][] = [['cc-0', A, 0], ['cc-0', B, 30], ['cc-1', A, 100], ['cc-2', C, 200], ['cc-2', B, 205], ['cc-3', A, 300], ['cc-3', B, 301], ['cc-3', C, 900]]
    for (const id of ['cc-0', 'cc-1', 'cc-2', 'cc-3']) {
      await pool.query(
        `INSERT INTO proposal (id, author, domain, review_type, discussion, reviewers_wanted, content_hash, phase, outcome, submitted_at, submitted_block, assigned, committed, revealed)
         VALUES ($1, '0xauthor', 1, 'STANDARD', false, 3, '0x', 'REVIEW', 'NONE', now(), 1, 3, 3, 0)`,
        [id],
      )
    }
    for (const [proposal, reviewer, at] of commits) {
      await pool.query(
        `INSERT INTO review (id, proposal_id, reviewer, status, stake, assigned_at, assigned_block, committed_at, committed_block, stake_released, acknowledged, identity_revealed)
         VALUES ($1, $2, $3, 'COMMITTED', 100, now(), 2, to_timestamp($4), 3, false, false, false)`,
        [`0x${proposal}${reviewer.slice(-2)}`, proposal, reviewer, 1000 + at],
      )
    }
    const ask = (reviewers: string[], limit?: number, key: string | null = analystKey) =>
      gql(`query($r: [String!]!, $n: Int) { commonCommits(reviewers: $r, limit: $n) { proposals commits { proposalId reviewer committedAt } } }`, { key: key ?? undefined, variables: { r: reviewers, n: limit } })
    const at = (seconds: number) => new Date((1000 + seconds) * 1000).toISOString()
    try {
      const all = (await ask([A, B, C.toUpperCase().replace('0X', '0x')])).body
      expect(all.errors).toBeUndefined()
      expect(all.data!.commonCommits).toMatchObject({ proposals: 3 })
      expect((all.data!.commonCommits as { commits: { proposalId: string }[] }).commits.map((c) => c.proposalId)).toEqual(['cc-0', 'cc-0', 'cc-2', 'cc-2', 'cc-3', 'cc-3', 'cc-3'])
      // A and B share cc-0 and cc-3; with limit 1 the latest (cc-3) is given, and the count is still of all.
      expect((await ask([A, B], 1)).body.data!.commonCommits).toEqual({
        proposals: 2,
        commits: [{ proposalId: 'cc-3', reviewer: A, committedAt: at(300) }, { proposalId: 'cc-3', reviewer: B, committedAt: at(301) }],
      })
      expect((await ask([A, A])).body.errors![0]!.message).toBe('reviewers must name 2-8 different reviewers')
      // Who committed when is not the public's.
      expect((await ask([A, B], 1, null)).body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED')
    } finally {
      await pool.query(`DELETE FROM review WHERE proposal_id LIKE 'cc-%'; DELETE FROM proposal WHERE id LIKE 'cc-%'`)
    }
  })

  it("give a provider's heartbeat record per epoch as the downtime detector counts it: a jail term is not owed", async () => {
    const q = '{ providerEpochs(provider: "0xP2", fromEpoch: 0, toEpoch: 7) { judgedBefore epochs { epoch status } } }'
    // Before an analytics run has recorded ComputeStaking's clock, the owed epochs are not known.
    expect((await gql(q)).body.errors![0]).toMatchObject({ message: expect.stringMatching(/epoch clock/), extensions: { code: 'NOT_READY' } })
    // Epochs of 100 s from t = 1000; the watermark (block 100) is in epoch 6. Jailed in epoch 2, released in 4.
    await pool.query(`UPDATE analytics_state SET epoch = 6, epoch_genesis = to_timestamp(1000), epoch_seconds = 100`)
    await pool.query(
      `INSERT INTO jail_event (id, provider, kind, reason, until, timestamp, block) VALUES
         ('50-0', '0xp2', 'JAILED', 'DOWNTIME', to_timestamp(1400), to_timestamp(1210), 50), ('60-0', '0xp2', 'UNJAILED', NULL, NULL, to_timestamp(1405), 60)`,
    )
    await pool.query(`INSERT INTO heartbeat VALUES ('0xp2-5', '0xp2', 5, now(), 70), ('0xp2-6', '0xp2', 6, now(), 80)`)
    try {
      const { data, errors } = (await gql(q)).body
      expect(errors).toBeUndefined()
      expect(data!.providerEpochs).toEqual({
        judgedBefore: 6,
        epochs: [
          { epoch: 0, status: 'SIGNED' }, { epoch: 1, status: 'MISSED' }, { epoch: 2, status: 'JAILED' }, { epoch: 3, status: 'JAILED' },
          { epoch: 4, status: 'MISSED' }, { epoch: 5, status: 'SIGNED' }, { epoch: 6, status: 'SIGNED' }, { epoch: 7, status: 'PENDING' },
        ],
      })
      expect((await gql('{ providerEpochs(provider: "0xp2", fromEpoch: 5, toEpoch: 1005) { judgedBefore } }')).body.errors![0]!.message).toMatch(/toEpoch must be/)
      expect((await gql('{ providerEpochs(provider: "0xnone", fromEpoch: 0, toEpoch: 1) { judgedBefore } }')).body.errors![0]!.message).toBe('no provider 0xnone')
    } finally {
      await pool.query(`DELETE FROM jail_event; DELETE FROM heartbeat WHERE id IN ('0xp2-5', '0xp2-6'); UPDATE analytics_state SET epoch = NULL, epoch_genesis = NULL, epoch_seconds = NULL`)
    }
  })
})

describe('the dashboard\'s aggregates', () => {
  it('give analysts each author-reviewer\'s share of reviews citing their own works, with the detector\'s threshold', async () => {
    await pool.query(`INSERT INTO work_author VALUES ('7-${OPEN}', '7', '${OPEN}'), ('8-${SHY}', '8', '${SHY}')`)
    await pool.query(`UPDATE review SET cited_works = '{7}' WHERE id IN ('0xr3', '0xr4')`)
    try {
      const q = '{ selfCitationRates(minReviews: 1) { threshold detectorMinReviews reviewers rates { reviewer reviews selfCiting rate } } }'
      const { data, errors } = (await gql(q, { key: analystKey })).body
      expect(errors).toBeUndefined()
      // OPEN cites its own work 7; SHY cites work 7 too, which is not its own; REVIEWER authored nothing.
      expect(data!.selfCitationRates).toEqual({
        threshold: 0.5,
        detectorMinReviews: 6,
        reviewers: 2,
        rates: [{ reviewer: OPEN, reviews: 1, selfCiting: 1, rate: 1 }, { reviewer: SHY, reviews: 1, selfCiting: 0, rate: 0 }],
      })
      // Reviewers under the minimum are left out; the public has no such field (it ties reviewers to reviews).
      expect(((await gql('{ selfCitationRates(minReviews: 2) { reviewers rates { reviewer } } }', { key: analystKey })).body.data!.selfCitationRates as { reviewers: number }).reviewers).toBe(0)
      expect((await gql(q)).body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED')
      expect((await gql('{ selfCitationRates(limit: 501) { reviewers } }', { key: analystKey })).body.errors![0]!.message).toBe('limit must be 0-500')
    } finally {
      await pool.query(`DELETE FROM work_author WHERE work_id IN ('7', '8')`)
      await pool.query(`UPDATE review SET cited_works = NULL WHERE id IN ('0xr3', '0xr4')`)
    }
  })

  it('give the analytics history\'s latest points with `newest`, oldest first', async () => {
    await pool.query(`INSERT INTO analytics_history VALUES (150, now(), '{"score-correlation": 2}', '{"SUSPECTED": 1}'), (200, now(), '{"score-correlation": 3}', '{"PROBABLE": 1}')`)
    try {
      const blocks = async (args: string) => ((await gql(`{ analyticsHistory(${args}) { block } }`, { key: analystKey })).body.data!.analyticsHistory as { block: number }[]).map((p) => p.block)
      expect(await blocks('limit: 2')).toEqual([100, 150])
      expect(await blocks('limit: 2, newest: true')).toEqual([150, 200])
      expect(await blocks('limit: 5, newest: true, toBlock: 150')).toEqual([100, 150])
    } finally {
      await pool.query('DELETE FROM analytics_history WHERE block IN (150, 200)')
    }
  })
})

describe('aggregates and totals, cached per data version', () => {
  it('are computed again once the processor commits, not before', async () => {
    const q = '{ repDistribution(buckets: 1) { count } reviewersConnection { totalCount } }'
    const counts = async () => {
      const { body } = await gql(q)
      return [(body.data!.repDistribution as { count: number }[])[0]!.count, (body.data!.reviewersConnection as { totalCount: number }).totalCount]
    }
    // Asked twice: a key is kept from its second request on.
    expect(await counts()).toEqual([3, 3])
    expect(await counts()).toEqual([3, 3])
    const late = '0x00000000000000000000000000000000000000dd'
    await pool.query(`INSERT INTO reviewer (id, domains, registered_at, registered_block, reputation, locked, permanently_banned, confirmed_offences, assignments, reviews_revealed, deadlines_missed, quality_score_sum, quality_score_count, earnings)
       VALUES ($1, '{1}', now(), 1, 25, 0, false, 0, 0, 0, 0, 0, 0, 0)`, [late])
    try {
      // Rows a processor wrote without committing its status are not there yet, as far as the cache knows.
      expect(await counts()).toEqual([3, 3])
      // Subsquid moves the status row's nonce with every commit.
      await pool.query('UPDATE squid_processor.status SET nonce = nonce + 1')
      expect(await counts()).toEqual([4, 4])
    } finally {
      await pool.query('DELETE FROM reviewer WHERE id = $1', [late])
      await pool.query('UPDATE squid_processor.status SET nonce = nonce + 1')
    }
  })
})

describe('the access list', () => {
  it('serves every entity of the indexer and of analytics', () => {
    const indexed = [...fs.readFileSync(path.join(PROJECT_ROOT, 'schema.graphql'), 'utf8').matchAll(/^type (\w+) @entity/gm)].map((m) => m[1])
    const served = new Set(entitiesFor('committee').map((e) => e.name))
    expect(indexed.filter((name) => !served.has(name!))).toEqual([])
  })

  it('matches the views: every field and relation of every entity answers for every role that sees it', async () => {
    for (const [role, key] of [['public', undefined], ['analyst', analystKey], ['committee', committeeKey]] as const) {
      for (const e of entitiesFor(role)) {
        const fields = visibleFields(e, role).map(([name]) => name)
        const relations = Object.entries(e.relations ?? {}).filter(([, r]) => r.roles.includes(role) && entitiesFor(role).some((t) => t.name === r.target)).map(([name]) => `${name} { __typename }`)
        const { body } = await gql(`{ ${e.plural}(limit: 2) { ${[...fields, ...relations].join(' ')} } ${e.plural}Connection(first: 1) { totalCount } }`, { key })
        expect(body.errors, `${role} ${e.name}`).toBeUndefined()
      }
    }
  })
})

describe('the committee\'s decisions and notes', () => {
  it('are written through audited mutations (who, when, what, the value before) and read by the committee alone', async () => {
    const CASE = 'case-1'
    const confirm = await gql(`mutation { decideCase(caseId: "${CASE}", status: CONFIRMED, reason: "scores and texts agree") { id caseId status subjects decidedBy effectiveBlock } }`, { key: committeeKey })
    expect(confirm.body.errors).toBeUndefined()
    expect(confirm.body.data!.decideCase).toMatchObject({ caseId: CASE, status: 'CONFIRMED', subjects: [REVIEWER, SHY], decidedBy: expect.stringContaining('test committee'), effectiveBlock: 101 })
    const dismiss = await gql(`mutation { decideCase(caseId: "${CASE}", status: DISMISSED, reason: "the scores were a template") { id } addCaseNote(caseId: "${CASE}", text: "asked both reviewers") { text author } }`, { key: committeeKey })
    expect(dismiss.body.errors).toBeUndefined()
    const { body } = await gql(`{ investigationCaseById(id: "${CASE}") { decisions { status reason } notes { text } } auditEntries(orderBy: [id_ASC]) { actor action target previous value } }`, { key: committeeKey })
    expect(body.data!.investigationCaseById).toEqual({ decisions: [{ status: 'CONFIRMED', reason: 'scores and texts agree' }, { status: 'DISMISSED', reason: 'the scores were a template' }], notes: [{ text: 'asked both reviewers' }] })
    const audit = body.data!.auditEntries as { actor: string; action: string; previous: { status: string } | null; value: { status?: string; text?: string } }[]
    expect(audit.map((a) => [a.action, a.previous?.status ?? null, a.value.status ?? a.value.text])).toEqual([
      ['decide_case', null, 'CONFIRMED'],
      ['decide_case', 'CONFIRMED', 'DISMISSED'],
      ['add_case_note', null, 'asked both reviewers'],
    ])
    expect(audit.every((a) => a.actor.includes('test committee'))).toBe(true)
    // An analyst has no mutations and sees no decisions; the function refuses the analyst's database role too.
    expect((await gql(`mutation { addCaseNote(caseId: "${CASE}", text: "x") { id } }`, { key: analystKey })).body.errors![0]!.message).toMatch(/not configured to execute mutation/)
    expect((await gql('{ caseDecisions { id } }', { key: analystKey })).body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED')
    // The function's own refusals reach the committee as its mistakes.
    const unknown = await gql('mutation { decideCase(caseId: "case-none", status: CONFIRMED, reason: "x") { id } }', { key: committeeKey })
    expect(unknown.body.errors![0]!.message).toMatch(/no case case-none/)
    const blank = await gql(`mutation { addCaseNote(caseId: "${CASE}", text: "  ") { id } }`, { key: committeeKey })
    expect(blank.body.errors![0]!.message).toMatch(/a note needs text/)
  })

  it('feed the severity ladder: the latest decision per case, if CONFIRMED, is a confirmation from the block after the watermark', async () => {
    const clock = { timestampOf: async (b: number) => b, epochAt: () => 0, genesisTime: 0, epochLength: 86_400 }
    const confirmationsAt = async (block: number, since?: number) => {
      const facts = await loadFacts(pool, clock, block, since === undefined ? undefined : { block: since, epoch: 0 })
      return { ids: facts.confirmations.map((c) => c.caseId), replaced: facts.committeeConfirmationsReplaced }
    }
    // case-1 was confirmed, then dismissed (both effective at 101): no confirmation.
    expect((await confirmationsAt(101)).ids).toEqual([])
    const { id } = (await gql('mutation { decideCase(caseId: "case-1", status: CONFIRMED, reason: "on review, confirmed") { id } }', { key: committeeKey })).body.data!.decideCase as { id: string }
    expect((await confirmationsAt(100)).ids).toEqual([])
    expect((await confirmationsAt(101)).ids).toEqual([`committee:${id}`])
    // A live run after the watermark gets them all again, to replace what it holds; none when nothing changed.
    expect(await confirmationsAt(101, 100)).toEqual({ ids: [`committee:${id}`], replaced: true })
    expect(await confirmationsAt(102, 101)).toEqual({ ids: [], replaced: false })
  })

  it('follow a case\'s subjects when it is regrouped under another id (a new flag joined, cases merged)', async () => {
    // The next run named the group after a new, lower flag: same subjects and more, another id.
    await pool.query(`INSERT INTO investigation_case (id, severity, subjects, flag_ids, grounds) VALUES ('case-0', 'PROBABLE', ARRAY['${REVIEWER}', '${SHY}', '${OPEN}'], ARRAY['a-flag'], '{}'),
      ('case-9', 'SUSPECTED', ARRAY['0x00000000000000000000000000000000000000ee'], ARRAY['another-flag'], '{}')`)
    try {
      const { body } = await gql('{ investigationCaseById(id: "case-0") { decisions { id } notes { id } subjectDecisions { caseId status } subjectNotes { caseId text subjects } } }', { key: committeeKey })
      expect(body.errors).toBeUndefined()
      const kase = body.data!.investigationCaseById as Record<string, { caseId: string }[]>
      expect(kase.decisions).toEqual([])
      expect(kase.notes).toEqual([])
      expect(kase.subjectDecisions!.map((d) => d.caseId)).toEqual(['case-1', 'case-1', 'case-1'])
      expect(kase.subjectNotes).toEqual([{ caseId: 'case-1', text: 'asked both reviewers', subjects: [REVIEWER, SHY] }])
      // Batched with a case on other accounts, which shares none of it.
      const both = await gql('{ investigationCases(where: { id_in: ["case-0", "case-9"] }) { id subjectDecisions { caseId } subjectNotes { id } } }', { key: committeeKey })
      expect((both.body.data!.investigationCases as { id: string; subjectDecisions: unknown[]; subjectNotes: unknown[] }[]).map((c) => [c.id, c.subjectDecisions.length, c.subjectNotes.length])).toEqual([['case-0', 3, 1], ['case-9', 0, 0]])
    } finally {
      await pool.query(`DELETE FROM investigation_case WHERE id IN ('case-0', 'case-9')`)
    }
  })
})

describe('case files', () => {
  it('export for the committee in Markdown, JSON or PDF, with the flags\' evidence and the decisions and notes on the case\'s subjects; nobody else gets one', async () => {
    const get = (path: string, key?: string) => fetch(`${api.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} })
    const md = await get('/cases/case-1/export?format=md', committeeKey)
    expect(md.status).toBe(200)
    expect(md.headers.get('content-disposition')).toBe('attachment; filename="case-1.md"')
    const text = await md.text()
    expect(text).toContain('# Case case-1')
    expect(text).toContain('**sharedProposals**: 12')
    expect(text).toContain('asked both reviewers')
    const json = (await (await get('/cases/case-1/export?format=json', committeeKey)).json()) as { flags: unknown[]; decisions: { status: string }[]; audit: { action: string }[] }
    expect(json.flags).toHaveLength(1)
    expect(json.decisions.map((d) => d.status)).toEqual(['CONFIRMED', 'DISMISSED', 'CONFIRMED'])
    expect(json.audit.map((a) => a.action)).toEqual(['decide_case', 'decide_case', 'add_case_note', 'decide_case'])
    const pdf = await get('/cases/case-1/export?format=pdf', committeeKey)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    expect((await get('/cases/case-1/export', analystKey)).status).toBe(403)
    expect((await get('/cases/case-1/export')).status).toBe(403)
    expect((await get('/cases/case-none/export', committeeKey)).status).toBe(404)
    expect((await get('/cases/case-1/export?format=docx', committeeKey)).status).toBe(400)
    expect((await get('/cases/%E0%A4%A/export', committeeKey)).status).toBe(400)
  })
})

describe('underneath the resolvers', () => {
  it('the public database role cannot read the review table, nor the analysts\' views', async () => {
    const client = await pool.connect()
    try {
      await client.query('BEGIN READ ONLY')
      await client.query('SET LOCAL ROLE peerwatch_public')
      await expect(client.query('SELECT text FROM public.review')).rejects.toThrow(/permission denied/)
      await client.query('ROLLBACK')
      await client.query('BEGIN READ ONLY')
      await client.query('SET LOCAL ROLE peerwatch_public')
      await expect(client.query('SELECT reviewer FROM api.review')).rejects.toThrow(/permission denied/)
      await client.query('ROLLBACK')
      await client.query('BEGIN READ ONLY')
      await client.query('SET LOCAL ROLE peerwatch_analyst')
      await expect(client.query('SELECT salt FROM public.api_secret')).rejects.toThrow(/permission denied/)
      await client.query('ROLLBACK')
    } finally {
      client.release()
    }
  })
})

describe('bad requests', () => {
  it('answer with a GraphQL error, never a stack trace or SQL', async () => {
    const cases = [
      await gql('{ reviews(limit: 100000) { proposalId } }'),
      await gql('{ reviewsConnection(after: "not-a-cursor") { totalCount } }'),
      await gql('{ reviews(where: { proposalId_in: [] }) { proposalId } proposals(offset: -1) { id } }'),
      await gql('{ reviews { proposalId '),
    ]
    for (const { body } of cases) {
      expect(body.errors?.length).toBeGreaterThan(0)
      const text = JSON.stringify(body)
      expect(text).not.toMatch(/stacktrace|at .*\.ts:\d+|SELECT|relation "/)
    }
    const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' })
    expect(res.status).toBe(400)
  })

  it('refuses over-deep and over-aliased queries with a clear error', async () => {
    const deep = await gql('{ reviews { proposal { reviews { proposal { reviews { proposal { reviews { proposal { reviews { proposalId } } } } } } } } } }')
    expect(JSON.stringify(deep.body.errors)).toMatch(/depth/i)
    const aliases = await gql(`{ ${Array.from({ length: 20 }, (_, i) => `a${i}: proposals { id }`).join(' ')} }`)
    expect(JSON.stringify(aliases.body.errors)).toMatch(/alias/i)
  })
})

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  it('passes every MUST audit', async () => {
    const results = await auditServer({ url: `${api.url}/graphql` })
    const failedMust = results.filter((r) => r.status === 'error').map((r) => `${r.name}: ${(r as { reason?: string }).reason}`)
    expect(failedMust).toEqual([])
    const others = results.filter((r) => r.status !== 'ok')
    // The SHOULD and MAY audits Apollo does not meet are listed in the README; a new one would show here.
    expect(others.map((r) => r.id).sort()).toEqual(KNOWN_SHORTFALLS)
  })
})

describe('production settings and the statement timeout', () => {
  it('turns introspection off in production, and answers a query over the statement timeout with a clear error', async () => {
    const strict = await startApiServer({ pool, readiness: async () => null, config: { production: true, statementTimeoutMs: 1 } })
    try {
      const ask = async (query: string) => (await (await fetch(`${strict.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as { errors?: { message: string; extensions?: { code?: string } }[] }
      expect((await ask('{ __schema { types { name } } }')).errors![0]!.message).toMatch(/introspection/i)
      const slow = await ask('{ providerUptime(fromEpoch: 0, toEpoch: 999) { epoch } reviewsConnection { totalCount } }')
      expect(slow.errors![0]).toMatchObject({ extensions: { code: 'QUERY_TIMEOUT' } })
      expect(slow.errors![0]!.message).toMatch(/longer than 1 ms/)
    } finally {
      await strict.close()
    }
  })
})

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client is over its rate', async () => {
    const limited = await startApiServer({ pool, readiness: async () => null, config: { rateLimitPerSecond: 2 } })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 8; i++) {
        const res = await fetch(`${limited.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })
        statuses.push(res.status)
        if (res.status === 429) expect(res.headers.get('retry-after')).toBe('1')
      }
      expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]) // a burst of twice the rate
      expect(statuses).toContain(429)
    } finally {
      await limited.close()
    }
  })
})

describe('service routes', () => {
  it('answers /health, /ready and /metrics', async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200)
    expect((await fetch(`${api.url}/ready`)).status).toBe(200)
    const metrics = await (await fetch(`${api.url}/metrics`)).text()
    expect(metrics).toMatch(/peerwatch_api_requests_total\{route="\/graphql",role="public",status="200"\} \d+/)
  })

  it('answers /status with the heights of the indexer and the analytics, hot blocks included, never from a cache', async () => {
    const status = async () => (await fetch(`${api.url}/status`)).json()
    // No chain given to this server: the head and the lag are unknown, not guessed.
    expect(await status()).toEqual({ chainHead: null, indexedHeight: 100, finalizedHeight: 100, lagBlocks: null, analyticsBlock: 100, analyticsAt: expect.stringMatching(/^\d{4}-/) })
    await pool.query('CREATE TABLE squid_processor.hot_block (height int PRIMARY KEY, hash text NOT NULL)')
    try {
      await pool.query("INSERT INTO squid_processor.hot_block VALUES (101, '0xa'), (104, '0xb')")
      expect(await status()).toMatchObject({ indexedHeight: 104, finalizedHeight: 100 })
    } finally {
      await pool.query('DROP TABLE squid_processor.hot_block')
    }
  })
})

describe('live changes (/events)', () => {
  it('streams to analysts what an analytics run changed, and refuses the public', async () => {
    expect((await fetch(`${api.url}/events`)).status).toBe(403)
    const fast = await startApiServer({ pool, readiness: async () => null, config: { eventPollMs: 50 } })
    const controller = new AbortController()
    const added = `timing-correlation:${OPEN},${SHY}:all`
    try {
      const res = await fetch(`${fast.url}/events`, { headers: { authorization: `Bearer ${analystKey}` }, signal: controller.signal })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/event-stream')
      const reader = res.body!.getReader()
      await new Promise((r) => setTimeout(r, 300)) // the hub's first look is its baseline
      // An analytics run: a new flag, the watermark moves.
      await pool.query(`INSERT INTO flag (id, kind, subjects, "window", metric, value, threshold, comparison, evidence, case_id) VALUES ($1, 'timing-correlation', ARRAY['${OPEN}', '${SHY}'], NULL, 'n', 3, 3, '>=', '{}', NULL)`, [added])
      await pool.query(`UPDATE analytics_state SET block = 101`)
      let text = ''
      const deadline = Date.now() + 5_000
      while (!/event: analytics\ndata: .*\n\n/.test(text) && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value)
      const event = JSON.parse(/event: analytics\ndata: (.*)\n\n/.exec(text)![1]!)
      expect(event).toEqual({ block: 101, flags: { added: [added], removed: [], changed: [] }, cases: { added: [], removed: [], changed: [] } })
    } finally {
      controller.abort()
      await fast.close()
      await pool.query('DELETE FROM flag WHERE id = $1', [added])
      await pool.query(`UPDATE analytics_state SET block = 100`)
    }
  })
})

/**
 * The synthetic protocol history behind the analytics scale benchmark: a year of a staked
 * peer-review protocol and its compute network at the size the analytics must handle (by default
 * 1,000,000 reviews by 100,000 reviewers of 300,000 proposals, 10,000 providers), generated from a
 * seed directly as the indexer's rows, without a chain or a processor.
 *
 * Two stages. planHistory decides everything but the text: who reviews what and when, scores,
 * works, providers, heartbeats, tasks, jails, committee cases, and the behaviours planted for the
 * detectors to find (about 1 % of the actors, listed with their addresses as ground truth). It holds
 * per-review and per-task facts in typed arrays; heartbeats (millions) are never held, they are a
 * pure function of (provider, epoch) enumerated when needed. historyTables then streams each table
 * as Postgres COPY text in chunks, generating review texts with the text model as it goes, so no
 * table is ever in memory whole.
 *
 * Values follow the mappings in src/mappings (ids, statuses, which columns an event sets), and the
 * contracts' rules where the analytics could notice: a reviewer never reviews their own proposal, a
 * reveal comes after every commit of its proposal, a review cites only works registered before it,
 * a provider owes a heartbeat from its registration epoch and none while jailed or after a tombstone.
 * Block b has timestamp GENESIS_TIME + 12 b; epochs are days from GENESIS_TIME (ComputeStaking's clock).
 */
import { createHash } from 'node:crypto'
import { keccak256 } from 'viem'
import { epochClock, type ChainClock } from '../../analytics/clock'
import { fmix32 } from '../../analytics/detectors/text-features'
import { countBelow } from '../../analytics/types'
import { mulberry32 } from '../../src/simulator/random'
import type { RandomSource, TextModel } from './text-model'

export const GENESIS_TIME = 1_767_225_600
export const BLOCK_SECONDS = 12
export const EPOCH_SECONDS = 86_400
const DAY = EPOCH_SECONDS / BLOCK_SECONDS
const HOUR = DAY / 24
/** One year of blocks: 0 .. HEAD. */
const HEAD = 365 * DAY - 1
const DOMAINS = 16

// Protocol parameters (ReviewHub, ReputationStaking, ComputeStaking, TaskMarket) the history follows.
const COMMIT_BLOCKS = 12 * DAY
const REVEAL_BLOCKS = 5 * DAY
const DISCUSSION_BLOCKS = 7 * DAY
const STAKE_BY_TYPE = [10, 20, 30]
const DISPUTE_BLOCKS_BY_TYPE = [30 * DAY, 14 * DAY, 60 * DAY]
const REVIEW_TYPES = ['STANDARD', 'EXPEDITED', 'EXPERT']
const GENESIS_REP = 300
const REP_ON_TIME = 10
const REP_MISSED_DEADLINE = 15
const TASK_TIMEOUT_BLOCKS = 6 * HOUR
const CHALLENGE_WINDOW_BLOCKS = DAY
const JAIL_BLOCKS = 3 * DAY
const BAN_BLOCKS = 180 * DAY
/** Honest rates. */
const UNREVEALED_RATE = 0.03
const CITING_RATE = 0.05
const HEARTBEAT_MISS_PER_10K = 150
const TASK_MISSED_RATE = 0.01
const TASK_FAULTY_RATE = 0.005
/** A text template's copies each replace this share of its words. */
const TEMPLATE_EDIT_RATE = 0.05

export interface SyntheticOptions {
  seed: number
  /** Multiplies every size below and every planted count (each behaviour planted at least once). */
  scale: number
  reviews: number
  reviewers: number
  proposals: number
  providers: number
  /** Events the tail (batchFromBlock, head] should hold. */
  tailEvents: number
}

export const SYNTHETIC_DEFAULTS: SyntheticOptions = {
  seed: 1, scale: 1, reviews: 1_000_000, reviewers: 100_000, proposals: 300_000, providers: 10_000, tailEvents: 1_000,
}

/** Planted behaviours per scale 1. */
const PLANTED = {
  scoreCliques: 200, textTemplates: 200, syncedCommits: 100, reciprocalPairs: 100, reviewRings: 50, citationCoercers: 100,
  flakyProviders: 100, missedTaskProviders: 50, faultyTaskProviders: 50, confirmedCases: 20, tombstonedProviders: 5,
}

export interface SyntheticSizes {
  reviews: number
  reviewers: number
  /** Accounts that submit proposals; the first `authorReviewers` of them also review. */
  authors: number
  authorReviewers: number
  proposals: number
  works: number
  providers: number
  verifiers: number
  /** Compute clients who submit tasks. */
  clients: number
  tasks: number
}

function sizesOf(options: SyntheticOptions): SyntheticSizes {
  const n = (base: number, min = 1) => Math.max(min, Math.round(base * options.scale))
  const reviewers = n(options.reviewers, 20)
  return {
    reviews: n(options.reviews),
    reviewers,
    authors: Math.max(6, Math.round(reviewers * 0.3)),
    authorReviewers: Math.max(4, Math.round(reviewers * 0.2)),
    proposals: n(options.proposals, 100),
    works: n(options.proposals / 6, 20),
    providers: n(options.providers, 10),
    verifiers: n(options.providers / 50, 3),
    clients: n(options.providers / 10, 3),
    tasks: n(options.providers * 20),
  }
}

/** Ground truth: every planted behaviour with its members (lower-case addresses) and where it shows. */
export interface PlantedTruth {
  /** Reviewers who review the same proposals with identical scores. */
  scoreCliques: { members: string[]; proposals: string[] }[]
  /** Reviewers whose reviews (each on its own proposal) copy one text with a few words replaced. */
  textTemplates: { members: string[]; proposals: string[]; editRate: number }[]
  /** Reviewers who commit within the same 30 s on the proposals they share. */
  syncedCommits: { members: string[]; proposals: string[] }[]
  /** Two authors who review each other's proposals favourably. */
  reciprocalPairs: { members: string[]; proposals: string[] }[]
  /** Authors in ring order: each reviews the next one's proposals favourably (the last the first's). */
  reviewRings: { members: string[]; proposals: string[] }[]
  /** Reviewers who cite their own works in most of their reviews, with favourable scores. */
  citationCoercers: { reviewer: string; reviews: number; selfCiting: number; works: string[] }[]
  /** Providers that sign only signedEpochs of the epochs fromEpoch..toEpoch. */
  flakyProviders: { provider: string; fromEpoch: number; toEpoch: number; signedEpochs: number }[]
  missedTaskProviders: { provider: string; tasks: string[]; epochs: number[] }[]
  faultyTaskProviders: { provider: string; tasks: string[]; epochs: number[] }[]
  /** On-chain cases the ethics committee confirmed (subjects: a score clique); their reviews are annulled. */
  confirmedCases: { caseId: string; subjects: string[]; closedBlock: number }[]
  /** Flaky providers jailed for liveness after their outage, and unjailed. */
  jailedProviders: { provider: string; jailedBlock: number; unjailedBlock: number }[]
  tombstonedProviders: { provider: string; block: number }[]
}

/** The tables the history fills, in load order. */
export const HISTORY_TABLES = ['reviewer', 'rep_change', 'author', 'work', 'work_author', 'proposal', 'review', 'staker', 'heartbeat', 'task', 'jail_event', 'collusion_case'] as const
export type HistoryTable = (typeof HISTORY_TABLES)[number]
export type TableCounts = Record<HistoryTable, number>

// ----- random numbers -----

/** An independent stream per purpose, so that one step's draws never shift another's. */
function streamOf(seed: number, label: string): RandomSource {
  return mulberry32(fnv1a(`${seed}/${label}`))
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** A well-mixed 32-bit hash of three integers (murmur3 finalizer): stateless randomness for heartbeats. */
function hash3(a: number, b: number, c: number): number {
  return fmix32(Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35) ^ Math.imul(c + 0x165667b1, 0x27d4eb2f))
}

/** Uniform integer in [lo, hi]. */
const between = (random: RandomSource, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))

/** A standard normal draw (Box-Muller). */
const normal = (random: RandomSource) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())

/** 32 random bytes as 0x-hex (hashes, commitments). */
function bytes32(random: RandomSource): string {
  let hex = '0x'
  for (let i = 0; i < 8; i++) hex += Math.floor(random() * 4_294_967_296).toString(16).padStart(8, '0')
  return hex
}

/** Index i with cumulative[i - 1] <= x < cumulative[i]: a draw proportional to the weights behind `cumulative`. */
function drawWeighted(cumulative: Float64Array, random: RandomSource): number {
  const x = random() * cumulative[cumulative.length - 1]!
  let lo = 0
  let hi = cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cumulative[mid]! > x) hi = mid
    else lo = mid + 1
  }
  return lo
}

function cumulativeOf(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length)
  let sum = 0
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i]!
  return out
}

/** Sorted uniform blocks in [lo, hi]: submissions, registrations (ids follow time). */
function sortedBlocks(count: number, lo: number, hi: number, random: RandomSource): Int32Array {
  return Int32Array.from({ length: count }, () => between(random, lo, hi)).sort()
}

/** Lower-case 0x addresses, distinct, fixed by seed, kind and index. */
function addressesOf(seed: number, kind: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `0x${createHash('sha1').update(`peerwatch-synthetic/${seed}/${kind}/${i}`).digest('hex')}`)
}

/** The chain's clock for this history: what analytics need of a chain, without one. */
export function syntheticClock(manifest: { clock: { genesisTime: number; blockSeconds: number; epochSeconds: number } }): ChainClock {
  const { genesisTime, blockSeconds, epochSeconds } = manifest.clock
  return { timestampOf: async (block) => genesisTime + block * blockSeconds, epochAt: epochClock(genesisTime, epochSeconds), genesisTime, epochLength: epochSeconds }
}

// ----- the plan -----

/** What a review is there for; planted roles are decided when behaviours are planted. */
const enum Role { Honest, Clique, Template, Synced, Favour, Coercer }

interface PlantedReview {
  reviewer: number
  role: Role
  /** The behaviour instance (clique, template group, ...). */
  group: number
  score: number
  /** Work indices the review cites (citation coercion). */
  cites: number[]
}

const enum TaskEnd { Finalized, Missed, Faulty }

export interface SyntheticHistory {
  options: SyntheticOptions
  sizes: SyntheticSizes
  /** The finalized head: the last block of the year. */
  head: number
  batchFromBlock: number
  /** Events in (batchFromBlock, head]. */
  tailEvents: number
  /** Events (submissions, commits, reveals, heartbeats, closed tasks, jail events, works, closed cases) up to the head. */
  events: number
  /** Rows per table. */
  counts: TableCounts
  truth: PlantedTruth
  /** Everything the table streams read, by step. */
  persons: Persons
  proposals: Proposals
  reviews: Reviews
  works: Works
  providers: Providers
  tasks: Tasks
  cases: Case[]
}

/** Reviewers (0 .. reviewers-1, the first authorReviewers also authors), then authors who only author. */
interface Persons {
  address: string[]
  /** 20 bytes per person, for review ids. */
  addressBytes: Uint8Array
  reviewerDomains: number[][]
  reviewerRegistered: Int32Array
  bannedUntil: Map<number, number>
  offences: Map<number, number>
}

interface Proposals {
  submit: Int32Array
  /** Block of the reviewer assignment (the commit phase opens). */
  assign: Int32Array
  author: Int32Array
  domain: Uint8Array
  reviewType: Uint8Array
  discussion: Uint8Array
  wanted: Uint8Array
  /** Reviews of proposal p are reviews start[p] .. start[p + 1] - 1 (none if assigned after the head). */
  reviewStart: Int32Array
  revealStart: Int32Array
  revealEnd: Int32Array
  decided: Int32Array
}

interface Reviews {
  proposal: Int32Array
  reviewer: Int32Array
  role: Uint8Array
  group: Int32Array
  score: Uint8Array
  commit: Int32Array
  /** -1: never revealed. */
  reveal: Int32Array
  cites: Map<number, number[]>
  /** Review index -> case index, for reviews a confirmed case annulled. */
  annulledBy: Map<number, number>
}

interface Works {
  block: Int32Array
  authorStart: Int32Array
  authors: Int32Array
}

interface Providers {
  address: string[]
  verifierAddress: string[]
  register: Int32Array
  registeredEpoch: Int32Array
  heartbeatOffset: Uint16Array
  flakyFrom: Int32Array
  flakyLength: Uint8Array
  /** Bit e - flakyFrom set: the provider signs epoch e of its outage. */
  flakySigned: Uint32Array
  jailBlock: Int32Array
  unjailBlock: Int32Array
  tombstoneBlock: Int32Array
  /** Aggregates over heartbeats up to the head. */
  heartbeats: Int32Array
  lastHeartbeatEpoch: Int32Array
  stake: Int32Array
  verifierAttestations: Int32Array
  verifierChallenges: Int32Array
}

/** Tasks in id order (submission order). */
interface Tasks {
  submit: Int32Array
  assign: Int32Array
  provider: Int32Array
  client: Int32Array
  end: Uint8Array
  result: Int32Array
  challenge: Int32Array
  closed: Int32Array
  bid: Uint8Array
  attesters: Uint8Array
  challenger: Int32Array
}

/** A collusion case the committee confirmed: raised and closed blocks, the clique's reviews it annuls. */
interface Case {
  id: string
  subjects: number[]
  raised: number
  closed: number
  reviews: number[]
  proposalCount: number
}

const epochOf = (block: number) => Math.floor(block / DAY)

/** Decides the whole history (all but the texts); deterministic for the options. */
export function planHistory(options: Partial<SyntheticOptions>, model: TextModel): SyntheticHistory {
  const o: SyntheticOptions = { ...SYNTHETIC_DEFAULTS, ...options }
  const sizes = sizesOf(o)
  const planted = Object.fromEntries(Object.entries(PLANTED).map(([k, v]) => [k, Math.max(1, Math.round(v * o.scale))])) as typeof PLANTED
  const seed = o.seed
  const R = sizes.reviewers
  const AR = sizes.authorReviewers
  const personCount = R + sizes.authors - AR
  const authorPerson = (a: number) => (a < AR ? a : R + a - AR)

  // --- people ---
  const people = streamOf(seed, 'people')
  const address = addressesOf(seed, 'person', personCount)
  const addressBytes = new Uint8Array(personCount * 20)
  address.forEach((a, i) => addressBytes.set(Buffer.from(a.slice(2), 'hex'), i * 20))
  const primaryDomain = Uint8Array.from({ length: R }, () => between(people, 0, DOMAINS - 1))
  const secondDomain = Int8Array.from({ length: R }, () => (people() < 0.3 ? between(people, 0, DOMAINS - 1) : -1))
  // Heavy-tailed activity: log-normal weights (sigma 1) give many reviewers a few reviews and some 50 or more.
  const reviewerWeight = Float64Array.from({ length: R }, () => Math.exp(normal(people)))
  const authorCumulative = cumulativeOf(Float64Array.from({ length: sizes.authors }, () => Math.exp(0.8 * normal(people))))

  // --- proposals, in submission order ---
  const P = sizes.proposals
  const proposalRandom = streamOf(seed, 'proposals')
  const submit = sortedBlocks(P, 1, HEAD, proposalRandom)
  const assign = submit.map((s) => s + between(proposalRandom, HOUR, 2 * DAY))
  const author = Int32Array.from({ length: P }, () => authorPerson(drawWeighted(authorCumulative, proposalRandom)))
  const domain = Uint8Array.from({ length: P }, () => between(proposalRandom, 0, DOMAINS - 1))
  // 80 % standard review, 10 % expedited, 10 % expert.
  const reviewType = Uint8Array.from({ length: P }, () => {
    const x = proposalRandom()
    return x < 0.8 ? 0 : x < 0.9 ? 1 : 2
  })
  const discussion = Uint8Array.from({ length: P }, () => (proposalRandom() < 0.3 ? 1 : 0))
  const wanted = new Uint8Array(P)

  // --- works, in registration order ---
  const W = sizes.works
  const workRandom = streamOf(seed, 'works')
  const workBlock = sortedBlocks(W, 1, HEAD, workRandom)
  const workAuthorStart = new Int32Array(W + 1)
  const workAuthorList: number[] = []
  for (let w = 0; w < W; w++) {
    const x = workRandom()
    const count = x < 0.3 ? 1 : x < 0.65 ? 2 : x < 0.9 ? 3 : 4
    const list: number[] = []
    while (list.length < count) {
      const person = between(workRandom, 0, personCount - 1)
      if (!list.includes(person)) list.push(person)
    }
    workAuthorList.push(...list)
    workAuthorStart[w + 1] = workAuthorList.length
  }
  const workAuthors = Int32Array.from(workAuthorList)

  // --- planted review behaviours ---
  const plant = streamOf(seed, 'planted')
  const pureReviewers = shuffle(Array.from({ length: R - AR }, (_, i) => AR + i), plant)
  const authorReviewers = shuffle(Array.from({ length: AR }, (_, i) => i), plant)
  const takeFrom = (pool: number[], what: string) => {
    const next = pool.pop()
    if (next === undefined) throw new Error(`synthetic history: too few reviewers to plant ${what}; use a larger scale`)
    reviewerWeight[next] = 0 // planted reviewers do only what their behaviour does
    return next
  }
  const touched = new Uint8Array(P)
  const plantedOn = new Map<number, PlantedReview[]>()
  const plantReview = (proposal: number, review: PlantedReview) => {
    let list = plantedOn.get(proposal)
    if (!list) plantedOn.set(proposal, (list = []))
    list.push(review)
  }
  /** Untouched proposals submitted in [from, to] and assigned before the head, marked touched. */
  const pickProposals = (count: number, from: number, to: number, what: string): number[] => {
    const lo = countBelow(submit, from)
    const hi = countBelow(submit, to + 1)
    const picked: number[] = []
    for (let attempt = 0; picked.length < count; attempt++) {
      if (attempt > count * 200 || hi <= lo) throw new Error(`synthetic history: no free proposals left for ${what}; use a larger scale`)
      const p = between(plant, lo, hi - 1)
      if (touched[p] || assign[p]! > HEAD) continue
      touched[p] = 1
      picked.push(p)
    }
    return picked.sort((a, b) => a - b)
  }
  const proposalIds = (list: number[]) => list.map((p) => String(p + 1))
  const truth: PlantedTruth = {
    scoreCliques: [], textTemplates: [], syncedCommits: [], reciprocalPairs: [], reviewRings: [], citationCoercers: [],
    flakyProviders: [], missedTaskProviders: [], faultyTaskProviders: [], confirmedCases: [], jailedProviders: [], tombstonedProviders: [],
  }

  // Score cliques: 3-5 reviewers are the whole panel of 12-16 proposals over four months, one score each.
  const cliques: { members: number[]; proposals: number[] }[] = []
  for (let g = 0; g < planted.scoreCliques; g++) {
    const members = Array.from({ length: between(plant, 3, 5) }, () => takeFrom(pureReviewers, 'score cliques'))
    const start = between(plant, 0, HEAD - 200 * DAY)
    const proposals = pickProposals(between(plant, 12, 16), start, start + 120 * DAY, 'score cliques')
    for (const p of proposals) {
      wanted[p] = members.length
      touched[p] = 2
      const score = model.drawScore(plant)
      for (const reviewer of members) plantReview(p, { reviewer, role: Role.Clique, group: g, score, cites: [] })
    }
    cliques.push({ members, proposals })
    truth.scoreCliques.push({ members: members.map((m) => address[m]!), proposals: proposalIds(proposals) })
  }

  // Panels of 3 or 4 for every other proposal assigned by the head, as many 4s as make the review count.
  let cliqueSlots = 0
  let open = 0
  for (let p = 0; p < P; p++) {
    if (touched[p] === 2) cliqueSlots += wanted[p]!
    else if (assign[p]! <= HEAD) open++
  }
  let fours = Math.min(open, Math.max(0, sizes.reviews - cliqueSlots - 3 * open))
  for (let p = 0; p < P; p++) {
    if (touched[p] === 2) continue
    if (assign[p]! > HEAD) {
      wanted[p] = 3
      continue
    }
    const four = proposalRandom() * open < fours
    wanted[p] = four ? 4 : 3
    if (four) fours--
    open--
  }

  // Text templates: 2-4 reviewers, each with 3-5 reviews (each its own proposal) over three months, all one template.
  for (let g = 0; g < planted.textTemplates; g++) {
    const members = Array.from({ length: between(plant, 2, 4) }, () => takeFrom(pureReviewers, 'text templates'))
    const start = between(plant, 0, HEAD - 130 * DAY)
    const all: number[] = []
    for (const reviewer of members) {
      for (const p of pickProposals(between(plant, 3, 5), start, start + 90 * DAY, 'text templates')) {
        plantReview(p, { reviewer, role: Role.Template, group: g, score: model.drawScore(plant), cites: [] })
        all.push(p)
      }
    }
    truth.textTemplates.push({ members: members.map((m) => address[m]!), proposals: proposalIds(all.sort((a, b) => a - b)), editRate: TEMPLATE_EDIT_RATE })
  }

  // Synced commits: pairs and trios on the same 4-6 proposals within two months (their commit times are set with the review cycle).
  for (let g = 0; g < planted.syncedCommits; g++) {
    const members = Array.from({ length: plant() < 0.5 ? 2 : 3 }, () => takeFrom(pureReviewers, 'synced commits'))
    const start = between(plant, 0, HEAD - 100 * DAY)
    const proposals = pickProposals(between(plant, 4, 6), start, start + 60 * DAY, 'synced commits')
    for (const p of proposals) for (const reviewer of members) plantReview(p, { reviewer, role: Role.Synced, group: g, score: model.drawScore(plant), cites: [] })
    truth.syncedCommits.push({ members: members.map((m) => address[m]!), proposals: proposalIds(proposals) })
  }

  /** `reviewer` reviews `count` proposals (made `proposalAuthor`'s) in the two months from `start`, favourably (8-10). */
  const favours = (reviewer: number, proposalAuthor: number, count: number, start: number, group: number, what: string) => {
    const proposals = pickProposals(count, start, start + 60 * DAY, what)
    for (const p of proposals) {
      author[p] = proposalAuthor
      plantReview(p, { reviewer, role: Role.Favour, group, score: between(plant, 8, 10), cites: [] })
    }
    return proposals
  }
  // Reciprocal pairs: two authors who review, each reviewing two of the other's proposals within two months.
  for (let g = 0; g < planted.reciprocalPairs; g++) {
    const [a, b] = [takeFrom(authorReviewers, 'reciprocal pairs'), takeFrom(authorReviewers, 'reciprocal pairs')]
    const start = between(plant, 0, HEAD - 120 * DAY)
    const proposals = [...favours(a, b, 2, start, g, 'reciprocal pairs'), ...favours(b, a, 2, start, g, 'reciprocal pairs')]
    truth.reciprocalPairs.push({ members: [address[a]!, address[b]!], proposals: proposalIds(proposals.sort((x, y) => x - y)) })
  }
  // Review rings of 3-5: each member reviews the next one's proposals (two rounds) within two months.
  for (let g = 0; g < planted.reviewRings; g++) {
    const members = Array.from({ length: between(plant, 3, 5) }, () => takeFrom(authorReviewers, 'review rings'))
    const start = between(plant, 0, HEAD - 120 * DAY)
    const proposals = members.flatMap((m, i) => favours(m, members[(i + 1) % members.length]!, 2, start, planted.reciprocalPairs + g, 'review rings'))
    truth.reviewRings.push({ members: members.map((m) => address[m]!), proposals: proposalIds(proposals.sort((x, y) => x - y)) })
  }

  // Citation coercers: own two works registered in the first two months, then review 8-12 proposals,
  // citing their own works (and scoring 7-9) in 80 % of them, scoring the rest below 7.
  const earlyWorks = countBelow(workBlock, 60 * DAY)
  /** A real rating below 7: the coercers' reviews that cite nothing of theirs are not favours. */
  const unfavourableScore = () => {
    for (;;) {
      const score = model.drawScore(plant)
      if (score < 7) return score
    }
  }
  const claimed = new Set<number>()
  for (let g = 0; g < planted.citationCoercers; g++) {
    const reviewer = takeFrom(pureReviewers, 'citation coercers')
    const own: number[] = []
    for (let attempt = 0; own.length < 2; attempt++) {
      if (attempt > 1000 || earlyWorks === 0) throw new Error('synthetic history: too few early works for citation coercers; use a larger scale')
      const w = between(plant, 0, earlyWorks - 1)
      if (claimed.has(w)) continue
      claimed.add(w)
      const list = workAuthors.subarray(workAuthorStart[w]!, workAuthorStart[w + 1]!)
      if (!list.includes(reviewer)) list[0] = reviewer // the coercer registers it, as first author
      own.push(w)
    }
    const proposals = shuffle(pickProposals(between(plant, 8, 12), 75 * DAY, HEAD - 30 * DAY, 'citation coercers'), plant)
    const selfCiting = Math.ceil(proposals.length * 0.8)
    proposals.forEach((p, i) => {
      const cites = i < selfCiting ? (plant() < 0.5 ? [...own] : [own[between(plant, 0, 1)]!]) : []
      plantReview(p, { reviewer, role: Role.Coercer, group: g, score: i < selfCiting ? between(plant, 7, 9) : unfavourableScore(), cites })
    })
    truth.citationCoercers.push({ reviewer: address[reviewer]!, reviews: proposals.length, selfCiting, works: own.map((w) => String(w + 1)) })
  }

  // --- panels: planted reviewers first, honest reviewers of the proposal's domain for the rest ---
  const domainPools = Array.from({ length: DOMAINS }, () => [] as number[])
  for (let r = 0; r < R; r++) {
    if (reviewerWeight[r] === 0) continue
    domainPools[primaryDomain[r]!]!.push(r)
    if (secondDomain[r]! >= 0 && secondDomain[r] !== primaryDomain[r]) domainPools[secondDomain[r]!]!.push(r)
  }
  const everyone = domainPools.flat()
  const poolCumulative = domainPools.map((pool) => cumulativeOf(pool.map((r) => reviewerWeight[r]!)))
  const everyoneCumulative = cumulativeOf(everyone.map((r) => reviewerWeight[r]!))
  const reviewStart = new Int32Array(P + 1)
  for (let p = 0; p < P; p++) reviewStart[p + 1] = reviewStart[p]! + (assign[p]! <= HEAD ? wanted[p]! : 0)
  const N = reviewStart[P]!
  const reviews: Reviews = {
    proposal: new Int32Array(N), reviewer: new Int32Array(N), role: new Uint8Array(N), group: new Int32Array(N).fill(-1), score: new Uint8Array(N),
    commit: new Int32Array(N), reveal: new Int32Array(N), cites: new Map(), annulledBy: new Map(),
  }
  const panel = streamOf(seed, 'panels')
  for (let p = 0; p < P; p++) {
    let i = reviewStart[p]!
    const end = reviewStart[p + 1]!
    for (const r of plantedOn.get(p) ?? []) {
      reviews.reviewer[i] = r.reviewer
      reviews.role[i] = r.role
      reviews.group[i] = r.group
      reviews.score[i] = r.score
      if (r.cites.length > 0) reviews.cites.set(i, r.cites)
      i++
    }
    const pool = domainPools[domain[p]!]!.length >= 8 ? domainPools[domain[p]!]! : everyone
    const cumulative = pool === everyone ? everyoneCumulative : poolCumulative[domain[p]!]!
    for (; i < end; i++) {
      let reviewer: number
      do reviewer = pool[drawWeighted(cumulative, panel)]!
      while (reviewer === author[p] || reviews.reviewer.subarray(reviewStart[p]!, i).includes(reviewer))
      reviews.reviewer[i] = reviewer
      reviews.score[i] = model.drawScore(panel)
    }
    reviews.proposal.fill(p, reviewStart[p]!, end)
  }

  // --- the review cycle: commits, reveals (after every commit), decisions ---
  const revealStart = new Int32Array(P)
  const revealEnd = new Int32Array(P)
  const decided = new Int32Array(P)
  const cycle = streamOf(seed, 'cycle')
  for (let p = 0; p < P; p++) {
    const from = reviewStart[p]!
    const to = reviewStart[p + 1]!
    let lastCommit = assign[p]!
    let syncedBase = -1
    for (let i = from; i < to; i++) {
      let commit: number
      if (reviews.role[i] === Role.Synced) {
        // Members commit within two blocks (24 s) of each other.
        if (syncedBase < 0) syncedBase = assign[p]! + between(cycle, 1, COMMIT_BLOCKS - 10)
        commit = syncedBase + between(cycle, 0, 2)
      } else commit = assign[p]! + between(cycle, 1, COMMIT_BLOCKS - 1)
      reviews.commit[i] = commit
      lastCommit = Math.max(lastCommit, commit)
    }
    revealStart[p] = lastCommit + between(cycle, 1, HOUR)
    let lastReveal = -1
    let unrevealed = false
    for (let i = from; i < to; i++) {
      const never = reviews.role[i] === Role.Honest && cycle() < UNREVEALED_RATE
      reviews.reveal[i] = never ? -1 : revealStart[p]! + between(cycle, 1, 4 * DAY)
      if (never) unrevealed = true
      else lastReveal = Math.max(lastReveal, reviews.reveal[i]!)
    }
    revealEnd[p] = (unrevealed || lastReveal < 0 ? revealStart[p]! + REVEAL_BLOCKS : lastReveal) + between(cycle, 1, HOUR)
    decided[p] = revealEnd[p]! + (discussion[p] ? DISCUSSION_BLOCKS : 0) + between(cycle, HOUR, 3 * DAY)
  }

  // --- confirmed cases: the committee confirms some cliques after their reviews, annulling them ---
  const caseRandom = streamOf(seed, 'cases')
  const cases: Case[] = cliques
    .slice(0, planted.confirmedCases)
    .map((clique) => {
      const cliqueReviews: number[] = []
      for (const p of clique.proposals) for (let i = reviewStart[p]!; i < reviewStart[p + 1]!; i++) cliqueReviews.push(i)
      const raised = Math.max(...cliqueReviews.map((i) => reviews.reveal[i]!)) + between(caseRandom, 3 * DAY, 15 * DAY)
      const subjects = [...clique.members].sort((a, b) => (address[a]! < address[b]! ? -1 : 1))
      return { subjects, raised, closed: raised + between(caseRandom, 2 * DAY, 10 * DAY), reviews: cliqueReviews, proposalCount: clique.proposals.length }
    })
    .sort((a, b) => a.raised - b.raised)
    .map((c, k) => ({ ...c, id: String(k + 1) }))
  const bannedUntil = new Map<number, number>()
  const offences = new Map<number, number>()
  cases.forEach((c, k) => {
    for (const i of c.reviews) reviews.annulledBy.set(i, k)
    for (const s of c.subjects) {
      bannedUntil.set(s, c.closed + BAN_BLOCKS)
      offences.set(s, (offences.get(s) ?? 0) + 1)
    }
    truth.confirmedCases.push({ caseId: c.id, subjects: c.subjects.map((s) => address[s]!), closedBlock: c.closed })
  })

  // --- reviewers: domains (their own, and any a planted review needed), registration before their first assignment ---
  const reviewerDomains = Array.from({ length: R }, (_, r) => (secondDomain[r]! >= 0 && secondDomain[r] !== primaryDomain[r] ? [primaryDomain[r]!, secondDomain[r]!] : [primaryDomain[r]!]))
  const firstAssigned = new Int32Array(R).fill(HEAD + 1)
  for (let i = 0; i < N; i++) {
    const r = reviews.reviewer[i]!
    const p = reviews.proposal[i]!
    firstAssigned[r] = Math.min(firstAssigned[r]!, assign[p]!)
    if (reviews.role[i] !== Role.Honest && !reviewerDomains[r]!.includes(domain[p]!)) reviewerDomains[r]!.push(domain[p]!)
  }
  for (const d of reviewerDomains) d.sort((a, b) => a - b)
  const registration = streamOf(seed, 'registration')
  const reviewerRegistered = Int32Array.from(firstAssigned, (first) => (first > HEAD ? between(registration, 0, HEAD) : Math.max(0, first - between(registration, 1, 30 * DAY))))

  const { providers, unplanted } = planProviders(seed, sizes, planted, truth)
  const tasks = planTasks(seed, sizes, planted, providers, unplanted, truth)

  const facts: HistoryFacts = {
    options: o, sizes, head: HEAD, truth,
    persons: { address, addressBytes, reviewerDomains, reviewerRegistered, bannedUntil, offences },
    proposals: { submit, assign, author, domain, reviewType, discussion, wanted, reviewStart, revealStart, revealEnd, decided },
    reviews,
    works: { block: workBlock, authorStart: workAuthorStart, authors: workAuthors },
    providers,
    tasks,
    cases,
  }
  return { ...facts, ...countEvents(facts) }
}

function shuffle<T>(items: T[], random: RandomSource): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

/**
 * Providers register over the first three months and heartbeat once per epoch at their own time of
 * day. Planted: outages (flaky), some ended by a jail for liveness; tombstones (double signing).
 */
function planProviders(seed: number, sizes: SyntheticSizes, planted: typeof PLANTED, truth: PlantedTruth): { providers: Providers; unplanted: number[] } {
  const random = streamOf(seed, 'providers')
  const count = sizes.providers
  const headEpoch = epochOf(HEAD)
  // Registration early enough in its epoch to heartbeat in it (the registration epoch is owed).
  const register = sortedBlocks(count, 1, 90 * DAY, random).map((b) => (b % DAY > DAY - 200 ? b - 300 : b)).sort()
  const address = addressesOf(seed, 'provider', count)
  const p: Providers = {
    address,
    verifierAddress: addressesOf(seed, 'verifier', sizes.verifiers),
    register,
    registeredEpoch: register.map(epochOf),
    heartbeatOffset: Uint16Array.from({ length: count }, () => between(random, 400, DAY - 400)),
    flakyFrom: new Int32Array(count).fill(-1),
    flakyLength: new Uint8Array(count),
    flakySigned: new Uint32Array(count),
    jailBlock: new Int32Array(count).fill(-1),
    unjailBlock: new Int32Array(count).fill(-1),
    tombstoneBlock: new Int32Array(count).fill(-1),
    heartbeats: new Int32Array(count),
    lastHeartbeatEpoch: new Int32Array(count).fill(-1),
    stake: Int32Array.from({ length: count }, () => 1_000 * between(random, 1, 5)),
    verifierAttestations: new Int32Array(sizes.verifiers),
    verifierChallenges: new Int32Array(sizes.verifiers),
  }
  const pool = shuffle(Array.from({ length: count }, (_, i) => i), random)
  const take = (what: string) => {
    const next = pool.pop()
    if (next === undefined) throw new Error(`synthetic history: too few providers to plant ${what}; use a larger scale`)
    return next
  }
  // An outage of 15-30 epochs signing a quarter of them: whatever epochs those are, some window of 10
  // inside it signs at most 4 (the detector's SLA is half).
  for (let k = 0; k < planted.flakyProviders; k++) {
    const provider = take('flaky providers')
    const length = between(random, 15, 30)
    const from = between(random, p.registeredEpoch[provider]! + 15, headEpoch - length - 20)
    let signed = 0
    while (signed < Math.floor(length / 4)) {
      const bit = 1 << between(random, 0, length - 1)
      if (p.flakySigned[provider]! & bit) continue
      p.flakySigned[provider]! |= bit
      signed++
    }
    p.flakyFrom[provider] = from
    p.flakyLength[provider] = length
    truth.flakyProviders.push({ provider: address[provider]!, fromEpoch: from, toEpoch: from + length - 1, signedEpochs: signed })
    // Every fifth is jailed for liveness in the epoch after its outage and unjailed 3-6 epochs later.
    if (k % 5 === 0) {
      const jailEpoch = from + length
      p.jailBlock[provider] = jailEpoch * DAY + between(random, 100, DAY - 100)
      p.unjailBlock[provider] = (jailEpoch + between(random, 3, 6)) * DAY + between(random, 1, 50)
      truth.jailedProviders.push({ provider: address[provider]!, jailedBlock: p.jailBlock[provider]!, unjailedBlock: p.unjailBlock[provider]! })
    }
  }
  for (let k = 0; k < planted.tombstonedProviders; k++) {
    const provider = take('tombstoned providers')
    p.tombstoneBlock[provider] = between(random, p.registeredEpoch[provider]! + 30, headEpoch - 10) * DAY + between(random, 100, DAY - 100)
    truth.tombstonedProviders.push({ provider: address[provider]!, block: p.tombstoneBlock[provider]! })
  }
  visitHeartbeats(p, 0, headEpoch, seed, (provider, epoch) => {
    p.heartbeats[provider]!++
    p.lastHeartbeatEpoch[provider] = epoch
  })
  // Providers left in the pool have planted nothing yet; the task plan takes its planted ones from them.
  return { providers: p, unplanted: pool }
}

/**
 * Every heartbeat of epochs from..to, epoch by epoch, provider by provider (the order the chain
 * has them, within an epoch by provider). A pure function of (seed, provider, epoch): the plan
 * counts them, the table stream writes them, and nothing holds them.
 */
function visitHeartbeats(p: Providers, from: number, to: number, seed: number, visit: (provider: number, epoch: number, block: number) => void): void {
  const count = p.address.length
  for (let epoch = from; epoch <= to; epoch++) {
    for (let provider = 0; provider < count; provider++) {
      const registered = p.registeredEpoch[provider]!
      if (epoch < registered) continue
      if (p.tombstoneBlock[provider]! >= 0 && epoch >= epochOf(p.tombstoneBlock[provider]!)) continue
      if (p.jailBlock[provider]! >= 0 && epoch >= epochOf(p.jailBlock[provider]!) && epoch < epochOf(p.unjailBlock[provider]!)) continue
      const h = hash3(seed, provider, epoch)
      const outage = epoch - p.flakyFrom[provider]!
      if (p.flakyFrom[provider]! >= 0 && outage >= 0 && outage < p.flakyLength[provider]!) {
        if (!((p.flakySigned[provider]! >>> outage) & 1)) continue
      } else if (epoch >= registered + 10 && h % 10_000 < HEARTBEAT_MISS_PER_10K) continue
      // Around the provider's time of day; in the registration epoch, soon after registering; after an unjailing (early in its epoch) anyway.
      const jitter = ((h >>> 16) % 601) - 300
      const block = epoch === registered ? p.register[provider]! + 1 + ((h >>> 16) % 50) : epoch * DAY + p.heartbeatOffset[provider]! + jitter
      if (block > HEAD) continue
      visit(provider, epoch, block)
    }
  }
}

/**
 * About 20 tasks per provider over the year, each assigned to a provider active at the time, due
 * six hours later; 1 % missed, 0.5 % found faulty on challenge, the rest finalized after the
 * challenge window. Planted: providers with 3-4 missed tasks, or 2-3 faulty results, within a few epochs.
 */
function planTasks(seed: number, sizes: SyntheticSizes, planted: typeof PLANTED, providers: Providers, pool: number[], truth: PlantedTruth): Tasks {
  const random = streamOf(seed, 'tasks')
  const rows: { submit: number; assign: number; provider: number; end: TaskEnd }[] = []
  const activeAt = (provider: number, block: number) => {
    const jailed = providers.jailBlock[provider]! >= 0 && block >= providers.jailBlock[provider]! && block < providers.unjailBlock[provider]!
    const tombstoned = providers.tombstoneBlock[provider]! >= 0 && block >= providers.tombstoneBlock[provider]!
    return providers.register[provider]! < block && !jailed && !tombstoned
  }
  for (let t = 0; t < sizes.tasks; t++) {
    const submit = between(random, providers.register[0]! + DAY, HEAD)
    const assign = submit + between(random, 5, HOUR)
    const registered = countBelow(providers.register, assign)
    let provider = between(random, 0, registered - 1)
    for (let attempt = 0; !activeAt(provider, assign); attempt++) {
      if (attempt === 1_000) throw new Error(`synthetic history: no active provider at block ${assign}`)
      provider = between(random, 0, registered - 1)
    }
    const x = random()
    rows.push({ submit, assign, provider, end: x < TASK_MISSED_RATE ? TaskEnd.Missed : x < TASK_MISSED_RATE + TASK_FAULTY_RATE ? TaskEnd.Faulty : TaskEnd.Finalized })
  }
  const plantedTasks = (kind: TaskEnd, providerCount: number, tasks: [number, number], spread: number, list: PlantedTruth['missedTaskProviders']) => {
    const indices: number[][] = []
    for (let k = 0; k < providerCount; k++) {
      const provider = pool.pop()
      if (provider === undefined) throw new Error('synthetic history: too few providers to plant task failures; use a larger scale')
      const first = between(random, providers.registeredEpoch[provider]! + 20, epochOf(HEAD) - 20)
      const own: number[] = []
      const epochs: number[] = []
      for (let n = between(random, tasks[0], tasks[1]); n > 0; n--) {
        const epoch = first + between(random, 0, spread)
        // Assigned early enough in the epoch that the deadline (six hours on) falls in it.
        const assign = epoch * DAY + between(random, 100, DAY - TASK_TIMEOUT_BLOCKS - 200)
        own.push(rows.length)
        epochs.push(epoch)
        rows.push({ submit: assign - between(random, 5, HOUR), assign, provider, end: kind })
      }
      indices.push(own)
      list.push({ provider: providers.address[provider]!, tasks: [], epochs: epochs.sort((a, b) => a - b) })
    }
    return indices
  }
  const missed = plantedTasks(TaskEnd.Missed, planted.missedTaskProviders, [3, 4], 6, truth.missedTaskProviders)
  const faulty = plantedTasks(TaskEnd.Faulty, planted.faultyTaskProviders, [2, 3], 7, truth.faultyTaskProviders)

  // Ids follow submission.
  const order = Array.from(rows.keys()).sort((a, b) => rows[a]!.submit - rows[b]!.submit || a - b)
  const idOf = new Int32Array(rows.length)
  order.forEach((row, i) => (idOf[row] = i + 1))
  missed.forEach((own, k) => (truth.missedTaskProviders[k]!.tasks = own.map((row) => String(idOf[row]))))
  faulty.forEach((own, k) => (truth.faultyTaskProviders[k]!.tasks = own.map((row) => String(idOf[row]))))

  const T = rows.length
  const tasks: Tasks = {
    submit: new Int32Array(T), assign: new Int32Array(T), provider: new Int32Array(T), client: new Int32Array(T), end: new Uint8Array(T),
    result: new Int32Array(T).fill(-1), challenge: new Int32Array(T).fill(-1), closed: new Int32Array(T), bid: new Uint8Array(T),
    attesters: new Uint8Array(T), challenger: new Int32Array(T).fill(-1),
  }
  order.forEach((row, t) => {
    const r = rows[row]!
    tasks.submit[t] = r.submit
    tasks.assign[t] = r.assign
    tasks.provider[t] = r.provider
    tasks.end[t] = r.end
    tasks.client[t] = between(random, 0, sizes.clients - 1)
    tasks.bid[t] = between(random, 1, 100)
    const deadline = r.assign + TASK_TIMEOUT_BLOCKS
    if (r.end === TaskEnd.Missed) tasks.closed[t] = deadline + between(random, 1, HOUR)
    else {
      tasks.result[t] = r.assign + between(random, 60, TASK_TIMEOUT_BLOCKS - 1)
      if (r.end === TaskEnd.Faulty) {
        tasks.challenge[t] = tasks.result[t]! + between(random, 10, CHALLENGE_WINDOW_BLOCKS - 10)
        tasks.challenger[t] = between(random, 0, sizes.verifiers - 1)
        tasks.closed[t] = tasks.challenge[t]! + between(random, HOUR, DAY)
        if (tasks.challenge[t]! <= HEAD) providers.verifierChallenges[tasks.challenger[t]!]!++
      } else {
        tasks.attesters[t] = between(random, 1, 3)
        tasks.closed[t] = tasks.result[t]! + CHALLENGE_WINDOW_BLOCKS + between(random, 1, HOUR)
        if (tasks.result[t]! <= HEAD) for (let a = 0; a < tasks.attesters[t]!; a++) providers.verifierAttestations[between(random, 0, sizes.verifiers - 1)]!++
      }
    }
  })
  return tasks
}

// ----- events and the tail -----

/** What the history counts of itself: rows per table, events, and the tail (the last blocks holding about options.tailEvents events). */
type Tally = Pick<SyntheticHistory, 'counts' | 'events' | 'batchFromBlock' | 'tailEvents'>
type HistoryFacts = Omit<SyntheticHistory, keyof Tally>

function countEvents(h: HistoryFacts): Tally {
  const perBlock = new Uint32Array(HEAD + 1)
  const at = (block: number) => {
    if (block >= 0 && block <= HEAD) perBlock[block]!++
  }
  h.proposals.submit.forEach(at)
  h.reviews.commit.forEach(at)
  h.reviews.reveal.forEach(at)
  let heartbeats = 0
  visitHeartbeats(h.providers, 0, epochOf(HEAD), h.options.seed, (_, __, block) => {
    at(block)
    heartbeats++
  })
  h.tasks.closed.forEach(at)
  const jails = jailEvents(h)
  for (const j of jails) at(j.block)
  h.works.block.forEach(at)
  for (const c of h.cases) at(c.closed)
  let events = 0
  for (let b = 0; b <= HEAD; b++) events += perBlock[b]!
  let tail = 0
  let from = HEAD
  while (from >= 0 && tail < h.options.tailEvents) tail += perBlock[from--]!
  const authors = authorCounts(h)
  const counts: TableCounts = {
    reviewer: h.sizes.reviewers,
    rep_change: h.sizes.reviewers + repLedger(h).order.length,
    author: authors.proposals.reduce((n, _, i) => n + (authors.proposals[i]! + authors.works[i]! > 0 ? 1 : 0), 0),
    work: h.works.block.length,
    work_author: h.works.authors.length,
    proposal: h.proposals.submit.length,
    review: h.reviews.proposal.length,
    staker: h.providers.address.length + h.providers.verifierAddress.length,
    heartbeat: heartbeats,
    task: h.tasks.submit.length,
    jail_event: jails.length,
    collusion_case: h.cases.length,
  }
  return { counts, events, batchFromBlock: from, tailEvents: tail }
}

interface JailRow { provider: number; kind: 'JAILED' | 'UNJAILED' | 'TOMBSTONED'; reason: string | null; until: number | null; block: number; logIndex: number }

/** jail_event rows up to the head, in block order: liveness jails and unjailings, tombstones (Tombstoned, then Jailed until forever). */
function jailEvents(h: HistoryFacts): JailRow[] {
  const p = h.providers
  const rows: Omit<JailRow, 'logIndex'>[] = []
  for (let provider = 0; provider < p.address.length; provider++) {
    if (p.jailBlock[provider]! >= 0) {
      rows.push({ provider, kind: 'JAILED', reason: 'LIVENESS', until: p.jailBlock[provider]! + JAIL_BLOCKS, block: p.jailBlock[provider]! })
      rows.push({ provider, kind: 'UNJAILED', reason: null, until: null, block: p.unjailBlock[provider]! })
    }
    if (p.tombstoneBlock[provider]! >= 0) {
      rows.push({ provider, kind: 'TOMBSTONED', reason: 'DOUBLE_SIGN', until: null, block: p.tombstoneBlock[provider]! })
      rows.push({ provider, kind: 'JAILED', reason: 'DOUBLE_SIGN', until: null, block: p.tombstoneBlock[provider]! })
    }
  }
  const inBlock = new Map<number, number>()
  return rows
    .filter((r) => r.block <= HEAD)
    .sort((a, b) => a.block - b.block || a.provider - b.provider)
    .map((r) => {
      const logIndex = inBlock.get(r.block) ?? 0
      inBlock.set(r.block, logIndex + 1)
      return { ...r, logIndex }
    })
}

/** Proposals submitted and works co-authored per person, and when each was first seen as an author. */
function authorCounts(h: HistoryFacts): { proposals: Int32Array; works: Int32Array; firstSeen: Int32Array } {
  const persons = h.persons.address.length
  const proposals = new Int32Array(persons)
  const works = new Int32Array(persons)
  const firstSeen = new Int32Array(persons).fill(HEAD + 1)
  h.proposals.author.forEach((a, p) => {
    proposals[a]!++
    firstSeen[a] = Math.min(firstSeen[a]!, h.proposals.submit[p]!)
  })
  for (let w = 0; w < h.works.block.length; w++) {
    for (let k = h.works.authorStart[w]!; k < h.works.authorStart[w + 1]!; k++) {
      const a = h.works.authors[k]!
      works[a]!++
      firstSeen[a] = Math.min(firstSeen[a]!, h.works.block[w]!)
    }
  }
  return { proposals, works, firstSeen }
}

// ----- the tables, as COPY text -----

/** One table's rows, streamed as lines of Postgres COPY text format. */
export interface TableStream {
  table: HistoryTable
  columns: readonly string[]
  rows(): Iterable<string>
}

const NULL = '\\N'
const time = (block: number) => new Date((GENESIS_TIME + block * BLOCK_SECONDS) * 1000).toISOString()
const timeOrNull = (block: number | null) => (block === null || block < 0 || block > HEAD ? NULL : time(block))
/** COPY text escaping: backslash, and the characters that end a field or a row. */
const copyText = (s: string) => (/[\\\n\r\t]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') : s)
/** Whole tokens as wei (18 decimals). */
const wei = (tokens: number) => (tokens === 0 ? '0' : `${tokens}000000000000000000`)
/** Tenths of tokens as wei. */
const weiTenths = (tenths: number) => (tenths === 0 ? '0' : `${tenths}00000000000000000`)

/** ReviewHub.reviewIdOf: keccak256(abi.encode(uint256 proposalId, address reviewer)). */
function reviewIdOf(proposalId: number, addressBytes: Uint8Array, person: number, scratch: Uint8Array): string {
  scratch.fill(0)
  new DataView(scratch.buffer).setUint32(28, proposalId)
  scratch.set(addressBytes.subarray(person * 20, person * 20 + 20), 44)
  return keccak256(scratch)
}

type ReviewStatus = 'ASSIGNED' | 'COMMITTED' | 'REVEALED' | 'MISSED' | 'ANNULLED'

function reviewStatusAt(h: HistoryFacts, i: number): ReviewStatus {
  if (h.reviews.commit[i]! > HEAD) return 'ASSIGNED'
  const reveal = h.reviews.reveal[i]!
  if (reveal >= 0 && reveal <= HEAD) {
    const c = h.reviews.annulledBy.get(i)
    return c !== undefined && h.cases[c]!.closed <= HEAD ? 'ANNULLED' : 'REVEALED'
  }
  return h.proposals.revealEnd[h.reviews.proposal[i]!]! <= HEAD ? 'MISSED' : 'COMMITTED'
}

const unlockOf = (h: SyntheticHistory, i: number) => h.reviews.reveal[i]! + DISPUTE_BLOCKS_BY_TYPE[h.proposals.reviewType[h.reviews.proposal[i]!]!]!

/**
 * The REP ledger (ReputationStaking's RepChanged): per reviewer a GENESIS grant at registration,
 * then in block order +REP_ON_TIME for each review revealed on time and -REP_MISSED_DEADLINE for
 * each missed, the balance never below zero (a penalty takes what is left). Reviewer.reputation is
 * its last balance. The analytics read none of it, so it is not among the events the tail counts.
 */
interface RepLedger {
  /** Review indices with a REP change, by reviewer, then block, then index. */
  order: Int32Array
  delta: (i: number) => number
  block: (i: number) => number
  /** Each reviewer's balance after its last change. */
  balance: Int32Array
}

const ledgers = new WeakMap<object, RepLedger>()

function repLedger(h: HistoryFacts): RepLedger {
  const kept = ledgers.get(h.reviews)
  if (kept) return kept
  const { reviews, proposals } = h
  const deltas = new Int8Array(reviews.reviewer.length)
  const blocks = new Int32Array(reviews.reviewer.length)
  const indices: number[] = []
  for (let i = 0; i < reviews.reviewer.length; i++) {
    const status = reviewStatusAt(h, i)
    if (status === 'REVEALED' || status === 'ANNULLED') (deltas[i] = REP_ON_TIME), (blocks[i] = reviews.reveal[i]!)
    else if (status === 'MISSED') (deltas[i] = -REP_MISSED_DEADLINE), (blocks[i] = proposals.revealEnd[reviews.proposal[i]!]!)
    else continue
    indices.push(i)
  }
  const order = Int32Array.from(indices).sort((a, b) => reviews.reviewer[a]! - reviews.reviewer[b]! || blocks[a]! - blocks[b]! || a - b)
  const balance = new Int32Array(h.sizes.reviewers).fill(GENESIS_REP)
  for (const i of order) {
    const r = reviews.reviewer[i]!
    balance[r] = Math.max(0, balance[r]! + deltas[i]!)
  }
  const ledger = { order, delta: (i: number) => deltas[i]!, block: (i: number) => blocks[i]!, balance }
  ledgers.set(h.reviews, ledger)
  return ledger
}

/** Every table the history fills, in load order, each a stream of its rows as the indexer would have written them. */
export function historyTables(h: SyntheticHistory, model: TextModel): TableStream[] {
  const { persons, proposals, reviews, works, providers, tasks } = h
  const seed = h.options.seed
  const address = persons.address
  return [
    {
      table: 'reviewer',
      columns: ['id', 'domains', 'registered_at', 'registered_block', 'reputation', 'locked', 'banned_until', 'permanently_banned', 'confirmed_offences', 'assignments', 'reviews_revealed', 'deadlines_missed', 'quality_score_sum', 'quality_score_count', 'earnings', 'last_activity_at'],
      *rows() {
        const R = h.sizes.reviewers
        const assignments = new Int32Array(R)
        const revealed = new Int32Array(R)
        const missed = new Int32Array(R)
        const locked = new Int32Array(R)
        const lastReveal = new Int32Array(R).fill(-1)
        for (let i = 0; i < reviews.reviewer.length; i++) {
          const r = reviews.reviewer[i]!
          const status = reviewStatusAt(h, i)
          assignments[r]!++
          if (status === 'MISSED') missed[r]!++
          else if ((status !== 'REVEALED' && status !== 'ANNULLED') || unlockOf(h, i) > HEAD) locked[r]! += STAKE_BY_TYPE[proposals.reviewType[reviews.proposal[i]!]!]!
          if (status === 'REVEALED' || status === 'ANNULLED') {
            revealed[r]!++
            lastReveal[r] = Math.max(lastReveal[r]!, reviews.reveal[i]!)
          }
        }
        for (let r = 0; r < R; r++) {
          const reputation = repLedger(h).balance[r]
          const banned = persons.bannedUntil.get(r)
          yield `${address[r]}\t{${persons.reviewerDomains[r]!.join(',')}}\t${time(persons.reviewerRegistered[r]!)}\t${persons.reviewerRegistered[r]}\t${reputation}\t${locked[r]}\t${banned === undefined ? NULL : time(banned)}\tf\t${persons.offences.get(r) ?? 0}\t${assignments[r]}\t${revealed[r]}\t${missed[r]}\t0\t0\t0\t${timeOrNull(lastReveal[r]!)}\n`
        }
      },
    },
    {
      table: 'rep_change',
      columns: ['id', 'reviewer', 'reason', 'delta', 'balance', 'ref', 'timestamp', 'block', 'tx_hash'],
      *rows() {
        const ledger = repLedger(h)
        const random = streamOf(seed, 'rep-change-rows')
        const scratch = new Uint8Array(64)
        // Log indices per block, so that ids (<block>-<logIndex>) are unique as on chain.
        const logIndex = new Map<number, number>()
        const idAt = (block: number) => {
          const n = logIndex.get(block) ?? 0
          logIndex.set(block, n + 1)
          return `${block}-${1_000 + n}`
        }
        const zero = `0x${'0'.repeat(64)}`
        let k = 0
        for (let r = 0; r < h.sizes.reviewers; r++) {
          const registered = persons.reviewerRegistered[r]!
          let balance = GENESIS_REP
          yield `${idAt(registered)}\t${address[r]}\tGENESIS\t${GENESIS_REP}\t${balance}\t${zero}\t${time(registered)}\t${registered}\t${bytes32(random)}\n`
          for (; k < ledger.order.length && reviews.reviewer[ledger.order[k]!] === r; k++) {
            const i = ledger.order[k]!
            const after = Math.max(0, balance + ledger.delta(i))
            const block = ledger.block(i)
            const id = reviewIdOf(reviews.proposal[i]! + 1, persons.addressBytes, r, scratch)
            yield `${idAt(block)}\t${address[r]}\t${ledger.delta(i) > 0 ? 'REVIEW_ON_TIME' : 'MISSED_DEADLINE'}\t${after - balance}\t${after}\t${id}\t${time(block)}\t${block}\t${bytes32(random)}\n`
            balance = after
          }
        }
      },
    },
    {
      table: 'author',
      columns: ['id', 'proposals', 'works', 'first_seen_at'],
      *rows() {
        const { proposals: proposed, works: written, firstSeen } = authorCounts(h)
        for (let a = 0; a < address.length; a++) if (proposed[a]! + written[a]! > 0) yield `${address[a]}\t${proposed[a]}\t${written[a]}\t${time(firstSeen[a]!)}\n`
      },
    },
    {
      table: 'work',
      columns: ['id', 'registrant', 'authors', 'content_hash', 'title', 'registered_at', 'registered_block'],
      *rows() {
        const random = streamOf(seed, 'work-rows')
        for (let w = 0; w < works.block.length; w++) {
          const authors = Array.from(works.authors.subarray(works.authorStart[w]!, works.authorStart[w + 1]!), (a) => address[a]!)
          const title = copyText(model.phrase(random, between(random, 4, 10)))
          yield `${w + 1}\t${authors[0]}\t{${authors.join(',')}}\t${bytes32(random)}\t${title}\t${time(works.block[w]!)}\t${works.block[w]}\n`
        }
      },
    },
    {
      table: 'work_author',
      columns: ['id', 'work_id', 'author'],
      *rows() {
        for (let w = 0; w < works.block.length; w++) {
          for (let k = works.authorStart[w]!; k < works.authorStart[w + 1]!; k++) yield `${w + 1}-${address[works.authors[k]!]}\t${w + 1}\t${address[works.authors[k]!]}\n`
        }
      },
    },
    {
      table: 'proposal',
      columns: ['id', 'author', 'domain', 'review_type', 'discussion', 'reviewers_wanted', 'content_hash', 'phase', 'phase_deadline', 'outcome', 'rationale', 'submitted_at', 'submitted_block', 'decided_at', 'decided_block', 'assigned', 'committed', 'revealed'],
      *rows() {
        const random = streamOf(seed, 'proposal-rows')
        for (let p = 0; p < proposals.submit.length; p++) {
          const from = proposals.reviewStart[p]!
          const to = proposals.reviewStart[p + 1]!
          let committed = 0
          let revealed = 0
          let scoreSum = 0
          for (let i = from; i < to; i++) {
            if (reviews.commit[i]! <= HEAD) committed++
            if (reviews.reveal[i]! >= 0 && reviews.reveal[i]! <= HEAD) {
              revealed++
              scoreSum += reviews.score[i]!
            }
          }
          const assign = proposals.assign[p]!
          const revealEnd = proposals.revealEnd[p]!
          const decidedBlock = proposals.decided[p]!
          const [phase, deadline] =
            assign > HEAD ? ['ASSIGNMENT', null]
            : proposals.revealStart[p]! > HEAD ? ['COMMIT', assign + COMMIT_BLOCKS]
            : revealEnd > HEAD ? ['REVEAL', proposals.revealStart[p]! + REVEAL_BLOCKS]
            : proposals.discussion[p] && revealEnd + DISCUSSION_BLOCKS > HEAD ? ['DISCUSSION', revealEnd + DISCUSSION_BLOCKS]
            : decidedBlock > HEAD ? ['DECISION', null]
            : ['DECIDED', null]
          const isDecided = decidedBlock <= HEAD
          const mean = revealed > 0 ? scoreSum / revealed : 0
          const outcome = !isDecided ? 'NONE' : mean >= 5.5 ? 'FUNDED' : 'REJECTED'
          const rationale = isDecided ? `${outcome === 'FUNDED' ? 'Funded' : 'Rejected'}: mean score ${mean.toFixed(1)} over ${revealed} reviews` : NULL
          yield `${p + 1}\t${address[proposals.author[p]!]}\t${proposals.domain[p]}\t${REVIEW_TYPES[proposals.reviewType[p]!]}\t${proposals.discussion[p] ? 't' : 'f'}\t${proposals.wanted[p]}\t${bytes32(random)}\t${phase}\t${deadline === null ? NULL : time(deadline)}\t${outcome}\t${rationale}\t${time(proposals.submit[p]!)}\t${proposals.submit[p]}\t${isDecided ? time(decidedBlock) : NULL}\t${isDecided ? decidedBlock : NULL}\t${to - from}\t${committed}\t${revealed}\n`
        }
      },
    },
    {
      table: 'review',
      columns: ['id', 'proposal_id', 'reviewer', 'status', 'stake', 'assigned_at', 'assigned_block', 'commitment', 'committed_at', 'committed_block', 'commit_tx_hash', 'score', 'text', 'cited_works', 'revealed_at', 'revealed_block', 'quality', 'quality_medians', 'scored_at', 'unlock_at', 'stake_released', 'acknowledged', 'identity_revealed', 'did', 'identity_revealed_at', 'paid', 'missed_phase', 'annulled_by_case'],
      *rows() {
        const texts = streamOf(seed, 'texts')
        const templates = streamOf(seed, 'templates')
        const citations = streamOf(seed, 'citations')
        const hashes = streamOf(seed, 'review-hashes')
        const templateTokens = new Map<number, Uint32Array>()
        const scratch = new Uint8Array(64)
        for (let i = 0; i < reviews.proposal.length; i++) {
          const p = reviews.proposal[i]!
          const reviewer = reviews.reviewer[i]!
          const status = reviewStatusAt(h, i)
          const id = reviewIdOf(p + 1, persons.addressBytes, reviewer, scratch)
          const assigned = `${time(proposals.assign[p]!)}\t${proposals.assign[p]}`
          const type = proposals.reviewType[p]!
          const stake = STAKE_BY_TYPE[type]!
          if (status === 'ASSIGNED') {
            yield `${id}\t${p + 1}\t${address[reviewer]}\tASSIGNED\t${stake}\t${assigned}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\tf\tf\tf\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\n`
            continue
          }
          const commit = reviews.commit[i]!
          const committed = `${bytes32(hashes)}\t${time(commit)}\t${commit}\t${bytes32(hashes)}`
          if (status === 'COMMITTED' || status === 'MISSED') {
            yield `${id}\t${p + 1}\t${address[reviewer]}\t${status}\t${stake}\t${assigned}\t${committed}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\tf\tf\tf\t${NULL}\t${NULL}\t${NULL}\t${status === 'MISSED' ? 'REVEAL' : NULL}\t${NULL}\n`
            continue
          }
          const role = reviews.role[i]!
          let text: string
          if (role === Role.Template) {
            const group = reviews.group[i]!
            let template = templateTokens.get(group)
            if (!template) templateTokens.set(group, (template = model.generateTokens(templates, Math.max(150, model.drawLength(templates)))))
            text = model.render(model.editTokens(template, TEMPLATE_EDIT_RATE, texts))
          } else text = model.generate(texts)
          const reveal = reviews.reveal[i]!
          const cited = reviews.cites.get(i)?.map((w) => w + 1) ?? []
          if (role === Role.Honest && citations() < CITING_RATE) {
            // Works registered before the reveal (ids follow registration).
            const registered = countBelow(works.block, reveal)
            const wanted = Math.min(registered, citations() < 0.7 ? 1 : 2)
            while (cited.length < wanted) {
              const work = between(citations, 1, registered)
              if (!cited.includes(work)) cited.push(work)
            }
          }
          cited.sort((a, b) => a - b)
          const unlock = unlockOf(h, i)
          const caseIndex = reviews.annulledBy.get(i)
          yield `${id}\t${p + 1}\t${address[reviewer]}\t${status}\t${stake}\t${assigned}\t${committed}\t${reviews.score[i]}\t${copyText(text)}\t{${cited.join(',')}}\t${time(reveal)}\t${reveal}\t${NULL}\t${NULL}\t${NULL}\t${time(unlock)}\t${unlock <= HEAD ? 't' : 'f'}\tf\tf\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${status === 'ANNULLED' ? h.cases[caseIndex!]!.id : NULL}\n`
        }
      },
    },
    {
      table: 'staker',
      columns: ['id', 'kind', 'status', 'bonded', 'unbonding', 'unbonding_release_at', 'jailed_until', 'registered_at', 'registered_epoch', 'heartbeats', 'last_heartbeat_epoch', 'slashed_total', 'rewards_total', 'withdrawn_total', 'tasks_assigned', 'tasks_finalized', 'tasks_missed', 'tasks_faulty', 'attestations', 'challenges', 'registered_block'],
      *rows() {
        const count = providers.address.length
        const assigned = new Int32Array(count)
        const finalized = new Int32Array(count)
        const missed = new Int32Array(count)
        const faulty = new Int32Array(count)
        const payoutTenths = new Float64Array(count)
        for (let t = 0; t < tasks.submit.length; t++) {
          if (tasks.assign[t]! > HEAD) continue
          const provider = tasks.provider[t]!
          assigned[provider]!++
          if (tasks.closed[t]! > HEAD) continue
          if (tasks.end[t] === TaskEnd.Missed) missed[provider]!++
          else if (tasks.end[t] === TaskEnd.Faulty) faulty[provider]!++
          else {
            finalized[provider]!++
            payoutTenths[provider]! += 9 * tasks.bid[t]!
          }
        }
        for (let provider = 0; provider < count; provider++) {
          const tombstoned = providers.tombstoneBlock[provider]! >= 0 && providers.tombstoneBlock[provider]! <= HEAD
          const jailed = !tombstoned && providers.jailBlock[provider]! >= 0 && providers.jailBlock[provider]! <= HEAD && providers.unjailBlock[provider]! > HEAD
          const status = tombstoned ? 'TOMBSTONED' : jailed ? 'JAILED' : 'ACTIVE'
          // A liveness or faulty-result slash of 10 tokens per failure.
          const slashed = 10 * (missed[provider]! + faulty[provider]!)
          const register = providers.register[provider]!
          const last = providers.lastHeartbeatEpoch[provider]!
          yield `${providers.address[provider]}\tPROVIDER\t${status}\t${wei(providers.stake[provider]! - slashed)}\t0\t${NULL}\t${jailed ? time(providers.jailBlock[provider]! + JAIL_BLOCKS) : NULL}\t${time(register)}\t${epochOf(register)}\t${providers.heartbeats[provider]}\t${last < 0 ? NULL : last}\t${wei(slashed)}\t${weiTenths(payoutTenths[provider]!)}\t0\t${assigned[provider]}\t${finalized[provider]}\t${missed[provider]}\t${faulty[provider]}\t0\t0\t${register}\n`
        }
        const random = streamOf(seed, 'verifier-rows')
        for (let v = 0; v < providers.verifierAddress.length; v++) {
          const register = between(random, 1, 30 * DAY)
          yield `${providers.verifierAddress[v]}\tVERIFIER\tACTIVE\t${wei(500)}\t0\t${NULL}\t${NULL}\t${time(register)}\t${epochOf(register)}\t0\t${NULL}\t0\t0\t0\t0\t0\t0\t0\t${providers.verifierAttestations[v]}\t${providers.verifierChallenges[v]}\t${register}\n`
        }
      },
    },
    {
      table: 'heartbeat',
      columns: ['id', 'provider', 'epoch', 'timestamp', 'block'],
      *rows() {
        const rows: string[] = []
        for (let epoch = 0; epoch <= epochOf(HEAD); epoch++) {
          visitHeartbeats(providers, epoch, epoch, seed, (provider, e, block) => rows.push(`${providers.address[provider]}-${e}\t${providers.address[provider]}\t${e}\t${time(block)}\t${block}\n`))
          yield* rows.splice(0)
        }
      },
    },
    {
      table: 'task',
      columns: ['id', 'client', 'provider', 'status', 'bid', 'spec_hash', 'result_hash', 'submitted_at', 'assigned_at', 'deadline', 'result_at', 'challenge_deadline', 'attested_weight', 'attesters', 'challenger', 'closed_at', 'provider_payout', 'verifier_fees', 'closed_block'],
      *rows() {
        const random = streamOf(seed, 'task-rows')
        const clients = addressesOf(seed, 'client', h.sizes.clients)
        for (let t = 0; t < tasks.submit.length; t++) {
          const bid = tasks.bid[t]!
          const head = `${t + 1}\t${clients[tasks.client[t]!]}`
          const submitted = time(tasks.submit[t]!)
          const spec = bytes32(random)
          const assign = tasks.assign[t]!
          if (assign > HEAD) {
            yield `${head}\t${NULL}\tOPEN\t${wei(bid)}\t${spec}\t${NULL}\t${submitted}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t0\t0\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\n`
            continue
          }
          const end = tasks.end[t]!
          const closed = tasks.closed[t]!
          const result = tasks.result[t]!
          const challenge = tasks.challenge[t]!
          const hasResult = result >= 0 && result <= HEAD
          const status =
            closed <= HEAD ? (end === TaskEnd.Missed ? 'MISSED' : end === TaskEnd.Faulty ? 'FAULTY' : 'FINALIZED')
            : challenge >= 0 && challenge <= HEAD ? 'CHALLENGED'
            : hasResult ? 'SUBMITTED'
            : 'ASSIGNED'
          const attesters = hasResult ? tasks.attesters[t]! : 0
          const finalized = status === 'FINALIZED'
          yield `${head}\t${providers.address[tasks.provider[t]!]}\t${status}\t${wei(bid)}\t${spec}\t${hasResult ? bytes32(random) : NULL}\t${submitted}\t${time(assign)}\t${time(assign + TASK_TIMEOUT_BLOCKS)}\t${hasResult ? time(result) : NULL}\t${hasResult ? time(result + CHALLENGE_WINDOW_BLOCKS) : NULL}\t${wei(500 * attesters)}\t${attesters}\t${challenge >= 0 && challenge <= HEAD ? providers.verifierAddress[tasks.challenger[t]!] : NULL}\t${closed <= HEAD ? time(closed) : NULL}\t${finalized ? weiTenths(9 * bid) : NULL}\t${finalized ? weiTenths(bid) : NULL}\t${closed <= HEAD ? closed : NULL}\n`
        }
      },
    },
    {
      table: 'jail_event',
      columns: ['id', 'provider', 'kind', 'reason', 'until', 'timestamp', 'block'],
      *rows() {
        for (const j of jailEvents(h)) {
          yield `${String(j.block).padStart(10, '0')}-${String(j.logIndex).padStart(6, '0')}\t${providers.address[j.provider]}\t${j.kind}\t${j.reason ?? NULL}\t${j.until === null ? NULL : time(j.until)}\t${time(j.block)}\t${j.block}\n`
        }
      },
    },
    {
      table: 'collusion_case',
      columns: ['id', 'signal', 'raised_by', 'subjects', 'evidence_hash', 'summary', 'status', 'raised_at', 'closed_at', 'finding', 'annulled_reviews', 'raised_block', 'closed_block'],
      *rows() {
        const random = streamOf(seed, 'case-rows')
        const [committee] = addressesOf(seed, 'committee', 1)
        const scratch = new Uint8Array(64)
        for (const c of h.cases) {
          const subjects = c.subjects.map((s) => address[s]!)
          const annulled = c.reviews.filter((i) => reviews.reveal[i]! <= c.closed).map((i) => reviewIdOf(reviews.proposal[i]! + 1, persons.addressBytes, reviews.reviewer[i]!, scratch))
          const closed = c.closed <= HEAD
          yield `${c.id}\tSCORE_CLUSTERING\t${committee}\t{${subjects.join(',')}}\t${bytes32(random)}\tIdentical scores from ${subjects.length} reviewers on ${c.proposalCount} proposals\t${closed ? 'CONFIRMED' : 'OPEN'}\t${time(c.raised)}\t${closed ? time(c.closed) : NULL}\t${closed ? 'Coordinated scoring confirmed; the reviews are annulled' : NULL}\t${closed ? `{${annulled.join(',')}}` : NULL}\t${c.raised}\t${closed ? c.closed : NULL}\n`
        }
      },
    },
  ]
}

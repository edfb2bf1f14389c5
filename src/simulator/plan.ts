/**
 * The simulation plan: a pure function from (scenario, seed, chain context) to a time-ordered list
 * of transactions. It is a discrete-event simulation: handlers run in timestamp order against a
 * model of the protocol state (REP, locks, bans, stakes, jails), so that every planned transaction
 * is one the contracts accept when it is sent at its planned time. Planted behaviours are
 * realised here, and the proposals and reviews they touched are recorded as ground truth.
 */
import { encodeAbiParameters, keccak256, maxUint256, toBytes, toHex, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { commitmentOf, reviewIdOf } from '../contracts/ids'
import type { ContractName } from '../contracts/names'
import { createParticipants, type Participant } from './participants'
import { CollusionSignal, Outcome, PROTOCOL, qualityOf, ReviewType } from './protocol'
import { Random } from './random'
import type { Behaviour, Scenario } from './scenario'
import { editText, generatorSource, jsonlSource, truncateUtf8, vocabularyOf, type ReviewTextSource, type SourceReview } from './text'
import path from 'node:path'

/** An argument that stands for a deployed contract's address, resolved when the plan is sent. */
export interface ContractRef {
  contractAddress: ContractName
}
export const contractRef = (name: ContractName): ContractRef => ({ contractAddress: name })

export interface Action {
  /** Block timestamp the transaction is mined at (unix seconds); never decreasing along a plan.
   * Consecutive actions with the same timestamp are mined in one block, in plan order. */
  t: number
  from: Address
  contract: ContractName
  fn: string
  args: unknown[]
  /** A short category for progress and summaries, e.g. "commit", "heartbeat". */
  kind: string
}

/** What the planner needs to know about the chain it plans for. */
export interface PlanContext {
  /** Earliest timestamp of the first action: the chain's latest block timestamp + 1. */
  origin: number
  /** ComputeStaking's genesis time and epoch length, seconds. */
  stakingGenesis: number
  epochSeconds: number
  governance: Address
  chainId: number
  taskMarket: Address
  /** Counters already used on chain (ids continue from them). */
  counters: { proposals: number; works: number; tasks: number; appeals: number; cases: number }
}

export interface PlantedTruth {
  index: number
  behaviour: Behaviour
  /** Proposal ids on which the behaviour was enacted. */
  proposals: number[]
  /** Review ids written under the behaviour. */
  reviews: Hex[]
  /** Forced roles that could not be filled (a member banned or short of REP at the time). */
  skipped: number
}

export interface Plan {
  seed: string
  actions: Action[]
  participants: Participant[]
  truth: PlantedTruth[]
  /** Timestamp after the last action. */
  end: number
  stats: Record<string, number>
}

const HOUR = 3_600
const DAY = 86_400
const ZOO = 10n ** 18n

interface ReviewerModel {
  address: Address
  id: string
  rep: number
  locked: number
  lastActivity: number
  decayAnchor: number
  bannedUntil: number
  permanent: boolean
  offences: number
  domains: Set<number>
  works: number[]
}

interface ReviewModel {
  id: Hex
  proposal: ProposalModel
  reviewer: ReviewerModel
  stake: number
  status: 'assigned' | 'committed' | 'revealed' | 'missed' | 'annulled'
  score: number
  text: string
  cited: bigint[]
  salt: Hex
  quality: number
  commitAt?: number
  revealAt?: number
  unlockAt?: number
  scored: boolean
  appealOpen: boolean
  behaviours: number[]
}

interface ProposalModel {
  id: number
  index: number
  author: Participant
  domain: number
  type: 0 | 1 | 2
  discussion: boolean
  merit: number
  source: SourceReview[]
  reviews: ReviewModel[]
  forced: { members: ReviewerModel[]; behaviour: number }[]
}

interface ProviderModel {
  p: Participant
  /** Tokens in the wallet, as far as the plan knows: rewards are not counted, so it never overdraws. */
  wallet: bigint
  bonded: bigint
  unbonding: bigint
  unbondingPending: boolean
  jailedUntil: number // 0 when free
  tombstoned: boolean
  floorEpoch: number
  beats: Set<number>
  uptime: number
  faultRate: number
  doubleSigns: number
}

interface VerifierModel {
  p: Participant
  wallet: bigint
  bonded: bigint
}

type Strand = 'protocol' | 'compute'

/**
 * A min-heap of timed handlers; ties run in scheduling order. Each handler belongs to a strand
 * ('protocol' or 'compute'): the one current when it was scheduled, so that a handler inherits the
 * strand of the handler that scheduled it, and the planner can ask whether protocol activity is
 * still pending.
 */
class Agenda {
  private heap: { t: number; seq: number; strand: Strand; run: (t: number) => void }[] = []
  private seq = 0
  private pendingBy: Record<Strand, number> = { protocol: 0, compute: 0 }
  /** The strand of handlers scheduled now. */
  strand: Strand = 'protocol'
  pending(strand: Strand): number {
    return this.pendingBy[strand]
  }
  at(t: number, run: (t: number) => void): void {
    const node = { t, seq: this.seq++, strand: this.strand, run }
    this.pendingBy[node.strand]++
    const h = this.heap
    h.push(node)
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.less(h[parent]!, node)) break
      h[i] = h[parent]!
      i = parent
    }
    h[i] = node
  }
  private less(a: { t: number; seq: number }, b: { t: number; seq: number }): boolean {
    return a.t < b.t || (a.t === b.t && a.seq < b.seq)
  }
  pop(): { t: number; strand: Strand; run: (t: number) => void } | undefined {
    const h = this.heap
    const top = h[0]
    if (top) this.pendingBy[top.strand]--
    const last = h.pop()
    if (h.length === 0 || !last) return top
    // Sift the last node down from the root.
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      let m = l
      if (l >= h.length) break
      if (l + 1 < h.length && this.less(h[l + 1]!, h[l]!)) m = l + 1
      if (!this.less(h[m]!, last)) break
      h[i] = h[m]!
      i = m
    }
    h[i] = last
    return top
  }
}

export function textSourceFor(scenario: Scenario, rng: Random): ReviewTextSource {
  return scenario.text.source === 'generator'
    ? generatorSource(rng.fork('text'))
    : jsonlSource(path.resolve(scenario.baseDir, scenario.text.path), rng.fork('text'))
}

export async function buildPlan(scenario: Scenario, ctx: PlanContext, seed = scenario.seed, textSource?: ReviewTextSource): Promise<Plan> {
  const rng = new Random(seed)
  const text = textSource ?? textSourceFor(scenario, rng)
  const participants = createParticipants(scenario, seed)
  const byId = new Map(participants.map((p) => [p.id, p]))
  const gov = ctx.governance
  const actions: Action[] = []
  const stats: Record<string, number> = {}
  const count = (key: string, n = 1) => (stats[key] = (stats[key] ?? 0) + n)
  const agenda = new Agenda()
  let now = ctx.origin
  // Blocks: actions at the same timestamp share a block (anvil rebuilds its whole state trie per
  // block, so a block per transaction grows slower with every block). Commits keep their exact
  // second, as timing analysis reads them; everything else lands on a `blockSeconds` grid.
  const slot = scenario.blockSeconds
  if (slot * 50 > ctx.epochSeconds) {
    throw new Error(`blockSeconds (${slot}) must be at most 1/50 of the staking epoch (${ctx.epochSeconds} s)`)
  }
  /** Slack between a planned action and the deadline it must meet: block times round down to the grid. */
  const margin = Math.max(HOUR, 3 * slot)
  const emit = (from: Address, contract: ContractName, fn: string, args: unknown[], kind: string) => {
    const last = actions[actions.length - 1]
    const t = kind === 'commitReview' && scenario.exactCommitTimes ? Math.ceil(now) : Math.floor(now / slot) * slot
    now = Math.max(t, last?.t ?? ctx.origin, ctx.origin)
    actions.push({ t: now, from, contract, fn, args, kind })
    count(`tx.${kind}`)
  }
  const at = (t: number, run: (t: number) => void) => agenda.at(Math.max(t, now), run)
  const honest = scenario.honest
  const nDomains = scenario.domains.length

  // ----- population and its planted roles -----
  const reviewers = new Map<string, ReviewerModel>()
  const reviewerOf = (id: string) => reviewers.get(id)!
  const popRng = rng.fork('population')
  for (const p of participants.filter((x) => x.reviews)) {
    const domains = new Set(popRng.sample([...Array(nDomains).keys()], popRng.int(1, Math.min(3, nDomains))))
    reviewers.set(p.id, { address: p.address, id: p.id, rep: 0, locked: 0, lastActivity: 0, decayAnchor: 0, bannedUntil: 0, permanent: false, offences: 0, domains, works: [] })
  }
  const authors = participants.filter((p) => p.kind === 'author')
  const authorDomain = new Map(authors.map((a) => [a.id, popRng.int(0, nDomains - 1)]))
  const truth: PlantedTruth[] = scenario.behaviours.map((behaviour, index) => ({ index, behaviour, proposals: [], reviews: [], skipped: 0 }))
  // Reviewers a behaviour assigns to proposals of its own: a group's members, a coercing reviewer.
  const assignedOf = (b: Behaviour) => ('members' in b ? b.members : b.kind === 'citationCoercion' ? [b.reviewer] : undefined)
  // Every group behaviour shares a domain so that its members can be co-assigned.
  const groupDomain = new Map<number, number>()
  scenario.behaviours.forEach((b, i) => {
    const members = assignedOf(b)
    if (!members) return
    const d = rng.fork(`group-${i}`).int(0, nDomains - 1)
    groupDomain.set(i, d)
    for (const m of members) reviewerOf(m).domains.add(d)
  })
  const templateOf = new Map<string, { text: string; editRate: number; behaviour: number }>()
  scenario.behaviours.forEach((b, i) => {
    if (b.kind !== 'textTemplate') return
    const template = text.anyText(rng.fork(`template-${i}`))
    for (const m of b.members) templateOf.set(m, { text: template, editRate: b.editRate, behaviour: i })
  })
  // Planted participants never co-author works, so that no conflict of interest blocks their assignments.
  const planted = new Set(scenario.behaviours.flatMap((b) => ('members' in b ? b.members : 'reviewer' in b ? [b.reviewer] : [])))
  const selfCitation = new Map<string, { rate: number; behaviour: number }>()
  scenario.behaviours.forEach((b, i) => {
    if (b.kind === 'citationCoercion' || b.kind === 'occasionalSelfCitation') selfCitation.set(b.reviewer, { rate: b.rate, behaviour: i })
  })

  // ----- setup: registry, works, council, compute accounts -----
  const coauthors = new Map<Address, Set<Address>>()
  const allWorks: bigint[] = []
  let workId = ctx.counters.works
  const registerWork = (owner: Participant | ReviewerModel, others: Address[]) => {
    const authorsList = [owner.address, ...others]
    emit(owner.address, 'WorkRegistry', 'registerWork', [authorsList, rng.bytes32(), `Work ${workId + 1}`], 'registerWork')
    workId += 1
    allWorks.push(BigInt(workId))
    for (const a of authorsList) for (const b of authorsList) if (a !== b) (coauthors.get(a) ?? coauthors.set(a, new Set()).get(a)!).add(b)
    return workId
  }
  const setup: (() => void)[] = []
  for (const r of reviewers.values()) {
    setup.push(() => {
      emit(gov, 'ReputationStaking', 'admitReviewer', [r.address, [...r.domains].sort((a, b) => a - b), 300n], 'admitReviewer')
      r.rep = 300
      r.lastActivity = now
      r.decayAnchor = now
    })
  }
  for (const c of participants.filter((p) => p.kind === 'council')) {
    setup.push(() => emit(gov, 'QualityScoring', 'grantRole', [keccak256(toBytes('COUNCIL')), c.address], 'grantRole'))
  }
  const worksRng = rng.fork('works')
  for (const a of authors) {
    const n = worksRng.int(1, 3)
    for (let i = 0; i < n; i++) {
      const coauthor = worksRng.pick(authors)
      const co = worksRng.chance(0.3) && !planted.has(a.id) && !planted.has(coauthor.id) && coauthor !== a ? [coauthor.address] : []
      setup.push(() => registerWork(a, co))
    }
  }
  for (const r of reviewers.values()) {
    const cites = selfCitation.has(r.id)
    if (!cites && !worksRng.chance(0.4)) continue
    const n = cites ? worksRng.int(2, 4) : worksRng.int(1, 3)
    for (let i = 0; i < n; i++) setup.push(() => r.works.push(registerWork(r, [])))
  }
  const providers: ProviderModel[] = []
  const verifiers: VerifierModel[] = []
  const computeRng = rng.fork('compute')
  const gpuTypes = ['A100', 'H100', 'L4', 'RTX4090', 'MI300X']
  for (const p of participants.filter((x) => x.kind === 'provider')) {
    const stake = BigInt(computeRng.int(2, 5)) * 1_000n * ZOO
    const flaky = scenario.behaviours.find((b) => b.kind === 'flakyProvider' && b.provider === p.id)
    const faulty = scenario.behaviours.find((b) => b.kind === 'faultyProvider' && b.provider === p.id)
    const doubleSigner = scenario.behaviours.find((b) => b.kind === 'doubleSigner' && b.provider === p.id)
    const model: ProviderModel = {
      p, wallet: stake + 20_000n * ZOO, bonded: 0n, unbonding: 0n, unbondingPending: false, jailedUntil: 0, tombstoned: false, floorEpoch: 0, beats: new Set(),
      uptime: flaky?.kind === 'flakyProvider' ? flaky.uptime : honest.heartbeatUptime,
      faultRate: faulty?.kind === 'faultyProvider' ? faulty.faultRate : 0,
      doubleSigns: doubleSigner?.kind === 'doubleSigner' ? doubleSigner.count : 0,
    }
    providers.push(model)
    const gpu = computeRng.pick(gpuTypes)
    const gpus = computeRng.int(1, 8)
    setup.push(() => emit(gov, 'ZooToken', 'mint', [p.address, model.wallet], 'mint'))
    setup.push(() => emit(p.address, 'ZooToken', 'approve', [contractRef('ComputeStaking'), maxUint256], 'approve'))
    setup.push(() => {
      emit(p.address, 'ComputeStaking', 'registerProvider', [stake, gpu, gpus, gpus * 16, gpus * 128], 'registerProvider')
      model.wallet -= stake
      model.bonded = stake
      model.floorEpoch = epochAt(now)
    })
  }
  for (const p of participants.filter((x) => x.kind === 'verifier')) {
    const stake = BigInt(computeRng.int(6, 30)) * 100n * ZOO
    const model: VerifierModel = { p, wallet: stake + 10_000n * ZOO, bonded: 0n }
    verifiers.push(model)
    setup.push(() => emit(gov, 'ZooToken', 'mint', [p.address, model.wallet], 'mint'))
    setup.push(() => emit(p.address, 'ZooToken', 'approve', [contractRef('ComputeStaking'), maxUint256], 'approve'))
    setup.push(() => {
      emit(p.address, 'ComputeStaking', 'registerVerifier', [stake], 'registerVerifier')
      model.wallet -= stake
      model.bonded = stake
    })
  }
  const clients = participants.filter((x) => x.kind === 'client')
  for (const c of clients) {
    setup.push(() => emit(gov, 'ZooToken', 'mint', [c.address, 1_000_000n * ZOO], 'mint'))
    setup.push(() => emit(c.address, 'ZooToken', 'approve', [contractRef('TaskMarket'), maxUint256], 'approve'))
  }
  function epochAt(t: number): number {
    return Math.floor((t - ctx.stakingGenesis) / ctx.epochSeconds)
  }
  // Setup runs one transaction a second from the origin; activity starts an hour after it.
  setup.forEach((step, i) => at(ctx.origin + i, step))
  const activityStart = ctx.origin + setup.length + HOUR
  const span = scenario.epochs * ctx.epochSeconds

  // ----- proposals and which planted groups review them -----
  interface ProposalSeed {
    t: number
    author: Participant
    domain: number
    forced: { members: string[]; behaviour: number }[]
  }
  const seeds: ProposalSeed[] = []
  const propRng = rng.fork('proposals')
  for (let i = 0; i < scenario.proposals.count; i++) {
    const author = propRng.pick(authors)
    seeds.push({ t: activityStart + propRng.between(0, span * 0.8), author, domain: authorDomain.get(author.id)!, forced: [] })
  }
  // Group behaviours take distinct proposals; members rotate through the panel seats.
  const free = propRng.shuffle([...seeds.keys()])
  const perProposal = scenario.proposals.reviewersPerProposal
  scenario.behaviours.forEach((b, i) => {
    const group = assignedOf(b)
    if (!group || b.kind === 'reciprocalRing') return
    const n = 'proposals' in b ? b.proposals : 0
    for (let k = 0; k < n && free.length > 0; k++) {
      const s = seeds[free.pop()!]!
      const seats = Math.min(perProposal, group.length)
      const members = Array.from({ length: seats }, (_, j) => group[(k + j) % group.length]!)
      s.domain = groupDomain.get(i)!
      if (members.includes(s.author.id)) s.author = authors.find((a) => !members.includes(a.id)) ?? s.author
      s.forced.push({ members, behaviour: i })
    }
  })
  // Rings: each member submits `rounds` proposals reviewed by the previous member, within 5 months.
  scenario.behaviours.forEach((b, i) => {
    if (b.kind !== 'reciprocalRing') return
    const r = rng.fork(`ring-${i}`)
    const window = Math.min(span * 0.8, 150 * DAY)
    const start = activityStart + r.between(0, Math.max(0, span * 0.8 - window))
    for (let round = 0; round < b.rounds; round++) {
      b.members.forEach((m, j) => {
        const prev = b.members[(j + b.members.length - 1) % b.members.length]!
        seeds.push({ t: start + r.between(0, window), author: byId.get(m)!, domain: groupDomain.get(i)!, forced: [{ members: [prev], behaviour: i }] })
      })
    }
  })
  seeds.sort((a, b) => a.t - b.t)

  // ----- the review cycle -----
  let proposalId = ctx.counters.proposals
  let proposalIndex = 0
  const typeWeights = scenario.proposals.reviewTypes
  const pickType = (r: Random): 0 | 1 | 2 => {
    const total = typeWeights.standard + typeWeights.expedited + typeWeights.expert
    const x = r.between(0, total)
    return x < typeWeights.standard ? ReviewType.Standard : x < typeWeights.standard + typeWeights.expedited ? ReviewType.Expedited : ReviewType.Expert
  }
  const isActive = (r: ReviewerModel, t: number) => !r.permanent && t >= r.bannedUntil
  const canStake = (r: ReviewerModel, stake: number, t: number) =>
    isActive(r, t) && r.rep >= PROTOCOL.minReputation + 25 && r.rep - r.locked >= stake + 25
  const changeRep = (r: ReviewerModel, delta: number) => (r.rep = Math.max(0, r.rep + delta))
  const reviewPool = [...reviewers.values()]
  const councils = participants.filter((p) => p.kind === 'council')
  let appealId = ctx.counters.appeals

  const proposals: ProposalModel[] = []
  for (const s of seeds) {
    at(s.t, (t) => submitProposal(s, t))
  }

  function submitProposal(s: ProposalSeed, t: number): void {
    const index = proposalIndex++
    const r = rng.fork(`proposal-${index}`)
    const type = pickType(r)
    const discussion = r.chance(scenario.proposals.discussionRate)
    const p: ProposalModel = {
      id: ++proposalId,
      index,
      author: s.author,
      domain: s.domain,
      type,
      discussion,
      merit: Math.min(10, Math.max(1, r.normal(5.5, 2))),
      source: text.reviewsFor(index, perProposal),
      reviews: [],
      forced: s.forced.map((f) => ({ members: f.members.map(reviewerOf), behaviour: f.behaviour })),
    }
    proposals.push(p)
    emit(s.author.address, 'ReviewHub', 'submitProposal', [p.domain, p.type, discussion, r.bytes32()], 'submitProposal')
    at(t + r.between(HOUR, DAY), (t2) => assign(p, r, t2))
  }

  function assign(p: ProposalModel, r: Random, t: number): void {
    const stake = PROTOCOL.stakeByType[p.type]
    const conflicts = coauthors.get(p.author.address) ?? new Set<Address>()
    const eligible = (x: ReviewerModel) =>
      x.address !== p.author.address && !conflicts.has(x.address) && x.domains.has(p.domain) && canStake(x, stake, t)
    const chosen: { reviewer: ReviewerModel; behaviours: number[] }[] = []
    for (const f of p.forced) {
      for (const m of f.members) {
        const existing = chosen.find((c) => c.reviewer === m)
        if (existing) existing.behaviours.push(f.behaviour)
        else if (eligible(m) && chosen.length < perProposal) chosen.push({ reviewer: m, behaviours: [f.behaviour] })
        else truth[f.behaviour]!.skipped++
      }
    }
    const candidates = r.shuffle(reviewPool.filter((x) => eligible(x) && !chosen.some((c) => c.reviewer === x)))
    while (chosen.length < perProposal && candidates.length > 0) chosen.push({ reviewer: candidates.pop()!, behaviours: [] })
    // A clique agrees and a synced group commits together wherever its members meet, not only on
    // the proposals planted for it (a group with two behaviours shows both on the same proposals).
    scenario.behaviours.forEach((b, i) => {
      if (b.kind !== 'scoreClique' && b.kind !== 'syncedCommits') return
      const met = chosen.filter((c) => b.members.includes(c.reviewer.id))
      if (met.length >= 2) for (const c of met) if (!c.behaviours.includes(i)) c.behaviours.push(i)
    })
    if (chosen.length < perProposal) {
      count('proposalsUnassignable')
      return
    }
    emit(gov, 'ReviewHub', 'assignReviewers', [BigInt(p.id), chosen.map((c) => c.reviewer.address)], 'assignReviewers')
    for (const c of chosen) {
      c.reviewer.locked += stake
      p.reviews.push({
        id: reviewIdOf(p.id, c.reviewer.address), proposal: p, reviewer: c.reviewer, stake, status: 'assigned', score: 0, text: '',
        cited: [], salt: r.bytes32(), quality: 0, scored: false, appealOpen: false, behaviours: c.behaviours,
      })
    }
    for (const b of new Set(chosen.flatMap((c) => c.behaviours))) truth[b]!.proposals.push(p.id)
    writeReviews(p, r)
    const deadline = now + PROTOCOL.commitSeconds
    // Commit times: honest reviewers spread over the phase; planted groups commit together.
    const groupBase = new Map<number, number>()
    for (const review of p.reviews) {
      const timing = review.behaviours.map((b) => scenario.behaviours[b]!).find((b) => b.kind === 'syncedCommits' || b.kind === 'coincidentCommits')
      const planted = review.behaviours.length > 0
      if (!planted && r.chance(honest.missRate)) continue
      let when: number
      if (timing) {
        const key = scenario.behaviours.indexOf(timing)
        const base = groupBase.get(key) ?? t + r.between(0.1, 0.8) * PROTOCOL.commitSeconds
        groupBase.set(key, base)
        const jitter = timing.kind === 'syncedCommits' ? timing.jitterSeconds : 30
        when = base + r.between(0, jitter)
      } else {
        when = t + r.between(0.02, 0.97) * PROTOCOL.commitSeconds
      }
      review.commitAt = Math.min(when, deadline - margin)
    }
    for (const review of p.reviews) {
      if (review.commitAt === undefined) continue
      at(review.commitAt, () => {
        emit(review.reviewer.address, 'ReviewHub', 'commitReview', [review.id, commitmentOf(review.id, review.score, review.text, review.cited, review.salt)], 'commitReview')
        review.status = 'committed'
      })
    }
    const commits = p.reviews.map((x) => x.commitAt).filter((x): x is number => x !== undefined)
    const close = commits.length === p.reviews.length ? Math.max(...commits) + r.between(600, 2 * HOUR) : deadline + margin
    at(close, () => closeCommit(p, r))
  }

  /** Scores, texts and citations of every review, with the planted behaviours applied. */
  function writeReviews(p: ProposalModel, r: Random): void {
    const noise = honest.scoreNoise
    const honestScore = (i: number) => p.source[i]?.rating ?? Math.min(10, Math.max(1, Math.round(p.merit + r.normal(0, noise))))
    p.reviews.forEach((review, i) => {
      review.score = honestScore(i)
      review.text = p.source[i]!.text
      review.quality = Math.min(10, Math.max(1, r.normal(6.3, 1.6)))
    })
    for (const index of new Set(p.reviews.flatMap((x) => x.behaviours))) {
      const b = scenario.behaviours[index]!
      const members = p.reviews.filter((x) => x.behaviours.includes(index))
      if (b.kind === 'scoreClique') {
        const latent = members[0]!.score
        for (const m of members) m.score = Math.min(10, Math.max(1, Math.round(b.strength * latent + (1 - b.strength) * m.score)))
      } else if (b.kind === 'honestAgreeingPair' && members.length === 2 && r.chance(b.agreement)) {
        members[1]!.score = members[0]!.score
      } else if (b.kind === 'reciprocalRing') {
        for (const m of members) m.score = b.favourableScore
      }
    }
    for (const review of p.reviews) {
      const template = templateOf.get(review.reviewer.id)
      if (template) {
        const vocabulary = vocabularyOf(text.anyText(r))
        review.text = editText(template.text, template.editRate, vocabulary.length > 0 ? vocabulary : ['review'], r)
        if (!review.behaviours.includes(template.behaviour)) review.behaviours.push(template.behaviour)
      }
      review.text = truncateUtf8(review.text, PROTOCOL.maxTextBytes)
      const own = review.reviewer.works
      const others = allWorks.filter((w) => !own.includes(Number(w)))
      const cited = new Set<bigint>()
      const citedOthers = r.int(0, honest.maxCitations)
      for (let k = 0; k < citedOthers && others.length > 0; k++) cited.add(r.pick(others))
      const planted = selfCitation.get(review.reviewer.id)
      const selfRate = planted?.rate ?? honest.selfCitationRate
      if (own.length > 0 && r.chance(selfRate)) {
        for (const w of r.sample(own, r.int(1, Math.min(2, own.length)))) cited.add(BigInt(w))
        if (planted && !review.behaviours.includes(planted.behaviour)) review.behaviours.push(planted.behaviour)
      }
      review.cited = [...cited].sort((a, b) => (a < b ? -1 : 1)).slice(0, PROTOCOL.maxCitations)
      for (const b of review.behaviours) if (!truth[b]!.reviews.includes(review.id)) truth[b]!.reviews.push(review.id)
    }
  }

  function advance(p: ProposalModel): void {
    emit(gov, 'ReviewHub', 'advance', [BigInt(p.id)], 'advance')
  }

  function missed(review: ReviewModel): void {
    review.status = 'missed'
    changeRep(review.reviewer, -PROTOCOL.rep.missedDeadline)
    review.reviewer.locked -= review.stake
    count('deadlinesMissed')
  }

  function closeCommit(p: ProposalModel, r: Random): void {
    advance(p)
    for (const review of p.reviews) if (review.status === 'assigned') missed(review)
    const t = now
    const deadline = t + PROTOCOL.revealSeconds
    const committed = p.reviews.filter((x) => x.status === 'committed')
    for (const review of committed) {
      if (review.behaviours.length === 0 && r.chance(honest.revealMissRate)) continue
      review.revealAt = Math.min(t + r.between(0.05, 0.9) * PROTOCOL.revealSeconds, deadline - margin)
      at(review.revealAt, () => reveal(review))
    }
    const reveals = committed.map((x) => x.revealAt).filter((x): x is number => x !== undefined)
    const close = reveals.length === committed.length ? Math.max(t, ...reveals) + r.between(600, 2 * HOUR) : deadline + margin
    at(close, () => closeReveal(p, r))
  }

  function reveal(review: ReviewModel): void {
    emit(review.reviewer.address, 'ReviewHub', 'revealReview', [review.id, review.score, review.text, review.cited, review.salt], 'revealReview')
    review.status = 'revealed'
    changeRep(review.reviewer, PROTOCOL.rep.onTime)
    review.reviewer.lastActivity = now
    review.unlockAt = now + PROTOCOL.disputeSecondsByType[review.proposal.type]
    scheduleAfterReveal(review, now)
  }

  function closeReveal(p: ProposalModel, r: Random): void {
    advance(p)
    const t = now
    for (const review of p.reviews) if (review.status === 'committed') missed(review)
    const revealed = p.reviews.filter((x) => x.status === 'revealed')
    if (revealed.length > 0) scheduleMetaReviews(p, revealed, r, t)
    if (p.discussion) {
      at(t + r.between(HOUR, 5 * DAY), () => emit(p.author.address, 'ReviewHub', 'postComment', [BigInt(p.id), `0x${'0'.repeat(64)}`, `Rebuttal: ${text.anyText(r).slice(0, 600)}`], 'postComment'))
      for (const review of revealed) {
        if (!r.chance(0.3)) continue
        at(t + r.between(HOUR, 5 * DAY), () => {
          if (review.status === 'revealed') emit(review.reviewer.address, 'ReviewHub', 'postComment', [BigInt(p.id), review.id, `Follow-up: ${text.anyText(r).slice(0, 400)}`], 'postComment')
        })
      }
      at(t + PROTOCOL.discussionSeconds + margin, (t2) => {
        advance(p)
        at(t2 + r.between(HOUR, 2 * DAY), () => decide(p, r))
      })
    } else {
      at(t + r.between(HOUR, 2 * DAY), () => decide(p, r))
    }
  }

  /** A panel of council members plus one Tier 3 reviewer not on the proposal (ZIP-604 3.2); each
   * meta-reviewer scores every revealed review of the proposal in one transaction. */
  function scheduleMetaReviews(p: ProposalModel, revealed: ReviewModel[], r: Random, t: number): void {
    const assigned = new Set(p.reviews.map((x) => x.reviewer.address))
    const council = r.shuffle(councils)
    const seats = council.slice(0, PROTOCOL.panelSize - 1)
    const spare = council.slice(PROTOCOL.panelSize - 1)
    const times = Array.from({ length: PROTOCOL.panelSize }, () => t + r.between(HOUR, 6 * DAY)).sort((a, b) => a - b)
    const panel: number[][][] = revealed.map(() => [])
    times.forEach((when, seat) => {
      at(when, () => {
        const live = revealed.filter((x) => x.status === 'revealed')
        let who = seats[seat]?.address
        if (!who) {
          const tier3 = reviewPool.filter((x) => !assigned.has(x.address) && isActive(x, now) && x.rep >= PROTOCOL.tier3MinReputation + 40)
          who = tier3.length > 0 ? r.pick(tier3).address : spare[0]?.address
        }
        if (!who || live.length === 0) return
        const dims = live.map((review) => PROTOCOL.qualityWeights.map(() => Math.min(10, Math.max(1, Math.round(review.quality + r.normal(0, 1))))))
        emit(who, 'QualityScoring', 'submitMetaReviews', [live.map((x) => x.id), dims], 'metaReview')
        live.forEach((review, k) => {
          const scores = panel[revealed.indexOf(review)]!
          scores.push(dims[k]!)
          if (scores.length < PROTOCOL.panelSize) return
          review.scored = true
          const { overall } = qualityOf(scores)
          if (overall >= 8) changeRep(review.reviewer, PROTOCOL.rep.qualityBonus)
          else if (overall < 3) changeRep(review.reviewer, -PROTOCOL.rep.lowQuality)
        })
      })
    })
  }

  function decide(p: ProposalModel, r: Random): void {
    const scores = p.reviews.filter((x) => x.status === 'revealed').map((x) => x.score)
    const mean = scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length)
    const outcome = scores.length > 0 && mean >= 6 ? Outcome.Funded : Outcome.Rejected
    emit(gov, 'ReviewHub', 'decide', [BigInt(p.id), outcome, outcome === Outcome.Funded ? `Funded: mean score ${mean.toFixed(1)}` : 'Rejected by the council'], 'decide')
    count(outcome === Outcome.Funded ? 'proposalsFunded' : 'proposalsRejected')
    if (outcome === Outcome.Funded) {
      at(now + r.between(20 * DAY, 60 * DAY), () => {
        const done = r.chance(0.8) ? Outcome.Completed : Outcome.Failed
        emit(gov, 'ReviewHub', 'decide', [BigInt(p.id), done, done === Outcome.Completed ? 'Milestones met' : 'Milestones missed'], 'decide')
      })
    }
    for (const review of p.reviews) {
      if (r.chance(honest.acknowledgeRate)) {
        at(now + r.between(HOUR, 10 * DAY), () => {
          if (review.status !== 'revealed') return
          emit(p.author.address, 'ReviewHub', 'acknowledgeReview', [review.id], 'acknowledgeReview')
          changeRep(review.reviewer, PROTOCOL.rep.citedInRevision)
        })
      }
      if (r.chance(honest.identityRevealRate)) {
        at(now + r.between(HOUR, 20 * DAY), () => {
          if (review.status !== 'revealed') return
          emit(review.reviewer.address, 'ReviewHub', 'revealIdentity', [review.id, `did:zoo:${review.reviewer.id}`], 'revealIdentity')
          changeRep(review.reviewer, PROTOCOL.rep.identityReveal)
        })
      }
    }
  }

  /** Appeals, stake release and payment claim, all keyed to the review's dispute window. */
  function scheduleAfterReveal(review: ReviewModel, t: number): void {
    const r = rng.fork(`after-${review.id}`)
    const unlockAt = review.unlockAt!
    const window = unlockAt - t
    if (review.score <= 4 && r.chance(honest.appealRate * 5)) {
      at(t + r.between(HOUR, window * 0.4), () => {
        if (review.status !== 'revealed') return
        emit(review.proposal.author.address, 'ReviewHub', 'fileAppeal', [review.id, 'The review misreads the methodology.'], 'fileAppeal')
        review.appealOpen = true
        const id = ++appealId
        at(now + r.between(DAY, 0.4 * window), () => {
          const upheld = r.chance(0.5)
          emit(gov, 'ReviewHub', 'resolveAppeal', [BigInt(id), upheld, upheld ? 'Review overturned' : 'Review stands'], 'resolveAppeal')
          review.appealOpen = false
          if (upheld) changeRep(review.reviewer, -PROTOCOL.rep.appealLost)
        })
      })
    }
    const release = () => {
      // An open appeal keeps the stake locked: try again a day later.
      if (review.appealOpen) return at(now + DAY, release)
      emit(gov, 'ReviewHub', 'releaseStake', [review.id], 'releaseStake')
      review.reviewer.locked -= review.stake
      at(now + r.between(HOUR, 3 * DAY), () => {
        if (review.status === 'revealed' && review.scored) emit(review.reviewer.address, 'ReviewPayment', 'claimPayment', [review.id], 'claimPayment')
      })
    }
    at(unlockAt + r.between(margin, 2 * DAY), release)
  }

  // ----- keeper: REP decay each month -----
  for (let t = activityStart + 30 * DAY; t < activityStart + span + 90 * DAY; t += 30 * DAY) {
    at(t, (t2) => {
      const due = reviewPool.filter((x) => Math.floor((t2 - Math.max(x.lastActivity, x.decayAnchor)) / PROTOCOL.quarterSeconds) > 0)
      for (let i = 0; i < due.length; i += 200) {
        const batch = due.slice(i, i + 200)
        emit(gov, 'ReputationStaking', 'applyDecay', [batch.map((x) => x.address)], 'applyDecay')
        for (const x of batch) {
          const anchor = Math.max(x.lastActivity, x.decayAnchor)
          const quarters = Math.floor((now - anchor) / PROTOCOL.quarterSeconds)
          x.decayAnchor = anchor + quarters * PROTOCOL.quarterSeconds
          for (let q = 0; q < quarters; q++) x.rep -= Math.floor((x.rep * PROTOCOL.decayBps) / 10_000)
        }
      }
    })
  }

  // ----- committee cases -----
  let caseId = ctx.counters.cases
  scenario.cases.forEach((c, i) => {
    const r = rng.fork(`case-${i}`)
    at(activityStart + c.epoch * ctx.epochSeconds + r.between(0, ctx.epochSeconds), () => {
      const subjects = c.members.map(reviewerOf)
      emit(gov, 'CollusionRegistry', 'raiseFlag', [subjects.map((x) => x.address), CollusionSignal[c.signal], r.bytes32(), `Case on ${c.members.join(', ')}`], 'raiseFlag')
      const id = ++caseId
      at(now + r.between(2 * DAY, 7 * DAY), () => {
        if (c.decision === 'dismiss') {
          emit(gov, 'CollusionRegistry', 'dismissCase', [BigInt(id), 'Insufficient evidence'], 'dismissCase')
          return
        }
        const annulled = proposals.flatMap((p) => p.reviews).filter((x) => subjects.includes(x.reviewer) && x.status === 'revealed').slice(0, 10)
        emit(gov, 'CollusionRegistry', 'confirmCase', [BigInt(id), annulled.map((x) => x.id), 'Collusion confirmed'], 'confirmCase')
        for (const x of annulled) x.status = 'annulled'
        for (const s of subjects) {
          changeRep(s, -PROTOCOL.rep.collusion)
          s.offences += 1
          if (s.offences >= 2) s.permanent = true
          else s.bannedUntil = Math.max(s.bannedUntil, now + PROTOCOL.collusionBanSeconds)
        }
      })
    })
  })

  // ----- compute epochs -----
  const firstEpoch = epochAt(activityStart) + 1
  let taskId = ctx.counters.tasks
  const slash = (m: { bonded: bigint; unbonding?: bigint }, bps: bigint) => {
    const unbonding = m.unbonding ?? 0n
    const amount = ((m.bonded + unbonding) * bps) / 10_000n
    const fromBonded = amount <= m.bonded ? amount : m.bonded
    m.bonded -= fromBonded
    if (m.unbonding !== undefined) m.unbonding -= amount - fromBonded
  }
  const providerFree = (m: ProviderModel) => !m.tombstoned && m.jailedUntil === 0
  const providerActive = (m: ProviderModel) => providerFree(m) && m.bonded >= PROTOCOL.minProviderStake
  const topUp = (m: { p: Participant; wallet: bigint; bonded: bigint }, minimum: bigint) => {
    if (m.bonded >= minimum + 100n * ZOO) return
    const amount = minimum + 500n * ZOO - m.bonded
    if (amount > m.wallet) return // out of tokens: stays below the minimum and gets no tasks
    emit(m.p.address, 'ComputeStaking', 'addStake', [amount], 'addStake')
    m.wallet -= amount
    m.bonded += amount
  }
  const doubleSigns: { action: Action; provider: ProviderModel; taskId: number; results: [Hex, Hex] }[] = []

  // The compute network lives as long as the protocol does: past the scenario's epochs, an epoch is
  // added while review activity is still pending (otherwise every provider would look offline for
  // the weeks the last proposals take to decide).
  agenda.strand = 'compute'
  const lastPlannedEpoch = firstEpoch + scenario.epochs - 1
  const extendFrom = (e: number) =>
    at(ctx.stakingGenesis + e * ctx.epochSeconds, () => {
      if (agenda.pending('protocol') === 0) return
      planEpoch(e)
      extendFrom(e + 1)
    })
  for (let e = firstEpoch; e <= lastPlannedEpoch; e++) planEpoch(e)
  extendFrom(lastPlannedEpoch + 1)
  agenda.strand = 'protocol'

  function planEpoch(e: number): void {
    const start = ctx.stakingGenesis + e * ctx.epochSeconds
    const r = rng.fork(`epoch-${e}`)
    for (const m of providers) {
      if (r.chance(m.uptime)) {
        at(start + r.between(0.02, 0.95) * ctx.epochSeconds, () => {
          if (!providerFree(m) || m.beats.has(epochAt(now))) return
          emit(m.p.address, 'ComputeStaking', 'heartbeat', [], 'heartbeat')
          m.beats.add(epochAt(now))
        })
      }
      if (!m.unbondingPending && r.chance(honest.unbondRate)) {
        at(start + r.between(0.1, 0.9) * ctx.epochSeconds, () => {
          const amount = (m.bonded / 10n / ZOO) * ZOO
          if (m.unbondingPending || amount === 0n || m.bonded - amount < PROTOCOL.minProviderStake + 500n * ZOO) return
          emit(m.p.address, 'ComputeStaking', 'beginUnbonding', [amount], 'beginUnbonding')
          m.bonded -= amount
          m.unbonding += amount
          m.unbondingPending = true
          at(now + PROTOCOL.unbondingSeconds + r.between(margin, DAY), () => {
            if (m.unbonding > 0n) emit(m.p.address, 'ComputeStaking', 'withdrawUnbonded', [], 'withdrawUnbonded')
            m.wallet += m.unbonding
            m.unbonding = 0n
            m.unbondingPending = false
          })
        })
      }
    }
    // Liveness keeper, just after the epoch closes: the window of the last N epochs ending at e.
    at(start + ctx.epochSeconds + 0.02 * ctx.epochSeconds, () => {
      for (const m of providers) {
        if (!providerFree(m) || e + 1 < PROTOCOL.livenessWindow + m.floorEpoch) continue
        let signed = 0
        for (let k = e + 1 - PROTOCOL.livenessWindow; k <= e; k++) if (m.beats.has(k)) signed++
        if (signed >= PROTOCOL.minSignedPerWindow) continue
        emit(gov, 'ComputeStaking', 'enforceLiveness', [m.p.address, BigInt(e)], 'enforceLiveness')
        slash(m, PROTOCOL.slashBps.liveness)
        m.floorEpoch = e + 1
        m.jailedUntil = now + PROTOCOL.jailSeconds
        count('providersJailed')
        at(m.jailedUntil + r.between(margin, 12 * HOUR), () => {
          topUp(m, PROTOCOL.minProviderStake)
          if (m.bonded < PROTOCOL.minProviderStake) return // out of tokens: stays jailed
          emit(m.p.address, 'ComputeStaking', 'unjail', [], 'unjail')
          m.jailedUntil = 0
          m.floorEpoch = epochAt(now)
        })
      }
    })
    for (let k = 0; k < scenario.compute.tasksPerEpoch; k++) {
      at(start + r.between(0, 0.8) * ctx.epochSeconds, () => planTask(r.fork(`task-${k}`)))
    }
  }

  function planTask(r: Random): void {
    const client = r.pick(clients)
    const bid = BigInt(r.int(5, 50)) * ZOO
    const id = ++taskId
    const spec = r.bytes32()
    emit(client.address, 'TaskMarket', 'submitTask', [spec, bid], 'submitTask')
    at(now + r.between(300, 1_800), () => {
      const active = providers.filter(providerActive)
      if (active.length === 0) {
        emit(client.address, 'TaskMarket', 'cancelTask', [BigInt(id)], 'cancelTask')
        return
      }
      const m = r.pick(active)
      emit(gov, 'TaskMarket', 'assignTask', [BigInt(id), m.p.address], 'assignTask')
      const deadline = now + PROTOCOL.taskTimeoutSeconds
      if (!r.chance(m.uptime)) {
        at(deadline + margin, () => {
          emit(gov, 'TaskMarket', 'reportMissedTask', [BigInt(id)], 'reportMissedTask')
          slash(m, PROTOCOL.slashBps.liveness)
        })
        return
      }
      const correct = keccak256(toBytes(`${spec}/result`))
      const faulty = r.chance(m.faultRate)
      const result = faulty ? r.bytes32() : correct
      at(now + r.between(600, PROTOCOL.taskTimeoutSeconds - margin), () => {
        emit(m.p.address, 'TaskMarket', 'submitResult', [BigInt(id), result], 'submitResult')
        const challengeDeadline = now + PROTOCOL.challengeWindowSeconds
        if (m.doubleSigns > 0 && !faulty) {
          m.doubleSigns -= 1
          const reporter = verifiers.length > 0 ? r.pick(verifiers).p.address : gov
          at(now + r.between(HOUR, 6 * HOUR), () => {
            if (m.tombstoned) return
            emit(reporter, 'ComputeStaking', 'reportDoubleSign', [], 'reportDoubleSign')
            doubleSigns.push({ action: actions[actions.length - 1]!, provider: m, taskId: id, results: [result, r.bytes32()] })
            slash(m, PROTOCOL.slashBps.doubleSign)
            m.tombstoned = true
          })
        }
        const attesters = r.sample(verifiers, Math.min(verifiers.length, r.int(faulty ? 0 : 1, faulty ? 1 : 3)))
        const attested: VerifierModel[] = []
        for (const v of attesters) {
          at(now + r.between(600, 12 * HOUR), () => {
            if (v.bonded < PROTOCOL.minVerifierStake) return
            emit(v.p.address, 'TaskMarket', 'attest', [BigInt(id)], 'attest')
            attested.push(v)
          })
        }
        const challenger = verifiers.length > 0 ? r.pick(verifiers) : undefined
        const challenged = challenger && (faulty || r.chance(honest.falseChallengeRate))
        let resolvedAt = 0
        if (challenged) {
          at(now + r.between(12 * HOUR, 20 * HOUR), () => {
            if (challenger.bonded < PROTOCOL.minVerifierStake) return finalizeLater()
            emit(challenger.p.address, 'TaskMarket', 'challenge', [BigInt(id), correct], 'challenge')
            at(now + r.between(1_800, 3 * HOUR), () => {
              emit(gov, 'TaskMarket', 'resolveChallenge', [BigInt(id), faulty], 'resolveChallenge')
              resolvedAt = now
              if (faulty) {
                slash(m, PROTOCOL.slashBps.faultyResult)
                for (const v of attested) slash(v, PROTOCOL.slashBps.falseAttestation)
              } else {
                slash(challenger, PROTOCOL.slashBps.falseChallenge)
              }
              for (const v of [challenger, ...attested]) topUp(v, PROTOCOL.minVerifierStake)
              if (faulty) topUp(m, PROTOCOL.minProviderStake)
              if (!faulty) finalizeLater()
            })
          })
        }
        if (!challenged) finalizeLater()
        function finalizeLater(): void {
          at(Math.max(challengeDeadline, resolvedAt) + r.between(margin, 6 * HOUR), () => {
            emit(m.p.address, 'TaskMarket', 'finalizeTask', [BigInt(id)], 'finalizeTask')
          })
        }
      })
    })
  }

  // ----- run the agenda -----
  for (;;) {
    const next = agenda.pop()
    if (!next) break
    now = Math.max(Math.ceil(next.t), now)
    agenda.strand = next.strand
    next.run(now)
  }

  // Double-sign evidence: two different results for one task, both signed with the provider's key.
  for (const { action, provider, taskId: id, results } of doubleSigns) {
    const key = provider.p.privateKey!
    const signatures = results.map((result) =>
      signResult(key, ctx.chainId, ctx.taskMarket, id, result),
    )
    action.args = [provider.p.address, toHex(id, { size: 32 }), results[0], await signatures[0], results[1], await signatures[1]]
  }

  return { seed, actions, participants, truth, end: now + 1, stats }
}

/** The EIP-191 signature a provider gives a task result (ComputeStaking.resultDigest). */
export function signResult(privateKey: Hex, chainId: number, taskMarket: Address, taskId: number, result: Hex): Promise<Hex> {
  const inner = keccak256(
    encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }],
      [BigInt(chainId), taskMarket, toHex(taskId, { size: 32 }), result],
    ),
  )
  return privateKeyToAccount(privateKey).signMessage({ message: { raw: inner } })
}

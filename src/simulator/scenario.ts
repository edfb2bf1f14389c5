/**
 * Scenario files: what a simulation does, including the planted behaviours that make the file its
 * own ground truth. Validated strictly: an unknown field (a typo) or a bad value is an error that
 * names the field, e.g. `behaviours[1].members[2]: unknown participant "r999"`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/** Participant ids: r# reviewers, a# authors, p# providers, v# verifiers, c# council members, k# clients. */
export const PARTICIPANT_KINDS = { r: 'reviewer', a: 'author', p: 'provider', v: 'verifier', c: 'council member', k: 'client' } as const
const participantId = z.string().regex(/^[rapvck](0|[1-9]\d*)$/, 'a participant id such as r12, a3, p0, v1, c0 or k2')
const fraction = z.number().min(0).max(1)
const count = (min = 0) => z.number().int().min(min)
const members = (min: number, max = 64) => z.array(participantId).min(min).max(max)

// ----- planted behaviours: the ground truth detectors are scored against -----
const scoreClique = z.strictObject({
  kind: z.literal('scoreClique'),
  /** Reviewers who co-review and score alike. */
  members: members(2, 5),
  /** Proposals planted for the clique; it also agrees wherever its members meet. */
  proposals: count(0),
  /** 1: identical scores; 0: independent honest scores. */
  strength: fraction,
})
const textTemplate = z.strictObject({
  kind: z.literal('textTemplate'),
  members: members(2, 16),
  /** Share of the template's words each review changes (0: verbatim copies). */
  editRate: fraction,
  /** Proposals on which the members are co-assigned; all their other reviews use the template too. */
  proposals: count(0).default(6),
})
const syncedCommits = z.strictObject({
  kind: z.literal('syncedCommits'),
  members: members(2, 5),
  /** Spread of the members' commit times on each shared proposal, seconds. */
  jitterSeconds: z.number().min(0).max(86_400),
  /** Proposals planted for the group; it also commits in sync wherever its members meet. */
  proposals: count(0).default(6),
})
const reciprocalRing = z.strictObject({
  kind: z.literal('reciprocalRing'),
  /** Authors who review (a# below population.authorReviewers); each reviews the next one's proposals. */
  members: members(2, 6),
  favourableScore: z.number().int().min(1).max(10),
  /** Proposals each member submits into the ring. */
  rounds: count(1).default(2),
})
const citationCoercion = z.strictObject({
  kind: z.literal('citationCoercion'),
  reviewer: participantId,
  /** Share of the reviewer's reviews that cite their own works. */
  rate: fraction,
  /** Proposals the reviewer is assigned to besides chance assignments, so that the share is measured over enough reviews. */
  proposals: count(0).default(8),
})
const flakyProvider = z.strictObject({ kind: z.literal('flakyProvider'), provider: participantId, uptime: fraction })
const faultyProvider = z.strictObject({ kind: z.literal('faultyProvider'), provider: participantId, faultRate: fraction })
const doubleSigner = z.strictObject({ kind: z.literal('doubleSigner'), provider: participantId, count: count(1).default(1) })
// ----- benign look-alikes: honest behaviour that a careless detector would flag -----
const honestAgreeingPair = z.strictObject({
  kind: z.literal('honestAgreeingPair'),
  members: members(2, 2),
  proposals: count(1),
  /** Probability that the second reviewer gives exactly the first's score. */
  agreement: fraction,
})
const coincidentCommits = z.strictObject({
  kind: z.literal('coincidentCommits'),
  members: members(2, 5),
  /** Proposals on which the members happen to commit in the same minute. */
  proposals: count(1).default(1),
})
const occasionalSelfCitation = z.strictObject({
  kind: z.literal('occasionalSelfCitation'),
  reviewer: participantId,
  rate: z.number().min(0).max(0.5),
})

export const behaviourSchema = z.discriminatedUnion('kind', [
  scoreClique,
  textTemplate,
  syncedCommits,
  reciprocalRing,
  citationCoercion,
  flakyProvider,
  faultyProvider,
  doubleSigner,
  honestAgreeingPair,
  coincidentCommits,
  occasionalSelfCitation,
])
export type Behaviour = z.infer<typeof behaviourSchema>
export type BehaviourKind = Behaviour['kind']
export const BENIGN_KINDS: ReadonlySet<BehaviourKind> = new Set(['honestAgreeingPair', 'coincidentCommits', 'occasionalSelfCitation'])

const caseSchema = z.strictObject({
  members: members(1, 16),
  signal: z.enum(['ScoreClustering', 'TextSimilarity', 'TimingCorrelation', 'ReciprocalReview', 'CitationCoercion', 'Other']),
  /** Epoch at which the committee raises the case. */
  epoch: count(0),
  decision: z.enum(['confirm', 'dismiss']),
})

const honestSchema = z.strictObject({
  /** Share of assignments where the reviewer never commits. */
  missRate: fraction.default(0.02),
  /** Share of commitments never revealed. */
  revealMissRate: fraction.default(0.01),
  /** Share of reviews citing the reviewer's own work (for reviewers who have works). */
  selfCitationRate: fraction.default(0.03),
  /** Other works cited per review, at most. */
  maxCitations: count(0).default(2),
  /** Standard deviation of an honest score around the proposal's merit (1-10 scale). */
  scoreNoise: z.number().min(0).max(10).default(2.3),
  acknowledgeRate: fraction.default(0.3),
  identityRevealRate: fraction.default(0.1),
  appealRate: fraction.default(0.02),
  /** Share of epochs an honest provider posts its heartbeat. */
  heartbeatUptime: fraction.default(0.995),
  /** Share of honest results a verifier wrongly challenges. */
  falseChallengeRate: fraction.default(0.01),
  /** Chance per epoch that a provider starts unbonding part of its stake. */
  unbondRate: fraction.default(0.01),
})

const textSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('generator') }),
  z.strictObject({
    source: z.literal('jsonl'),
    /** Reviews in the format of shared/data/iclr-reviews.jsonl.gz (gzip or plain), relative to the scenario file. */
    path: z.string().min(1),
  }),
])

export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    seed: z.union([z.string().min(1), z.number().int()]).transform(String),
    population: z.strictObject({
      reviewers: count(0),
      authors: count(1),
      /** The first `authorReviewers` authors (a0, a1, ...) also review. */
      authorReviewers: count(0).default(0),
      providers: count(0),
      verifiers: count(0),
      council: count(2).default(3),
      clients: count(1).default(5),
    }),
    domains: z.array(z.string().min(1)).min(1).max(16),
    proposals: z.strictObject({
      count: count(0),
      reviewersPerProposal: z.number().int().min(2).max(5).default(3),
      discussionRate: fraction.default(0.3),
      reviewTypes: z
        .strictObject({ standard: z.number().min(0), expedited: z.number().min(0), expert: z.number().min(0) })
        .default({ standard: 0.7, expedited: 0.2, expert: 0.1 }),
    }),
    /** Compute epochs simulated; proposals are submitted over the same span. */
    epochs: count(1),
    /** Block grid, chain seconds: actions falling in the same slot share a block (commits keep their
     * exact second). At most 1/50 of the staking epoch. */
    blockSeconds: z.number().int().min(1).max(3_600).default(600),
    /** Commits keep their exact second (timing analysis reads them); false puts them on the block
     * grid too, for benchmark chains where only volume matters. */
    exactCommitTimes: z.boolean().default(true),
    compute: z.strictObject({ tasksPerEpoch: count(0).default(10) }).default({ tasksPerEpoch: 10 }),
    text: textSchema.default({ source: 'generator' }),
    honest: honestSchema.default(honestSchema.parse({})),
    behaviours: z.array(behaviourSchema).default([]),
    cases: z.array(caseSchema).default([]),
  })
  .superRefine((s, ctx) => {
    const p = s.population
    const sizes: Record<string, number> = { r: p.reviewers, a: p.authors, p: p.providers, v: p.verifiers, c: p.council, k: p.clients }
    const exists = (id: string) => Number(id.slice(1)) < (sizes[id[0]!] ?? 0)
    const isReviewer = (id: string) => id[0] === 'r' || (id[0] === 'a' && Number(id.slice(1)) < p.authorReviewers)
    const fail = (pathParts: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: pathParts, message })

    if (p.authorReviewers > p.authors) fail(['population', 'authorReviewers'], `must not exceed population.authors (${p.authors})`)
    if (p.reviewers + p.authorReviewers < s.proposals.reviewersPerProposal && s.proposals.count > 0) {
      fail(['population', 'reviewers'], `too few reviewers for ${s.proposals.reviewersPerProposal} per proposal`)
    }
    if (new Set(s.domains).size !== s.domains.length) fail(['domains'], 'domain names must be unique')
    const types = s.proposals.reviewTypes
    if (types.standard + types.expedited + types.expert <= 0) fail(['proposals', 'reviewTypes'], 'at least one weight must be positive')

    const checkId = (pathParts: (string | number)[], id: string, want: 'reviewer' | 'ringMember' | 'provider') => {
      if (!participantId.safeParse(id).success) return // malformed: already reported by the field's own schema
      if (!exists(id)) return fail(pathParts, `unknown participant "${id}" (population has ${sizes[id[0]!]} ${PARTICIPANT_KINDS[id[0] as keyof typeof PARTICIPANT_KINDS]}s)`)
      if (want === 'reviewer' && !isReviewer(id)) fail(pathParts, `"${id}" does not review (use r#, or a# below population.authorReviewers)`)
      if (want === 'ringMember' && !(id[0] === 'a' && isReviewer(id))) fail(pathParts, `"${id}" must be an author who reviews (a# below population.authorReviewers = ${p.authorReviewers})`)
      if (want === 'provider' && id[0] !== 'p') fail(pathParts, `"${id}" is not a provider (p#)`)
    }
    s.behaviours.forEach((b, i) => {
      const at = ['behaviours', i]
      if ('members' in b) {
        const want = b.kind === 'reciprocalRing' ? 'ringMember' : 'reviewer'
        b.members.forEach((m, j) => checkId([...at, 'members', j], m, want))
        if (new Set(b.members).size !== b.members.length) fail([...at, 'members'], 'members must be distinct')
        if (b.members.length > s.proposals.reviewersPerProposal && b.kind !== 'textTemplate' && b.kind !== 'reciprocalRing') {
          fail([...at, 'members'], `${b.members.length} members cannot all review one proposal (proposals.reviewersPerProposal = ${s.proposals.reviewersPerProposal})`)
        }
      }
      if ('reviewer' in b) checkId([...at, 'reviewer'], b.reviewer, 'reviewer')
      if ('provider' in b) checkId([...at, 'provider'], b.provider, 'provider')
      if ('proposals' in b && b.proposals > s.proposals.count) fail([...at, 'proposals'], `exceeds proposals.count (${s.proposals.count})`)
    })
    s.cases.forEach((c, i) => {
      c.members.forEach((m, j) => checkId(['cases', i, 'members', j], m, 'reviewer'))
      if (c.epoch >= s.epochs) fail(['cases', i, 'epoch'], `must be below epochs (${s.epochs})`)
    })
  })

export type Scenario = z.output<typeof scenarioSchema> & {
  /** Folder of the scenario file, for resolving relative paths. */
  baseDir: string
}

export class ScenarioError extends Error {
  override name = 'ScenarioError'
}

function formatPath(parts: readonly PropertyKey[]): string {
  let out = ''
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`
  return out || '(root)'
}

/** Validates a parsed scenario; errors name every offending field. */
export function parseScenario(raw: unknown, baseDir = process.cwd(), source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(raw)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((k) => `${formatPath([...issue.path, k])}: unknown field`).join('\n  ')
      }
      return `${formatPath(issue.path)}: ${issue.message}`
    })
    throw new ScenarioError(`${source} is invalid:\n  ${lines.join('\n  ')}`)
  }
  return { ...result.data, baseDir }
}

export function loadScenario(file: string): Scenario {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (err) {
    throw new ScenarioError(`cannot read scenario ${file}: ${(err as Error).message}`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new ScenarioError(`${file} is not valid JSON: ${(err as Error).message}`)
  }
  return parseScenario(raw, path.dirname(path.resolve(file)), file)
}

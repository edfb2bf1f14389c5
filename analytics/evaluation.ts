/**
 * Scores a run's flags and cases against the behaviours its scenario planted: the numbers behind
 * "detection quality proven". Pure: the run's flags and cases and the scenario's participants and
 * behaviours in, a report out, so that anyone can re-score a run from its `--out` file.
 *
 * - Per signal (a detector family), pair level: the planted pairs are every pair of members of the
 *   behaviours of that signal (a single account for one-account behaviours); the flagged pairs every
 *   pair of subjects of that signal's flags. Group level: a planted behaviour is found when its
 *   signal's flags name all its members; a flagged group (accounts linked by that signal's flags) is
 *   right when it lies within one planted behaviour.
 * - Per severity, at least that rung: a case is right when every subject is a planted offender.
 *   Recall counts offences, the behaviours planted on one set of accounts taken together (a clique
 *   that also commits in sync is one offence with two signals), over those the ladder can grade that
 *   high: probable needs two independent signal families (ZIP-604 4.4: a single signal stays
 *   suspected, however strong), confirmed an on-chain confirmation naming the members. An offence
 *   is recalled when every member is a subject of a case at that rung or above.
 * - Per behaviour: whether its signal's flags name all its members, and the highest rung of the
 *   cases holding them all, for recall-against-strength tables.
 * - False positives: honest reviewers (in no planted offence; benign look-alikes are honest) named
 *   by any flag, per 1,000 honest reviewers, in total and per flag kind; honest providers likewise.
 *
 * Double-signing is slashed and tombstoned by the contract itself (the evidence is two signatures);
 * no detector looks for it, so it is listed but not scored.
 */
import type { Behaviour, BehaviourKind } from '../src/simulator/scenario'
import { BENIGN_KINDS } from '../src/simulator/scenario'
import { SEVERITY_ORDER, SIGNAL_FAMILY, type Severity } from './cases'
import { disjointSets, groupBy, type FlagKind } from './types'

export interface EvalInput {
  /** `reviews`: registered as a reviewer (reviewers, and the authors who review). */
  participants: readonly { id: string; kind: string; address: string; reviews?: boolean }[]
  behaviours: readonly Behaviour[]
  flags: readonly { kind: FlagKind; subjects: readonly string[] }[]
  cases: readonly { severity: Severity; subjects: readonly string[] }[]
  /** Member lists (participant ids) of the scenario's on-chain cases the committee confirms. */
  confirmed?: readonly (readonly string[])[]
}

/** The detector family that should catch each planted behaviour (undefined: no detector's job). */
export const SIGNAL_OF: Record<BehaviourKind, string | undefined> = {
  scoreClique: 'scores',
  textTemplate: 'text',
  syncedCommits: 'timing',
  reciprocalRing: 'review-graph',
  citationCoercion: 'citations',
  flakyProvider: 'liveness',
  faultyProvider: 'task-results',
  doubleSigner: undefined,
  honestAgreeingPair: undefined,
  coincidentCommits: undefined,
  occasionalSelfCitation: undefined,
}

/** Signal families a behaviour's flags belong to when it is caught (a flaky provider misses heartbeats and tasks). */
export const FAMILIES_OF: Record<BehaviourKind, readonly string[]> = {
  scoreClique: ['scores'],
  textTemplate: ['text'],
  syncedCommits: ['timing'],
  reciprocalRing: ['review-graph'],
  citationCoercion: ['citations'],
  flakyProvider: ['liveness', 'task-delivery'],
  faultyProvider: ['task-results'],
  doubleSigner: [],
  honestAgreeingPair: [],
  coincidentCommits: [],
  occasionalSelfCitation: [],
}

export interface Ratio {
  /** Numerator and denominator; the ratio is null when the denominator is 0. */
  hit: number
  of: number
  value: number | null
}

export interface SignalScore {
  behaviours: number
  pairPrecision: Ratio
  pairRecall: Ratio
  groupPrecision: Ratio
  groupRecall: Ratio
}

export interface BehaviourResult {
  index: number
  kind: BehaviourKind
  members: string[]
  /** The attack's strength parameter, e.g. "editRate 0.3". */
  strength: string
  /** Its signal's flags name every member. */
  found: boolean
  /** The highest rung of a case holding every member, or null. */
  severity: Severity | null
  /** What the detector's metric reads on the planted accounts, when the run measured it (e.g. the closest text pair). */
  measured?: string
}

export interface EvalReport {
  signals: Record<string, SignalScore>
  /** At this rung or above; recall over the offences the ladder can grade that high. */
  severities: Record<Severity, { precision: Ratio; recall: Ratio }>
  behaviours: BehaviourResult[]
  honestReviewers: { count: number; flagged: string[]; perThousand: number; byKind: Partial<Record<FlagKind, number>> }
  honestProviders: { count: number; flagged: string[] }
  notScored: string[]
}

const ratio = (hit: number, of: number): Ratio => ({ hit, of, value: of === 0 ? null : Math.round((hit / of) * 10_000) / 10_000 })
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`)

/** Unordered pairs of a set of accounts; one account alone is its own "pair". */
function pairsOf(accounts: readonly string[]): string[] {
  const sorted = [...new Set(accounts)].sort()
  if (sorted.length === 1) return [sorted[0]!]
  const out: string[] = []
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) out.push(pairKey(sorted[i]!, sorted[j]!))
  return out
}

/** The accounts a behaviour makes offenders, as participant ids. */
export function membersOf(b: Behaviour): string[] {
  if ('members' in b) return [...b.members]
  if ('reviewer' in b) return [b.reviewer]
  return [b.provider]
}

/** The parameter that makes a planted behaviour easier or harder to see. */
export function strengthOf(b: Behaviour): string {
  switch (b.kind) {
    case 'scoreClique': return `strength ${b.strength}`
    case 'textTemplate': return `editRate ${b.editRate}`
    case 'syncedCommits': return `jitter ${b.jitterSeconds} s`
    case 'reciprocalRing': return `size ${b.members.length}`
    case 'citationCoercion': return `rate ${b.rate}`
    case 'flakyProvider': return `uptime ${b.uptime}`
    case 'faultyProvider': return `faultRate ${b.faultRate}`
    default: return ''
  }
}

/** Connected groups of accounts linked by the given subject lists. */
function groupsOf(subjectLists: readonly (readonly string[])[]): string[][] {
  const sets = disjointSets()
  for (const list of subjectLists) for (const s of list) sets.union(list[0]!, s)
  const accounts = new Set(subjectLists.flat())
  return [...groupBy(accounts, sets.find).values()].map((g) => g.sort())
}

export function evaluate(input: EvalInput): EvalReport {
  const idOf = new Map(input.participants.map((p) => [p.address.toLowerCase(), p.id]))
  const named = (subjects: readonly string[]) => subjects.map((s) => idOf.get(s.toLowerCase()) ?? s)
  const flags = input.flags.map((f) => ({ kind: f.kind, signal: SIGNAL_FAMILY[f.kind], subjects: named(f.subjects) }))
  const cases = input.cases.map((c) => ({ severity: c.severity, subjects: named(c.subjects) }))

  const offences = input.behaviours.filter((b) => !BENIGN_KINDS.has(b.kind))
  const scored = offences.filter((b) => SIGNAL_OF[b.kind] !== undefined)
  const offenders = new Set(offences.flatMap(membersOf))

  // Provider liveness and task delivery are one offence (a flaky provider misses both).
  const family = (signal: string) => (signal === 'task-delivery' ? 'liveness' : signal)
  const signals: Record<string, SignalScore> = {}
  for (const signal of [...new Set(scored.map((b) => SIGNAL_OF[b.kind]!))].sort()) {
    const planted = scored.filter((b) => SIGNAL_OF[b.kind] === signal)
    const raised = flags.filter((f) => family(f.signal) === signal)
    const truthPairs = new Set(planted.flatMap((b) => pairsOf(membersOf(b))))
    const flaggedPairs = new Set(raised.flatMap((f) => pairsOf(f.subjects)))
    const hits = [...flaggedPairs].filter((p) => truthPairs.has(p)).length
    const flaggedAccounts = new Set(raised.flatMap((f) => f.subjects))
    const found = planted.filter((b) => membersOf(b).every((m) => flaggedAccounts.has(m))).length
    const groups = groupsOf(raised.map((f) => f.subjects))
    const right = groups.filter((g) => planted.some((b) => g.every((m) => membersOf(b).includes(m)))).length
    signals[signal] = {
      behaviours: planted.length,
      pairPrecision: ratio(hits, flaggedPairs.size),
      pairRecall: ratio([...truthPairs].filter((p) => flaggedPairs.has(p)).length, truthPairs.size),
      groupPrecision: ratio(right, groups.length),
      groupRecall: ratio(found, planted.length),
    }
  }

  // The highest rung of a case holding all of the given accounts.
  const rungOf = (members: readonly string[]): Severity | null => {
    let best = -1
    for (const c of cases) if (members.every((m) => c.subjects.includes(m))) best = Math.max(best, SEVERITY_ORDER.indexOf(c.severity))
    return best < 0 ? null : SEVERITY_ORDER[best]!
  }
  // Offences: behaviours on the same set of accounts, with the rung the ladder can reach for them.
  const offenceGroups = new Map<string, { members: string[]; families: Set<string> }>()
  for (const b of scored) {
    const members = [...new Set(membersOf(b))].sort()
    const key = members.join(',')
    const o = offenceGroups.get(key) ?? offenceGroups.set(key, { members, families: new Set() }).get(key)!
    for (const f of FAMILIES_OF[b.kind]) o.families.add(f)
  }
  const confirmedSets = (input.confirmed ?? []).map((m) => new Set(m))
  const reachable = (o: { members: string[]; families: Set<string> }): number =>
    confirmedSets.some((c) => o.members.some((m) => c.has(m))) ? SEVERITY_ORDER.indexOf('confirmed') : o.families.size >= 2 ? SEVERITY_ORDER.indexOf('probable') : 0
  const offenceList = [...offenceGroups.values()]

  const severities = {} as EvalReport['severities']
  for (const severity of SEVERITY_ORDER) {
    const rung = SEVERITY_ORDER.indexOf(severity)
    const atLeast = cases.filter((c) => SEVERITY_ORDER.indexOf(c.severity) >= rung)
    const inCases = new Set(atLeast.flatMap((c) => c.subjects))
    const gradable = offenceList.filter((o) => reachable(o) >= rung)
    severities[severity] = {
      precision: ratio(atLeast.filter((c) => c.subjects.every((s) => offenders.has(s))).length, atLeast.length),
      recall: ratio(gradable.filter((o) => o.members.every((m) => inCases.has(m))).length, gradable.length),
    }
  }
  const behaviours: BehaviourResult[] = input.behaviours.flatMap((b, index) => {
    const signal = SIGNAL_OF[b.kind]
    if (signal === undefined) return []
    const members = membersOf(b)
    const flaggedAccounts = new Set(flags.filter((f) => family(f.signal) === signal).flatMap((f) => f.subjects))
    return [{ index, kind: b.kind, members, strength: strengthOf(b), found: members.every((m) => flaggedAccounts.has(m)), severity: rungOf(members) }]
  })

  const honestReviewers = input.participants.filter((p) => (p.reviews ?? p.kind === 'reviewer') && !offenders.has(p.id)).map((p) => p.id)
  const honestSet = new Set(honestReviewers)
  const flaggedHonest = new Set<string>()
  const byKind: Partial<Record<FlagKind, number>> = {}
  for (const f of flags) {
    const wrong = f.subjects.filter((s) => honestSet.has(s))
    for (const s of wrong) flaggedHonest.add(s)
    if (wrong.length > 0) byKind[f.kind] = (byKind[f.kind] ?? 0) + wrong.length
  }
  const honestProviders = input.participants.filter((p) => p.kind === 'provider' && !offenders.has(p.id)).map((p) => p.id)
  const providerSet = new Set(honestProviders)
  return {
    signals,
    severities,
    behaviours,
    honestReviewers: {
      count: honestReviewers.length,
      flagged: [...flaggedHonest].sort(),
      perThousand: honestReviewers.length === 0 ? 0 : Math.round((flaggedHonest.size / honestReviewers.length) * 1_000 * 100) / 100,
      byKind,
    },
    honestProviders: { count: honestProviders.length, flagged: [...new Set(flags.flatMap((f) => f.subjects.filter((s) => providerSet.has(s))))].sort() },
    notScored: offences.filter((b) => SIGNAL_OF[b.kind] === undefined).map((b) => `${b.kind} ${membersOf(b).join(',')}`),
  }
}

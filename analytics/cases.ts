/**
 * Cases: flags grouped by overlapping subjects, graded on ZIP-604 section 4.4's ladder.
 *
 * Which flags make one case: every flag about several accounts links each pair of them; accounts
 * tied by at least two links (two flags on one pair, or a cycle: a clique's three pair flags, a
 * ring) form one case, the 2-edge-connected components of that multigraph. A link that is the only
 * tie between two parts (a bridge) is a case of its own: an honest reviewer whose text happens to
 * resemble one colluder's is tied to the group by one flag, and must not land in the group's case,
 * let alone in a confirmed one. Flags about one account make a case of that account.
 *
 * - suspected: statistical flags only (the default for any case);
 * - probable: independent signals corroborate on the same subjects: two flags of different signal
 *   families about the same accounts (see sharedSubjects). Flags of one family (a reciprocal pair and the ring containing it; a high
 *   self-citation share and favourable self-citing scores) are one signal, not two;
 * - confirmed: the ethics committee confirmed, on chain, a case about these accounts (its subjects
 *   hold the case's, or the case's hold its: the same containment as corroboration);
 * - repeat: a subject with a second such confirmation.
 * Honest co-reviewers correlate and honest reciprocal pairs happen by chance, so a single signal,
 * however strong, stays suspected.
 *
 * Case ids are deterministic: derived from the case's lowest flag id, in incremental and full runs
 * alike (a flag joining with a lower id renames the case).
 */
import { createHash } from 'node:crypto'
import { disjointSets, groupBy, type ConfirmationFact, type Flag, type FlagKind } from './types'

export type Severity = 'suspected' | 'probable' | 'confirmed' | 'repeat'

export const SEVERITY_ORDER: readonly Severity[] = ['suspected', 'probable', 'confirmed', 'repeat']

/** Signal families: flags of one family are one piece of evidence, not independent ones. */
export const SIGNAL_FAMILY: Record<FlagKind, string> = {
  'score-correlation': 'scores',
  'text-similarity': 'text',
  'timing-correlation': 'timing',
  'reciprocal-review': 'review-graph',
  'review-ring': 'review-graph',
  'dense-review-group': 'review-graph',
  'self-citation': 'citations',
  'citation-score': 'citations',
  'provider-downtime': 'liveness',
  'provider-missed-tasks': 'task-delivery',
  'provider-faulty-results': 'task-results',
}

export interface Case {
  id: string
  severity: Severity
  /** Accounts named by the case's flags, sorted. */
  subjects: string[]
  /** Flag ids, sorted. */
  flags: string[]
  /** Why the severity is what it is, for the committee. */
  grounds: {
    families: string[]
    /** Pairs of flags of different families that share their subjects. */
    corroborations: { flags: [string, string]; subjects: string[] }[]
    confirmations: { caseId: string; subjects: string[]; block: number }[]
  }
}

/**
 * The cases of the last run by their flag ids: a case reads only its flags' ids, kinds and subjects
 * (the id holds the other two) and the confirmations, so a group met again is not graded again.
 */
export interface CaseMemo {
  /** The confirmations the memo's cases were graded with (ids and blocks). */
  confirmations: string
  byFlags: Map<string, Case>
}

export const createCaseMemo = (): CaseMemo => ({ confirmations: '', byFlags: new Map() })

export function buildCases(flags: readonly Flag[], confirmations: readonly ConfirmationFact[], memo?: CaseMemo): Case[] {
  const cases: Case[] = []
  // Any change of confirmations may regrade any case.
  const confirmed = confirmations.map((c) => `${c.caseId}@${c.block}`).join(',')
  const before = memo?.confirmations === confirmed ? memo.byFlags : new Map<string, Case>()
  const now = new Map<string, Case>()
  for (const group of caseGroups(flags)) {
    group.sort((a, b) => (a.id < b.id ? -1 : 1))
    const key = group.map((f) => f.id).join('\n')
    const known = before.get(key)
    const graded = known ?? gradeCase(group, confirmations)
    now.set(key, graded)
    cases.push(graded)
  }
  if (memo) Object.assign(memo, { confirmations: confirmed, byFlags: now })
  return cases.sort((a, b) => (a.id < b.id ? -1 : 1))
}

/** The case of a group of flags, sorted by id. */
function gradeCase(group: readonly Flag[], confirmations: readonly ConfirmationFact[]): Case {
  const subjects = [...new Set(group.flatMap((f) => f.subjects))].sort()
  const corroborations: Case['grounds']['corroborations'] = []
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) {
      const a = group[i]!
      const b = group[j]!
      if (SIGNAL_FAMILY[a.kind] === SIGNAL_FAMILY[b.kind]) continue
      const shared = sharedSubjects(a.subjects, b.subjects)
      if (shared) corroborations.push({ flags: [a.id, b.id], subjects: shared })
    }
  }
  const caseConfirmations = confirmations
    .filter((c) => sharedSubjects(c.subjects, subjects) !== undefined)
    .sort((a, b) => a.block - b.block || (a.caseId < b.caseId ? -1 : 1))
  const repeat = subjects.some((s) => caseConfirmations.filter((c) => c.subjects.includes(s)).length >= 2)
  const severity: Severity = repeat ? 'repeat' : caseConfirmations.length > 0 ? 'confirmed' : corroborations.length > 0 ? 'probable' : 'suspected'
  return {
    id: caseId(group[0]!.id),
    severity,
    subjects,
    flags: group.map((f) => f.id),
    grounds: {
      families: [...new Set(group.map((f) => SIGNAL_FAMILY[f.kind]))].sort(),
      corroborations: corroborations.sort((a, b) => (a.flags.join() < b.flags.join() ? -1 : 1)),
      confirmations: caseConfirmations.map((c) => ({ caseId: c.caseId, subjects: [...c.subjects].sort(), block: c.block })),
    },
  }
}

/** Flags grouped into cases: see the module comment. */
function caseGroups(flags: readonly Flag[]): Flag[][] {
  // The multigraph: one edge per flag and pair of its subjects.
  const edges: { a: string; b: string; flag: Flag }[] = []
  const incident = new Map<string, number[]>()
  for (const f of flags) {
    for (let i = 0; i < f.subjects.length; i++) {
      for (let j = i + 1; j < f.subjects.length; j++) {
        const e = edges.push({ a: f.subjects[i]!, b: f.subjects[j]!, flag: f }) - 1
        for (const v of [f.subjects[i]!, f.subjects[j]!]) (incident.get(v) ?? incident.set(v, []).get(v)!).push(e)
      }
    }
  }
  const bridges = findBridges(edges, incident)
  // Accounts joined by edges that are not bridges; each bridge apart.
  const sets = disjointSets()
  edges.forEach((e, i) => {
    if (!bridges.has(i)) sets.union(e.a, e.b)
  })
  const byGroup = groupBy(edges.keys(), (i) => (bridges.has(i) ? `bridge:${i}` : sets.find(edges[i]!.a)))
  const singles = groupBy(flags, (f) => (f.subjects.length === 1 ? f.subjects[0] : undefined))
  return [...byGroup.values()].map((group) => [...new Set(group.map((i) => edges[i]!.flag))]).concat([...singles.values()])
}

/** Edges whose removal disconnects their ends (Tarjan), in a multigraph: parallel edges are never bridges. */
function findBridges(edges: readonly { a: string; b: string }[], incident: ReadonlyMap<string, readonly number[]>): Set<number> {
  const order = new Map<string, number>()
  const low = new Map<string, number>()
  const bridges = new Set<number>()
  for (const root of [...incident.keys()].sort()) {
    if (order.has(root)) continue
    // Iterative DFS: (vertex, edge it was entered by, next incident edge to look at).
    const stack: [string, number, number][] = [[root, -1, 0]]
    order.set(root, order.size)
    low.set(root, order.get(root)!)
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!
      const [v, via, k] = top
      const list = incident.get(v)!
      if (k < list.length) {
        top[2]++
        const e = list[k]!
        if (e === via) continue
        const w = edges[e]!.a === v ? edges[e]!.b : edges[e]!.a
        if (order.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!))
        else {
          order.set(w, order.size)
          low.set(w, order.get(w)!)
          stack.push([w, e, 0])
        }
      } else {
        stack.pop()
        const parent = stack[stack.length - 1]
        if (parent) {
          const u = parent[0]
          low.set(u, Math.min(low.get(u)!, low.get(v)!))
          if (low.get(v)! > order.get(u)!) bridges.add(via)
        }
      }
    }
  }
  return bridges
}

/**
 * The subjects two flags share when they are about the same accounts: the smaller flag's subjects
 * all appear in the larger (a pair inside a ring), and a flag about one account corroborates only
 * another about that account alone (a self-citing reviewer is no evidence about their co-reviewer).
 */
function sharedSubjects(a: readonly string[], b: readonly string[]): string[] | undefined {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a]
  const inLarge = new Set(large)
  const shared = small.filter((s) => inLarge.has(s))
  if (shared.length !== small.length) return undefined
  if (small.length === 1 && large.length > 1) return undefined
  return shared
}

function caseId(anchorFlag: string): string {
  return `case-${createHash('sha256').update(anchorFlag).digest('hex').slice(0, 16)}`
}

/**
 * Cases: flags grouped by overlapping subjects, graded on ZIP-604 section 4.4's ladder.
 *
 * - suspected: statistical flags only (the default for any case);
 * - probable: independent signals corroborate on the same subjects: two flags of different signal
 *   families about the same accounts (see sharedSubjects). Flags of one family (a reciprocal pair and the ring containing it; a high
 *   self-citation share and favourable self-citing scores) are one signal, not two. Chained
 *   overlaps (A-B by scores, B-C by text) make one case but corroborate nothing;
 * - confirmed: the ethics committee confirmed a case naming one of the subjects (on chain);
 * - repeat: a subject with a second confirmed offence.
 * Honest co-reviewers correlate and honest reciprocal pairs happen by chance, so a single signal,
 * however strong, stays suspected.
 *
 * Case ids are deterministic: derived from the case's earliest flag (lowest id among the flags of
 * the lowest block), so a case keeps its id as flags join it, in incremental and full runs alike.
 */
import { createHash } from 'node:crypto'
import type { ConfirmationFact, Flag, FlagKind } from './types'

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
  /** The highest block among the case's flags and confirmations. */
  block: number
}

export function buildCases(flags: readonly Flag[], confirmations: readonly ConfirmationFact[]): Case[] {
  // Union-find over subjects: flags that share an account belong to one case.
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    while (parent.get(root) !== root) root = parent.get(root)!
    for (let y = x; y !== root; ) {
      const next = parent.get(y)!
      parent.set(y, root)
      y = next
    }
    return root
  }
  for (const f of flags) {
    for (const s of f.subjects) if (!parent.has(s)) parent.set(s, s)
    for (const s of f.subjects.slice(1)) {
      const a = find(f.subjects[0]!)
      const b = find(s)
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b)
    }
  }
  const groups = new Map<string, Flag[]>()
  for (const f of flags) {
    if (f.subjects.length === 0) continue
    const root = find(f.subjects[0]!)
    let list = groups.get(root)
    if (!list) groups.set(root, (list = []))
    list.push(f)
  }
  const confirmedCount = new Map<string, ConfirmationFact[]>()
  for (const c of confirmations) for (const s of c.subjects) confirmedCount.set(s, [...(confirmedCount.get(s) ?? []), c])

  const cases: Case[] = []
  for (const group of groups.values()) {
    group.sort((a, b) => a.block - b.block || (a.id < b.id ? -1 : 1))
    const subjects = [...new Set(group.flatMap((f) => f.subjects))].sort()
    const corroborations: Case['grounds']['corroborations'] = []
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!
        const b = group[j]!
        if (SIGNAL_FAMILY[a.kind] === SIGNAL_FAMILY[b.kind]) continue
        const shared = sharedSubjects(a.subjects, b.subjects)
        if (shared) corroborations.push({ flags: a.id < b.id ? [a.id, b.id] : [b.id, a.id], subjects: shared })
      }
    }
    const caseConfirmations = [...new Set(subjects.flatMap((s) => confirmedCount.get(s) ?? []))].sort((a, b) => a.block - b.block || (a.caseId < b.caseId ? -1 : 1))
    const repeat = subjects.some((s) => (confirmedCount.get(s)?.length ?? 0) >= 2)
    const severity: Severity = repeat ? 'repeat' : caseConfirmations.length > 0 ? 'confirmed' : corroborations.length > 0 ? 'probable' : 'suspected'
    cases.push({
      id: caseId(group[0]!.id),
      severity,
      subjects,
      flags: group.map((f) => f.id).sort(),
      grounds: {
        families: [...new Set(group.map((f) => SIGNAL_FAMILY[f.kind]))].sort(),
        corroborations: corroborations.sort((a, b) => (a.flags.join() < b.flags.join() ? -1 : 1)),
        confirmations: caseConfirmations.map((c) => ({ caseId: c.caseId, subjects: [...c.subjects].sort(), block: c.block })),
      },
      block: Math.max(...group.map((f) => f.block), ...caseConfirmations.map((c) => c.block)),
    })
  }
  return cases.sort((a, b) => (a.id < b.id ? -1 : 1))
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

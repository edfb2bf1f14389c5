/**
 * Reciprocal reviewing (ZIP-604 4.3: "A reviews B's proposal, B reviews A's proposal within 6 months"), its
 * longer form (review rings) and its diffuse form (dense review groups), read off the reviewer-to-author graph:
 * an edge R -> A carries every revealed review (score not null; favourable only, by default) by R of a proposal authored by A, R !== A, timed
 * at revealedAt (else committedAt). Annulled reviews count: they still happened. Accounts are numbered in address
 * order, so "smallest address" and "smallest index" are the same thing and nothing depends on input order.
 *
 * Fitting one window. Edges fit one window W when a review can be picked on each with all picked times at most W
 * apart. A review at t admits window starts [t - W, t]; an edge admits the union over its reviews; edges fit iff
 * the intersection over them (their "fit") is non-empty. The fit is exact for edges with many reviews, composes
 * edge by edge (the cycle search prunes on it as it extends a path), and says which reviews take part: a review
 * qualifies iff its own [t - W, t] meets the fit. A flag's window is the tightest span holding one qualifying
 * review per edge, ties to the earliest; for a pair that is the closest exchange.
 *
 * Kinds:
 * - 'reciprocal-review': pairs with edges both ways that fit and at least minExchanges exchanges. Value =
 *   exchanges: pairs of reviews, one each way, at most W apart. Evidence lists the qualifying reviews.
 * - 'review-ring': directed simple cycles of 3..maxCycleLength accounts that fit. Each cycle is found once, from
 *   its smallest account, through larger accounts only (Johnson's ordering). Meet in the middle keeps it near
 *   linear on sparse graphs: for start s, first collect paths x -> ... -> s of up to B edges (by x), then walk
 *   forward F edges from s and join through one more edge, F + 1 + B = maxCycleLength; shorter cycles close
 *   during the forward walk. That is about d^(F+1) neighbour checks per start instead of d^(L-1). Accounts with
 *   no way in or no way out are trimmed first (they lie on no cycle). Cycles over the same accounts with the same
 *   window would share a flag id, so they share the flag: the first order is the cycle, the rest are listed.
 *   Every cycle of a clique is reported (a 5-clique has 74), so a clique's rings come with its dense group.
 * - 'dense-review-group': Louvain communities on the undirected projection, weight = directed edges between the
 *   two accounts (1 or 2) so that it agrees with the density measured, and a prolific one-way edge does not
 *   dominate. Nodes and edges go in in address order, randomWalk off and a seeded rng: the partition is a
 *   function of the graph alone. Each community is then peeled to its dense core (denseCore), and the core is
 *   what is flagged: at least minGroupSize members, each tied to more than minGroupDensity of the others.
 */
import Graph from 'graphology'
import louvain from 'graphology-communities-louvain'
import { mulberry32 } from '../../src/simulator/random'
import { DETECTOR_DEFAULTS, type ReciprocalConfig } from '../config'
import { makeFlag, round4, type Flag, type ReviewFact, type Snapshot } from '../types'

const DAY = 86_400
const LOUVAIN_SEED = 604

interface EdgeReview { id: string; proposalId: string; score: number; at: number }

/** Window starts, as flattened closed intervals [lo0, hi0, lo1, hi1, ...], sorted and disjoint (null: any start). */
type Fit = number[]

/** The reviewer-to-author graph over account indices, edges sorted by (from, to), CSR adjacency both ways. */
interface ReviewGraph {
  accounts: string[]
  from: Int32Array
  to: Int32Array
  /** Per edge, the window starts its reviews admit, and their bounds (a cheap first test). */
  fits: Fit[]
  fitLo: Float64Array
  fitHi: Float64Array
  /** Edge e's reviews are reviewOrder[reviewStart[e] .. reviewStart[e + 1]), by (at, id), indexing `kept`. */
  reviewStart: Int32Array
  reviewOrder: Int32Array
  kept: { review: ReviewFact; at: number }[]
  outStart: Int32Array
  inStart: Int32Array
  inEdges: Int32Array
  /** from, fitLo and fitHi in in-adjacency order: walking the edges into a node then reads memory in order. */
  inFrom: Int32Array
  inFitLo: Float64Array
  inFitHi: Float64Array
}

export function detectReciprocalReview(snapshot: Snapshot, config: ReciprocalConfig = DETECTOR_DEFAULTS.reciprocal): Flag[] {
  const g = graphOf(snapshot, config)
  const flags = [...reciprocalPairs(g, snapshot, config), ...reviewRings(g, snapshot, config), ...detectDenseReviewGroups(snapshot, config)]
  return flags.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

const graphOf = (snapshot: Snapshot, config: ReciprocalConfig, before = Infinity) =>
  buildGraph(snapshot, config.windowSeconds, config.favourableOnly ? config.favourableScore : -Infinity, before)

/** Reciprocal pairs alone: a pair's flag reads the reviews between the two accounts only. */
export function detectReciprocalPairs(snapshot: Snapshot, config: ReciprocalConfig = DETECTOR_DEFAULTS.reciprocal): Flag[] {
  return reciprocalPairs(graphOf(snapshot, config), snapshot, config)
}

/** Review rings alone: a ring's flag reads the reviews along its cycle only. */
export function detectReviewRings(snapshot: Snapshot, config: ReciprocalConfig = DETECTOR_DEFAULTS.reciprocal): Flag[] {
  return reviewRings(graphOf(snapshot, config), snapshot, config)
}

/**
 * The start of the period whose graph dense groups are computed on: community detection is
 * global (any review can move any community), so it runs over the reviews made before the last
 * period boundary (`denseGroupPeriodSeconds`, UTC days by default), and a run inside the same
 * period gives the same groups whatever was added since. Strictly before: a later block never
 * has an earlier timestamp, so every review counted is in a block no later than the snapshot's.
 */
export function denseGroupCutoff(at: number, config: ReciprocalConfig): number {
  return Math.floor(at / config.denseGroupPeriodSeconds) * config.denseGroupPeriodSeconds
}

/** Dense review groups over the reviews made before denseGroupCutoff. */
export function detectDenseReviewGroups(snapshot: Snapshot, config: ReciprocalConfig = DETECTOR_DEFAULTS.reciprocal): Flag[] {
  return denseGroups(graphOf(snapshot, config, denseGroupCutoff(snapshot.at, config)), snapshot, config)
}

// Counting sort and typed arrays rather than a map keyed by edge: at a million reviews that map took twice as long.
function buildGraph(snapshot: Snapshot, window: number, minScore: number, before: number): ReviewGraph {
  const authorOf = new Map(snapshot.proposals.map(p => [p.id, p.author]))
  const kept: ReviewGraph['kept'] = [], authors: string[] = [], names = new Set<string>()
  for (const review of snapshot.reviews) {
    const author = authorOf.get(review.proposalId), at = review.revealedAt ?? review.committedAt
    if (review.score === null || review.score < minScore || author === undefined || author === review.reviewer || at === null || !(at < before)) continue
    kept.push({ review, at })
    authors.push(author)
    names.add(review.reviewer).add(author)
  }
  const accounts = [...names].sort(), n = accounts.length, k = kept.length
  const indexOf = new Map(accounts.map((a, i) => [a, i]))
  const reviewerOf = Int32Array.from(kept, ({ review }) => indexOf.get(review.reviewer)!)
  const authorIndex = Int32Array.from(authors, a => indexOf.get(a)!)
  const order = new Int32Array(k), byReviewer = new Int32Array(n + 1)
  for (let i = 0; i < k; i++) byReviewer[reviewerOf[i]! + 1]!++
  for (let v = 0; v < n; v++) byReviewer[v + 1]! += byReviewer[v]!
  const next = byReviewer.slice(0, n)
  for (let i = 0; i < k; i++) order[next[reviewerOf[i]!]!++] = i
  const byAuthorTimeId = (x: number, y: number) => {
    const a = kept[x]!, b = kept[y]!
    return authorIndex[x]! - authorIndex[y]! || a.at - b.at || (a.review.id < b.review.id ? -1 : a.review.id > b.review.id ? 1 : 0)
  }
  for (let v = 0; v < n; v++) order.subarray(byReviewer[v]!, byReviewer[v + 1]!).sort(byAuthorTimeId)
  const starts: number[] = [], from: number[] = [], to: number[] = []
  for (let i = 0; i < k; i++) {
    const r = reviewerOf[order[i]!]!, a = authorIndex[order[i]!]!
    if (i === 0 || r !== from[from.length - 1] || a !== to[to.length - 1]) starts.push(i), from.push(r), to.push(a)
  }
  starts.push(k)
  const m = from.length, reviewStart = Int32Array.from(starts), outStart = new Int32Array(n + 1), inStart = new Int32Array(n + 1)
  const fits: Fit[] = []
  for (let e = 0; e < m; e++) {
    outStart[from[e]! + 1]!++
    inStart[to[e]! + 1]!++
    // Window starts the edge admits: the union of [t - window, t] over its reviews, merged in time order.
    const fit: Fit = []
    for (let i = reviewStart[e]!; i < reviewStart[e + 1]!; i++) {
      const at = kept[order[i]!]!.at
      if (fit.length && at - window <= fit[fit.length - 1]!) fit[fit.length - 1] = at
      else fit.push(at - window, at)
    }
    fits.push(fit)
  }
  for (let v = 0; v < n; v++) {
    outStart[v + 1]! += outStart[v]!
    inStart[v + 1]! += inStart[v]!
  }
  const inEdges = new Int32Array(m), inNext = inStart.slice(0, n)
  for (let e = 0; e < m; e++) inEdges[inNext[to[e]!]!++] = e
  const fitLo = Float64Array.from(fits, f => f[0]!), fitHi = Float64Array.from(fits, f => f[f.length - 1]!)
  return {
    accounts, from: Int32Array.from(from), to: Int32Array.from(to), fits, fitLo, fitHi, reviewStart, reviewOrder: order, kept, outStart, inStart, inEdges,
    inFrom: inEdges.map(e => from[e]!), inFitLo: Float64Array.from(inEdges, e => fitLo[e]!), inFitHi: Float64Array.from(inEdges, e => fitHi[e]!),
  }
}

/** The edge u -> v, if any (binary search in u's edges, which are sorted by target). */
function edgeBetween(g: ReviewGraph, u: number, v: number): number | undefined {
  for (let lo = g.outStart[u]!, hi = g.outStart[u + 1]! - 1; lo <= hi;) {
    const mid = (lo + hi) >> 1, w = g.to[mid]!
    if (w === v) return mid
    if (w < v) lo = mid + 1
    else hi = mid - 1
  }
  return undefined
}

function reviewsOf(g: ReviewGraph, e: number): EdgeReview[] {
  return Array.from(g.reviewOrder.subarray(g.reviewStart[e]!, g.reviewStart[e + 1]!), i => {
    const { review, at } = g.kept[i]!
    return { id: review.id, proposalId: review.proposalId, score: review.score!, at }
  })
}

/** Whether a fit can meet [lo, hi] at all, on bounds alone: rejects most candidates before their interval lists are read. */
const mayMeet = (fit: Fit | null, lo: number, hi: number) => fit === null || (fit[0]! <= hi && lo <= fit[fit.length - 1]!)

function intersect(a: Fit | null, b: Fit): Fit | null {
  if (a === null) return b
  if (a.length === 2 && b.length === 2) { // the common case, one interval each: no loop, no growing array
    const lo = Math.max(a[0]!, b[0]!), hi = Math.min(a[1]!, b[1]!)
    return lo <= hi ? [lo, hi] : null
  }
  const out: Fit = []
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const lo = Math.max(a[i]!, b[j]!), hi = Math.min(a[i + 1]!, b[j + 1]!)
    if (lo <= hi) out.push(lo, hi)
    if (a[i + 1]! < b[j + 1]!) i += 2
    else j += 2
  }
  return out.length ? out : null
}

/** The reviews on an edge that some fitting choice along the whole cycle (or pair) can use. */
function qualifying(reviews: readonly EdgeReview[], fit: Fit, window: number): EdgeReview[] {
  return reviews.filter(({ at }) => {
    for (let i = 0; i < fit.length; i += 2) if (at - window <= fit[i + 1]! && at >= fit[i]!) return true
    return false
  })
}

/** Tightest span holding one time from each sorted list (smallest range over k lists), ties to the earliest. */
function tightestSpan(lists: readonly (readonly EdgeReview[])[]): { from: number; to: number } {
  const pos = lists.map(() => 0), time = (k: number) => lists[k]![pos[k]!]!.at
  let best = { from: 0, to: Infinity }
  for (;;) {
    let earliest = 0, to = -Infinity
    for (let k = 0; k < lists.length; k++) {
      if (time(k) < time(earliest)) earliest = k
      to = Math.max(to, time(k))
    }
    const from = time(earliest)
    // Advancing the earliest list makes `from` non-decreasing, so keeping only strict improvements keeps the earliest tie.
    if (to - from < best.to - best.from) best = { from, to }
    if (++pos[earliest]! === lists[earliest]!.length) return best
  }
}

const describe = (r: EdgeReview) => ({ reviewId: r.id, proposalId: r.proposalId, score: r.score, at: r.at })
const favourable = (reviews: readonly EdgeReview[], config: ReciprocalConfig) =>
  ({ count: reviews.filter(r => r.score >= config.favourableScore).length, of: reviews.length })
const meanScore = (reviews: readonly EdgeReview[]) => (reviews.length ? round4(reviews.reduce((s, r) => s + r.score, 0) / reviews.length) : null)

function reciprocalPairs(g: ReviewGraph, snapshot: Snapshot, config: ReciprocalConfig): Flag[] {
  const window = config.windowSeconds, flags: Flag[] = []
  for (let ab = 0; ab < g.from.length; ab++) {
    const a = g.from[ab]!, b = g.to[ab]!
    const ba = a < b ? edgeBetween(g, b, a) : undefined
    if (ba === undefined) continue
    const fit = intersect(g.fits[ab]!, g.fits[ba]!)
    if (!fit) continue
    const aToB = qualifying(reviewsOf(g, ab), fit, window), bToA = qualifying(reviewsOf(g, ba), fit, window)
    // Exchanges: for each review a -> b, the reviews b -> a within the window of it (two moving bounds).
    let exchanges = 0
    for (let i = 0, lo = 0, hi = 0; i < aToB.length; i++) {
      const t = aToB[i]!.at
      while (lo < bToA.length && bToA[lo]!.at < t - window) lo++
      while (hi < bToA.length && bToA[hi]!.at <= t + window) hi++
      exchanges += hi - lo
    }
    if (exchanges < config.minExchanges) continue
    const span = tightestSpan([aToB, bToA])
    const both = [...aToB, ...bToA]
    flags.push(makeFlag({
      kind: 'reciprocal-review', subjects: [g.accounts[a]!, g.accounts[b]!], window: span,
      metric: 'reciprocal reviews within window', value: exchanges, threshold: config.minExchanges, comparison: '>=',
      evidence: {
        pair: [g.accounts[a]!, g.accounts[b]!],
        firstReviewedSecond: aToB.map(describe),
        secondReviewedFirst: bToA.map(describe),
        exchanges,
        closestGapDays: round4((span.to - span.from) / DAY),
        windowDays: round4(window / DAY),
        favourable: favourable(both, config),
        meanScore: meanScore(both),
      },
      block: snapshot.block,
    }))
  }
  return flags
}

/** Accounts that can lie on a cycle: repeatedly drop those with no live edge in or no live edge out. */
function cycleCandidates(g: ReviewGraph): Uint8Array {
  const n = g.accounts.length, alive = new Uint8Array(n).fill(1), dead: number[] = []
  const inDegree = new Int32Array(n), outDegree = new Int32Array(n)
  for (let v = 0; v < n; v++) {
    inDegree[v] = g.inStart[v + 1]! - g.inStart[v]!
    outDegree[v] = g.outStart[v + 1]! - g.outStart[v]!
    if (!inDegree[v] || !outDegree[v]) alive[v] = 0, dead.push(v)
  }
  for (let v = dead.pop(); v !== undefined; v = dead.pop()) {
    for (let e = g.outStart[v]!; e < g.outStart[v + 1]!; e++) {
      const w = g.to[e]!
      if (alive[w] && --inDegree[w]! === 0) alive[w] = 0, dead.push(w)
    }
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) {
      const w = g.inFrom[k]!
      if (alive[w] && --outDegree[w]! === 0) alive[w] = 0, dead.push(w)
    }
  }
  return alive
}

/** Edges in path order and the window starts they admit together. */
interface FitPath { edges: number[]; fit: Fit }

/** Every directed simple cycle of 3..maxLength edges that fits one window, once each, from its smallest account. */
function findCycles(g: ReviewGraph, maxLength: number): FitPath[] {
  const cycles: FitPath[] = []
  if (maxLength < 3) return cycles
  const n = g.accounts.length, alive = cycleCandidates(g), onPath = new Uint8Array(n), path: number[] = []
  const forwardDepth = Math.ceil((maxLength - 1) / 2), backwardDepth = maxLength - 1 - forwardDepth
  // Paths x -> ... -> s of 1..backwardDepth edges through accounts above s, by x, edges in path order; tailsOf[x]
  // belongs to the current s while tailsFor[x] === s + 1 (a stamp, so nothing is cleared between starts).
  const tailsOf = new Array<FitPath[]>(n), tailsFor = new Int32Array(n)
  for (let s = 0; s < n; s++) {
    if (!alive[s]) continue
    const walkBack = (head: number, edges: number[], fit: Fit | null) => {
      for (let k = g.inStart[head]!; k < g.inStart[head + 1]!; k++) {
        const x = g.inFrom[k]!
        if (x <= s || !alive[x] || !mayMeet(fit, g.inFitLo[k]!, g.inFitHi[k]!) || edges.some(f => g.from[f] === x)) continue
        const e = g.inEdges[k]!, joined = intersect(fit, g.fits[e]!)
        if (!joined) continue
        const tail = { edges: [e, ...edges], fit: joined }
        if (tailsFor[x] !== s + 1) tailsFor[x] = s + 1, tailsOf[x] = []
        tailsOf[x]!.push(tail)
        if (tail.edges.length < backwardDepth) walkBack(x, tail.edges, joined)
      }
    }
    if (backwardDepth > 0) walkBack(s, [], null)
    const walk = (v: number, fit: Fit | null) => {
      for (let e = g.outStart[v]!; e < g.outStart[v + 1]!; e++) {
        const x = g.to[e]!
        if (x === s) {
          const closed = path.length >= 2 && mayMeet(fit, g.fitLo[e]!, g.fitHi[e]!) && intersect(fit, g.fits[e]!)
          if (closed) cycles.push({ edges: [...path, e], fit: closed })
          continue
        }
        if (x < s || !alive[x] || onPath[x] || !mayMeet(fit, g.fitLo[e]!, g.fitHi[e]!)) continue
        if (path.length < forwardDepth) {
          const joined = intersect(fit, g.fits[e]!)
          if (!joined) continue
          onPath[x] = 1, path.push(e)
          walk(x, joined)
          onPath[x] = 0, path.pop()
          continue
        }
        const joined = tailsFor[x] === s + 1 && intersect(fit, g.fits[e]!)
        if (!joined) continue
        for (const tail of tailsOf[x]!) {
          if (tail.edges.some(f => onPath[g.from[f]!])) continue
          const closed = intersect(joined, tail.fit)
          if (closed) cycles.push({ edges: [...path, e, ...tail.edges], fit: closed })
        }
      }
    }
    onPath[s] = 1
    walk(s, null)
    onPath[s] = 0
  }
  return cycles
}

function reviewRings(g: ReviewGraph, snapshot: Snapshot, config: ReciprocalConfig): Flag[] {
  const window = config.windowSeconds, byId = new Map<string, Flag>()
  for (const { edges, fit } of findCycles(g, config.maxCycleLength)) {
    const cycle = edges.map(e => g.accounts[g.from[e]!]!)
    const used = edges.map(e => qualifying(reviewsOf(g, e), fit, window))
    const span = tightestSpan(used), all = used.flat()
    const flag = makeFlag({
      kind: 'review-ring', subjects: cycle, window: span,
      metric: 'directed review cycle length', value: cycle.length, threshold: 3, comparison: '>=',
      evidence: {
        cycle,
        edges: edges.map((e, i) => ({ reviewer: cycle[i]!, author: g.accounts[g.to[e]!]!, reviews: used[i]!.map(describe) })),
        spanDays: round4((span.to - span.from) / DAY),
        windowDays: round4(window / DAY),
        favourable: favourable(all, config),
        meanScore: meanScore(all),
      },
      block: snapshot.block,
    })
    // Cycles come out in order of their smallest account, then path order; the first order met keeps the flag.
    const earlier = byId.get(flag.id)
    if (!earlier) byId.set(flag.id, flag)
    else ((earlier.evidence.otherOrders ??= []) as string[][]).push(cycle)
  }
  return [...byId.values()]
}

/**
 * The dense core of a Louvain community: peel the member with the fewest edges to the others left (in + out; the
 * greedy densest-subgraph order) until each remaining member has more than minGroupDensity of its 2(n - 1) possible
 * edges, which puts the group's density above it too. Without the peel Louvain often hands a clique a few honest
 * accounts that reviewed it once or twice (named with it), or buries it in a wide sparse community (missed): with a
 * 5-clique among 60 honest accounts, 15 of 50 random backgrounds gave exactly the five. "More than", because at
 * 0.5 a plain directed triangle (one review in, one out each) sits exactly at the bar, and random reviewing makes
 * those in most communities; peeled to "at least", 50 honest 200-account worlds gave 291 groups, with "more than" 1.
 */
function denseCore(g: ReviewGraph, group: readonly number[], community: Int32Array, config: ReciprocalConfig): number[] {
  const c = community[group[0]!]!
  const neighbours = (v: number) => {
    const found: number[] = []
    for (let e = g.outStart[v]!; e < g.outStart[v + 1]!; e++) if (community[g.to[e]!] === c) found.push(g.to[e]!)
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) if (community[g.inFrom[k]!] === c) found.push(g.inFrom[k]!)
    return found
  }
  // Buckets by degree with lazy deletion: an entry is current while it matches the member's degree.
  const degree = new Map(group.map(v => [v, neighbours(v).length])), buckets: number[][] = [], removed = new Set<number>()
  for (const v of group) (buckets[degree.get(v)!] ??= []).push(v)
  for (let left = group.length, d = 0; left >= Math.max(2, config.minGroupSize); left--) {
    let v: number
    for (;;) {
      while (!buckets[d]?.length) d++
      v = buckets[d]!.pop()!
      if (!removed.has(v) && degree.get(v) === d) break
    }
    if (d > 2 * config.minGroupDensity * (left - 1)) return group.filter(u => !removed.has(u))
    removed.add(v)
    for (const w of neighbours(v)) {
      if (removed.has(w)) continue
      degree.set(w, degree.get(w)! - 1)
      ;(buckets[degree.get(w)!] ??= []).push(w)
    }
    d = Math.max(0, d - 2) // a neighbour loses at most two edges (one each way) from a member of minimum degree
  }
  return []
}

function denseGroups(g: ReviewGraph, snapshot: Snapshot, config: ReciprocalConfig): Flag[] {
  const n = g.accounts.length, m = g.from.length
  if (m === 0) return []
  // Node keys are account indices: graphology keys its adjacency by node key, and short integer-like keys build
  // the projection about twice as fast as addresses.
  const projection = new Graph({ type: 'undirected' })
  for (let v = 0; v < n; v++) projection.addNode(String(v))
  for (let e = 0; e < m; e++) {
    const u = g.from[e]!, v = g.to[e]!, reverse = edgeBetween(g, v, u) !== undefined
    if (u < v || !reverse) projection.addEdge(String(Math.min(u, v)), String(Math.max(u, v)), { weight: reverse ? 2 : 1 })
  }
  const communityOf = louvain(projection, { getEdgeWeight: 'weight', randomWalk: false, rng: mulberry32(LOUVAIN_SEED) }) // seeded: Louvain never sees Math.random
  const community = Int32Array.from({ length: n }, (_, v) => communityOf[String(v)]!)
  const members: number[][] = []
  for (let v = 0; v < n; v++) (members[community[v]!] ??= []).push(v)
  const coreOf = new Int32Array(n).fill(-1), cores: number[][] = []
  members.forEach((group, c) => {
    if (group.length < config.minGroupSize) return
    cores[c] = denseCore(g, group, community, config)
    for (const v of cores[c]!) coreOf[v] = c
  })
  const internal: number[][] = []
  for (let e = 0; e < m; e++) {
    const c = coreOf[g.from[e]!]!
    if (c >= 0 && c === coreOf[g.to[e]!]!) (internal[c] ??= []).push(e)
  }
  const flags: Flag[] = []
  internal.forEach((edges, c) => {
    const group = cores[c]!, size = group.length, density = edges.length / (size * (size - 1))
    const inside = edges.flatMap(e => reviewsOf(g, e))
    // What the members give to authors outside the group: the baseline their inside scores are read against.
    const outside = group.flatMap(v => {
      const given: EdgeReview[] = []
      for (let e = g.outStart[v]!; e < g.outStart[v + 1]!; e++) {
        if (coreOf[g.to[e]!] !== c) given.push(...reviewsOf(g, e))
      }
      return given
    })
    flags.push(makeFlag({
      kind: 'dense-review-group', subjects: group.map(v => g.accounts[v]!),
      window: inside.reduce((w, r) => ({ from: Math.min(w.from, r.at), to: Math.max(w.to, r.at) }), { from: Infinity, to: -Infinity }),
      metric: 'directed edge density', value: round4(density), threshold: config.minGroupDensity, comparison: '>=',
      evidence: {
        members: group.map(v => g.accounts[v]!),
        communitySize: members[c]!.length,
        internalEdges: edges.map(e => ({ reviewer: g.accounts[g.from[e]!]!, author: g.accounts[g.to[e]!]!, reviews: g.reviewStart[e + 1]! - g.reviewStart[e]! })),
        edges: edges.length,
        possibleEdges: size * (size - 1),
        meanScoreInside: meanScore(inside),
        reviewsInside: inside.length,
        meanScoreGivenOutside: meanScore(outside),
        reviewsGivenOutside: outside.length,
        favourableInside: favourable(inside, config),
      },
      block: snapshot.block,
    }))
  })
  return flags
}

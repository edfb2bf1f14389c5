/**
 * Who reviewed whom, as a picture: a deterministic layout (also fed to sigma.js by the dashboard,
 * so the interactive graph and the case file's picture put every account in the same place) and
 * its SVG drawing. Concentric rings rather than a force layout: a ring reads as a loop in the
 * order the detector found it, and the same flag gives the same picture in every export.
 */
import { H, W, esc, frame, hashId, n2, short } from './common'

export type ReviewNodeKind = 'cycle' | 'member' | 'neighbour'

export interface ReviewGraphInput {
  /** reviewer -> author: "reviewer reviewed `reviews` proposals by author". */
  edges: readonly { reviewer: string; author: string; reviews: number; highlight?: boolean }[]
  /** Accounts of a cycle in path order; consecutive ones (and last to first) are highlighted edges. */
  cycle?: readonly string[]
  /** Accounts of a flagged group that are not on the cycle. */
  members?: readonly string[]
}

export interface ReviewGraphLayout {
  /** x, y in [-1, 1], y growing upward (as sigma.js and Gephi draw it; the SVG flips it). */
  nodes: { id: string; x: number; y: number; kind: ReviewNodeKind }[]
  edges: { from: string; to: string; reviews: number; highlight: boolean }[]
}

/** Coordinates to 4 decimals, and no -0: the layout is compared as text (tests, exports). */
const r4 = (v: number) => Math.round(v * 1e4) / 1e4 + 0

/**
 * Cycle accounts on the inner ring in cycle order (clockwise from the top, so the loop reads like
 * a clock; a pair sits left and right), other members on the next ring, neighbours (accounts only
 * on edges) outermost; members and neighbours sorted by id, so the input order does not move
 * anyone. Rings are evenly spaced out to radius 1; an innermost group of one sits at the centre.
 * Duplicate edges are merged (reviews added) and self-loops dropped; edges come out sorted by
 * (from, to).
 */
export function reviewGraphLayout(input: ReviewGraphInput): ReviewGraphLayout {
  const kinds = new Map<string, ReviewNodeKind>()
  const cycle: string[] = []
  for (const id of input.cycle ?? []) if (!kinds.has(id)) kinds.set(id, 'cycle'), cycle.push(id)
  const members = [...new Set(input.members ?? [])].filter((id) => !kinds.has(id)).sort(compare)
  for (const id of members) kinds.set(id, 'member')
  const neighbours = [...new Set(input.edges.flatMap((e) => [e.reviewer, e.author]))].filter((id) => !kinds.has(id)).sort(compare)
  for (const id of neighbours) kinds.set(id, 'neighbour')

  const rings = [cycle, members, neighbours].filter((ring) => ring.length > 0)
  const nodes: ReviewGraphLayout['nodes'] = []
  rings.forEach((ring, g) => {
    const radius = (g + 1) / rings.length
    if (g === 0 && ring.length === 1) {
      nodes.push({ id: ring[0]!, x: 0, y: 0, kind: kinds.get(ring[0]!)! })
      return
    }
    // A pair starts on the left (so it reads left to right); outer rings turn half a step, so their accounts do not sit behind inner ones.
    const start = ring.length === 2 ? Math.PI : Math.PI / 2
    const turn = g % 2 === 1 ? 0.5 : 0
    ring.forEach((id, j) => {
      const angle = start - (2 * Math.PI * (j + turn)) / ring.length
      nodes.push({ id, x: r4(radius * Math.cos(angle)), y: r4(radius * Math.sin(angle)), kind: kinds.get(id)! })
    })
  })

  const onCycle = new Set<string>()
  if (cycle.length >= 2) cycle.forEach((id, i) => onCycle.add(`${id}\n${cycle[(i + 1) % cycle.length]}`))
  const merged = new Map<string, ReviewGraphLayout['edges'][number]>()
  for (const e of input.edges) {
    if (e.reviewer === e.author) continue
    const key = `${e.reviewer}\n${e.author}`
    const edge = merged.get(key) ?? merged.set(key, { from: e.reviewer, to: e.author, reviews: 0, highlight: onCycle.has(key) }).get(key)!
    edge.reviews += Number.isFinite(e.reviews) ? e.reviews : 0
    edge.highlight ||= e.highlight === true
  }
  const edges = [...merged.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to))
  return { nodes, edges }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Plot box of the graph: centre and half-axes, px. Wider than tall, like the canvas; room left for side labels. */
const G = { cx: W / 2, cy: 168, rx: 142, ry: 108 }
const NODE_RADIUS: Record<ReviewNodeKind, number> = { cycle: 9, member: 9, neighbour: 6 }
const NODE_STYLE: Record<ReviewNodeKind, string> = {
  cycle: 'fill="#fdecea" stroke="#c0392b" stroke-width="2"',
  member: 'fill="#eaf2f8" stroke="#2980b9" stroke-width="2"',
  neighbour: 'fill="#fff" stroke="#999" stroke-width="1.5"',
}
const RED = '#c0392b'
const GREY = '#999'
/** Arrowhead length, px; the line stops at its base so a thick stroke does not poke through the tip. */
const ARROW = 10

/**
 * The layout drawn: accounts as circles with their short address outside the ring, each
 * reviewer -> author edge a line with an arrowhead, as thick as its review count, with the
 * count written on it; highlighted edges red and thicker, drawn over the grey ones. Edges both
 * ways between two accounts are drawn side by side, each on its right, so neither hides the other.
 */
export function reviewGraph(title: string, layout: ReviewGraphLayout): string {
  // Unique per picture (several sit in one dashboard page, where marker ids are global), yet the same every run.
  const id = `rg${hashId(JSON.stringify([title, layout]))}`
  const at = new Map(layout.nodes.map((n) => [n.id, { x: G.cx + n.x * G.rx, y: G.cy - n.y * G.ry, r: NODE_RADIUS[n.kind] }]))
  const pairs = new Set(layout.edges.map((e) => `${e.from}\n${e.to}`))
  const max = Math.max(1, ...layout.edges.map((e) => e.reviews))
  const drawn = [...layout.edges.filter((e) => !e.highlight), ...layout.edges.filter((e) => e.highlight)]
  const edges = drawn.flatMap((e) => {
    const p = at.get(e.from)
    const q = at.get(e.to)
    if (!p || !q) return []
    const len = Math.hypot(q.x - p.x, q.y - p.y)
    if (len < p.r + q.r + ARROW) return []
    const dx = (q.x - p.x) / len
    const dy = (q.y - p.y) / len
    // Area-like scaling: 1 review is a hairline, the busiest edge 5 px (6.5 when highlighted).
    const width = n2(1 + 4 * Math.sqrt(Math.max(0, e.reviews) / max) + (e.highlight ? 1.5 : 0))
    const off = pairs.has(`${e.to}\n${e.from}`) ? 3 + width / 2 : 0
    // Right of the direction of travel, in screen coordinates (y down).
    const nx = -dy
    const ny = dx
    const x1 = p.x + dx * (p.r + 2) + nx * off
    const y1 = p.y + dy * (p.r + 2) + ny * off
    const x2 = q.x - dx * (q.r + 2 + ARROW) + nx * off
    const y2 = q.y - dy * (q.r + 2 + ARROW) + ny * off
    // The count beside its line (on its right, clear of the stroke) and a little before the middle, so the two counts of a pair do not collide.
    const side = off + width / 2 + 8
    const lx = p.x + (q.x - p.x) * 0.45 + nx * side
    const ly = p.y + (q.y - p.y) * 0.45 + ny * side + 4
    const colour = e.highlight ? RED : GREY
    const label = String(e.reviews)
    return [
      `<g class="edge${e.highlight ? ' cycle' : ''}"><title>${esc(e.from)} reviewed ${esc(label)} proposal${e.reviews === 1 ? '' : 's'} by ${esc(e.to)}</title>` +
        `<line x1="${n2(x1)}" y1="${n2(y1)}" x2="${n2(x2)}" y2="${n2(y2)}" stroke="${colour}" stroke-width="${width}" marker-end="url(#${id}-${e.highlight ? 'red' : 'grey'})"/>` +
        // The count twice: a white outline first, so it stays legible over crossing lines (paint-order is not in the PDF renderer).
        `<text x="${n2(lx)}" y="${n2(ly)}" text-anchor="middle" font-size="10" font-weight="bold" fill="#fff" stroke="#fff" stroke-width="3">${esc(label)}</text>` +
        `<text x="${n2(lx)}" y="${n2(ly)}" text-anchor="middle" font-size="10" font-weight="bold" fill="${e.highlight ? RED : '#555'}">${esc(label)}</text></g>`,
    ]
  })
  const nodes = layout.nodes.map((n) => {
    const { x, y, r } = at.get(n.id)!
    // Caption outward from the centre: beside the node on the sides, above or below at the top and bottom.
    const ux = n.x === 0 && n.y === 0 ? 0 : n.x / Math.hypot(n.x, n.y)
    const uy = n.x === 0 && n.y === 0 ? 1 : -n.y / Math.hypot(n.x, n.y)
    const anchor = ux > 0.35 ? 'start' : ux < -0.35 ? 'end' : 'middle'
    const tx = x + ux * (r + 5)
    const ty = y + uy * (r + 5) + (uy > 0.35 ? 9 : uy < -0.35 ? -2 : 4)
    return `<g class="node ${n.kind}"><title>${esc(n.id)} (${n.kind})</title><circle cx="${n2(x)}" cy="${n2(y)}" r="${r}" ${NODE_STYLE[n.kind]}/>` +
      `<text x="${n2(tx)}" y="${n2(ty)}" text-anchor="${anchor}" font-size="10"${n.kind === 'neighbour' ? ' fill="#555"' : ''}>${esc(short(n.id))}</text></g>`
  })
  const caption = `Arrows point from reviewer to author; numbers are reviews${layout.edges.some((e) => e.highlight) ? '; red: the flagged reviews' : ''}.`
  return frame(title, [
    `<defs>${arrowMarker(`${id}-grey`, GREY)}${arrowMarker(`${id}-red`, RED)}</defs>`,
    ...(layout.nodes.length ? [] : [`<text x="${W / 2}" y="${G.cy}" text-anchor="middle" fill="#777">no reviews to draw</text>`]),
    ...edges,
    ...nodes,
    `<text x="${W / 2}" y="${H - 8}" text-anchor="middle" font-size="10" fill="#555">${esc(caption)}</text>`,
  ])
}

/** An arrowhead of fixed size in px (userSpaceOnUse: a thick edge does not get a huge arrow), its base on the line's end. */
const arrowMarker = (id: string, fill: string) =>
  `<marker id="${id}" viewBox="0 0 ${ARROW} ${ARROW}" refX="0" refY="${ARROW / 2}" markerWidth="${ARROW}" markerHeight="${ARROW}" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L${ARROW},${ARROW / 2} L0,${ARROW} z" fill="${fill}"/></marker>`

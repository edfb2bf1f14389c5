import { describe, expect, it } from 'vitest'
import { reviewGraph, reviewGraphLayout } from './graph'

const acc = (c: string) => `0x${c.repeat(40)}`
const [A, B, C, D, E, F] = ['a', 'b', 'c', 'd', 'e', 'f'].map(acc) as [string, string, string, string, string, string]
const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length
const angle = (n: { x: number; y: number }) => Math.atan2(n.y, n.x)

describe('review graph layout', () => {
  const input = {
    cycle: [C, A, B],
    members: [E],
    edges: [
      { reviewer: C, author: A, reviews: 2 },
      { reviewer: A, author: B, reviews: 1 },
      { reviewer: B, author: C, reviews: 4 },
      { reviewer: B, author: A, reviews: 1 },
      { reviewer: F, author: C, reviews: 1 },
      { reviewer: D, author: B, reviews: 3, highlight: true },
      { reviewer: D, author: D, reviews: 9 },
    ],
  }

  it('puts the cycle inside in its order, members next, neighbours outside sorted by id, all within [-1, 1]', () => {
    const { nodes } = reviewGraphLayout(input)
    expect(nodes.map((n) => [n.id, n.kind])).toEqual([[C, 'cycle'], [A, 'cycle'], [B, 'cycle'], [E, 'member'], [D, 'neighbour'], [F, 'neighbour']])
    const radius = (id: string) => Math.hypot(nodes.find((n) => n.id === id)!.x, nodes.find((n) => n.id === id)!.y)
    expect(radius(C)).toBeCloseTo(1 / 3, 3)
    expect(radius(D)).toBeCloseTo(1, 3)
    expect(radius(C)).toBeLessThan(radius(E))
    expect(radius(E)).toBeLessThan(radius(F))
    for (const n of nodes) {
      expect(Math.abs(n.x)).toBeLessThanOrEqual(1)
      expect(Math.abs(n.y)).toBeLessThanOrEqual(1)
    }
    // The first cycle account at the top, the rest clockwise (y up: angles decreasing).
    const [c, a, b] = nodes
    expect(c).toMatchObject({ x: 0 })
    expect(c!.y).toBeGreaterThan(0)
    const turn = (from: number, to: number) => (from - to + 2 * Math.PI) % (2 * Math.PI)
    expect(turn(angle(c!), angle(a!))).toBeCloseTo((2 * Math.PI) / 3, 3)
    expect(turn(angle(a!), angle(b!))).toBeCloseTo((2 * Math.PI) / 3, 3)
  })

  it('highlights the cycle edges (last to first too) and the marked ones, not the reverse ones; drops self-loops and merges duplicates', () => {
    const { edges } = reviewGraphLayout({ ...input, edges: [...input.edges, { reviewer: C, author: A, reviews: 3 }] })
    const of = (from: string, to: string) => edges.find((e) => e.from === from && e.to === to)
    expect(edges).toHaveLength(6)
    expect(of(C, A)).toEqual({ from: C, to: A, reviews: 5, highlight: true })
    expect(of(A, B)?.highlight).toBe(true)
    expect(of(B, C)?.highlight).toBe(true)
    expect(of(B, A)?.highlight).toBe(false)
    expect(of(F, C)?.highlight).toBe(false)
    expect(of(D, B)?.highlight).toBe(true)
    expect(of(D, D)).toBeUndefined()
    // Sorted by (from, to), whatever the input order.
    expect(edges.map((e) => e.from + e.to)).toEqual([...edges.map((e) => e.from + e.to)].sort())
  })

  it('is deterministic: the same input gives the same layout and picture, and input order does not move anyone', () => {
    expect(JSON.stringify(reviewGraphLayout(input))).toBe(JSON.stringify(reviewGraphLayout(input)))
    expect(reviewGraph('t', reviewGraphLayout(input))).toBe(reviewGraph('t', reviewGraphLayout(input)))
    const shuffled = { ...input, members: [E], edges: [...input.edges].reverse() }
    expect(reviewGraphLayout(shuffled)).toEqual(reviewGraphLayout(input))
    // Rounded, and no -0 (cos of a right angle is -6e-17, not 0).
    for (const n of reviewGraphLayout(input).nodes) for (const v of [n.x, n.y]) expect(Object.is(v, -0) || String(v).length > 7).toBe(false)
  })

  it('lays a pair left and right, and a lone innermost account at the centre', () => {
    const pair = reviewGraphLayout({ cycle: [A, B], edges: [{ reviewer: A, author: B, reviews: 1 }, { reviewer: B, author: A, reviews: 1 }] })
    expect(pair.nodes).toEqual([{ id: A, x: -1, y: 0, kind: 'cycle' }, { id: B, x: 1, y: 0, kind: 'cycle' }])
    expect(pair.edges.every((e) => e.highlight)).toBe(true)
    const star = reviewGraphLayout({ members: [A], edges: [{ reviewer: B, author: A, reviews: 1 }, { reviewer: C, author: A, reviews: 1 }] })
    expect(star.nodes[0]).toEqual({ id: A, x: 0, y: 0, kind: 'member' })
    expect(star.nodes.slice(1).map((n) => n.kind)).toEqual(['neighbour', 'neighbour'])
  })
})

describe('review graph picture', () => {
  const layout = reviewGraphLayout({
    cycle: [A, B, C],
    edges: [
      { reviewer: A, author: B, reviews: 4 },
      { reviewer: B, author: C, reviews: 1 },
      { reviewer: C, author: A, reviews: 2 },
      { reviewer: B, author: A, reviews: 1 },
      { reviewer: D, author: A, reviews: 1 },
    ],
  })

  it('draws a circle per account and a line with an arrowhead per edge, the cycle red and thicker, counts written', () => {
    const svg = reviewGraph('Ring <of> "3" & more', layout)
    expect(count(svg, /<g class="node /g)).toBe(4)
    expect(count(svg, /<g class="node cycle"/g)).toBe(3)
    expect(count(svg, /<g class="node neighbour"/g)).toBe(1)
    expect(count(svg, /<g class="edge"/g)).toBe(2)
    expect(count(svg, /<g class="edge cycle"/g)).toBe(3)
    expect(count(svg, /<line [^>]*marker-end="url\(#rg\w+-red\)"/g)).toBe(3)
    expect(count(svg, /<line [^>]*marker-end="url\(#rg\w+-grey\)"/g)).toBe(2)
    expect(count(svg, /<marker /g)).toBe(2)
    expect(svg).toContain('Ring &lt;of&gt; &quot;3&quot; &amp; more')
    expect(svg).toContain('>0xaaaa…aaaa</text>')
    expect(svg).toMatch(/<g class="edge cycle"><title>0xa+ reviewed 4 proposals by 0xb+<\/title><line [^>]*stroke="#c0392b"/)
    const width = (from: string, to: string) => Number(new RegExp(`<title>${from} reviewed \\d+ proposals? by ${to}</title><line [^>]*stroke-width="([\\d.]+)"`).exec(svg)![1])
    // More reviews, thicker; highlighted thicker than grey at the same count.
    expect(width(A, B)).toBeGreaterThan(width(C, A))
    expect(width(B, C)).toBeGreaterThan(width(B, A))
    expect(svg).toMatch(/font-weight="bold" fill="#c0392b">4<\/text>/)
    // Highlighted edges drawn last, over the grey ones.
    expect(svg.lastIndexOf('class="edge"')).toBeLessThan(svg.indexOf('class="edge cycle"'))
  })

  it('draws the two directions of a pair apart, each with its own count', () => {
    const svg = reviewGraph('pair', reviewGraphLayout({ cycle: [A, B], edges: [{ reviewer: A, author: B, reviews: 3 }, { reviewer: B, author: A, reviews: 2 }] }))
    const lines = [...svg.matchAll(/<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"/g)].map((m) => m.slice(1).map(Number))
    expect(lines).toHaveLength(2)
    // Horizontal, on different heights.
    expect(lines[0]![1]).toBe(lines[0]![3])
    expect(lines[0]![1]).not.toBe(lines[1]![1])
    expect(svg).toMatch(/fill="#c0392b">3<\/text>/)
    expect(svg).toMatch(/fill="#c0392b">2<\/text>/)
  })

  it('keeps marker ids apart between pictures, and draws an empty layout without failing', () => {
    const id = (svg: string) => /<marker id="(\w+)-grey"/.exec(svg)![1]
    expect(id(reviewGraph('one', layout))).not.toBe(id(reviewGraph('two', layout)))
    const empty = reviewGraph('none', reviewGraphLayout({ edges: [] }))
    expect(empty).toContain('no reviews to draw')
    expect(count(empty, /class="node/g)).toBe(0)
  })
})

/**
 * The review graph around a flag (reciprocal reviews, rings, dense groups): who reviewed whose
 * proposals among the flag's accounts and their nearest neighbours, drawn with sigma.js on graphology
 * in the layout the case file's picture uses (src/charts/graph.ts), the flagged edges in red.
 */
import Graph from 'graphology'
import Sigma from 'sigma'
import { EdgeArrowProgram, EdgeDoubleArrowProgram } from 'sigma/rendering'
import { short } from '../../../src/charts/common'
import { reviewGraphLayout, type ReviewGraphInput } from '../../../src/charts/svg'
import { gql } from '../api'
import { FLAG_FIELDS, type FlagRow } from '../flags'
import { account, esc, table } from '../html'
import { forAnalysts, type View } from '../view'

/** Neighbours drawn: those with the most reviews to or from the flag's accounts (the rest would only crowd it). */
const NEIGHBOURS = 24

interface Edge {
  reviewer: string
  author: string
  reviews: number
}

/** The flag's own edges, and its cycle or members, from its evidence. */
function flagGraph(flag: FlagRow): { edges: Edge[]; cycle?: string[]; members?: string[] } {
  const e = flag.evidence
  const count = (v: unknown) => (Array.isArray(v) ? v.length : Number(v ?? 0))
  switch (flag.kind) {
    case 'review-ring':
      return { edges: ((e.edges as { reviewer: string; author: string; reviews: unknown }[] | undefined) ?? []).map((x) => ({ reviewer: x.reviewer, author: x.author, reviews: count(x.reviews) })), cycle: (e.cycle as string[] | undefined) ?? flag.subjects }
    case 'reciprocal-review': {
      const [a = '', b = ''] = (e.pair as string[] | undefined) ?? flag.subjects
      return { edges: [{ reviewer: a, author: b, reviews: count(e.firstReviewedSecond) }, { reviewer: b, author: a, reviews: count(e.secondReviewedFirst) }], cycle: [a, b] }
    }
    default:
      return { edges: ((e.internalEdges as Edge[] | undefined) ?? []).map((x) => ({ ...x, reviews: count(x.reviews) })), members: (e.members as string[] | undefined) ?? flag.subjects }
  }
}

export const ring: View = async ({ role, args }) => {
  if (role === 'public') return forAnalysts
  const id = decodeURIComponent(args.join('/'))
  const { flagById: flag } = await gql<{ flagById: FlagRow | null }>(`query($id: ID!) { flagById(id: $id) { ${FLAG_FIELDS} } }`, { id })
  if (!flag) return `<section class="error">No flag ${esc(id)} at the current analytics watermark.</section>`
  const own = flagGraph(flag)
  const { reviewEdges } = await gql<{ reviewEdges: Edge[] }>(
    `query($s: [String!]!, $n: Int!) { reviewEdges(accounts: $s, neighbours: $n) { reviewer author reviews } }`,
    { s: flag.subjects, n: NEIGHBOURS },
  )
  // Every review on record is counted, so the flag's edges are among them: marked red.
  const flagged = new Set(own.edges.map((e) => `${e.reviewer}>${e.author}`))
  const input: ReviewGraphInput = { edges: reviewEdges.map((e) => ({ ...e, highlight: flagged.has(`${e.reviewer}>${e.author}`) })), cycle: own.cycle, members: own.members ?? flag.subjects }
  const layout = reviewGraphLayout(input)
  const html = `<h1>Review graph: ${esc(flag.kind)}</h1>
    <section><p>${esc(flag.metric)}: <strong>${esc(flag.value)}</strong> ${esc(flag.comparison)} ${esc(flag.threshold)}${flag.caseId ? `; case <a href="#/case/${encodeURIComponent(flag.caseId)}">${esc(flag.caseId)}</a>` : ''}.
      An arrow runs from a reviewer to the author of a proposal they reviewed, labelled with how many on record (the flag's evidence counts those within its window); the flag's edges are red, its accounts inside, up to ${NEIGHBOURS} neighbours outside.</p>
      <div id="graph" class="graph" data-nodes="${layout.nodes.length}" data-edges="${layout.edges.length}" data-flagged="${layout.edges.filter((e) => e.highlight).length}"></div></section>
    <section><h2>Edges</h2>${table(['reviewer', 'author', 'reviews', ''], layout.edges.sort((a, b) => Number(b.highlight) - Number(a.highlight) || b.reviews - a.reviews).map((e) => [account(e.from), account(e.to), esc(e.reviews), e.highlight ? '<strong>flagged</strong>' : '']))}</section>`
  return {
    html,
    mount(root) {
      const graph = new Graph({ type: 'directed' })
      const COLOURS = { cycle: '#c0392b', member: '#e67e22', neighbour: '#7f8c8d' }
      for (const n of layout.nodes) graph.addNode(n.id, { x: n.x, y: n.y, size: n.kind === 'neighbour' ? 6 : 11, color: COLOURS[n.kind], label: short(n.id) })
      // Sigma draws straight edges, so a pair reviewing each other would be two arrows on one line:
      // drawn instead as one double-headed edge labelled with both counts (the table has each way).
      const byKey = new Map(layout.edges.map((e) => [`${e.from}>${e.to}`, e]))
      for (const e of layout.edges) {
        const back = byKey.get(`${e.to}>${e.from}`)
        if (back && e.from > e.to) continue
        const highlight = e.highlight || !!back?.highlight
        graph.addDirectedEdge(e.from, e.to, {
          size: highlight ? 4 : 1 + Math.min(3, Math.log2(e.reviews + (back?.reviews ?? 0))),
          color: highlight ? '#c0392b' : '#bdc3c7',
          label: back ? `${e.reviews} ⇄ ${back.reviews}` : String(e.reviews),
          type: back ? 'doubleArrow' : 'arrow',
        })
      }
      const renderer = new Sigma(graph, root.querySelector<HTMLElement>('#graph')!, {
        renderEdgeLabels: true,
        labelRenderedSizeThreshold: 0,
        edgeProgramClasses: { arrow: EdgeArrowProgram, doubleArrow: EdgeDoubleArrowProgram },
      })
      return () => renderer.kill()
    },
  }
}

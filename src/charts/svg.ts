/**
 * The evidence charts, as SVG text: pure functions from a flag's evidence to a picture, so that the
 * dashboard (web/) and the PDF case file draw the same chart from the same numbers. No library:
 * each chart is a handful of shapes on a fixed canvas, with its numbers written on it (a reader
 * checks a flag against its threshold without hovering anything).
 */

import { H, M, W, axes, axesBox, colour, compactAll, dash, esc, exact, frame, n2, niceTicks, scale, short, spread } from './common'
import { reviewGraph, reviewGraphLayout } from './graph'

export { reviewGraph, reviewGraphLayout, type ReviewGraphInput, type ReviewGraphLayout, type ReviewNodeKind } from './graph'

/**
 * Two reviewers' scores on their shared proposals: one circle per distinct score pair, its area by
 * how many proposals gave it, the diagonal of full agreement, and r.
 */
export function scoreScatter(scores: readonly (readonly [number, number])[], labels: readonly [string, string], r: number, domain: readonly [number, number] = [1, 10]): string {
  const x = scale(domain[0], domain[1], M.left + 12, W - M.right - 12)
  const y = scale(domain[0], domain[1], H - M.bottom - 12, M.top + 12)
  const counts = new Map<string, { a: number; b: number; n: number }>()
  for (const [a, b] of scores) {
    const key = `${a},${b}`
    const c = counts.get(key) ?? counts.set(key, { a, b, n: 0 }).get(key)!
    c.n++
  }
  const max = Math.max(1, ...[...counts.values()].map((c) => c.n))
  const ticks = Array.from({ length: domain[1] - domain[0] + 1 }, (_, i) => domain[0] + i)
  return frame(`Scores on ${scores.length} shared proposals: r = ${n2(r)}`, [
    ...axes(`${short(labels[0])} score`, `${short(labels[1])} score`),
    ...ticks.map((t) => `<text x="${x(t)}" y="${H - M.bottom + 14}" text-anchor="middle">${t}</text><text x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`),
    `<line class="agreement" x1="${x(domain[0])}" y1="${y(domain[0])}" x2="${x(domain[1])}" y2="${y(domain[1])}" stroke="#999" stroke-dasharray="4 3"/>`,
    ...[...counts.values()].map((c) => `<circle class="point" cx="${n2(x(c.a))}" cy="${n2(y(c.b))}" r="${n2(4 + 8 * Math.sqrt(c.n / max))}" fill="#c0392b" fill-opacity="0.6"><title>${c.a}, ${c.b}: ${c.n} proposal${c.n === 1 ? '' : 's'}</title></circle>`),
  ])
}

/**
 * Commit times of two reviewers on the proposals where both committed close together: one row per
 * reviewer, a dot per commit, each pair joined, on a shared time axis.
 */
export function commitTimeline(coCommits: readonly { proposalId: string; committedAt: readonly [number, number]; gapSeconds: number }[], labels: readonly [string, string], windowSeconds: number): string {
  const times = coCommits.flatMap((c) => c.committedAt)
  const t0 = Math.min(...times)
  const t1 = Math.max(...times)
  const x = scale(t0, t1, M.left + 12, W - M.right - 12)
  const rows = [M.top + 60, M.top + 160]
  const date = (t: number) => new Date(t * 1000).toISOString().slice(0, 10)
  return frame(`${coCommits.length} proposals committed within ${windowSeconds} s of each other`, [
    ...labels.map((l, i) => `<text x="${M.left}" y="${rows[i]! - 14}">${esc(short(l))}</text><line x1="${M.left}" y1="${rows[i]}" x2="${W - M.right}" y2="${rows[i]}" stroke="#ddd"/>`),
    ...coCommits.map((c) => {
      const [a, b] = c.committedAt
      return `<g class="co-commit"><title>${esc(c.proposalId)}: ${c.gapSeconds} s apart</title><line x1="${n2(x(a))}" y1="${rows[0]}" x2="${n2(x(b))}" y2="${rows[1]}" stroke="#2c3e50" stroke-opacity="0.4"/><circle cx="${n2(x(a))}" cy="${rows[0]}" r="4" fill="#2c3e50"/><circle cx="${n2(x(b))}" cy="${rows[1]}" r="4" fill="#2c3e50"/></g>`
    }),
    `<text x="${M.left}" y="${H - 12}">${date(t0)}</text>`,
    `<text x="${W - M.right}" y="${H - 12}" text-anchor="end">${date(t1)}</text>`,
    `<text x="${W / 2}" y="${H - 12}" text-anchor="middle">largest gap ${Math.max(...coCommits.map((c) => c.gapSeconds))} s</text>`,
  ])
}

/**
 * Rates (0-1) as horizontal bars against a threshold line, each labelled with its value. A bar over
 * the threshold is red. `thresholdLabel` names the line when it is a comparison rather than a
 * configured threshold (e.g. the rate of a reviewer's other reviews).
 */
export function rateBars(title: string, bars: readonly { label: string; rate: number; detail?: string }[], threshold: number, thresholdLabel = `threshold ${Math.round(threshold * 100)} %`): string {
  const rowHeight = 28
  const height = M.top + bars.length * rowHeight + M.bottom
  const left = 150
  const x = scale(0, 1, left, W - M.right - 40)
  return frame(
    title,
    [
      ...bars.map((b, i) => {
        const y = M.top + i * rowHeight + 6
        return `<g class="bar"><text x="${left - 6}" y="${y + 13}" text-anchor="end">${esc(b.label)}</text><rect x="${left}" y="${y}" width="${n2(x(b.rate) - left)}" height="18" fill="${b.rate > threshold ? '#c0392b' : '#7f8c8d'}"/><text x="${n2(x(b.rate) + 4)}" y="${y + 13}">${Math.round(b.rate * 100)} %${b.detail ? ` (${esc(b.detail)})` : ''}</text></g>`
      }),
      `<line class="threshold" x1="${n2(x(threshold))}" y1="${M.top}" x2="${n2(x(threshold))}" y2="${height - M.bottom + 6}" stroke="#e67e22" stroke-dasharray="4 3"/>`,
      `<text x="${n2(x(threshold))}" y="${height - M.bottom + 20}" text-anchor="middle" fill="#e67e22">${esc(thresholdLabel)}</text>`,
    ],
    height,
  )
}

/**
 * A value per compute epoch as columns (e.g. missed tasks per deadline epoch), one column per
 * point in the order given (consecutive epochs). `threshold` draws a per-epoch line; `window`
 * shades a span of epochs (a measuring window, whose threshold is per window, not per epoch) and
 * writes its label above the plot. Counts are written on the columns when they fit.
 */
export function epochColumns(title: string, points: readonly { epoch: number; value: number }[], yLabel: string, threshold?: number, window?: { from: number; to: number; label: string }): string {
  const top = window ? M.top + 14 : M.top
  const ticks = niceTicks(0, Math.max(threshold ?? 0, ...points.map((p) => p.value), 1), 4, points.every((p) => Number.isInteger(p.value)))
  const max = ticks[ticks.length - 1]!
  const x = scale(0, Math.max(1, points.length), M.left, W - M.right)
  // Headroom over the top tick for the count written on the tallest column.
  const y = scale(0, max, H - M.bottom, top + 12)
  const step = (W - M.left - M.right) / Math.max(1, points.length)
  // A 1 px gap while columns are wide enough to keep one; hundreds of epochs still fit the canvas.
  const width = step > 3 ? step - 1 : step
  const shade: string[] = []
  if (window) {
    const inside = points.flatMap((p, i) => (p.epoch >= window.from && p.epoch <= window.to ? [i] : []))
    if (inside.length) {
      const x0 = x(inside[0]!)
      const x1 = x(inside[inside.length - 1]! + 1)
      const mid = Math.min(Math.max((x0 + x1) / 2, M.left + 110), W - M.right - 110)
      shade.push(
        `<rect class="window" x="${n2(x0)}" y="${top}" width="${n2(x1 - x0)}" height="${n2(H - M.bottom - top)}" fill="#f5b041" fill-opacity="0.25" stroke="#e67e22" stroke-dasharray="4 3"/>`,
        `<text x="${n2(mid)}" y="${top - 5}" text-anchor="middle" fill="#b9770e">${esc(window.label)}</text>`,
      )
    }
  }
  return frame(title, [
    ...axesBox('epoch', yLabel, { x0: M.left, x1: W - M.right, top, y0: H - M.bottom }),
    ...ticks.map((t) => `<text x="${M.left - 6}" y="${n2(y(t) + 4)}" text-anchor="end">${t}</text>` + (t > 0 ? `<line x1="${M.left}" y1="${n2(y(t))}" x2="${W - M.right}" y2="${n2(y(t))}" stroke="#eee"/>` : '')),
    ...shade,
    ...points.map((p, i) => `<rect class="column" x="${n2(x(i))}" y="${n2(y(p.value))}" width="${n2(width)}" height="${n2(y(0) - y(p.value))}" fill="#2980b9"><title>epoch ${p.epoch}: ${p.value}</title></rect>`),
    ...(step >= 12 ? points.flatMap((p, i) => (p.value === 0 ? [] : [`<text x="${n2(x(i) + width / 2)}" y="${n2(y(p.value) - 3)}" text-anchor="middle" font-size="10">${n2(p.value)}</text>`])) : []),
    ...(points.length ? [`<text x="${M.left}" y="${H - M.bottom + 14}">${points[0]!.epoch}</text>`, `<text x="${W - M.right}" y="${H - M.bottom + 14}" text-anchor="end">${points[points.length - 1]!.epoch}</text>`] : []),
    ...(threshold === undefined ? [] : [`<line class="threshold" x1="${M.left}" y1="${n2(y(threshold))}" x2="${W - M.right}" y2="${n2(y(threshold))}" stroke="#e67e22" stroke-dasharray="4 3"/>`]),
  ])
}

/**
 * Lines over a shared x axis (e.g. flags by kind over analytics blocks), drawn as steps: a count
 * holds its value until the next point, which is how a per-block tally behaves. Each series has
 * its colour (dashed once the palette repeats) and a legend entry; its last value is written at
 * the right end of its line. One point is a dot; no points at all gives the empty axes.
 */
export function timeSeries(title: string, series: readonly { name: string; points: readonly { x: number; y: number }[] }[], xLabel: string, yLabel: string): string {
  const right = W - M.right - 30
  // Legend under the title, wrapped into rows; the plot starts below it.
  const legend: string[] = []
  let lx = M.left
  let row = 0
  series.forEach((s, i) => {
    const width = 26 + s.name.length * 6 + 12
    if (lx > M.left && lx + width > W - M.right) (lx = M.left), row++
    const ly = M.top + 6 + row * 15
    legend.push(`<g class="legend"><line x1="${lx}" y1="${ly - 4}" x2="${lx + 20}" y2="${ly - 4}" stroke="${colour(i)}" stroke-width="2.5"${dash(i)}/><text x="${lx + 25}" y="${ly}">${esc(s.name)}</text></g>`)
    lx += width
  })
  const top = M.top + (series.length ? (row + 1) * 15 : 0) + 6
  const bottom = H - M.bottom
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
  const box = { x0: M.left, x1: right, top, y0: bottom }
  if (!all.length) return frame(title, [...legend, ...axesBox(xLabel, yLabel, box), `<text x="${(M.left + right) / 2}" y="${(top + bottom) / 2}" text-anchor="middle" fill="#777">no data</text>`])

  const x0 = Math.min(...all.map((p) => p.x))
  const x1 = Math.max(...all.map((p) => p.x))
  const ticks = niceTicks(Math.min(0, ...all.map((p) => p.y)), Math.max(...all.map((p) => p.y)), 4, all.every((p) => Number.isInteger(p.y)))
  const x = scale(x0, x1, M.left + 4, right - 4)
  // Headroom, so a line along the top tick is not drawn on the plot's edge.
  const y = scale(ticks[0]!, ticks[ticks.length - 1]!, bottom, top + 8)
  const lines: string[] = []
  const ends: { y: number; text: string; colour: string }[] = []
  series.forEach((s, i) => {
    const points = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x)
    if (!points.length) return
    // Steps: across at the old value, then up or down to the new one; the last value runs on to the axis end.
    const d = [`M${n2(x(points[0]!.x))},${n2(y(points[0]!.y))}`, ...points.slice(1).map((p) => `H${n2(x(p.x))}V${n2(y(p.y))}`), x1 > points[points.length - 1]!.x ? `H${n2(x(x1))}` : ''].join('')
    const dots = points.length <= 40 ? points.map((p) => `<circle cx="${n2(x(p.x))}" cy="${n2(y(p.y))}" r="${points.length === 1 ? 3.5 : 2.5}" fill="${colour(i)}"><title>${esc(s.name)}: ${exact(p.y)} at ${exact(p.x)}</title></circle>`).join('') : ''
    lines.push(`<g class="series"><path d="${d}" fill="none" stroke="${colour(i)}" stroke-width="2"${dash(i)}/>${dots}</g>`)
    const last = points[points.length - 1]!
    ends.push({ y: y(last.y), text: exact(last.y), colour: colour(i) })
  })
  const endYs = spread(ends.map((e) => e.y + 4), 11, top + 4, bottom + 4)
  return frame(title, [
    ...legend,
    ...ticks.map((t) => `<line x1="${M.left}" y1="${n2(y(t))}" x2="${right}" y2="${n2(y(t))}" stroke="#eee"/><text x="${M.left - 6}" y="${n2(y(t) + 4)}" text-anchor="end">${exact(t)}</text>`),
    ...axesBox(xLabel, yLabel, box),
    // The axis ends' values; a single x (one analytics run) is written under its points, in the middle.
    ...(x1 > x0 ? [`<text x="${M.left}" y="${bottom + 14}">${exact(x0)}</text>`, `<text x="${right}" y="${bottom + 14}" text-anchor="end">${exact(x1)}</text>`] : [`<text x="${n2(x(x0))}" y="${bottom + 14}" text-anchor="middle">${exact(x0)}</text>`]),
    ...lines,
    ...ends.map((e, i) => `<text class="end" x="${right + 4}" y="${n2(endYs[i]!)}" fill="${e.colour}" font-weight="bold">${esc(e.text)}</text>`),
  ])
}

/**
 * Counts per bucket as adjacent columns (e.g. accounts by REP), bucket bounds written under the
 * column edges in compact form (REP in token units runs to 1e18 and beyond) with as many digits as
 * keep neighbouring bounds apart, thinned out when they would overlap; counts written on the
 * columns when they fit. Buckets are drawn in order of `from`, equally wide, so logarithmic
 * buckets read as well as linear ones.
 */
export function histogram(title: string, buckets: readonly { from: number; to: number; count: number }[], xLabel: string): string {
  const sorted = [...buckets].filter((b) => Number.isFinite(b.from) && Number.isFinite(b.to) && Number.isFinite(b.count)).sort((a, b) => a.from - b.from)
  const bottom = H - M.bottom
  if (!sorted.length) return frame(title, [...axes(xLabel, 'count'), `<text x="${W / 2}" y="${(M.top + bottom) / 2}" text-anchor="middle" fill="#777">no data</text>`])
  const n = sorted.length
  const ticks = niceTicks(0, Math.max(1, ...sorted.map((b) => b.count)), 4, sorted.every((b) => Number.isInteger(b.count)))
  const x = scale(0, n, M.left, W - M.right)
  // Headroom over the top tick for the count written on the tallest column.
  const y = scale(0, ticks[ticks.length - 1]!, bottom, M.top + 12)
  const step = (W - M.left - M.right) / n
  const width = step > 3 ? step - 1 : step
  const bounds = [...sorted.map((b) => b.from), sorted[n - 1]!.to]
  const labels = compactAll(bounds)
  // Every k-th bound, k so that labels (about 6 px a character) do not touch; the last bound always, dropping a neighbour too close to it.
  const labelWidth = Math.max(...labels.map((l) => l.length)) * 6 + 8
  const k = Math.max(1, Math.ceil(labelWidth / step))
  const shown = bounds.map((_, i) => i).filter((i) => i === n || (i % k === 0 && (n - i) * step >= labelWidth))
  return frame(title, [
    ...ticks.map((t) => `<line x1="${M.left}" y1="${n2(y(t))}" x2="${W - M.right}" y2="${n2(y(t))}" stroke="#eee"/><text x="${M.left - 6}" y="${n2(y(t) + 4)}" text-anchor="end">${exact(t)}</text>`),
    ...axes(xLabel, 'count'),
    ...sorted.map((b, i) => `<rect class="column" x="${n2(x(i) + (step > 3 ? 0.5 : 0))}" y="${n2(y(b.count))}" width="${n2(width)}" height="${n2(bottom - y(b.count))}" fill="#2980b9"><title>${esc(labels[i]!)} to ${esc(labels[i + 1] ?? '')}: ${b.count}</title></rect>`),
    ...sorted.flatMap((b, i) => (b.count !== 0 && step >= String(b.count).length * 6 + 4 ? [`<text x="${n2(x(i) + step / 2)}" y="${n2(y(b.count) - 3)}" text-anchor="middle" font-size="10">${exact(b.count)}</text>`] : [])),
    ...shown.map((i) => `<line x1="${n2(x(i))}" y1="${bottom}" x2="${n2(x(i))}" y2="${bottom + 4}" stroke="#333"/><text class="bound" x="${n2(x(i))}" y="${bottom + 15}" text-anchor="${i === 0 ? 'start' : i === n ? 'end' : 'middle'}">${esc(labels[i]!)}</text>`),
  ])
}

/**
 * Status of one epoch in a provider's heartbeat record. An epoch not owed was, unless `notOwed` says
 * otherwise, a jail term (the detector's evidence has no other); 'not judged' is one the analytics
 * have not completed yet.
 */
export interface EpochHeartbeat { epoch: number; owed: boolean; signed: boolean; notOwed?: 'jailed' | 'left' | 'not judged' }

const HEARTBEAT = {
  signed: { fill: '#2980b9', label: 'signed' },
  missed: { fill: '#c0392b', label: 'missed' },
  'not owed': { fill: '#d5d8dc', label: 'not owed' },
  'not judged': { fill: '#f4f6f7', label: 'not judged yet' },
} as const
type HeartbeatStatus = keyof typeof HEARTBEAT
const statusOf = (e: EpochHeartbeat): HeartbeatStatus => (!e.owed ? (e.notOwed === 'not judged' ? 'not judged' : 'not owed') : e.signed ? 'signed' : 'missed')

/**
 * A provider's epochs as one strip of cells, blue where an owed heartbeat was signed, red where it
 * was missed, grey where none was owed (jailed, or after the provider left), pale where not judged
 * yet, with the counts in the legend; `worst` outlines a measuring window and writes its label above
 * it. Runs of one status are one rectangle, so a year of epochs stays a small picture. A short
 * canvas: one strip needs no height.
 */
export function heartbeatStrip(title: string, series: readonly EpochHeartbeat[], worst?: { from: number; to: number; label: string }, note?: string): string {
  const height = 200
  const epochs = [...series].sort((a, b) => a.epoch - b.epoch)
  const left = 24
  const right = W - 24
  const strip = { top: 84, bottom: 126 }
  const counts = { signed: 0, missed: 0, 'not owed': 0, 'not judged': 0 }
  for (const e of epochs) counts[statusOf(e)]++
  const reasons = [...new Set(epochs.filter((e) => statusOf(e) === 'not owed').map((e) => e.notOwed ?? 'jailed'))]
  const labelOf = (status: HeartbeatStatus) => (status === 'not owed' ? `not owed (${reasons.length ? reasons.join(', ') : 'jailed'})` : HEARTBEAT[status].label)
  const legend: string[] = []
  let lx = left
  for (const status of Object.keys(HEARTBEAT) as HeartbeatStatus[]) {
    if (status === 'not judged' && counts[status] === 0) continue
    const text = `${labelOf(status)}: ${counts[status]}`
    legend.push(`<g class="legend"><rect x="${lx}" y="35" width="12" height="12" fill="${HEARTBEAT[status].fill}"/><text x="${lx + 17}" y="45">${esc(text)}</text></g>`)
    lx += 17 + text.length * 6 + 18
  }
  if (!epochs.length) return frame(title, [...legend, `<text x="${W / 2}" y="${(strip.top + strip.bottom) / 2}" text-anchor="middle" fill="#777">no epochs</text>`], height)

  const first = epochs[0]!.epoch
  const last = epochs[epochs.length - 1]!.epoch
  const x = scale(first, last + 1, left, right)
  const cell = (right - left) / (last - first + 1)
  // A run's label names its own reason for not being owed.
  const runLabel = (e: EpochHeartbeat) => (statusOf(e) === 'not owed' ? `not owed (${e.notOwed ?? 'jailed'})` : HEARTBEAT[statusOf(e)].label)
  const runs: { from: number; to: number; status: HeartbeatStatus; label: string }[] = []
  for (const e of epochs) {
    const run = runs[runs.length - 1]
    if (run && run.label === runLabel(e) && run.to === e.epoch - 1) run.to = e.epoch
    else runs.push({ from: e.epoch, to: e.epoch, status: statusOf(e), label: runLabel(e) })
  }
  const span = (from: number, to: number) => (from === to ? `epoch ${from}` : `epochs ${from}–${to}`)
  const body = [
    ...legend,
    ...runs.map((r) => `<rect class="epochs ${r.status.replace(' ', '-')}" x="${n2(x(r.from))}" y="${strip.top}" width="${n2(x(r.to + 1) - x(r.from))}" height="${strip.bottom - strip.top}" fill="${HEARTBEAT[r.status].fill}"${r.status === 'not judged' ? ' stroke="#bbb"' : ''}><title>${span(r.from, r.to)}: ${esc(r.label)}</title></rect>`),
    // Cell borders while cells are wide enough to count.
    ...(cell >= 5 ? [`<path d="${Array.from({ length: last - first }, (_, i) => `M${n2(x(first + i + 1))},${strip.top}V${strip.bottom}`).join('')}" stroke="#fff" stroke-width="1"/>`] : []),
    `<text x="${left}" y="${strip.bottom + 16}">${first}</text>`,
    `<text x="${right}" y="${strip.bottom + 16}" text-anchor="end">${last}</text>`,
    `<text x="${W / 2}" y="${strip.bottom + 16}" text-anchor="middle" fill="#555">epoch</text>`,
  ]
  if (worst) {
    const x0 = x(Math.max(first, worst.from))
    const x1 = x(Math.min(last, worst.to) + 1)
    const mid = Math.min(Math.max((x0 + x1) / 2, left + 150), right - 150)
    body.push(
      `<rect class="window" x="${n2(x0 - 2)}" y="${strip.top - 5}" width="${n2(x1 - x0 + 4)}" height="${strip.bottom - strip.top + 10}" fill="none" stroke="#333" stroke-width="2"/>`,
      `<text x="${n2(mid)}" y="${strip.top - 10}" text-anchor="middle" font-weight="bold">${esc(worst.label)}</text>`,
    )
  }
  if (note) body.push(`<text x="${W / 2}" y="${height - 14}" text-anchor="middle" fill="#555">${esc(note)}</text>`)
  return frame(title, body, height)
}

/** A flag as the case file and the dashboard show it. */
export interface ChartedFlag {
  kind: string
  subjects: readonly string[]
  value: number
  threshold: number
  evidence: Record<string, unknown>
}

// Evidence is JSON from the database, written by whichever detector version raised the flag: each
// field is checked before use, and a chart whose fields are missing is left out (the evidence
// table still shows what there is).
type Json = Record<string, unknown>
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined)
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const list = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined)
const strings = (v: unknown): string[] | undefined => {
  const l = list(v)
  return l && l.every((s) => typeof s === 'string') ? (l as string[]) : undefined
}
/** A review count written either as the list of reviews or as a number. */
const reviewCount = (v: unknown): number | undefined => list(v)?.length ?? num(v)
const pct = (rate: number) => `${Math.round(rate * 100)} %`

/** reviewer -> author edges from evidence rows, or undefined when any row is malformed. */
function reviewEdges(rows: unknown): { reviewer: string; author: string; reviews: number }[] | undefined {
  const edges = list(rows)?.map((row) => {
    const r = obj(row)
    const reviewer = str(r?.reviewer)
    const author = str(r?.author)
    const reviews = reviewCount(r?.reviews)
    return reviewer !== undefined && author !== undefined && reviews !== undefined ? { reviewer, author, reviews } : undefined
  })
  return edges?.length && edges.every((e) => e !== undefined) ? (edges as { reviewer: string; author: string; reviews: number }[]) : undefined
}

/**
 * The charts of a flag's evidence, by kind; none for text-similarity (the dashboard shows the
 * texts side by side) or when the evidence lacks what the chart needs (flags from older versions).
 * Never throws: a chart is an addition to the evidence table, not a reason to fail a page or an export.
 */
export function evidenceCharts(flag: ChartedFlag): string[] {
  try {
    return chartsOf(flag)
  } catch {
    return []
  }
}

function chartsOf(flag: ChartedFlag): string[] {
  const e: Json = obj(flag.evidence) ?? {}
  const pair = [flag.subjects[0] ?? '', flag.subjects[1] ?? ''] as const
  switch (flag.kind) {
    case 'score-correlation': {
      const scores = (list(e.scores) ?? []).map((s) => list(obj(s)?.scores)).filter((s): s is [number, number] => s?.length === 2 && s.every((v) => num(v) !== undefined))
      return scores.length ? [scoreScatter(scores, pair, flag.value)] : []
    }
    case 'timing-correlation': {
      const coCommits = (list(e.coCommits) ?? []).filter((c): c is { proposalId: string; committedAt: [number, number]; gapSeconds: number } => {
        const o = obj(c)
        const at = list(o?.committedAt)
        return str(o?.proposalId) !== undefined && num(o?.gapSeconds) !== undefined && at?.length === 2 && at.every((t) => num(t) !== undefined)
      })
      return coCommits.length ? [commitTimeline(coCommits, pair, Number(e.windowSeconds))] : []
    }
    case 'self-citation': {
      const reviews = num(e.reviews)
      const selfCiting = num(e.selfCiting)
      return [rateBars('Reviews citing the reviewer\'s own works', [{ label: short(pair[0]), rate: flag.value, ...(reviews !== undefined && selfCiting !== undefined ? { detail: `${selfCiting} of ${reviews}` } : {}) }], flag.threshold)]
    }
    case 'citation-score': {
      const self = obj(e.selfCiting)
      const other = obj(e.otherReviews)
      const rates = [num(self?.rate), num(other?.rate)]
      if (rates[0] === undefined || rates[1] === undefined) return []
      const detail = (o: Json | undefined) => (num(o?.favourable) !== undefined && num(o?.reviews) !== undefined ? { detail: `${num(o?.favourable)} of ${num(o?.reviews)}` } : {})
      const score = num(e.favourableScore)
      // Compared with the reviewer's own other reviews, not a fixed rate: the line is where those stand.
      return [rateBars(`Favourable scores${score === undefined ? '' : ` (${score} or more)`}, self-citing vs other reviews`, [
        { label: 'self-citing reviews', rate: rates[0], ...detail(self) },
        { label: 'other reviews', rate: rates[1], ...detail(other) },
      ], rates[1], `other reviews ${pct(rates[1])}`)]
    }
    case 'review-ring': {
      const cycle = strings(e.cycle)
      const edges = reviewEdges(e.edges)
      if (!cycle || cycle.length < 2 || !edges) return []
      const reviews = edges.reduce((s, x) => s + x.reviews, 0)
      const days = num(e.spanDays)
      return [reviewGraph(`Review ring of ${cycle.length} accounts: ${reviews} reviews${days === undefined ? '' : ` within ${days} days`}`, reviewGraphLayout({ edges, cycle }))]
    }
    case 'reciprocal-review': {
      const accounts = strings(e.pair)
      const ab = reviewCount(e.firstReviewedSecond)
      const ba = reviewCount(e.secondReviewedFirst)
      if (accounts?.length !== 2 || ab === undefined || ba === undefined) return []
      const [a, b] = accounts as [string, string]
      const exchanges = num(e.exchanges)
      const days = num(e.windowDays)
      const edges = [{ reviewer: a, author: b, reviews: ab, highlight: true }, { reviewer: b, author: a, reviews: ba, highlight: true }]
      return [reviewGraph(`Reciprocal reviews${exchanges === undefined ? '' : `: ${exchanges} exchanges`}${days === undefined ? '' : ` within ${days} days`}`, reviewGraphLayout({ edges, cycle: [a, b] }))]
    }
    case 'dense-review-group': {
      const members = strings(e.members)
      const edges = reviewEdges(e.internalEdges)
      if (!members?.length || !edges) return []
      const possible = num(e.possibleEdges)
      return [reviewGraph(`Dense group of ${members.length}: ${edges.length}${possible === undefined ? '' : ` of ${possible} possible`} review edges`, reviewGraphLayout({ edges, members }))]
    }
    case 'provider-downtime': {
      const series = heartbeatSeries(e)
      const worst = obj(e.worstWindow)
      const window = [num(worst?.from), num(worst?.to), num(worst?.owed), num(worst?.signed)] as const
      const n = num(e.windowEpochs)
      if (!series?.length) return []
      const label = window.every((v) => v !== undefined)
        ? `worst window, ${window[0] === window[1] ? `epoch ${window[0]}` : `epochs ${window[0]}–${window[1]}`}: ${window[3]} of ${window[2]} owed signed (${pct(window[3]! / Math.max(1, window[2]!))})`
        : undefined
      return [heartbeatStrip(
        `Heartbeats of ${short(str(e.provider) ?? pair[0])}, epochs ${series[0]!.epoch}–${series[series.length - 1]!.epoch}`,
        series,
        label ? { from: window[0]!, to: window[1]!, label } : undefined,
        `flagged below ${pct(flag.threshold)} signed in a window of ${n === undefined ? 'the last' : n} owed epochs`,
      )]
    }
    case 'provider-missed-tasks':
    case 'provider-faulty-results': {
      const from = num(e.measuredFrom)
      const to = num(e.measuredTo)
      const tasks = list(e.tasks)?.map((t) => num(obj(t)?.epoch))
      if (from === undefined || to === undefined || to < from || !tasks || tasks.some((t) => t === undefined)) return []
      // One column per epoch; a span beyond what a canvas can show (bad data) is left to the table.
      if (to - from > 5000) return []
      const perEpoch = Array.from({ length: to - from + 1 }, (_, i) => ({ epoch: from + i, value: 0 }))
      for (const t of tasks) if (t! >= from && t! <= to) perEpoch[t! - from]!.value++
      const worst = obj(e.worstWindow)
      const window = [num(worst?.from), num(worst?.to), num(worst?.count)] as const
      const what = flag.kind === 'provider-missed-tasks' ? 'Missed tasks' : 'Faulty results'
      const n = num(e.windowEpochs)
      return [epochColumns(
        `${what} of ${short(str(e.provider) ?? pair[0])} per deadline epoch`,
        perEpoch,
        what.toLowerCase(),
        undefined,
        window.every((v) => v !== undefined)
          ? { from: window[0]!, to: window[1]!, label: `worst window ${window[0]}–${window[1]}: ${window[2]} (flagged at ${flag.threshold}${n === undefined ? '' : ` in ${n} epochs`})` }
          : undefined,
      )]
    }
    default:
      return []
  }
}

/**
 * A downtime flag's per-epoch record: `series` as the detector writes it, or for flags written
 * before it, rebuilt from the measured span, the missed epochs and the jailed epochs skipped.
 */
function heartbeatSeries(e: Json): EpochHeartbeat[] | undefined {
  const rows = list(e.series)
  if (rows) {
    const series = rows.map((row) => {
      const r = obj(row)
      return num(r?.epoch) !== undefined && typeof r?.owed === 'boolean' && typeof r.signed === 'boolean' ? { epoch: r.epoch as number, owed: r.owed, signed: r.signed } : undefined
    })
    return series.every((s) => s !== undefined) ? (series as EpochHeartbeat[]) : undefined
  }
  const from = num(e.measuredFrom)
  const to = num(e.measuredTo)
  const missed = list(e.missedEpochs)
  const jailed = list(e.jailedEpochsSkipped)
  if (from === undefined || to === undefined || to < from || to - from > 100_000 || !missed || !jailed) return undefined
  const missedSet = new Set(missed)
  const jailedSet = new Set(jailed)
  return Array.from({ length: to - from + 1 }, (_, i) => from + i).map((epoch) => ({ epoch, owed: !jailedSet.has(epoch), signed: !jailedSet.has(epoch) && !missedSet.has(epoch) }))
}

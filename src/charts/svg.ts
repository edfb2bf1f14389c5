/**
 * The evidence charts, as SVG text: pure functions from a flag's evidence to a picture, so that the
 * dashboard (web/) and the PDF case file draw the same chart from the same numbers. No library:
 * each chart is a handful of shapes on a fixed canvas, with its numbers written on it (a reader
 * checks a flag against its threshold without hovering anything).
 */

/** Canvas size and inner margins, px. */
const W = 480
const H = 320
const M = { left: 52, right: 16, top: 34, bottom: 44 }

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const n2 = (v: number) => Math.round(v * 100) / 100

function frame(title: string, body: string[], height = H): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${height}" fill="#fff"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`,
    ...body,
    '</svg>',
  ].join('\n')
}

/** A linear scale from [d0, d1] to [r0, r1]. */
const scale = (d0: number, d1: number, r0: number, r1: number) => (v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0))

function axes(xLabel: string, yLabel: string, height = H): string[] {
  const x0 = M.left
  const y0 = height - M.bottom
  return [
    `<line x1="${x0}" y1="${M.top}" x2="${x0}" y2="${y0}" stroke="#333"/>`,
    `<line x1="${x0}" y1="${y0}" x2="${W - M.right}" y2="${y0}" stroke="#333"/>`,
    `<text x="${(x0 + W - M.right) / 2}" y="${height - 8}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text x="14" y="${(M.top + y0) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(M.top + y0) / 2})">${esc(yLabel)}</text>`,
  ]
}

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

/** Rates (0-1) as horizontal bars against a threshold line, each labelled with its value. */
export function rateBars(title: string, bars: readonly { label: string; rate: number; detail?: string }[], threshold: number): string {
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
      `<text x="${n2(x(threshold))}" y="${height - M.bottom + 20}" text-anchor="middle" fill="#e67e22">threshold ${Math.round(threshold * 100)} %</text>`,
    ],
    height,
  )
}

/** A value per compute epoch as columns (e.g. heartbeats signed of those owed), with an optional threshold. */
export function epochColumns(title: string, points: readonly { epoch: number; value: number }[], yLabel: string, threshold?: number): string {
  const max = Math.max(threshold ?? 0, ...points.map((p) => p.value), 1)
  const x = scale(0, Math.max(1, points.length), M.left, W - M.right)
  const y = scale(0, max, H - M.bottom, M.top)
  const width = Math.max(1, (W - M.left - M.right) / Math.max(1, points.length) - 1)
  return frame(title, [
    ...axes('epoch', yLabel),
    ...points.map((p, i) => `<rect class="column" x="${n2(x(i))}" y="${n2(y(p.value))}" width="${n2(width)}" height="${n2(y(0) - y(p.value))}" fill="#2980b9"><title>epoch ${p.epoch}: ${p.value}</title></rect>`),
    ...(points.length ? [`<text x="${M.left}" y="${H - M.bottom + 14}">${points[0]!.epoch}</text>`, `<text x="${W - M.right}" y="${H - M.bottom + 14}" text-anchor="end">${points[points.length - 1]!.epoch}</text>`] : []),
    `<text x="${M.left - 6}" y="${y(max) + 4}" text-anchor="end">${n2(max)}</text>`,
    ...(threshold === undefined ? [] : [`<line class="threshold" x1="${M.left}" y1="${n2(y(threshold))}" x2="${W - M.right}" y2="${n2(y(threshold))}" stroke="#e67e22" stroke-dasharray="4 3"/>`]),
  ])
}

/** An address as 0x1234…abcd. */
const short = (account: string) => (/^0x[0-9a-fA-F]{40}$/.test(account) ? `${account.slice(0, 6)}…${account.slice(-4)}` : account)

/** A flag as the case file and the dashboard show it. */
export interface ChartedFlag {
  kind: string
  subjects: readonly string[]
  value: number
  threshold: number
  evidence: Record<string, unknown>
}

/**
 * The charts of a flag's evidence, by kind. Kinds without one yet (rings and reciprocal reviews are
 * graphs, drawn by the dashboard; provider windows) give none; their evidence tables stand alone.
 */
export function evidenceCharts(flag: ChartedFlag): string[] {
  const e = flag.evidence
  const pair = [flag.subjects[0] ?? '', flag.subjects[1] ?? ''] as const
  switch (flag.kind) {
    case 'score-correlation': {
      const scores = (e.scores as { scores: [number, number] }[] | undefined) ?? []
      return scores.length ? [scoreScatter(scores.map((s) => s.scores), pair, flag.value)] : []
    }
    case 'timing-correlation': {
      const coCommits = (e.coCommits as { proposalId: string; committedAt: [number, number]; gapSeconds: number }[] | undefined) ?? []
      return coCommits.length ? [commitTimeline(coCommits, pair, Number(e.windowSeconds))] : []
    }
    case 'self-citation':
      return [rateBars('Reviews citing the reviewer\'s own works', [{ label: short(pair[0]), rate: flag.value, detail: `${String(e.selfCiting)} of ${String(e.reviews)}` }], flag.threshold)]
    default:
      return []
  }
}

/**
 * What every chart shares: the canvas, the frame with its title, scales, axes and number formats.
 * Kept apart from svg.ts so the graph (graph.ts) and the plain charts draw on one canvas without
 * importing each other.
 */

/** Canvas size and inner margins, px. */
export const W = 480
export const H = 320
export const M = { left: 52, right: 16, top: 34, bottom: 44 }

/**
 * Series colours, far apart in hue and lightness (blue/red/green/purple/orange first, so a
 * red-green blind reader still tells the first pairs apart by lightness). Beyond them the
 * colours repeat dashed (`dash`).
 */
export const PALETTE = ['#2980b9', '#c0392b', '#27ae60', '#8e44ad', '#e67e22', '#16a085', '#7f8c8d', '#b7950b', '#2c3e50', '#d35490'] as const
export const colour = (i: number) => PALETTE[i % PALETTE.length]!
export const dash = (i: number) => (i >= PALETTE.length ? ' stroke-dasharray="6 3"' : '')

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
export const n2 = (v: number) => Math.round(v * 100) / 100

export function frame(title: string, body: string[], height = H): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${height}" fill="#fff"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`,
    ...body,
    '</svg>',
  ].join('\n')
}

/** A linear scale from [d0, d1] to [r0, r1]. */
export const scale = (d0: number, d1: number, r0: number, r1: number) => (v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0))

/** Axis lines and labels around the plot box [x0, x1] x [top, y0] (y0 is the bottom). */
export function axesBox(xLabel: string, yLabel: string, box: { x0: number; x1: number; top: number; y0: number }, height = H): string[] {
  const { x0, x1, top, y0 } = box
  return [
    `<line x1="${x0}" y1="${top}" x2="${x0}" y2="${y0}" stroke="#333"/>`,
    `<line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y0}" stroke="#333"/>`,
    `<text x="${(x0 + x1) / 2}" y="${height - 8}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text x="14" y="${(top + y0) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(top + y0) / 2})">${esc(yLabel)}</text>`,
  ]
}

export const axes = (xLabel: string, yLabel: string, height = H) => axesBox(xLabel, yLabel, { x0: M.left, x1: W - M.right, top: M.top, y0: height - M.bottom }, height)

/** An address as 0x1234…abcd. */
export const short = (account: string) => (/^0x[0-9a-fA-F]{40}$/.test(account) ? `${account.slice(0, 6)}…${account.slice(-4)}` : account)

/**
 * Axis ticks from `lo` to a round top at or above `hi`: steps of 1, 2 or 5 times a power of ten,
 * about `count` + 1 ticks, so the gridlines fall on numbers a reader can add up.
 */
export function niceTicks(lo: number, hi: number, count = 4, integer = false): number[] {
  if (!(hi > lo)) hi = lo + 1
  const raw = (hi - lo) / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const nice = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power
  // Counts step by whole numbers: no gridline at half a review.
  const step = integer ? Math.max(1, nice) : nice
  const first = Math.floor(lo / step) * step
  const ticks: number[] = []
  // Rounded to the step's decimals, so 0.1 + 0.2 prints as 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)))
  for (let t = first; t < hi + step - step * 1e-9; t += step) ticks.push(Number(t.toFixed(decimals)))
  return ticks
}

/**
 * A number in a few characters: whole below 1000, then k and M, then powers of ten (REP in
 * token units is 1e18 and up: "1.2e18" is the figure a reader compares, not 19 digits).
 * `digits` is significant digits; numbers below 1000 keep all their integer digits.
 */
export function compact(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return String(v)
  if (v === 0) return '0'
  const a = Math.abs(v)
  if (a < 1000) return String(Number(v.toPrecision(Math.max(digits, Math.floor(Math.log10(a)) + 1))))
  // Rounded first, so 999 999 at 2 digits is "1M", not "1000k".
  const r = Number(v.toPrecision(digits))
  const ra = Math.abs(r)
  if (ra < 1e6) return `${Number((r / 1e3).toPrecision(digits))}k`
  if (ra < 1e9) return `${Number((r / 1e6).toPrecision(digits))}M`
  return r.toExponential().replace('e+', 'e')
}

/** compact() of each value, with the fewest digits (2 to 6) that keep different values apart. */
export function compactAll(values: readonly number[]): string[] {
  const distinct = new Set(values).size
  for (let digits = 2; digits < 6; digits++) {
    const labels = values.map((v) => compact(v, digits))
    if (new Set(labels).size === distinct) return labels
  }
  return values.map((v) => compact(v, 6))
}

/** A value as written on an axis end: whole integers (block numbers, epochs) exactly, others compact. */
export const exact = (v: number) => (Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : compact(v, 3))

/**
 * Labels for a vertical stack (line ends, node captions) moved apart to at least `gap` px while
 * staying inside [lo, hi]; `ys` in any order, the result in the same order.
 */
export function spread(ys: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i)
  const out = new Array<number>(ys.length)
  let previous = -Infinity
  for (const o of order) previous = out[o.i] = Math.max(o.y, previous + gap)
  // Pushed past the bottom: shift back up from the end, keeping the gaps.
  let next = Infinity
  for (let k = order.length - 1; k >= 0; k--) {
    const o = order[k]!
    next = out[o.i] = Math.min(out[o.i]!, hi, next - gap)
  }
  return out.map((y) => Math.max(lo, y))
}

/** A short stable hash of text (FNV-1a), for element ids that differ between charts on one page but not between runs. */
export function hashId(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(36)
}

/**
 * What the timing view computes from the reviews it fetches: a group's commit times per proposal,
 * and their chart. Pure, so the dashboard draws them and the tests check them from the same code.
 */
import { colour as paletteColour, esc, short } from './common'

export interface CommittedReview {
  proposalId: string
  reviewer: string
  /** Unix seconds of the commit; null before it. */
  committedAt: number | null
}

export interface ProposalCommits {
  proposalId: string
  /** Each committing reviewer of the group, with seconds after the group's first commit on the proposal. */
  commits: { reviewer: string; at: number; offset: number }[]
}

/** Per proposal at least two of the group committed on, their commits, earliest proposal first. */
export function groupCommits(reviews: readonly CommittedReview[]): ProposalCommits[] {
  const byProposal = new Map<string, { reviewer: string; at: number }[]>()
  for (const r of reviews) {
    if (r.committedAt === null) continue
    const list = byProposal.get(r.proposalId) ?? byProposal.set(r.proposalId, []).get(r.proposalId)!
    list.push({ reviewer: r.reviewer, at: r.committedAt })
  }
  return [...byProposal]
    .filter(([, list]) => new Set(list.map((c) => c.reviewer)).size >= 2)
    .map(([proposalId, list]) => {
      const first = Math.min(...list.map((c) => c.at))
      return { proposalId, commits: list.sort((x, y) => x.at - y.at || x.reviewer.localeCompare(y.reviewer)).map((c) => ({ ...c, offset: c.at - first })) }
    })
    .sort((x, y) => x.commits[0]!.at - y.commits[0]!.at || x.proposalId.localeCompare(y.proposalId))
}


/** Ticks of the gap axis: seconds, on a log scale from 1 s to a week. */
const TICKS: [number, string][] = [[1, '1 s'], [10, '10 s'], [60, '1 min'], [600, '10 min'], [3_600, '1 h'], [86_400, '1 d'], [604_800, '1 wk']]

/**
 * A group's commits per shared proposal: one row per proposal, each reviewer's commit as a dot at its
 * delay after the group's first commit on that proposal (log scale, the first at 0 s), the detector's
 * window shaded. Reviewers who commit together line up at the left edge, proposal after proposal.
 */
export function commitGapChart(proposals: readonly ProposalCommits[], reviewers: readonly string[], windowSeconds: number): string {
  const width = 640
  const rowHeight = 18
  const left = 120
  const right = 24
  const top = 56
  const height = top + Math.max(1, proposals.length) * rowHeight + 44
  const x = (seconds: number) => left + (Math.log10(Math.min(Math.max(seconds, 1), TICKS[TICKS.length - 1]![0])) / Math.log10(TICKS[TICKS.length - 1]![0])) * (width - left - right)
  const colour = (reviewer: string) => paletteColour(Math.max(0, reviewers.indexOf(reviewer)))
  const within = proposals.filter((p) => p.commits.some((c, i) => i > 0 && c.offset <= windowSeconds)).length
  const body = [
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${esc(`Commits on ${proposals.length} shared proposals; ${within} within ${windowSeconds} s`)}</text>`,
    ...reviewers.map((r, i) => `<g class="legend"><circle cx="${left + i * 110}" cy="34" r="5" fill="${colour(r)}"/><text x="${left + i * 110 + 8}" y="38">${esc(short(r))}</text></g>`),
    `<rect class="window" x="${left}" y="${top - 4}" width="${(x(windowSeconds) - left).toFixed(1)}" height="${proposals.length * rowHeight + 4}" fill="#f5b7b1" fill-opacity="0.5"/>`,
    ...TICKS.map(([s, label]) => `<line x1="${x(s).toFixed(1)}" y1="${top - 4}" x2="${x(s).toFixed(1)}" y2="${height - 40}" stroke="#eee"/><text x="${x(s).toFixed(1)}" y="${height - 26}" text-anchor="middle">${label}</text>`),
    `<text x="${(left + width - right) / 2}" y="${height - 8}" text-anchor="middle">seconds after the group's first commit on the proposal (log scale; first commit at 0 s)</text>`,
    ...proposals.map((p, i) => {
      const y = top + i * rowHeight + rowHeight / 2
      return `<g class="proposal"><text x="${left - 8}" y="${y + 4}" text-anchor="end">proposal ${esc(p.proposalId)}</text>${p.commits
        .map((c) => `<circle class="commit" cx="${x(c.offset).toFixed(1)}" cy="${y}" r="5" fill="${colour(c.reviewer)}" fill-opacity="0.8"><title>${esc(short(c.reviewer))}: ${c.offset} s after the first (${new Date(c.at * 1000).toISOString()})</title></circle>`)
        .join('')}</g>`
    }),
  ]
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...body,
    '</svg>',
  ].join('\n')
}

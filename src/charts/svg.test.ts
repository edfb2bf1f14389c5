import { describe, expect, it } from 'vitest'
import { commitTimeline, epochColumns, evidenceCharts, rateBars, scoreScatter } from './svg'

const A = '0x00000000000000000000000000000000000000aa'
const B = '0x00000000000000000000000000000000000000bb'
const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length

describe('evidence charts', () => {
  it('draw a score pair once per distinct pair, sized by how many proposals gave it, with r in the title', () => {
    const svg = scoreScatter([[9, 9], [9, 9], [3, 2]], [A, B], 0.987)
    expect(count(svg, /<circle class="point"/g)).toBe(2)
    expect(svg).toContain('Scores on 3 shared proposals: r = 0.99')
    expect(svg).toContain('<title>9, 9: 2 proposals</title>')
    expect(svg).toContain('0x0000…00aa score')
    // The pair given twice is drawn larger.
    const radii = [...svg.matchAll(/<circle class="point"[^>]* r="([\d.]+)"/g)].map((m) => Number(m[1]))
    expect(radii[0]).toBeGreaterThan(radii[1]!)
  })

  it('join each co-commit across the two reviewers\' rows and state the largest gap', () => {
    const svg = commitTimeline([{ proposalId: 'p1', committedAt: [1_700_000_000, 1_700_000_020], gapSeconds: 20 }, { proposalId: 'p2', committedAt: [1_700_090_000, 1_700_090_005], gapSeconds: 5 }], [A, B], 60)
    expect(count(svg, /<g class="co-commit">/g)).toBe(2)
    expect(svg).toContain('2 proposals committed within 60 s of each other')
    expect(svg).toContain('largest gap 20 s')
  })

  it('mark rates over the threshold, and escape text', () => {
    const svg = rateBars('Rates <&>', [{ label: 'over', rate: 0.8 }, { label: 'under', rate: 0.2 }], 0.5)
    expect(svg).toContain('Rates &lt;&amp;&gt;')
    expect(svg).toMatch(/<text[^>]*>over<\/text><rect[^>]*fill="#c0392b"/)
    expect(svg).toMatch(/<text[^>]*>under<\/text><rect[^>]*fill="#7f8c8d"/)
    expect(svg).toContain('threshold 50 %')
    expect(count(epochColumns('Uptime', [{ epoch: 1, value: 3 }, { epoch: 2, value: 0 }], 'signed', 2), /<rect class="column"/g)).toBe(2)
  })

  it('are chosen by flag kind from the evidence the detectors write', () => {
    const scores = evidenceCharts({ kind: 'score-correlation', subjects: [A, B], value: 0.97, threshold: 0.95, evidence: { scores: [{ proposalId: 'p', at: 1, scores: [8, 8] }] } })
    expect(scores).toHaveLength(1)
    expect(scores[0]).toContain('r = 0.97')
    expect(evidenceCharts({ kind: 'self-citation', subjects: [A], value: 0.6, threshold: 0.5, evidence: { reviews: 10, selfCiting: 6 } })[0]).toContain('60 % (6 of 10)')
    expect(evidenceCharts({ kind: 'review-ring', subjects: [A, B], value: 3, threshold: 3, evidence: {} })).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { compact, compactAll, niceTicks, spread } from './common'
import { commitTimeline, epochColumns, evidenceCharts, heartbeatStrip, histogram, rateBars, scoreScatter, timeSeries, type ChartedFlag } from './svg'

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

describe('time series', () => {
  const series = [
    { name: 'review-ring', points: [{ x: 100, y: 0 }, { x: 120, y: 2 }, { x: 140, y: 3 }] },
    { name: 'score <correlation>', points: [{ x: 110, y: 1 }, { x: 140, y: 1 }] },
    { name: 'self-citation', points: [] },
  ]

  it('draw a stepped line per series in its own colour, a legend with every name, and each last value', () => {
    const svg = timeSeries('Flags by kind', series, 'analytics block', 'flags')
    expect(count(svg, /<g class="series">/g)).toBe(2)
    expect(count(svg, /<g class="legend">/g)).toBe(3)
    for (const name of ['review-ring', 'score &lt;correlation&gt;', 'self-citation']) expect(svg).toContain(`>${name}</text>`)
    const colours = [...svg.matchAll(/<g class="legend"><line [^>]*stroke="(#\w+)"/g)].map((m) => m[1])
    expect(new Set(colours).size).toBe(3)
    // Steps: horizontal then vertical moves only.
    expect(svg).toMatch(/<path d="M[\d.]+,[\d.]+H[\d.]+V[\d.]+H[\d.]+V[\d.]+"/)
    expect(svg).toMatch(/<text class="end"[^>]*>3<\/text>/)
    expect(svg).toMatch(/<text class="end"[^>]*>1<\/text>/)
    expect(svg).toContain('>100</text>')
    expect(svg).toContain('>140</text>')
    expect(timeSeries('Flags by kind', series, 'analytics block', 'flags')).toBe(svg)
  })

  it('repeat colours dashed past the palette, so twelve series stay apart', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `s${i}`, points: [{ x: 0, y: i }] }))
    const styles = [...timeSeries('many', many, 'x', 'y').matchAll(/<g class="legend"><line ([^/]*)\/>/g)].map((m) => m[1])
    expect(new Set(styles).size).toBe(12)
  })

  it('draw one point as a dot with its x under it, and empty series as empty axes', () => {
    const one = timeSeries('Cases by severity', [{ name: 'PROBABLE', points: [{ x: 5, y: 2 }] }], 'block', 'cases')
    expect(one).toMatch(/<circle [^>]*r="3.5"/)
    expect(one).not.toContain('NaN')
    expect(one).toMatch(/text-anchor="middle">5<\/text>/)
    for (const empty of [timeSeries('none', [], 'x', 'y'), timeSeries('none', [{ name: 'a', points: [] }], 'x', 'y')]) {
      expect(empty).toContain('no data')
      expect(empty).not.toContain('NaN')
      expect(count(empty, /<g class="series">/g)).toBe(0)
    }
  })
})

describe('histograms', () => {
  it('draw a column per bucket with compact bounds and counts', () => {
    const buckets = [{ from: 0, to: 5e17, count: 3 }, { from: 5e17, to: 1e18, count: 40 }, { from: 1e18, to: 1.5e18, count: 7 }, { from: 1.5e18, to: 2e18, count: 0 }]
    const svg = histogram('REP <distribution>', buckets, 'REP')
    expect(svg).toContain('REP &lt;distribution&gt;')
    expect(count(svg, /<rect class="column"/g)).toBe(4)
    expect([...svg.matchAll(/<text class="bound"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual(['0', '5e17', '1e18', '1.5e18', '2e18'])
    expect(svg).toMatch(/font-size="10">40<\/text>/)
    expect(svg).not.toContain('NaN')
  })

  it('thin out bound labels that would overlap, keeping both ends, and draw no buckets as empty axes', () => {
    const buckets = Array.from({ length: 40 }, (_, i) => ({ from: i * 1234, to: (i + 1) * 1234, count: i % 5 }))
    const bounds = [...histogram('REP', buckets, 'REP').matchAll(/<text class="bound" x="([\d.]+)"[^>]*>([^<]+)</g)].map((m) => ({ x: Number(m[1]), text: m[2]! }))
    expect(bounds.length).toBeGreaterThan(2)
    expect(bounds.length).toBeLessThan(41)
    expect(bounds[0]!.text).toBe('0')
    expect(bounds[bounds.length - 1]!.text).toBe('49k')
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]!.x - bounds[i - 1]!.x).toBeGreaterThanOrEqual(bounds[i]!.text.length * 6)
    expect(histogram('REP', [], 'REP')).toContain('no data')
  })
})

describe('number formats and helpers', () => {
  it('write large numbers compactly and keep neighbouring bounds apart', () => {
    expect([0, 7, 123.456, 1500, 999_999, 2_500_000, 1.2e18, -3400].map((v) => compact(v))).toEqual(['0', '7', '123', '1.5k', '1M', '2.5M', '1.2e18', '-3.4k'])
    expect(compact(0.01234)).toBe('0.012')
    expect(compactAll([1.2e18, 1.21e18, 1.3e18])).toEqual(['1.2e18', '1.21e18', '1.3e18'])
    expect(niceTicks(0, 37)).toEqual([0, 10, 20, 30, 40])
    expect(niceTicks(0, 1, 4, true)).toEqual([0, 1])
    expect(spread([50, 52, 51], 10, 0, 100)).toEqual([50, 70, 60])
    expect(spread([98, 99], 10, 0, 100)).toEqual([90, 100])
  })
})

describe('provider charts', () => {
  it('show each epoch of a heartbeat record by status, with counts and the worst window', () => {
    const series = [
      { epoch: 10, owed: true, signed: true },
      { epoch: 11, owed: true, signed: false },
      { epoch: 12, owed: true, signed: false },
      { epoch: 13, owed: false, signed: false },
      { epoch: 14, owed: true, signed: true },
    ]
    const svg = heartbeatStrip('Heartbeats', series, { from: 11, to: 14, label: 'worst <window>' }, 'note')
    // Runs of one status are one rectangle.
    expect(count(svg, /<rect class="epochs signed"/g)).toBe(2)
    expect(count(svg, /<rect class="epochs missed"/g)).toBe(1)
    expect(count(svg, /<rect class="epochs not-owed"/g)).toBe(1)
    expect(svg).toContain('signed: 2</text>')
    expect(svg).toContain('missed: 2</text>')
    expect(svg).toContain('not owed (jailed): 1</text>')
    expect(svg).toContain('<title>epochs 11–12: missed</title>')
    expect(count(svg, /<rect class="window"/g)).toBe(1)
    expect(svg).toContain('worst &lt;window&gt;')
    expect(heartbeatStrip('none', [])).toContain('no epochs')
  })

  it('heartbeat strip names why epochs were not owed, and shows epochs not judged yet apart', () => {
    const series = [
      { epoch: 1, owed: false, signed: false, notOwed: 'jailed' as const },
      { epoch: 2, owed: true, signed: true },
      { epoch: 3, owed: false, signed: false, notOwed: 'left' as const },
      { epoch: 4, owed: false, signed: false, notOwed: 'left' as const },
      { epoch: 5, owed: false, signed: false, notOwed: 'not judged' as const },
    ]
    const svg = heartbeatStrip('Heartbeats', series)
    expect(svg).toContain('not owed (jailed, left): 3</text>')
    expect(svg).toContain('<title>epoch 1: not owed (jailed)</title>')
    expect(svg).toContain('<title>epochs 3–4: not owed (left)</title>')
    expect(count(svg, /<rect class="epochs not-judged"/g)).toBe(1)
    expect(svg).toContain('not judged yet: 1</text>')
    // Without epochs not judged, the legend does not list them.
    expect(heartbeatStrip('Heartbeats', series.slice(0, 4))).not.toContain('not judged')
  })

  it('shade a window over epoch columns and write its label, keeping columns inside the canvas for long spans', () => {
    const points = Array.from({ length: 10 }, (_, i) => ({ epoch: 20 + i, value: i === 4 ? 2 : 0 }))
    const svg = epochColumns('Missed', points, 'missed', undefined, { from: 23, to: 26, label: 'worst window 23–26' })
    expect(count(svg, /<rect class="window"/g)).toBe(1)
    expect(svg).toContain('>worst window 23–26</text>')
    expect(svg).toMatch(/font-size="10">2<\/text>/)
    const long = epochColumns('Long', Array.from({ length: 2000 }, (_, i) => ({ epoch: i, value: 1 })), 'v')
    const ends = [...long.matchAll(/<rect class="column" x="([\d.]+)"[^>]* width="([\d.]+)"/g)].map((m) => Number(m[1]) + Number(m[2]))
    expect(Math.max(...ends)).toBeLessThanOrEqual(480)
  })
})

describe('evidence charts of every kind', () => {
  const C = '0x00000000000000000000000000000000000000cc'
  const reviews = (n: number) => Array.from({ length: n }, (_, i) => ({ at: 1_700_000_000 + i, score: 9, reviewId: `r${i}`, proposalId: `p${i}` }))
  const flag = (kind: string, evidence: Record<string, unknown>, extra: Partial<ChartedFlag> = {}): ChartedFlag => ({ kind, subjects: [A, B], value: 1, threshold: 1, evidence, ...extra })
  const ring = { cycle: [A, B, C], edges: [{ reviewer: A, author: B, reviews: reviews(2) }, { reviewer: B, author: C, reviews: reviews(1) }, { reviewer: C, author: A, reviews: reviews(3) }], spanDays: 12.5, windowDays: 30, favourable: { count: 6, of: 6 }, meanScore: 9 }
  const reciprocal = { pair: [A, B], firstReviewedSecond: reviews(3), secondReviewedFirst: reviews(2), exchanges: 4, closestGapDays: 0.5, windowDays: 14, favourable: { count: 5, of: 5 }, meanScore: 9 }
  const dense = { members: [A, B, C], communitySize: 8, internalEdges: [{ reviewer: A, author: B, reviews: 2 }, { reviewer: B, author: A, reviews: 1 }, { reviewer: B, author: C, reviews: 1 }, { reviewer: C, author: A, reviews: 4 }], edges: 4, possibleEdges: 6, meanScoreInside: 9, reviewsInside: 8, meanScoreGivenOutside: 5, reviewsGivenOutside: 20, favourableInside: 8 }
  const downtime = { provider: A, windowUnit: 'epoch', windowEpochs: 4, minOwedEpochs: 3, measuredFrom: 10, measuredTo: 17, violatingWindows: 3, worstWindow: { from: 11, to: 15, owed: 4, signed: 1 }, owed: 7, signed: 3, missedEpochs: [11, 12, 14, 15], jailedEpochsSkipped: [13], series: Array.from({ length: 8 }, (_, i) => ({ epoch: 10 + i, owed: i !== 3, signed: [0, 6, 7].includes(i) })) }
  const tasks = { provider: A, windowUnit: 'epoch', windowEpochs: 5, measuredFrom: 30, measuredTo: 41, worstWindow: { from: 33, to: 37, count: 3 }, tasks: [{ id: 't1', epoch: 33 }, { id: 't2', epoch: 35 }, { id: 't3', epoch: 35 }, { id: 't4', epoch: 40 }] }
  const citation = { favourableScore: 7, selfCiting: { reviews: 5, favourable: 4, rate: 0.8 }, otherReviews: { reviews: 20, favourable: 5, rate: 0.25 }, selfCitingReviews: [] }

  it('draw a review ring as its cycle, highlighted, with the review counts', () => {
    const [svg, ...rest] = evidenceCharts(flag('review-ring', ring))
    expect(rest).toEqual([])
    expect(count(svg!, /<g class="node cycle"/g)).toBe(3)
    expect(count(svg!, /<g class="edge cycle"/g)).toBe(3)
    expect(count(svg!, /<g class="edge"/g)).toBe(0)
    expect(svg).toContain('Review ring of 3 accounts: 6 reviews within 12.5 days')
    expect(svg).toMatch(/<title>0x0+aa reviewed 2 proposals by 0x0+bb<\/title>/)
  })

  it('draw a reciprocal pair as both directions, highlighted, with their counts', () => {
    const [svg] = evidenceCharts(flag('reciprocal-review', reciprocal))
    expect(count(svg!, /<g class="edge cycle"/g)).toBe(2)
    expect(svg).toMatch(/<title>0x0+aa reviewed 3 proposals by 0x0+bb<\/title>/)
    expect(svg).toMatch(/<title>0x0+bb reviewed 2 proposals by 0x0+aa<\/title>/)
    expect(svg).toContain('4 exchanges within 14 days')
  })

  it('draw a dense group\'s internal edges between its members', () => {
    const [svg] = evidenceCharts(flag('dense-review-group', dense, { subjects: [A, B, C] }))
    expect(count(svg!, /<g class="node member"/g)).toBe(3)
    expect(count(svg!, /<g class="edge"/g)).toBe(4)
    expect(count(svg!, /<g class="edge cycle"/g)).toBe(0)
    expect(svg).toContain('Dense group of 3: 4 of 6 possible review edges')
  })

  it('draw a downtime flag\'s epochs, from the series or, in older flags, from the missed and jailed epochs', () => {
    const [svg] = evidenceCharts(flag('provider-downtime', downtime, { subjects: [A], value: 0.25, threshold: 0.9 }))
    expect(svg).toContain('signed: 3</text>')
    expect(svg).toContain('missed: 4</text>')
    expect(svg).toContain('not owed (jailed): 1</text>')
    expect(svg).toContain('worst window, epochs 11–15: 1 of 4 owed signed (25 %)')
    expect(svg).toContain('flagged below 90 % signed in a window of 4 owed epochs')
    const { series: _, ...older } = downtime
    expect(evidenceCharts(flag('provider-downtime', older, { subjects: [A], value: 0.25, threshold: 0.9 }))).toEqual([svg])
  })

  it('draw missed tasks and faulty results per epoch over the measured span, the worst window shaded, the threshold stated', () => {
    for (const kind of ['provider-missed-tasks', 'provider-faulty-results']) {
      const [svg] = evidenceCharts(flag(kind, tasks, { subjects: [A], value: 3, threshold: 3 }))
      expect(count(svg!, /<rect class="column"/g)).toBe(12)
      expect(svg).toContain('<title>epoch 35: 2</title>')
      expect(count(svg!, /<rect class="window"/g)).toBe(1)
      expect(svg).toContain('worst window 33–37: 3 (flagged at 3 in 5 epochs)')
      expect(svg).toContain(kind === 'provider-missed-tasks' ? 'Missed tasks of 0x0000…00aa' : 'Faulty results of 0x0000…00aa')
    }
  })

  it('compare favourable scores on self-citing reviews with the other reviews', () => {
    const [svg] = evidenceCharts(flag('citation-score', citation, { subjects: [A], value: 4, threshold: 3 }))
    expect(svg).toContain('Favourable scores (7 or more), self-citing vs other reviews')
    expect(svg).toMatch(/<text[^>]*>self-citing reviews<\/text><rect[^>]*fill="#c0392b"/)
    expect(svg).toMatch(/<text[^>]*>other reviews<\/text><rect[^>]*fill="#7f8c8d"/)
    expect(svg).toContain('80 % (4 of 5)')
    expect(svg).toContain('25 % (5 of 20)')
    expect(svg).toContain('>other reviews 25 %</text>')
  })

  it('give none for text similarity, and none (never an exception) when the evidence lacks what a chart needs', () => {
    expect(evidenceCharts(flag('text-similarity', { matches: 2, span: null, pairs: [] }))).toEqual([])
    const cases: [string, Record<string, unknown>][] = [
      ['review-ring', { ...ring, edges: undefined }],
      ['review-ring', { ...ring, cycle: 'x' }],
      ['review-ring', { ...ring, edges: [{ reviewer: A }] }],
      ['reciprocal-review', { ...reciprocal, secondReviewedFirst: undefined }],
      ['reciprocal-review', { ...reciprocal, pair: [A] }],
      ['dense-review-group', { ...dense, internalEdges: null }],
      ['dense-review-group', { ...dense, members: undefined }],
      ['provider-downtime', { provider: A, measuredFrom: 1, measuredTo: 5 }],
      ['provider-downtime', { ...downtime, series: [{ epoch: 1 }] }],
      ['provider-missed-tasks', { ...tasks, measuredTo: undefined }],
      ['provider-faulty-results', { ...tasks, tasks: [{ id: 't' }] }],
      ['citation-score', { ...citation, otherReviews: undefined }],
      ['score-correlation', { scores: [{ proposalId: 'p' }] }],
      ['timing-correlation', { coCommits: [{ proposalId: 'p', committedAt: 'x' }] }],
    ]
    for (const [kind, evidence] of cases) expect(evidenceCharts(flag(kind, evidence)), kind).toEqual([])
    for (const kind of ['review-ring', 'reciprocal-review', 'dense-review-group', 'provider-downtime', 'provider-missed-tasks', 'citation-score']) {
      expect(evidenceCharts(flag(kind, {}))).toEqual([])
      expect(evidenceCharts({ ...flag(kind, {}), evidence: null as unknown as Record<string, unknown> })).toEqual([])
    }
  })

  it('draw worst windows without their counts still, only unlabelled', () => {
    const [svg] = evidenceCharts(flag('provider-missed-tasks', { ...tasks, worstWindow: undefined }, { subjects: [A] }))
    expect(count(svg!, /<rect class="column"/g)).toBe(12)
    expect(count(svg!, /<rect class="window"/g)).toBe(0)
  })
})

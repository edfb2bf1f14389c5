import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ScenarioError, loadScenario, parseScenario } from './scenario'

const DEFAULT_FILE = path.resolve(__dirname, '../../scenarios/default.json')
const defaultRaw = (): any => JSON.parse(fs.readFileSync(DEFAULT_FILE, 'utf8'))

/** The smallest valid scenario: every optional field left to its default. */
const minimal = (): any => ({
  seed: 'unit',
  population: { reviewers: 6, authors: 4, authorReviewers: 3, providers: 2, verifiers: 1 },
  domains: ['ecology'],
  proposals: { count: 10 },
  epochs: 5,
})

/** The ScenarioError message for `raw`, failing the test if it parses. */
function errorOf(raw: unknown): string {
  try {
    parseScenario(raw)
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError)
    return (err as Error).message
  }
  throw new Error('expected the scenario to be rejected')
}

/** The message's issue lines, one per offending field. */
const issueLines = (message: string) =>
  message
    .split('\n')
    .slice(1)
    .map((l) => l.trim())

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-scenario-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe('valid scenarios', () => {
  it('parses scenarios/default.json with its planted behaviours and cases', () => {
    const s = loadScenario(DEFAULT_FILE)
    expect(s.name).toBe('default')
    expect(s.seed).toBe('peerwatch-default-1')
    expect(s.population.reviewers).toBe(120)
    expect(s.behaviours).toHaveLength(defaultRaw().behaviours.length)
    expect(s.cases).toHaveLength(2)
    expect(s.baseDir).toBe(path.dirname(DEFAULT_FILE))
  })

  it('applies the documented defaults to a minimal scenario', () => {
    const s = parseScenario(minimal(), '/base')
    expect(s.baseDir).toBe('/base')
    expect(s.population).toEqual({ reviewers: 6, authors: 4, authorReviewers: 3, providers: 2, verifiers: 1, council: 3, clients: 5 })
    expect(s.proposals).toEqual({
      count: 10,
      reviewersPerProposal: 3,
      discussionRate: 0.3,
      reviewTypes: { standard: 0.7, expedited: 0.2, expert: 0.1 },
    })
    expect(s.compute).toEqual({ tasksPerEpoch: 10 })
    expect(s.text).toEqual({ source: 'generator' })
    expect(s.honest).toEqual({
      missRate: 0.02,
      revealMissRate: 0.01,
      selfCitationRate: 0.03,
      maxCitations: 2,
      scoreNoise: 2.3,
      acknowledgeRate: 0.3,
      identityRevealRate: 0.1,
      appealRate: 0.02,
      heartbeatUptime: 0.995,
      falseChallengeRate: 0.01,
      unbondRate: 0.01,
    })
    expect(s.behaviours).toEqual([])
    expect(s.cases).toEqual([])
  })

  it('fills partial honest settings and behaviour defaults', () => {
    const raw = minimal()
    raw.honest = { missRate: 0.5 }
    raw.behaviours = [
      { kind: 'textTemplate', members: ['r0', 'r1'], editRate: 0.2 },
      { kind: 'syncedCommits', members: ['r2', 'a0'], jitterSeconds: 5 },
      { kind: 'reciprocalRing', members: ['a0', 'a1'], favourableScore: 9 },
      { kind: 'doubleSigner', provider: 'p1' },
    ]
    const s = parseScenario(raw)
    expect(s.honest.missRate).toBe(0.5)
    expect(s.honest.scoreNoise).toBe(2.3)
    expect(s.behaviours).toEqual([
      { kind: 'textTemplate', members: ['r0', 'r1'], editRate: 0.2, proposals: 6 },
      { kind: 'syncedCommits', members: ['r2', 'a0'], jitterSeconds: 5, proposals: 6 },
      { kind: 'reciprocalRing', members: ['a0', 'a1'], favourableScore: 9, rounds: 2 },
      { kind: 'doubleSigner', provider: 'p1', count: 1 },
    ])
  })

  it('turns a numeric seed into a string', () => {
    expect(parseScenario({ ...minimal(), seed: 42 }).seed).toBe('42')
  })

  it('accepts a jsonl text source with a path', () => {
    const s = parseScenario({ ...minimal(), text: { source: 'jsonl', path: 'reviews.jsonl.gz' } })
    expect(s.text).toEqual({ source: 'jsonl', path: 'reviews.jsonl.gz' })
  })
})

describe('rejected scenarios name the offending field', () => {
  it('rejects a misspelt top-level field', () => {
    const raw = defaultRaw()
    raw.epochz = 3
    expect(issueLines(errorOf(raw))).toEqual(['epochz: unknown field'])
  })

  it('rejects a misspelt population field', () => {
    const raw = defaultRaw()
    raw.population.reviewrs = 3
    expect(issueLines(errorOf(raw))).toEqual(['population.reviewrs: unknown field'])
  })

  it('rejects a misspelt behaviour field and reports the field it replaced as missing', () => {
    const raw = defaultRaw()
    raw.behaviours[0].membrs = raw.behaviours[0].members
    delete raw.behaviours[0].members
    const lines = issueLines(errorOf(raw))
    expect(lines).toContain('behaviours[0].membrs: unknown field')
    expect(lines.some((l) => l.startsWith('behaviours[0].members: '))).toBe(true)
  })

  it('rejects an unknown behaviour kind, naming the kind field and the valid kinds', () => {
    const raw = defaultRaw()
    raw.behaviours[1].kind = 'scoreClik'
    const lines = issueLines(errorOf(raw))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^behaviours\[1\]\.kind: /)
    expect(lines[0]).toContain('scoreClique')
  })

  it('rejects a participant id that does not exist in the population', () => {
    const raw = defaultRaw()
    raw.behaviours[1].members[2] = 'r999'
    expect(issueLines(errorOf(raw))).toEqual(['behaviours[1].members[2]: unknown participant "r999" (population has 120 reviewers)'])
  })

  it('rejects a malformed participant id once, with the expected format', () => {
    const raw = defaultRaw()
    raw.behaviours[0].members[0] = 'x1'
    expect(issueLines(errorOf(raw))).toEqual(['behaviours[0].members[0]: a participant id such as r12, a3, p0, v1, c0 or k2'])
  })

  it('rejects a reciprocal ring member who is a reviewer rather than an author', () => {
    const raw = defaultRaw()
    raw.behaviours[3].members[1] = 'r1'
    expect(issueLines(errorOf(raw))).toEqual([
      'behaviours[3].members[1]: "r1" must be an author who reviews (a# below population.authorReviewers = 15)',
    ])
  })

  it('rejects a reciprocal ring member who is an author that does not review', () => {
    const raw = defaultRaw()
    raw.behaviours[3].members[0] = 'a40'
    expect(issueLines(errorOf(raw))).toEqual([
      'behaviours[3].members[0]: "a40" must be an author who reviews (a# below population.authorReviewers = 15)',
    ])
  })

  it('rejects a non-reviewing author as a clique member', () => {
    const raw = defaultRaw()
    raw.behaviours[0].members[0] = 'a40'
    expect(issueLines(errorOf(raw))).toEqual([
      'behaviours[0].members[0]: "a40" does not review (use r#, or a# below population.authorReviewers)',
    ])
  })

  it('rejects a provider behaviour that names a reviewer', () => {
    const raw = defaultRaw()
    raw.behaviours[6].provider = 'r0'
    expect(issueLines(errorOf(raw))).toEqual(['behaviours[6].provider: "r0" is not a provider (p#)'])
  })

  it('rejects a reviewer behaviour that names a provider', () => {
    const raw = defaultRaw()
    raw.behaviours[5].reviewer = 'p3'
    expect(issueLines(errorOf(raw))[0]).toMatch(/^behaviours\[5\]\.reviewer: "p3" does not review/)
  })

  it('rejects duplicate members', () => {
    const raw = defaultRaw()
    raw.behaviours[0].members = ['r3', 'r7', 'r3']
    expect(issueLines(errorOf(raw))).toEqual(['behaviours[0].members: members must be distinct'])
  })

  it('rejects more members than can review one proposal', () => {
    const raw = defaultRaw()
    raw.behaviours[0].members = ['r3', 'r4', 'r5', 'r6']
    expect(issueLines(errorOf(raw))).toEqual([
      'behaviours[0].members: 4 members cannot all review one proposal (proposals.reviewersPerProposal = 3)',
    ])
  })

  it('allows a text template with more members than reviewers per proposal', () => {
    const raw = defaultRaw()
    raw.behaviours[1].members = ['r20', 'r21', 'r22', 'r23', 'r24']
    expect(() => parseScenario(raw)).not.toThrow()
  })

  it('rejects a behaviour on more proposals than the scenario has', () => {
    const raw = defaultRaw()
    raw.behaviours[0].proposals = 241
    expect(issueLines(errorOf(raw))).toEqual(['behaviours[0].proposals: exceeds proposals.count (240)'])
  })

  it('rejects fractions outside [0, 1]', () => {
    const raw = defaultRaw()
    raw.behaviours[0].strength = 1.5
    raw.honest = { missRate: -0.1 }
    raw.proposals.discussionRate = 2
    const lines = issueLines(errorOf(raw))
    expect(lines).toHaveLength(3)
    expect(lines.some((l) => l.startsWith('behaviours[0].strength: ') && l.includes('<=1'))).toBe(true)
    expect(lines.some((l) => l.startsWith('honest.missRate: ') && l.includes('>=0'))).toBe(true)
    expect(lines.some((l) => l.startsWith('proposals.discussionRate: ') && l.includes('<=1'))).toBe(true)
  })

  it('rejects non-integer counts', () => {
    const raw = defaultRaw()
    raw.population.reviewers = 12.5
    raw.proposals.count = 3.2
    raw.epochs = 1.5
    const lines = issueLines(errorOf(raw))
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['epochs', 'population.reviewers', 'proposals.count'])
    for (const l of lines) expect(l).toContain('expected int')
  })

  it('rejects a case raised at or after the last epoch', () => {
    const raw = defaultRaw()
    raw.cases[0].epoch = 120
    expect(issueLines(errorOf(raw))).toEqual(['cases[0].epoch: must be below epochs (120)'])
  })

  it('rejects more author reviewers than authors', () => {
    const raw = minimal()
    raw.population.authorReviewers = 5
    expect(issueLines(errorOf(raw))).toContain('population.authorReviewers: must not exceed population.authors (4)')
  })

  it('reports a missing required field', () => {
    const raw = defaultRaw()
    delete raw.seed
    expect(issueLines(errorOf(raw))[0]).toMatch(/^seed: /)
  })

  it('rejects a document that is not an object, naming the root', () => {
    expect(errorOf([])).toMatch(/^scenario is invalid:\n {2}\(root\): /)
  })

  it('reports several errors at once, one line each', () => {
    const raw = defaultRaw()
    raw.behaviours[0].members[0] = 'r999'
    raw.behaviours[6].provider = 'r0'
    raw.cases[0].epoch = 500
    expect(issueLines(errorOf(raw))).toEqual([
      'behaviours[0].members[0]: unknown participant "r999" (population has 120 reviewers)',
      'behaviours[6].provider: "r0" is not a provider (p#)',
      'cases[0].epoch: must be below epochs (120)',
    ])
  })

  it('reports several schema errors at once', () => {
    const raw = defaultRaw()
    raw.population.reviewrs = 1
    raw.behaviours[2].jitterSecond = 1
    raw.behaviours[9].agreement = 7
    const lines = issueLines(errorOf(raw))
    expect(lines).toContain('population.reviewrs: unknown field')
    expect(lines).toContain('behaviours[2].jitterSecond: unknown field')
    expect(lines.some((l) => l.startsWith('behaviours[9].agreement: '))).toBe(true)
  })
})

describe('loadScenario', () => {
  it('says the file is not valid JSON', () => {
    const file = path.join(tmp, 'broken.json')
    fs.writeFileSync(file, '{ "seed": 1, }')
    expect(() => loadScenario(file)).toThrow(ScenarioError)
    expect(() => loadScenario(file)).toThrow(`${file} is not valid JSON`)
  })

  it('names a missing file', () => {
    const file = path.join(tmp, 'nope.json')
    expect(() => loadScenario(file)).toThrow(ScenarioError)
    expect(() => loadScenario(file)).toThrow(`cannot read scenario ${file}`)
  })

  it('names the file in validation errors and resolves baseDir to its folder', () => {
    const bad = path.join(tmp, 'typo.json')
    fs.writeFileSync(bad, JSON.stringify({ ...minimal(), epochz: 1 }))
    expect(() => loadScenario(bad)).toThrow(`${bad} is invalid:\n  epochz: unknown field`)

    const good = path.join(tmp, 'good.json')
    fs.writeFileSync(good, JSON.stringify(minimal()))
    expect(loadScenario(good).baseDir).toBe(tmp)
  })
})

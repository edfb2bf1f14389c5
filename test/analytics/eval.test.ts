/**
 * `peerwatch eval SCENARIO --out FILE` as a user runs it: a small scenario with a score clique, synced
 * committers, a flaky provider and an honest agreeing pair goes through a fresh chain, the processor
 * and the analytics; the report scores it, and the file names every flag's subjects by the
 * scenario's participant ids so that anyone can score the run again.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { evaluate } from '../../analytics/evaluation'
import { smallScenario } from '../support/simulation'

const ROOT = path.resolve(__dirname, '../..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-eval-test-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

it('eval scores a small scenario and writes flags, cases and scores by participant id', async () => {
  const scenario = smallScenario({
    name: 'eval-small',
    proposals: { count: 24 },
    epochs: 30,
    behaviours: [
      { kind: 'scoreClique', members: ['r0', 'r1'], proposals: 11, strength: 1 },
      { kind: 'syncedCommits', members: ['r2', 'r3'], jitterSeconds: 10, proposals: 4 },
      { kind: 'flakyProvider', provider: 'p0', uptime: 0.2 },
      { kind: 'honestAgreeingPair', members: ['r4', 'r5'], proposals: 6, agreement: 0.5 },
    ],
  })
  const file = path.join(tmp, 'scenario.json')
  const out = path.join(tmp, 'eval.json')
  fs.writeFileSync(file, JSON.stringify(scenario))
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PEERWATCH_'))), PEERWATCH_PROGRESS: 'false' }
  const stderr = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['bin/peerwatch', 'eval', file, '--out', out], { cwd: ROOT, env, timeout: 240_000 }, (err, _stdout, stderr) =>
      err ? reject(new Error(`eval failed: ${stderr}`)) : resolve(stderr),
    ),
  )
  expect(stderr).toMatch(/signal\s+behaviours\s+pair precision/)
  expect(stderr).toMatch(/honest reviewers flagged: 0 of \d+ \(0 per 1,000\)/)

  const result = JSON.parse(fs.readFileSync(out, 'utf8'))
  expect(result.evaluation.signals.scores.groupRecall).toEqual({ hit: 1, of: 1, value: 1 })
  expect(result.evaluation.signals.timing.groupRecall).toEqual({ hit: 1, of: 1, value: 1 })
  expect(result.evaluation.signals.liveness.groupRecall).toEqual({ hit: 1, of: 1, value: 1 })
  expect(result.evaluation.severities.suspected.precision.value).toBe(1)
  expect(result.flags.find((f: { kind: string }) => f.kind === 'score-correlation')).toMatchObject({ subjects: ['r0', 'r1'], severity: 'suspected', metric: expect.any(String) })
  // The flaky provider misses heartbeats and tasks: two families, one probable case.
  expect(result.cases.find((c: { subjects: string[] }) => c.subjects.includes('p0'))?.severity).toBe('probable')
  // Scoring the file again gives the report it holds.
  const participants = result.truth.participants
  const addressOf = (id: string) => participants.find((p: { id: string }) => p.id === id)?.address.toLowerCase() ?? id
  const again = evaluate({
    participants,
    behaviours: scenario.behaviours as never,
    flags: result.flags.map((f: { kind: never; subjects: string[] }) => ({ kind: f.kind, subjects: f.subjects.map(addressOf) })),
    cases: result.cases.map((c: { severity: never; subjects: string[] }) => ({ severity: c.severity, subjects: c.subjects.map(addressOf) })),
  })
  expect(again).toEqual(result.evaluation)
}, 300_000)

/**
 * One processor per database. A second processor started on a database that one is already
 * writing to is refused, says why, and exits non-zero, while the first goes on indexing; once the
 * first is killed (SIGKILL: no clean-up of its own), a new one takes over at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exitWithin, planCursor, waitForRecord, type PlanCursor } from '../support/chain-control'
import { startIndexerFixture, type IndexerFixture, type ProcessorChild } from '../support/indexer'
import { smallScenario } from '../support/simulation'

const REFUSAL = 'another peerwatch processor is already writing to this database'

describe('a second processor on the same database', () => {
  let f: IndexerFixture
  let plan: PlanCursor
  let first: ProcessorChild

  beforeAll(async () => {
    f = await startIndexerFixture()
    plan = await planCursor(f.sender, f.deployment, smallScenario())
    await plan.send(60)
    first = f.startProcessor()
    await f.waitForHead(90_000)
  }, 120_000)
  afterAll(() => f?.stop())

  it('is refused with a clear message and a non-zero exit, while the first keeps indexing', async () => {
    const second = f.startProcessor()
    // The chain moves on while the second processor tries its luck.
    const sending = plan.send(40, { rate: 40 })
    expect(await exitWithin(second, 60_000)).toBe(1)
    const refusal = second.lines.find((l) => l.includes(REFUSAL))
    expect(refusal, second.lines.join('\n')).toBeDefined()
    expect(refusal).toMatch(/held by database session \d+.*refusing to start a second one/)
    // It stopped before doing anything: no migrations, no metrics, no batch.
    expect(second.lines.filter((l) => l.startsWith('{'))).toEqual([])

    await sending
    await f.waitForHead()
    expect(first.process.exitCode).toBeNull()
    expect(first.lines.some((l) => l.includes(REFUSAL))).toBe(false)
  }, 120_000)

  it('takes over at once when the first has been killed with SIGKILL', async () => {
    const before = await f.indexedHeight()
    expect(await first.kill('SIGKILL')).toBeNull()
    const killedAt = Date.now()
    const successor = f.startProcessor()
    await waitForRecord(successor, (r) => r.msg === 'processor starting', 60_000)
    // "At once": no lock timeout to sit out; the time is the process's own start-up.
    const tookOver = Date.now() - killedAt
    await plan.send(20)
    expect(await f.waitForHead()).toBeGreaterThan(before)
    await waitForRecord(successor, (r) => r.msg === 'batch', 10_000)
    expect(successor.process.exitCode).toBeNull()
    expect(successor.lines.some((l) => l.includes(REFUSAL))).toBe(false)
    expect(tookOver).toBeLessThan(30_000)

    // And the successor is now the one that refuses others.
    const third = f.startProcessor()
    expect(await exitWithin(third, 60_000)).toBe(1)
    expect(third.lines.some((l) => l.includes(REFUSAL))).toBe(true)
    expect(successor.process.exitCode).toBeNull()
  }, 120_000)
})

import { afterAll, describe, expect, it } from 'vitest'
import { runScenario, smallScenario, type ScenarioRun } from '../support/simulation'

describe('a scenario run twice with the same seed', () => {
  const runs: ScenarioRun[] = []
  afterAll(async () => Promise.all(runs.map((r) => r.anvil.stop())))

  it('sends the same transactions, block for block', async () => {
    const scenario = smallScenario({ behaviours: [{ kind: 'doubleSigner', provider: 'p1' }] })
    runs.push(await runScenario(scenario), await runScenario(scenario))
    const [a, b] = runs as [ScenarioRun, ScenarioRun]
    expect(a.transactionHashes.length).toBeGreaterThan(200)
    expect(b.transactionHashes).toEqual(a.transactionHashes)
    expect(b.headHash).toBe(a.headHash)
    expect(b.events.length).toBe(a.events.length)
  })

  it('differs with another seed', async () => {
    const other = await runScenario(smallScenario({ seed: 'small-2' }))
    runs.push(other)
    expect(other.transactionHashes.slice(0, 50)).not.toEqual(runs[0]!.transactionHashes.slice(0, 50))
  })
})

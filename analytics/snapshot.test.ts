import { describe, expect, it } from 'vitest'
import { epochClock } from './clock'
import { providerFacts } from './snapshot'

const DAY = 86_400
const epochAt = epochClock(1_000_000, DAY)
const at = (epoch: number, hours = 12) => 1_000_000 + epoch * DAY + hours * 3_600

describe('providerFacts', () => {
  const provider = { id: '0xp', registered_epoch: 2 }

  it('owes heartbeats from registration; a jail spares the jailing epoch up to the unjailing one', () => {
    const [fact] = providerFacts([provider], [{ provider: '0xp', kind: 'JAILED', at: at(5) }, { provider: '0xp', kind: 'UNJAILED', at: at(8) }], { epochAt }, 20)
    expect(fact).toEqual({ id: '0xp', registeredEpoch: 2, leftEpoch: null, jailedEpochs: [5, 6, 7] })
  })

  it('a provider still jailed owes nothing through the current epoch', () => {
    const [fact] = providerFacts([provider], [{ provider: '0xp', kind: 'JAILED', at: at(18) }], { epochAt }, 20)
    expect(fact!.jailedEpochs).toEqual([18, 19, 20])
  })

  it('a tombstone ends what the provider owes, and a jail open at the tombstone stops there', () => {
    const [fact] = providerFacts([provider], [{ provider: '0xp', kind: 'JAILED', at: at(10) }, { provider: '0xp', kind: 'TOMBSTONED', at: at(12) }], { epochAt }, 20)
    expect(fact).toEqual({ id: '0xp', registeredEpoch: 2, leftEpoch: 12, jailedEpochs: [10, 11] })
  })

  it('an unjailing without a jail (events of another provider, or before the snapshot) changes nothing', () => {
    const [fact] = providerFacts([provider], [{ provider: '0xq', kind: 'JAILED', at: at(3) }, { provider: '0xp', kind: 'UNJAILED', at: at(4) }], { epochAt }, 20)
    expect(fact!.jailedEpochs).toEqual([])
  })
})

describe('epochClock', () => {
  it('is ComputeStaking.currentEpoch(): whole epochs since genesis, never negative', () => {
    expect([epochAt(1_000_000), epochAt(1_000_000 + DAY - 1), epochAt(1_000_000 + DAY), epochAt(0)]).toEqual([0, 0, 1, 0])
  })
})

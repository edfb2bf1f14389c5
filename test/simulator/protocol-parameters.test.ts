/**
 * The planner plans with PROTOCOL; the contracts enforce their own defaults. They must agree, or
 * planned transactions would miss deadlines or eligibility rules the contracts check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROTOCOL } from '../../src/simulator/protocol'
import { startProtocol, type Protocol } from '../support/protocol'

describe('the simulator\'s protocol parameters', () => {
  let p: Protocol
  beforeAll(async () => (p = await startProtocol()))
  afterAll(() => p?.stop())

  it('equal the peer-review contracts\' defaults', async () => {
    expect(Number(await p.read('ReviewHub', 'commitDuration'))).toBe(PROTOCOL.commitSeconds)
    expect(Number(await p.read('ReviewHub', 'revealDuration'))).toBe(PROTOCOL.revealSeconds)
    expect(Number(await p.read('ReviewHub', 'discussionDuration'))).toBe(PROTOCOL.discussionSeconds)
    for (const i of [0, 1, 2] as const) {
      expect(Number(await p.read('ReviewHub', 'stakeByType', [BigInt(i)]))).toBe(PROTOCOL.stakeByType[i])
      expect(Number(await p.read('ReviewHub', 'disputeWindowByType', [BigInt(i)]))).toBe(PROTOCOL.disputeSecondsByType[i])
    }
    expect(Number(await p.read('ReviewHub', 'maxTextBytes'))).toBe(PROTOCOL.maxTextBytes)
    expect(Number(await p.read('ReviewHub', 'maxCitations'))).toBe(PROTOCOL.maxCitations)
    expect(Number(await p.read('ReviewHub', 'REP_ON_TIME'))).toBe(PROTOCOL.rep.onTime)
    expect(Number(await p.read('ReviewHub', 'REP_MISSED_DEADLINE'))).toBe(PROTOCOL.rep.missedDeadline)
    expect(Number(await p.read('ReviewHub', 'REP_CITED_IN_REVISION'))).toBe(PROTOCOL.rep.citedInRevision)
    expect(Number(await p.read('ReviewHub', 'REP_APPEAL_LOST'))).toBe(PROTOCOL.rep.appealLost)
    expect(Number(await p.read('ReviewHub', 'REP_IDENTITY_REVEAL'))).toBe(PROTOCOL.rep.identityReveal)
    expect(Number(await p.read('ReputationStaking', 'minReputation'))).toBe(PROTOCOL.minReputation)
    expect(Number(await p.read('ReputationStaking', 'decayBps'))).toBe(PROTOCOL.decayBps)
    expect(Number(await p.read('ReputationStaking', 'QUARTER'))).toBe(PROTOCOL.quarterSeconds)
    expect(Number(await p.read('ReputationStaking', 'collusionBan'))).toBe(PROTOCOL.collusionBanSeconds)
    expect(Number(await p.read('QualityScoring', 'tier3MinReputation'))).toBe(PROTOCOL.tier3MinReputation)
    expect(Number(await p.read('QualityScoring', 'panelSize'))).toBe(PROTOCOL.panelSize)
    expect(Number(await p.read('QualityScoring', 'REP_QUALITY_BONUS'))).toBe(PROTOCOL.rep.qualityBonus)
    expect(Number(await p.read('QualityScoring', 'REP_LOW_QUALITY'))).toBe(PROTOCOL.rep.lowQuality)
    for (let d = 0; d < 5; d++) expect(Number(await p.read('QualityScoring', 'weights', [BigInt(d)]))).toBe(PROTOCOL.qualityWeights[d])
  })

  it('equal the compute-staking contracts\' defaults', async () => {
    expect(await p.read('ComputeStaking', 'minProviderStake')).toBe(PROTOCOL.minProviderStake)
    expect(await p.read('ComputeStaking', 'minVerifierStake')).toBe(PROTOCOL.minVerifierStake)
    expect(Number(await p.read('ComputeStaking', 'unbondingPeriod'))).toBe(PROTOCOL.unbondingSeconds)
    expect(Number(await p.read('ComputeStaking', 'jailDuration'))).toBe(PROTOCOL.jailSeconds)
    expect(Number(await p.read('ComputeStaking', 'livenessWindow'))).toBe(PROTOCOL.livenessWindow)
    expect(Number(await p.read('ComputeStaking', 'minSignedPerWindow'))).toBe(PROTOCOL.minSignedPerWindow)
    const rates = Object.values(PROTOCOL.slashBps)
    for (let i = 0; i < rates.length; i++) expect(BigInt(await p.read('ComputeStaking', 'slashBps', [BigInt(i)]))).toBe(rates[i])
    expect(Number(await p.read('TaskMarket', 'taskTimeout'))).toBe(PROTOCOL.taskTimeoutSeconds)
    expect(Number(await p.read('TaskMarket', 'challengeWindow'))).toBe(PROTOCOL.challengeWindowSeconds)
  })
})

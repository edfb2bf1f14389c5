/**
 * TaskMarket with ComputeStaking: the task lifecycle (submit, cancel, assign, result, attest,
 * challenge, resolve, finalize, missed deadline) and the exact ZOO flows of each outcome.
 */
import { keccak256, toBytes, type Address, type Hex } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DAY, ZOO, account, expectRevert, role, startProtocol, type Protocol } from '../support/protocol'

const Status = { None: 0, Open: 1, Assigned: 2, Submitted: 3, Challenged: 4, Finalized: 5, Faulty: 6, Missed: 7, Cancelled: 8 } as const
const SlashReason = { FaultyResult: 0, Liveness: 1, DoubleSign: 2, FalseAttestation: 3, FalseChallenge: 4 } as const
const RewardKind = { TaskPayment: 0, VerifierFee: 1, ChallengerReward: 2, ReporterReward: 3, EpochReward: 4 } as const
const HOUR = 3_600n

let p: Protocol
const provider = account('provider')
const [v1, v2, v3] = [account('verifier-1000'), account('verifier-3000'), account('verifier-2000')]
const client = account('client')
const stranger = account('stranger')
const spec = keccak256(toBytes('spec'))
const result = keccak256(toBytes('result'))

beforeAll(async () => {
  p = await startProtocol({ epochSeconds: Number(HOUR) })
  const stakes: [Address, bigint][] = [
    [v1, 1_000n * ZOO],
    [v2, 3_000n * ZOO],
    [v3, 2_000n * ZOO],
  ]
  await p.fund(provider, 2_000n * ZOO, 'ComputeStaking')
  await p.write('ComputeStaking', 'registerProvider', [2_000n * ZOO, 'H100', 8, 96, 768], provider)
  for (const [v, stake] of stakes) {
    await p.fund(v, stake, 'ComputeStaking')
    await p.write('ComputeStaking', 'registerVerifier', [stake], v)
  }
  await p.fund(client, 10_000n * ZOO, 'TaskMarket')
  await p.checkpoint()
})
afterAll(async () => {
  await p?.stop()
})
beforeEach(async () => {
  await p.restore()
})

const taskOf = (id: bigint) => p.read('TaskMarket', 'getTask', [id])
const bondedOf = async (who: Address) => (await p.read('ComputeStaking', 'getAccount', [who])).bonded

async function submitted(bid = 100n * ZOO): Promise<bigint> {
  const receipt = await p.write('TaskMarket', 'submitTask', [spec, bid], client)
  return p.logsOf(receipt, 'TaskMarket', 'TaskSubmitted')[0]!.args.taskId
}
async function assigned(bid?: bigint): Promise<bigint> {
  const id = await submitted(bid)
  await p.write('TaskMarket', 'assignTask', [id, provider])
  return id
}
async function withResult(bid?: bigint): Promise<bigint> {
  const id = await assigned(bid)
  await p.write('TaskMarket', 'submitResult', [id, result], provider)
  return id
}
const attest = (id: bigint, v: Address) => p.write('TaskMarket', 'attest', [id], v)
const challenge = (id: bigint, v: Address, claimed: Hex = keccak256(toBytes('the right result'))) => p.write('TaskMarket', 'challenge', [id, claimed], v)

describe('submission and cancellation', () => {
  it('escrows the bid and refunds it when the client cancels an open task', async () => {
    await expectRevert(p.write('TaskMarket', 'submitTask', [spec, 0n], client), 'ZeroBid')
    const before = await p.balance(client)
    const receipt = await p.write('TaskMarket', 'submitTask', [spec, 100n * ZOO], client)
    expect(p.logsOf(receipt, 'TaskMarket', 'TaskSubmitted')[0]!.args).toEqual({ taskId: 1n, client, bid: 100n * ZOO, specHash: spec })
    expect(await p.balance(client)).toBe(before - 100n * ZOO)
    expect(await p.balance(p.contracts.TaskMarket)).toBe(100n * ZOO)
    expect(await taskOf(1n)).toMatchObject({ client, status: Status.Open, bid: 100n * ZOO, specHash: spec })
    await expectRevert(p.write('TaskMarket', 'cancelTask', [1n], stranger), 'NotTheClient', [1n, stranger])
    const cancelled = await p.write('TaskMarket', 'cancelTask', [1n], client)
    expect(p.logsOf(cancelled, 'TaskMarket', 'TaskCancelled')[0]!.args).toEqual({ taskId: 1n })
    expect(await p.balance(client)).toBe(before)
    expect(await p.balance(p.contracts.TaskMarket)).toBe(0n)
    expect((await taskOf(1n)).status).toBe(Status.Cancelled)
    await expectRevert(p.write('TaskMarket', 'cancelTask', [1n], client), 'WrongStatus', [1n, Status.Cancelled])
    await expectRevert(p.write('TaskMarket', 'assignTask', [1n, provider]), 'WrongStatus', [1n, Status.Cancelled])
    await expectRevert(p.write('TaskMarket', 'cancelTask', [9n], client), 'UnknownTask', [9n])
  })

  it('cannot cancel a task once it is assigned', async () => {
    const id = await assigned()
    await expectRevert(p.write('TaskMarket', 'cancelTask', [id], client), 'WrongStatus', [id, Status.Assigned])
  })
})

describe('assignment', () => {
  it('assigns an active provider with a 6-hour deadline, by the scheduler only', async () => {
    const id = await submitted()
    await expectRevert(p.write('TaskMarket', 'assignTask', [id, provider], stranger), 'Unauthorized', [role('SCHEDULER'), stranger])
    await expectRevert(p.write('TaskMarket', 'assignTask', [id, stranger]), 'ProviderNotActive', [stranger])
    await expectRevert(p.write('TaskMarket', 'assignTask', [id, v1]), 'ProviderNotActive', [v1])
    const receipt = await p.write('TaskMarket', 'assignTask', [id, provider])
    const deadline = (await p.now()) + 6n * HOUR
    expect(p.logsOf(receipt, 'TaskMarket', 'TaskAssigned')[0]!.args).toEqual({ taskId: id, provider, deadline })
    expect(await taskOf(id)).toMatchObject({ provider, status: Status.Assigned, deadline })
    await expectRevert(p.write('TaskMarket', 'assignTask', [id, provider]), 'WrongStatus', [id, Status.Assigned])
  })

  it('refuses a jailed provider', async () => {
    // No heartbeats in epochs 0..9: liveness slash and jail.
    await p.setNextTimestamp((await p.read('ComputeStaking', 'genesisTime')) + 10n * HOUR)
    await p.write('ComputeStaking', 'enforceLiveness', [provider, 9n])
    const id = await submitted()
    await expectRevert(p.write('TaskMarket', 'assignTask', [id, provider]), 'ProviderNotActive', [provider])
  })

  it('refuses a provider whose bonded stake is below the minimum', async () => {
    await p.write('ComputeStaking', 'beginUnbonding', [1_001n * ZOO], provider)
    const id = await submitted()
    await expectRevert(p.write('TaskMarket', 'assignTask', [id, provider]), 'ProviderNotActive', [provider])
  })
})

describe('results and missed deadlines', () => {
  it('accepts a result from the assigned provider until the deadline, opening a 1-day challenge window', async () => {
    const id = await assigned()
    const { deadline } = await taskOf(id)
    await expectRevert(p.write('TaskMarket', 'submitResult', [id, result], stranger), 'NotTheProvider', [id, stranger])
    await p.setNextTimestamp(deadline)
    const receipt = await p.write('TaskMarket', 'submitResult', [id, result], provider)
    expect(p.logsOf(receipt, 'TaskMarket', 'ResultSubmitted')[0]!.args).toEqual({ taskId: id, provider, resultHash: result, challengeDeadline: deadline + DAY })
    expect(await taskOf(id)).toMatchObject({ status: Status.Submitted, resultHash: result, challengeDeadline: deadline + DAY })
    await expectRevert(p.write('TaskMarket', 'submitResult', [id, result], provider), 'WrongStatus', [id, Status.Submitted])
  })

  it('rejects a result after the deadline', async () => {
    const id = await assigned()
    const { deadline } = await taskOf(id)
    await p.setNextTimestamp(deadline + 1n)
    await expectRevert(p.write('TaskMarket', 'submitResult', [id, result], provider), 'DeadlinePassed', [id, deadline])
  })

  it('slashes 1 % for a missed task and refunds the client, without jailing', async () => {
    const id = await assigned(100n * ZOO)
    const { deadline } = await taskOf(id)
    const before = await p.balance(client)
    await p.setNextTimestamp(deadline)
    await expectRevert(p.write('TaskMarket', 'reportMissedTask', [id], stranger), 'DeadlineNotPassed', [id, deadline])
    const receipt = await p.write('TaskMarket', 'reportMissedTask', [id], stranger)
    expect(p.logsOf(receipt, 'TaskMarket', 'TaskMissed')[0]!.args).toEqual({ taskId: id, provider })
    expect(p.logsOf(receipt, 'ComputeStaking', 'Slashed')[0]!.args).toMatchObject({ account: provider, reason: SlashReason.Liveness, amount: 20n * ZOO, bonded: 1_980n * ZOO })
    expect(await p.balance(client)).toBe(before + 100n * ZOO)
    expect((await taskOf(id)).status).toBe(Status.Missed)
    expect(await p.read('ComputeStaking', 'isActiveProvider', [provider])).toBe(true)
    await expectRevert(p.write('TaskMarket', 'submitResult', [id, result], provider), 'WrongStatus', [id, Status.Missed])
    await expectRevert(p.write('TaskMarket', 'reportMissedTask', [id]), 'WrongStatus', [id, Status.Missed])
  })
})

describe('attestation and finalization', () => {
  it('records attestations weighted by bonded stake, from verifiers other than the provider, within the window', async () => {
    const id = await withResult()
    await expectRevert(attest(id, provider), 'SelfVerification', [id])
    await expectRevert(attest(id, stranger), 'NotAVerifier', [stranger])
    const receipt = await attest(id, v1)
    expect(p.logsOf(receipt, 'TaskMarket', 'Attested')[0]!.args).toEqual({ taskId: id, verifier: v1, weight: 1_000n * ZOO })
    await attest(id, v2)
    expect(await p.read('TaskMarket', 'attestation', [id, v1])).toBe(1_000n * ZOO)
    expect((await taskOf(id)).attestedWeight).toBe(4_000n * ZOO)
    expect(await p.read('TaskMarket', 'getAttesters', [id])).toEqual([v1, v2])
    await expectRevert(attest(id, v1), 'AlreadyAttested', [id, v1])
    const { challengeDeadline } = await taskOf(id)
    await p.setNextTimestamp(challengeDeadline + 1n)
    await expectRevert(attest(id, v3), 'DeadlinePassed', [id, challengeDeadline])
    await expectRevert(attest(await assigned(), v1), 'WrongStatus', [2n, Status.Assigned])
  })

  it('caps a task at 16 attesters', async () => {
    const id = await withResult()
    const many = Array.from({ length: 17 }, (_, i) => account(`attester-${i}`))
    for (const v of many) {
      await p.fund(v, 500n * ZOO, 'ComputeStaking')
      await p.write('ComputeStaking', 'registerVerifier', [500n * ZOO], v)
    }
    for (const v of many.slice(0, 16)) await attest(id, v)
    await expectRevert(attest(id, many[16]!), 'TooManyAttesters', [id])
  })

  it('pays attesters 10 % of the bid by weight and the provider the rest, once the window has closed', async () => {
    const id = await withResult(100n * ZOO)
    await attest(id, v1)
    await attest(id, v2)
    const { challengeDeadline } = await taskOf(id)
    await p.setNextTimestamp(challengeDeadline)
    await expectRevert(p.write('TaskMarket', 'finalizeTask', [id], stranger), 'DeadlineNotPassed', [id, challengeDeadline])
    const before = { provider: await p.balance(provider), v1: await p.balance(v1), v2: await p.balance(v2) }
    const receipt = await p.write('TaskMarket', 'finalizeTask', [id], stranger)
    // Pool 10 ZOO split 1,000 : 3,000 -> 2.5 and 7.5; the provider gets 100 - 10 = 90.
    const ref = `0x${id.toString(16).padStart(64, '0')}`
    expect(p.logsOf(receipt, 'TaskMarket', 'RewardPaid').map((l) => l.args)).toEqual([
      { recipient: v1, kind: RewardKind.VerifierFee, amount: (5n * ZOO) / 2n, ref },
      { recipient: v2, kind: RewardKind.VerifierFee, amount: (15n * ZOO) / 2n, ref },
      { recipient: provider, kind: RewardKind.TaskPayment, amount: 90n * ZOO, ref },
    ])
    expect(p.logsOf(receipt, 'TaskMarket', 'TaskFinalized')[0]!.args).toEqual({ taskId: id, provider, providerPayout: 90n * ZOO, verifierFees: 10n * ZOO })
    expect(await p.balance(provider)).toBe(before.provider + 90n * ZOO)
    expect(await p.balance(v1)).toBe(before.v1 + (5n * ZOO) / 2n)
    expect(await p.balance(v2)).toBe(before.v2 + (15n * ZOO) / 2n)
    expect(await p.balance(p.contracts.TaskMarket)).toBe(0n)
    expect((await taskOf(id)).status).toBe(Status.Finalized)
    await expectRevert(p.write('TaskMarket', 'finalizeTask', [id]), 'WrongStatus', [id, Status.Finalized])
  })

  it('rounds each verifier fee down and gives the remainder to the provider', async () => {
    const id = await withResult(1_001n)
    await attest(id, v1)
    await attest(id, v3)
    await p.increaseTime(DAY + 1n)
    const receipt = await p.write('TaskMarket', 'finalizeTask', [id])
    // Pool: 1,001 * 10 % = 100.1 -> 100 wei; 100 * 1/3 = 33, 100 * 2/3 = 66; provider 1,001 - 99 = 902.
    expect(p.logsOf(receipt, 'TaskMarket', 'RewardPaid').map((l) => l.args.amount)).toEqual([33n, 66n, 902n])
    expect(p.logsOf(receipt, 'TaskMarket', 'TaskFinalized')[0]!.args).toMatchObject({ providerPayout: 902n, verifierFees: 99n })
    expect(await p.balance(p.contracts.TaskMarket)).toBe(0n)
  })

  it('pays the provider the whole bid when nobody attested', async () => {
    const id = await withResult(100n * ZOO)
    await p.increaseTime(DAY + 1n)
    const receipt = await p.write('TaskMarket', 'finalizeTask', [id])
    expect(p.logsOf(receipt, 'TaskMarket', 'TaskFinalized')[0]!.args).toMatchObject({ providerPayout: 100n * ZOO, verifierFees: 0n })
    expect(p.logsOf(receipt, 'TaskMarket', 'RewardPaid').map((l) => l.args.kind)).toEqual([RewardKind.TaskPayment])
  })
})

describe('challenges', () => {
  it('on a faulty result: slashes the provider 10 %, pays the challenger half, slashes attesters 2 %, refunds the client', async () => {
    const clientBefore = await p.balance(client)
    const id = await withResult(100n * ZOO)
    await attest(id, v1)
    await expectRevert(challenge(id, provider), 'SelfVerification', [id])
    await expectRevert(challenge(id, stranger), 'NotAVerifier', [stranger])
    const claimed = keccak256(toBytes('claimed'))
    const challenged = await challenge(id, v2, claimed)
    expect(p.logsOf(challenged, 'TaskMarket', 'Challenged')[0]!.args).toEqual({ taskId: id, verifier: v2, claimedResultHash: claimed })
    expect(await taskOf(id)).toMatchObject({ status: Status.Challenged, challenger: v2 })
    // A challenged task is frozen until the arbiter rules.
    await expectRevert(attest(id, v3), 'WrongStatus', [id, Status.Challenged])
    await expectRevert(challenge(id, v3), 'WrongStatus', [id, Status.Challenged])
    await p.increaseTime(2n * DAY)
    await expectRevert(p.write('TaskMarket', 'finalizeTask', [id]), 'WrongStatus', [id, Status.Challenged])
    await expectRevert(p.write('TaskMarket', 'resolveChallenge', [id, true], stranger), 'Unauthorized', [role('ARBITER'), stranger])

    const stakingBefore = await p.balance(p.contracts.ComputeStaking)
    const v2Before = await p.balance(v2)
    const receipt = await p.write('TaskMarket', 'resolveChallenge', [id, true])
    expect(p.logsOf(receipt, 'TaskMarket', 'ChallengeResolved')[0]!.args).toEqual({ taskId: id, challenger: v2, providerFaulty: true })
    expect(p.logsOf(receipt, 'ComputeStaking', 'Slashed').map((l) => [l.args.account, l.args.reason, l.args.amount])).toEqual([
      [provider, SlashReason.FaultyResult, 200n * ZOO],
      [v1, SlashReason.FalseAttestation, 20n * ZOO],
    ])
    expect(p.logsOf(receipt, 'ComputeStaking', 'RewardPaid').map((l) => l.args)).toEqual([
      { recipient: v2, kind: RewardKind.ChallengerReward, amount: 100n * ZOO, ref: `0x${id.toString(16).padStart(64, '0')}` },
    ])
    expect(await bondedOf(provider)).toBe(1_800n * ZOO)
    expect(await bondedOf(v1)).toBe(980n * ZOO)
    expect(await p.balance(v2)).toBe(v2Before + 100n * ZOO)
    expect(await p.balance(client)).toBe(clientBefore)
    expect(await p.balance(p.contracts.TaskMarket)).toBe(0n)
    expect(await p.balance(p.contracts.ComputeStaking)).toBe(stakingBefore - 100n * ZOO)
    // 100 of the provider's slash stays burned in the contract, plus the attester's 20.
    expect(await p.read('ComputeStaking', 'slashedTotal')).toBe(120n * ZOO)
    expect((await taskOf(id)).status).toBe(Status.Faulty)
    await expectRevert(p.write('TaskMarket', 'resolveChallenge', [id, true]), 'WrongStatus', [id, Status.Faulty])
    await expectRevert(p.write('TaskMarket', 'finalizeTask', [id]), 'WrongStatus', [id, Status.Faulty])
  })

  it('slashes a provider that began unbonding after its result, from the unbonding stake', async () => {
    const id = await withResult()
    await p.write('ComputeStaking', 'beginUnbonding', [1_950n * ZOO], provider)
    await challenge(id, v2)
    const receipt = await p.write('TaskMarket', 'resolveChallenge', [id, true])
    expect(p.logsOf(receipt, 'ComputeStaking', 'Slashed')[0]!.args).toMatchObject({ account: provider, amount: 200n * ZOO, bonded: 0n, unbonding: 1_800n * ZOO })
  })

  it('on a sound result: slashes the challenger 2 %, reopens the task for finalization and allows no second challenge', async () => {
    const id = await withResult(100n * ZOO)
    await challenge(id, v2)
    const receipt = await p.write('TaskMarket', 'resolveChallenge', [id, false])
    expect(p.logsOf(receipt, 'TaskMarket', 'ChallengeResolved')[0]!.args.providerFaulty).toBe(false)
    expect(p.logsOf(receipt, 'ComputeStaking', 'Slashed').map((l) => l.args)).toEqual([
      { account: v2, reason: SlashReason.FalseChallenge, amount: 60n * ZOO, bonded: 2_940n * ZOO, unbonding: 0n, ref: `0x${id.toString(16).padStart(64, '0')}` },
    ])
    expect(await taskOf(id)).toMatchObject({ status: Status.Submitted, challengeRejected: true })
    expect(await bondedOf(provider)).toBe(2_000n * ZOO)
    await expectRevert(challenge(id, v1), 'WrongStatus', [id, Status.Submitted])
    // Attestations still count within the window, and the result is paid after it.
    await attest(id, v1)
    await p.increaseTime(DAY)
    const before = await p.balance(provider)
    await p.write('TaskMarket', 'finalizeTask', [id])
    expect(await p.balance(provider)).toBe(before + 90n * ZOO)
    expect(await p.balance(p.contracts.TaskMarket)).toBe(0n)
  })

  it('refuses a challenge after the window and a resolution of an unchallenged task', async () => {
    const id = await withResult()
    const { challengeDeadline } = await taskOf(id)
    await expectRevert(p.write('TaskMarket', 'resolveChallenge', [id, true]), 'WrongStatus', [id, Status.Submitted])
    await p.setNextTimestamp(challengeDeadline + 1n)
    await expectRevert(challenge(id, v2), 'DeadlinePassed', [id, challengeDeadline])
  })
})

describe('market parameters', () => {
  it('applies governance timing and fee changes, and rejects invalid ones', async () => {
    for (const args of [
      [0n, DAY, 1_000, 5_000],
      [HOUR, 0n, 1_000, 5_000],
      [HOUR, DAY, 10_001, 5_000],
      [HOUR, DAY, 1_000, 10_001],
    ] as const) {
      await expectRevert(p.write('TaskMarket', 'setTiming', args), 'InvalidParameter', ['timing'])
    }
    await p.write('TaskMarket', 'setTiming', [HOUR, 2n * HOUR, 2_000, 10_000])
    const id = await assigned(100n * ZOO)
    expect((await taskOf(id)).deadline).toBe((await p.now()) + HOUR)
    await p.write('TaskMarket', 'submitResult', [id, result], provider)
    expect((await taskOf(id)).challengeDeadline).toBe((await p.now()) + 2n * HOUR)
    await attest(id, v1)
    await p.increaseTime(2n * HOUR + 1n)
    const receipt = await p.write('TaskMarket', 'finalizeTask', [id])
    expect(p.logsOf(receipt, 'TaskMarket', 'TaskFinalized')[0]!.args).toMatchObject({ providerPayout: 80n * ZOO, verifierFees: 20n * ZOO })
  })

  it('pays a successful challenger the governance share of the slash', async () => {
    await p.write('TaskMarket', 'setTiming', [6n * HOUR, DAY, 1_000, 10_000])
    const id = await withResult()
    await challenge(id, v2)
    const before = await p.balance(v2)
    await p.write('TaskMarket', 'resolveChallenge', [id, true])
    expect(await p.balance(v2)).toBe(before + 200n * ZOO)
  })
})

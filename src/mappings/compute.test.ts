/** ComputeStaking and TaskMarket: stakers, resources, stake, liveness, slashes, jail, rewards and the task lifecycle (mappings/compute.ts). */
import { describe, expect, it } from 'vitest'
import { getAddress } from 'viem'
import {
  Attestation, Challenge, Heartbeat, JailEvent, JailEventKind, Resource, Reward, RewardKind, Slash, SlashReason, Staker, StakerKind, StakerStatus,
  Task, TaskStatus, Unbonding,
} from '../model'
import {
  account, bytes32, expectIndexed, expectRejected, FOREVER, hash, harnessTime, rawStringData, registerProvider, registerVerifier, type Harness,
} from './fixtures'
import { createHarness } from './testing'

const p1 = account('p1')
const p2 = account('p2')
const v1 = account('v1')
const v2 = account('v2')
const client = account('client')
const reporter = account('reporter')

const resource = (tokenId: bigint, provider: string, o: Partial<{ gpuType: string; vcpus: number; ramGb: number }> = {}) => ({
  tokenId, provider, gpuType: o.gpuType ?? 'H100', gpuCount: 8, vcpus: o.vcpus ?? 96, ramGb: o.ramGb ?? 768,
})

describe('registration', () => {
  it('ProviderRegistered and VerifierRegistered create active stakers with their bond and epoch', async () => {
    const h = createHarness()
    h.emit('ComputeStaking', 'ProviderRegistered', { provider: getAddress(p1), stake: 2_000n, epoch: 3n })
    h.emit('ComputeStaking', 'VerifierRegistered', { verifier: v1, stake: 800n, epoch: 4n })
    await expectIndexed(h)
    const fresh = {
      status: StakerStatus.ACTIVE, unbonding: 0n, unbondingReleaseAt: null, jailedUntil: null, registeredAt: harnessTime(1), registeredBlock: 1, heartbeats: 0,
      lastHeartbeatEpoch: null, slashedTotal: 0n, rewardsTotal: 0n, withdrawnTotal: 0n, tasksAssigned: 0, tasksFinalized: 0, tasksMissed: 0,
      tasksFaulty: 0, attestations: 0, challenges: 0,
    }
    expect(h.get(Staker, p1)).toEqual(new Staker({ id: p1, kind: StakerKind.PROVIDER, bonded: 2_000n, registeredEpoch: 3, ...fresh }))
    expect(h.get(Staker, v1)).toEqual(new Staker({ id: v1, kind: StakerKind.VERIFIER, bonded: 800n, registeredEpoch: 4, ...fresh }))
  })

  it('rejects a second registration, of either kind', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    await expectIndexed(h)
    await expectRejected(h, 'ComputeStaking', 'ProviderRegistered', { provider: p1, stake: 5n, epoch: 9n }, `${p1} is already registered`)
    await expectRejected(h, 'ComputeStaking', 'VerifierRegistered', { verifier: p1, stake: 5n, epoch: 9n }, `${p1} is already registered`)
    expect(h.get(Staker, p1)).toMatchObject({ kind: StakerKind.PROVIDER, bonded: 2_000n })
  })
})

describe('ResourceTokenized', () => {
  it('registers a provider\'s resource', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    h.emit('ComputeStaking', 'ResourceTokenized', resource(1n, p1))
    await expectIndexed(h)
    expect(h.all(Resource)).toEqual([new Resource({ id: '1', provider: p1, gpuType: 'H100', gpuCount: 8, vcpus: 96, ramGb: 768, registeredAt: harnessTime(1) })])
  })

  it('rejects a GPU type the store cannot hold, an account that is not a provider, and a token id tokenised before', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    registerVerifier(h, v1)
    await expectIndexed(h)
    await expectRejected(h, 'ComputeStaking', 'ResourceTokenized', resource(1n, p1, { gpuType: 'A\u0000' }), 'gpu type contains NUL characters')
    const bad = rawStringData('ComputeStaking', 'ResourceTokenized', resource(1n, p1), 'gpuType', 'ff41')
    await expectRejected(h, 'ComputeStaking', 'ResourceTokenized', bad.args, 'gpu type is not valid UTF-8', { data: bad.data })
    await expectRejected(h, 'ComputeStaking', 'ResourceTokenized', resource(1n, p2), `resource of ${p2}, not a registered provider`)
    await expectRejected(h, 'ComputeStaking', 'ResourceTokenized', resource(1n, v1), `resource of ${v1}, not a registered provider`)
    h.emit('ComputeStaking', 'ResourceTokenized', resource(1n, p1))
    await expectIndexed(h)
    await expectRejected(h, 'ComputeStaking', 'ResourceTokenized', resource(1n, p1, { gpuType: 'A100' }), 'resource 1 already tokenised')
  })

  it('rejects vCPUs or RAM beyond the integer columns (uint32 on chain, any provider can declare them)', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    h.emit('ComputeStaking', 'ResourceTokenized', resource(1n, p1, { vcpus: 2_147_483_647, ramGb: 2_147_483_647 }))
    await expectIndexed(h)
    await expectRejected(h, 'ComputeStaking', 'ResourceTokenized', resource(2n, p1, { vcpus: 2_147_483_648 }), 'vcpus 2147483648 out of range')
    await expectRejected(h, 'ComputeStaking', 'ResourceTokenized', resource(2n, p1, { ramGb: 4_294_967_295 }), 'ram 4294967295 GB out of range')
  })
})

describe('stake', () => {
  it('StakeAdded, UnbondingStarted and UnbondedWithdrawn keep bonded and unbonding equal to the contract\'s', async () => {
    const h = createHarness()
    registerProvider(h, p1, 2_000n)
    h.emit('ComputeStaking', 'StakeAdded', { account: p1, amount: 500n, bonded: 2_500n })
    h.emit('ComputeStaking', 'UnbondingStarted', { account: p1, amount: 300n, bonded: 2_200n, unbonding: 300n, releaseAt: 1_800_000_000n }, { newBlock: true })
    await expectIndexed(h)
    expect(h.get(Staker, p1)).toMatchObject({ bonded: 2_200n, unbonding: 300n, unbondingReleaseAt: new Date(1_800_000_000_000) })
    // Adding to the unbonding amount restarts its cool-down.
    h.emit('ComputeStaking', 'UnbondingStarted', { account: p1, amount: 200n, bonded: 2_000n, unbonding: 500n, releaseAt: 1_800_100_000n })
    await expectIndexed(h)
    expect(h.all(Unbonding)).toEqual([
      new Unbonding({ id: '0000000002-000000', account: p1, amount: 300n, unbondingAfter: 300n, releaseAt: new Date(1_800_000_000_000), startedAt: harnessTime(2) }),
      new Unbonding({ id: '0000000003-000000', account: p1, amount: 200n, unbondingAfter: 500n, releaseAt: new Date(1_800_100_000_000), startedAt: harnessTime(3) }),
    ])
    h.emit('ComputeStaking', 'UnbondedWithdrawn', { account: p1, amount: 500n })
    await expectIndexed(h)
    expect(h.get(Staker, p1)).toMatchObject({ bonded: 2_000n, unbonding: 0n, unbondingReleaseAt: null, withdrawnTotal: 500n })
  })

  it('reject an unknown staker', async () => {
    const h = createHarness()
    await expectRejected(h, 'ComputeStaking', 'StakeAdded', { account: p1, amount: 1n, bonded: 1n }, `unknown staker ${p1}`)
    await expectRejected(h, 'ComputeStaking', 'UnbondingStarted', { account: p1, amount: 1n, bonded: 0n, unbonding: 1n, releaseAt: 1_800_000_000n }, `unknown staker ${p1}`)
    await expectRejected(h, 'ComputeStaking', 'UnbondedWithdrawn', { account: p1, amount: 1n }, `unknown staker ${p1}`)
  })

  it('UnbondingStarted rejects a release time that is no date (Unbonding.releaseAt is required)', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    await expectIndexed(h)
    await expectRejected(h, 'ComputeStaking', 'UnbondingStarted', { account: p1, amount: 1n, bonded: 1_999n, unbonding: 1n, releaseAt: 0n }, 'unbonding release time 0 out of range')
    await expectRejected(h, 'ComputeStaking', 'UnbondingStarted', { account: p1, amount: 1n, bonded: 1_999n, unbonding: 1n, releaseAt: FOREVER }, `unbonding release time ${FOREVER} out of range`)
  })
})

describe('Heartbeat', () => {
  it('counts one heartbeat per provider and epoch', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    h.emit('ComputeStaking', 'Heartbeat', { provider: p1, epoch: 5n })
    h.emit('ComputeStaking', 'RewardPaid', { recipient: p1, kind: 4, amount: 1n, ref: bytes32(5) })
    await expectIndexed(h)
    h.emit('ComputeStaking', 'Heartbeat', { provider: p1, epoch: 6n })
    await expectIndexed(h)
    expect(h.get(Staker, p1)).toMatchObject({ heartbeats: 2, lastHeartbeatEpoch: 6, rewardsTotal: 1n })
    expect(h.all(Heartbeat)).toEqual([
      new Heartbeat({ id: `${p1}-5`, provider: p1, epoch: 5, timestamp: harnessTime(1), block: 1 }),
      new Heartbeat({ id: `${p1}-6`, provider: p1, epoch: 6, timestamp: harnessTime(2), block: 2 }),
    ])
  })

  it('rejects a second heartbeat in an epoch, in a later batch or the same one, and an unknown provider', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    h.emit('ComputeStaking', 'Heartbeat', { provider: p1, epoch: 5n })
    await expectIndexed(h)
    await expectRejected(h, 'ComputeStaking', 'Heartbeat', { provider: p1, epoch: 5n }, `second heartbeat of ${p1} in epoch 5`)
    await expectRejected(h, 'ComputeStaking', 'Heartbeat', { provider: p2, epoch: 5n }, `unknown provider ${p2}`)
    h.emit('ComputeStaking', 'Heartbeat', { provider: p1, epoch: 7n })
    h.emit('ComputeStaking', 'Heartbeat', { provider: p1, epoch: 7n })
    expect((await h.flush()).quarantined).toBe(1)
    expect(h.get(Staker, p1)).toMatchObject({ heartbeats: 2, lastHeartbeatEpoch: 7 })
  })
})

describe('Slashed', () => {
  it('sets bonded and unbonding to the contract\'s, adds to the slashed total, and counts faulty results', async () => {
    const h = createHarness()
    registerProvider(h, p1, 2_000n)
    h.emit('ComputeStaking', 'UnbondingStarted', { account: p1, amount: 1_000n, bonded: 1_000n, unbonding: 1_000n, releaseAt: 1_800_000_000n })
    // 10 % of bonded + unbonding, taken from bonded first.
    h.emit('ComputeStaking', 'Slashed', { account: p1, reason: 0, amount: 200n, bonded: 800n, unbonding: 1_000n, ref: bytes32(7) }, { newBlock: true })
    h.emit('ComputeStaking', 'Slashed', { account: p1, reason: 1, amount: 18n, bonded: 782n, unbonding: 1_000n, ref: bytes32(40) })
    await expectIndexed(h)
    expect(h.get(Staker, p1)).toMatchObject({ bonded: 782n, unbonding: 1_000n, slashedTotal: 218n, tasksFaulty: 1 })
    expect(h.all(Slash)).toEqual([
      new Slash({ id: '0000000002-000000', account: p1, reason: SlashReason.FAULTY_RESULT, amount: 200n, bondedAfter: 800n, unbondingAfter: 1_000n, ref: bytes32(7), timestamp: harnessTime(2), block: 2 }),
      new Slash({ id: '0000000002-000001', account: p1, reason: SlashReason.LIVENESS, amount: 18n, bondedAfter: 782n, unbondingAfter: 1_000n, ref: bytes32(40), timestamp: harnessTime(2), block: 2 }),
    ])
  })

  it('only FAULTY_RESULT counts a faulty task', async () => {
    const h = createHarness()
    registerVerifier(h, v1, 1_000n)
    for (const reason of [1, 2, 3, 4]) h.emit('ComputeStaking', 'Slashed', { account: v1, reason, amount: 1n, bonded: 1_000n - BigInt(reason), unbonding: 0n, ref: bytes32(1) })
    await expectIndexed(h)
    expect(h.get(Staker, v1)).toMatchObject({ tasksFaulty: 0, slashedTotal: 4n, bonded: 996n })
    expect(h.all(Slash).map((s) => s.reason)).toEqual(['LIVENESS', 'DOUBLE_SIGN', 'FALSE_ATTESTATION', 'FALSE_CHALLENGE'])
  })

  it('rejects a reason beyond the enum and an unknown staker', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    await expectIndexed(h)
    await expectRejected(h, 'ComputeStaking', 'Slashed', { account: p1, reason: 5, amount: 1n, bonded: 1n, unbonding: 0n, ref: bytes32(1) }, 'slash reason 5 out of range')
    await expectRejected(h, 'ComputeStaking', 'Slashed', { account: p2, reason: 0, amount: 1n, bonded: 1n, unbonding: 0n, ref: bytes32(1) }, `unknown staker ${p2}`)
  })
})

describe('jail', () => {
  it('Jailed jails until the given time; Unjailed frees', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    h.emit('ComputeStaking', 'Jailed', { provider: p1, reason: 1, until: 1_800_000_000n })
    await expectIndexed(h)
    expect(h.get(Staker, p1)).toMatchObject({ status: StakerStatus.JAILED, jailedUntil: new Date(1_800_000_000_000) })
    h.emit('ComputeStaking', 'Unjailed', { provider: p1 })
    await expectIndexed(h)
    expect(h.get(Staker, p1)).toMatchObject({ status: StakerStatus.ACTIVE, jailedUntil: null })
    expect(h.all(JailEvent)).toEqual([
      new JailEvent({ id: '0000000001-000001', provider: p1, kind: JailEventKind.JAILED, reason: SlashReason.LIVENESS, until: new Date(1_800_000_000_000), timestamp: harnessTime(1), block: 1 }),
      new JailEvent({ id: '0000000002-000000', provider: p1, kind: JailEventKind.UNJAILED, reason: null, until: null, timestamp: harnessTime(2), block: 2 }),
    ])
  })

  it('a double-sign tombstones for good: the Jailed that follows keeps TOMBSTONED', async () => {
    const h = createHarness()
    registerProvider(h, p1, 2_000n)
    // As reportDoubleSign emits them: the slash, the reporter's reward, Tombstoned, then Jailed forever.
    h.emit('ComputeStaking', 'Slashed', { account: p1, reason: 2, amount: 100n, bonded: 1_900n, unbonding: 0n, ref: hash('7a') })
    h.emit('ComputeStaking', 'RewardPaid', { recipient: reporter, kind: 3, amount: 50n, ref: hash('7a') })
    h.emit('ComputeStaking', 'Tombstoned', { provider: p1, ref: hash('7a') })
    h.emit('ComputeStaking', 'Jailed', { provider: p1, reason: 2, until: FOREVER })
    await expectIndexed(h)
    expect(h.get(Staker, p1)).toMatchObject({ status: StakerStatus.TOMBSTONED, jailedUntil: null, bonded: 1_900n, slashedTotal: 100n })
    expect(h.all(JailEvent).map((j) => [j.kind, j.reason, j.until])).toEqual([
      [JailEventKind.TOMBSTONED, SlashReason.DOUBLE_SIGN, null],
      [JailEventKind.JAILED, SlashReason.DOUBLE_SIGN, null],
    ])
    // The reporter is no staker: the reward is recorded, no staker is created.
    expect(h.get(Staker, reporter)).toBeUndefined()
    expect(h.all(Reward).map((r) => [r.recipient, r.kind, r.amount, r.source])).toEqual([[reporter, RewardKind.REPORTER_REWARD, 50n, 'ComputeStaking']])
  })

  it('rejects a jail reason beyond the enum and unknown providers', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    await expectIndexed(h)
    await expectRejected(h, 'ComputeStaking', 'Jailed', { provider: p1, reason: 5, until: 1n }, 'jail reason 5 out of range')
    await expectRejected(h, 'ComputeStaking', 'Jailed', { provider: p2, reason: 1, until: 1n }, `unknown provider ${p2}`)
    await expectRejected(h, 'ComputeStaking', 'Unjailed', { provider: p2 }, `unknown provider ${p2}`)
    await expectRejected(h, 'ComputeStaking', 'Tombstoned', { provider: p2, ref: hash('7a') }, `unknown provider ${p2}`)
  })
})

describe('RewardPaid', () => {
  it('records the source contract and adds to a staker\'s rewards', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    registerVerifier(h, v1)
    h.emit('ComputeStaking', 'RewardPaid', { recipient: p1, kind: 4, amount: 1n, ref: bytes32(3) })
    h.emit('TaskMarket', 'RewardPaid', { recipient: getAddress(v1), kind: 1, amount: 10n, ref: bytes32(1) }, { newBlock: true })
    h.emit('TaskMarket', 'RewardPaid', { recipient: p1, kind: 0, amount: 90n, ref: bytes32(1) })
    h.emit('ComputeStaking', 'RewardPaid', { recipient: v1, kind: 2, amount: 100n, ref: bytes32(2) })
    await expectIndexed(h)
    expect(h.all(Reward)).toEqual([
      new Reward({ id: '0000000001-000002', recipient: p1, kind: RewardKind.EPOCH_REWARD, amount: 1n, ref: bytes32(3), source: 'ComputeStaking', timestamp: harnessTime(1), block: 1 }),
      new Reward({ id: '0000000002-000000', recipient: v1, kind: RewardKind.VERIFIER_FEE, amount: 10n, ref: bytes32(1), source: 'TaskMarket', timestamp: harnessTime(2), block: 2 }),
      new Reward({ id: '0000000002-000001', recipient: p1, kind: RewardKind.TASK_PAYMENT, amount: 90n, ref: bytes32(1), source: 'TaskMarket', timestamp: harnessTime(2), block: 2 }),
      new Reward({ id: '0000000002-000002', recipient: v1, kind: RewardKind.CHALLENGER_REWARD, amount: 100n, ref: bytes32(2), source: 'ComputeStaking', timestamp: harnessTime(2), block: 2 }),
    ])
    expect(h.get(Staker, p1)?.rewardsTotal).toBe(91n)
    expect(h.get(Staker, v1)?.rewardsTotal).toBe(110n)
  })

  it('rejects a kind beyond the enum, from either contract', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    await expectIndexed(h)
    await expectRejected(h, 'ComputeStaking', 'RewardPaid', { recipient: p1, kind: 5, amount: 1n, ref: bytes32(1) }, 'reward kind 5 out of range')
    await expectRejected(h, 'TaskMarket', 'RewardPaid', { recipient: p1, kind: 5, amount: 1n, ref: bytes32(1) }, 'reward kind 5 out of range')
    expect(h.get(Staker, p1)?.rewardsTotal).toBe(0n)
  })
})

describe('RewardsFunded', () => {
  it('is counted and changes no entity', async () => {
    const h = createHarness()
    h.emit('ComputeStaking', 'RewardsFunded', { from: client, amount: 1n, reserve: 1n })
    expect(await expectIndexed(h)).toMatchObject({ inserted: 0, upserted: 1 })
  })
})

// ----- TaskMarket -----

/** p1 (provider) and v1, v2 (verifiers) registered, task 1 submitted by the client and assigned to p1. */
function assignedTask(h: Harness): void {
  registerProvider(h, p1, 2_000n)
  registerVerifier(h, v1, 800n)
  registerVerifier(h, v2, 600n)
  h.emit('TaskMarket', 'TaskSubmitted', { taskId: 1n, client, bid: 1_000n, specHash: hash('5e') })
  h.emit('TaskMarket', 'TaskAssigned', { taskId: 1n, provider: p1, deadline: 1_800_000_000n })
}

describe('task lifecycle', () => {
  it('TaskSubmitted opens a task; TaskCancelled closes it', async () => {
    const h = createHarness()
    h.emit('TaskMarket', 'TaskSubmitted', { taskId: 1n, client: getAddress(client), bid: 1_000n, specHash: hash('5e') })
    await expectIndexed(h)
    expect(h.get(Task, '1')).toEqual(
      new Task({
        id: '1', client, provider: null, status: TaskStatus.OPEN, bid: 1_000n, specHash: hash('5e'), resultHash: null, submittedAt: harnessTime(1),
        assignedAt: null, deadline: null, resultAt: null, challengeDeadline: null, attestedWeight: 0n, attesters: 0, challenger: null, closedAt: null,
        closedBlock: null, providerPayout: null, verifierFees: null,
      }),
    )
    h.emit('TaskMarket', 'TaskCancelled', { taskId: 1n })
    await expectIndexed(h)
    expect(h.get(Task, '1')).toMatchObject({ status: TaskStatus.CANCELLED, closedAt: harnessTime(2), closedBlock: 2 })
  })

  it('assigned, submitted, attested by weight, finalized and paid', async () => {
    const h = createHarness()
    assignedTask(h)
    await expectIndexed(h)
    expect(h.get(Task, '1')).toMatchObject({ status: TaskStatus.ASSIGNED, provider: p1, assignedAt: harnessTime(1), deadline: new Date(1_800_000_000_000) })
    expect(h.get(Staker, p1)?.tasksAssigned).toBe(1)
    h.emit('TaskMarket', 'ResultSubmitted', { taskId: 1n, provider: p1, resultHash: hash('4e'), challengeDeadline: 1_800_050_000n })
    h.emit('TaskMarket', 'Attested', { taskId: 1n, verifier: v1, weight: 800n }, { newBlock: true })
    h.emit('TaskMarket', 'Attested', { taskId: 1n, verifier: v2, weight: 600n })
    await expectIndexed(h)
    expect(h.get(Task, '1')).toMatchObject({ status: TaskStatus.SUBMITTED, resultHash: hash('4e'), resultAt: harnessTime(2), challengeDeadline: new Date(1_800_050_000_000), attestedWeight: 1_400n, attesters: 2 })
    expect(h.all(Attestation)).toEqual([
      new Attestation({ id: `1-${v1}`, taskId: '1', verifier: v1, weight: 800n, timestamp: harnessTime(3) }),
      new Attestation({ id: `1-${v2}`, taskId: '1', verifier: v2, weight: 600n, timestamp: harnessTime(3) }),
    ])
    expect([h.get(Staker, v1)?.attestations, h.get(Staker, v2)?.attestations]).toEqual([1, 1])
    // As finalizeTask emits them: the fees by weight, the provider's payout, then TaskFinalized.
    h.emit('TaskMarket', 'RewardPaid', { recipient: v1, kind: 1, amount: 57n, ref: bytes32(1) })
    h.emit('TaskMarket', 'RewardPaid', { recipient: v2, kind: 1, amount: 42n, ref: bytes32(1) })
    h.emit('TaskMarket', 'RewardPaid', { recipient: p1, kind: 0, amount: 901n, ref: bytes32(1) })
    h.emit('TaskMarket', 'TaskFinalized', { taskId: 1n, provider: p1, providerPayout: 901n, verifierFees: 99n })
    await expectIndexed(h)
    expect(h.get(Task, '1')).toMatchObject({ status: TaskStatus.FINALIZED, closedAt: harnessTime(4), providerPayout: 901n, verifierFees: 99n })
    expect(h.get(Staker, p1)).toMatchObject({ tasksFinalized: 1, rewardsTotal: 901n })
    expect(h.get(Staker, v1)?.rewardsTotal).toBe(57n)
  })

  it('a missed deadline closes the task and counts it on the provider', async () => {
    const h = createHarness()
    assignedTask(h)
    await expectIndexed(h)
    h.emit('TaskMarket', 'TaskMissed', { taskId: 1n, provider: p1 })
    h.emit('ComputeStaking', 'Slashed', { account: p1, reason: 1, amount: 20n, bonded: 1_980n, unbonding: 0n, ref: bytes32(1) })
    await expectIndexed(h)
    expect(h.get(Task, '1')).toMatchObject({ status: TaskStatus.MISSED, closedAt: harnessTime(2) })
    expect(h.get(Staker, p1)).toMatchObject({ tasksMissed: 1, tasksFaulty: 0, bonded: 1_980n })
  })

  it('a challenge upheld makes the task faulty; the provider\'s faulty count comes with its FAULTY_RESULT slash', async () => {
    const h = createHarness()
    assignedTask(h)
    h.emit('TaskMarket', 'ResultSubmitted', { taskId: 1n, provider: p1, resultHash: hash('4e'), challengeDeadline: 1_800_050_000n })
    h.emit('TaskMarket', 'Attested', { taskId: 1n, verifier: v1, weight: 800n })
    h.emit('TaskMarket', 'Challenged', { taskId: 1n, verifier: v2, claimedResultHash: hash('4f') })
    await expectIndexed(h)
    expect(h.get(Task, '1')).toMatchObject({ status: TaskStatus.CHALLENGED, challenger: v2 })
    expect(h.get(Challenge, '1')).toEqual(new Challenge({ id: '1', taskId: '1', challenger: v2, claimedResultHash: hash('4f'), raisedAt: harnessTime(1), providerFaulty: null, resolvedAt: null }))
    expect(h.get(Staker, v2)?.challenges).toBe(1)
    // As resolveChallenge(faulty) emits them.
    h.emit('TaskMarket', 'ChallengeResolved', { taskId: 1n, challenger: v2, providerFaulty: true })
    h.emit('ComputeStaking', 'Slashed', { account: p1, reason: 0, amount: 200n, bonded: 1_800n, unbonding: 0n, ref: bytes32(1) })
    h.emit('ComputeStaking', 'RewardPaid', { recipient: v2, kind: 2, amount: 100n, ref: bytes32(1) })
    h.emit('ComputeStaking', 'Slashed', { account: v1, reason: 3, amount: 16n, bonded: 784n, unbonding: 0n, ref: bytes32(1) })
    await expectIndexed(h)
    expect(h.get(Task, '1')).toMatchObject({ status: TaskStatus.FAULTY, closedAt: harnessTime(2) })
    expect(h.get(Challenge, '1')).toMatchObject({ providerFaulty: true, resolvedAt: harnessTime(2) })
    expect(h.get(Staker, p1)).toMatchObject({ tasksFaulty: 1, bonded: 1_800n, slashedTotal: 200n })
    expect(h.get(Staker, v1)).toMatchObject({ tasksFaulty: 0, bonded: 784n })
    expect(h.get(Staker, v2)?.rewardsTotal).toBe(100n)
  })

  it('a challenge rejected returns the task to SUBMITTED and slashes the challenger', async () => {
    const h = createHarness()
    assignedTask(h)
    h.emit('TaskMarket', 'ResultSubmitted', { taskId: 1n, provider: p1, resultHash: hash('4e'), challengeDeadline: 1_800_050_000n })
    h.emit('TaskMarket', 'Challenged', { taskId: 1n, verifier: v2, claimedResultHash: hash('4f') })
    await expectIndexed(h)
    h.emit('TaskMarket', 'ChallengeResolved', { taskId: 1n, challenger: v2, providerFaulty: false })
    h.emit('ComputeStaking', 'Slashed', { account: v2, reason: 4, amount: 12n, bonded: 588n, unbonding: 0n, ref: bytes32(1) })
    await expectIndexed(h)
    expect(h.get(Task, '1')).toMatchObject({ status: TaskStatus.SUBMITTED, closedAt: null, challenger: v2 })
    expect(h.get(Challenge, '1')).toMatchObject({ providerFaulty: false })
    expect(h.get(Staker, v2)).toMatchObject({ bonded: 588n, tasksFaulty: 0 })
    expect(h.get(Staker, p1)?.tasksFaulty).toBe(0)
  })

  it('attestations and challenges of accounts that are no stakers are recorded without a staker', async () => {
    const h = createHarness()
    assignedTask(h)
    h.emit('TaskMarket', 'Attested', { taskId: 1n, verifier: client, weight: 5n })
    h.emit('TaskMarket', 'Challenged', { taskId: 1n, verifier: client, claimedResultHash: hash('4f') })
    await expectIndexed(h)
    expect(h.get(Task, '1')).toMatchObject({ attestedWeight: 5n, attesters: 1, challenger: client })
    expect(h.get(Staker, client)).toBeUndefined()
  })
})

describe('TaskMarket rejections', () => {
  it('TaskSubmitted: a task id submitted before', async () => {
    const h = createHarness()
    h.emit('TaskMarket', 'TaskSubmitted', { taskId: 1n, client, bid: 1n, specHash: hash('5e') })
    await expectIndexed(h)
    await expectRejected(h, 'TaskMarket', 'TaskSubmitted', { taskId: 1n, client: p2, bid: 2n, specHash: hash('5f') }, 'task 1 already submitted')
  })

  it('unknown tasks', async () => {
    const h = createHarness()
    registerProvider(h, p1)
    await expectIndexed(h)
    await expectRejected(h, 'TaskMarket', 'TaskCancelled', { taskId: 9n }, 'unknown task 9')
    await expectRejected(h, 'TaskMarket', 'TaskAssigned', { taskId: 9n, provider: p1, deadline: 1n }, 'unknown task 9')
    await expectRejected(h, 'TaskMarket', 'ResultSubmitted', { taskId: 9n, provider: p1, resultHash: hash('4e'), challengeDeadline: 1n }, 'unknown task 9')
    await expectRejected(h, 'TaskMarket', 'Attested', { taskId: 9n, verifier: v1, weight: 1n }, 'unknown task 9')
    await expectRejected(h, 'TaskMarket', 'Challenged', { taskId: 9n, verifier: v1, claimedResultHash: hash('4f') }, 'unknown task 9')
    await expectRejected(h, 'TaskMarket', 'ChallengeResolved', { taskId: 9n, challenger: v1, providerFaulty: true }, 'unknown challenge of task 9')
    await expectRejected(h, 'TaskMarket', 'TaskFinalized', { taskId: 9n, provider: p1, providerPayout: 1n, verifierFees: 0n }, 'unknown task 9')
    await expectRejected(h, 'TaskMarket', 'TaskMissed', { taskId: 9n, provider: p1 }, 'unknown task 9')
  })

  it('TaskAssigned: an account that is not a registered provider', async () => {
    const h = createHarness()
    registerVerifier(h, v1)
    h.emit('TaskMarket', 'TaskSubmitted', { taskId: 1n, client, bid: 1n, specHash: hash('5e') })
    await expectIndexed(h)
    await expectRejected(h, 'TaskMarket', 'TaskAssigned', { taskId: 1n, provider: v1, deadline: 1n }, `task assigned to ${v1}, not a registered provider`)
    await expectRejected(h, 'TaskMarket', 'TaskAssigned', { taskId: 1n, provider: p2, deadline: 1n }, `task assigned to ${p2}, not a registered provider`)
  })

  it('Attested twice by one verifier; Challenged twice; ChallengeResolved without a challenge', async () => {
    const h = createHarness()
    assignedTask(h)
    h.emit('TaskMarket', 'ResultSubmitted', { taskId: 1n, provider: p1, resultHash: hash('4e'), challengeDeadline: 1n })
    h.emit('TaskMarket', 'Attested', { taskId: 1n, verifier: v1, weight: 800n })
    await expectIndexed(h)
    await expectRejected(h, 'TaskMarket', 'ChallengeResolved', { taskId: 1n, challenger: v2, providerFaulty: true }, 'unknown challenge of task 1')
    await expectRejected(h, 'TaskMarket', 'Attested', { taskId: 1n, verifier: v1, weight: 800n }, `${v1} already attested task 1`)
    h.emit('TaskMarket', 'Challenged', { taskId: 1n, verifier: v2, claimedResultHash: hash('4f') })
    await expectIndexed(h)
    await expectRejected(h, 'TaskMarket', 'Challenged', { taskId: 1n, verifier: v1, claimedResultHash: hash('40') }, 'task 1 already challenged')
    expect(h.get(Task, '1')).toMatchObject({ attestedWeight: 800n, attesters: 1, challenger: v2 })
  })
})

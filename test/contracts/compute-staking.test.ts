/**
 * ComputeStaking: provider and verifier registration, resource tokenisation, bonding and unbonding,
 * slashing (bonded first, then unbonding), heartbeats and their reward, liveness enforcement with
 * jail, and double-sign evidence with tombstoning.
 */
import { encodeAbiParameters, hashMessage, hexToBigInt, keccak256, numberToHex, pad, size, slice, toBytes, toHex, zeroAddress, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DAY, ZOO, account, expectRevert, role, startProtocol, type Protocol } from '../support/protocol'

const Kind = { None: 0, Provider: 1, Verifier: 2 } as const
const SlashReason = { FaultyResult: 0, Liveness: 1, DoubleSign: 2, FalseAttestation: 3, FalseChallenge: 4 } as const
const RewardKind = { TaskPayment: 0, VerifierFee: 1, ChallengerReward: 2, ReporterReward: 3, EpochReward: 4 } as const
const EPOCH = 3_600n
const MAX_UINT64 = 2n ** 64n - 1n

let p: Protocol
let genesis: bigint
const provider = account('provider')
const verifier = account('verifier')
const stranger = account('stranger')
const slasher = account('slasher-module')

beforeAll(async () => {
  p = await startProtocol({ epochSeconds: Number(EPOCH) })
  genesis = await p.read('ComputeStaking', 'genesisTime')
  for (const who of [provider, verifier]) await p.fund(who, 10_000n * ZOO, 'ComputeStaking')
  // A test account holding MODULE exercises slash() directly, as TaskMarket does.
  await p.write('ComputeStaking', 'grantRole', [role('MODULE'), slasher])
  await p.checkpoint()
})
afterAll(async () => {
  await p?.stop()
})
beforeEach(async () => {
  await p.restore()
})

const register = (who: Address, stake: bigint) => p.write('ComputeStaking', 'registerProvider', [stake, 'H100', 8, 96, 768], who)
const accountOf = (who: Address) => p.read('ComputeStaking', 'getAccount', [who])
/** The next transaction happens `offset` seconds into epoch `e`. */
const atEpoch = (e: bigint, offset = 1n) => p.setNextTimestamp(genesis + e * EPOCH + offset)

describe('registration and resources', () => {
  it('registers a provider with at least 1,000 ZOO and tokenises its first resource', async () => {
    await expectRevert(register(provider, 999n * ZOO), 'StakeBelowMinimum', [999n * ZOO, 1_000n * ZOO])
    const before = await p.balance(provider)
    const receipt = await register(provider, 2_000n * ZOO)
    const epoch = await p.read('ComputeStaking', 'currentEpoch')
    expect(p.logsOf(receipt, 'ComputeStaking', 'ProviderRegistered')[0]!.args).toEqual({ provider, stake: 2_000n * ZOO, epoch })
    expect(p.logsOf(receipt, 'ComputeStaking', 'ResourceTokenized')[0]!.args).toEqual({ tokenId: 1n, provider, gpuType: 'H100', gpuCount: 8, vcpus: 96, ramGb: 768 })
    expect(await p.read('ComputeStaking', 'resources', [1n])).toEqual([provider, 8, 96, 768, 'H100'])
    expect(await p.balance(provider)).toBe(before - 2_000n * ZOO)
    expect(await accountOf(provider)).toMatchObject({ kind: Kind.Provider, bonded: 2_000n * ZOO, unbonding: 0n, registeredEpoch: epoch, livenessFloorEpoch: epoch, jailedUntil: 0n, tombstoned: false })
    expect(await p.read('ComputeStaking', 'isActiveProvider', [provider])).toBe(true)
    // More resources under the same stake.
    const more = await p.write('ComputeStaking', 'addResource', ['A100', 4, 32, 256], provider)
    expect(p.logsOf(more, 'ComputeStaking', 'ResourceTokenized')[0]!.args.tokenId).toBe(2n)
    expect(await p.read('ComputeStaking', 'resourceCount')).toBe(2n)
    await expectRevert(register(provider, 2_000n * ZOO), 'AlreadyRegistered', [provider])
    await expectRevert(p.write('ComputeStaking', 'registerVerifier', [500n * ZOO], provider), 'AlreadyRegistered', [provider])
  })

  it('registers a verifier with at least 500 ZOO, weighted by its bonded stake', async () => {
    await expectRevert(p.write('ComputeStaking', 'registerVerifier', [499n * ZOO], verifier), 'StakeBelowMinimum', [499n * ZOO, 500n * ZOO])
    const receipt = await p.write('ComputeStaking', 'registerVerifier', [800n * ZOO], verifier)
    expect(p.logsOf(receipt, 'ComputeStaking', 'VerifierRegistered')[0]!.args).toMatchObject({ verifier, stake: 800n * ZOO })
    expect(await p.read('ComputeStaking', 'verifierWeight', [verifier])).toBe(800n * ZOO)
    expect(await p.read('ComputeStaking', 'isActiveProvider', [verifier])).toBe(false)
    // A verifier is not a provider: no resources, no heartbeats.
    await expectRevert(p.write('ComputeStaking', 'addResource', ['x', 1, 1, 1], verifier), 'NotA', [Kind.Provider, verifier])
    await expectRevert(p.write('ComputeStaking', 'heartbeat', [], verifier), 'NotA', [Kind.Provider, verifier])
    // Below the minimum after unbonding, it carries no weight.
    await p.write('ComputeStaking', 'beginUnbonding', [301n * ZOO], verifier)
    expect(await p.read('ComputeStaking', 'verifierWeight', [verifier])).toBe(0n)
    await register(provider, 1_000n * ZOO)
    expect(await p.read('ComputeStaking', 'verifierWeight', [provider])).toBe(0n)
  })

  it('needs the stake approved to the contract', async () => {
    const poor = account('no-allowance')
    await p.fund(poor, 2_000n * ZOO)
    await expectRevert(register(poor, 1_000n * ZOO), 'InsufficientAllowance', [poor, p.contracts.ComputeStaking, 0n, 1_000n * ZOO])
  })
})

describe('bonding and unbonding', () => {
  it('adds stake to a registered account only', async () => {
    await register(provider, 1_000n * ZOO)
    const receipt = await p.write('ComputeStaking', 'addStake', [250n * ZOO], provider)
    expect(p.logsOf(receipt, 'ComputeStaking', 'StakeAdded')[0]!.args).toEqual({ account: provider, amount: 250n * ZOO, bonded: 1_250n * ZOO })
    expect((await accountOf(provider)).bonded).toBe(1_250n * ZOO)
    await expectRevert(p.write('ComputeStaking', 'addStake', [1n], stranger), 'NotA', [Kind.Provider, stranger])
  })

  it('withdraws unbonded stake after the 7-day cool-down, which a further unbonding restarts', async () => {
    await register(provider, 2_000n * ZOO)
    await expectRevert(p.write('ComputeStaking', 'beginUnbonding', [0n], provider), 'InsufficientBonded', [2_000n * ZOO, 0n])
    await expectRevert(p.write('ComputeStaking', 'beginUnbonding', [2_001n * ZOO], provider), 'InsufficientBonded', [2_000n * ZOO, 2_001n * ZOO])
    await expectRevert(p.write('ComputeStaking', 'withdrawUnbonded', [], provider), 'NothingUnbonding', [provider])
    const first = await p.write('ComputeStaking', 'beginUnbonding', [500n * ZOO], provider)
    const t1 = await p.now()
    expect(p.logsOf(first, 'ComputeStaking', 'UnbondingStarted')[0]!.args).toEqual({ account: provider, amount: 500n * ZOO, bonded: 1_500n * ZOO, unbonding: 500n * ZOO, releaseAt: t1 + 7n * DAY })
    await p.setNextTimestamp(t1 + 3n * DAY)
    await p.write('ComputeStaking', 'beginUnbonding', [300n * ZOO], provider)
    const releaseAt = t1 + 10n * DAY
    expect(await accountOf(provider)).toMatchObject({ bonded: 1_200n * ZOO, unbonding: 800n * ZOO, unbondingReleaseAt: releaseAt })
    // The first cool-down would have ended here; the second one has not.
    await p.setNextTimestamp(t1 + 7n * DAY)
    await expectRevert(p.write('ComputeStaking', 'withdrawUnbonded', [], provider), 'StillUnbonding', [releaseAt])
    await p.setNextTimestamp(releaseAt - 1n)
    await expectRevert(p.write('ComputeStaking', 'withdrawUnbonded', [], provider), 'StillUnbonding', [releaseAt])
    const before = await p.balance(provider)
    await p.setNextTimestamp(releaseAt)
    const receipt = await p.write('ComputeStaking', 'withdrawUnbonded', [], provider)
    expect(p.logsOf(receipt, 'ComputeStaking', 'UnbondedWithdrawn')[0]!.args).toEqual({ account: provider, amount: 800n * ZOO })
    expect(await p.balance(provider)).toBe(before + 800n * ZOO)
    expect(await accountOf(provider)).toMatchObject({ bonded: 1_200n * ZOO, unbonding: 0n })
    await expectRevert(p.write('ComputeStaking', 'withdrawUnbonded', [], provider), 'NothingUnbonding', [provider])
  })

  it('stops a provider being active once its bonded stake falls below the minimum', async () => {
    await register(provider, 1_500n * ZOO)
    await p.write('ComputeStaking', 'beginUnbonding', [500n * ZOO], provider)
    expect(await p.read('ComputeStaking', 'isActiveProvider', [provider])).toBe(true)
    await p.write('ComputeStaking', 'beginUnbonding', [1n], provider)
    expect(await p.read('ComputeStaking', 'isActiveProvider', [provider])).toBe(false)
  })
})

describe('slashing arithmetic', () => {
  const ref = keccak256(toBytes('ref'))

  it('slashes the rate of bonded plus unbonding stake, from bonded first, then from unbonding', async () => {
    await register(provider, 2_000n * ZOO)
    await p.write('ComputeStaking', 'beginUnbonding', [1_950n * ZOO], provider)
    const receipt = await p.write('ComputeStaking', 'slash', [provider, SlashReason.FaultyResult, ref, zeroAddress, 0], slasher)
    // 10 % of 2,000 = 200: the 50 still bonded, then 150 of the 1,950 unbonding.
    expect(p.logsOf(receipt, 'ComputeStaking', 'Slashed')[0]!.args).toEqual({ account: provider, reason: SlashReason.FaultyResult, amount: 200n * ZOO, bonded: 0n, unbonding: 1_800n * ZOO, ref })
    expect(await p.read('ComputeStaking', 'slashedTotal')).toBe(200n * ZOO)
    // Slashed stake cannot be withdrawn: only what is left of the unbonding amount.
    await p.increaseTime(7n * DAY)
    const before = await p.balance(provider)
    await p.write('ComputeStaking', 'withdrawUnbonded', [], provider)
    expect(await p.balance(provider)).toBe(before + 1_800n * ZOO)
  })

  it('takes a bonded-only slash from bonded stake and rounds the amount down to the wei', async () => {
    const odd = 1_000n * ZOO + 99n
    await p.fund(stranger, odd, 'ComputeStaking')
    await register(stranger, odd)
    const receipt = await p.write('ComputeStaking', 'slash', [stranger, SlashReason.Liveness, ref, zeroAddress, 0], slasher)
    // 1 % of 1,000 ZOO + 99 wei = 10 ZOO + 0.99 wei, rounded down.
    const amount = 10n * ZOO
    expect(p.logsOf(receipt, 'ComputeStaking', 'Slashed')[0]!.args).toMatchObject({ amount, bonded: odd - amount, unbonding: 0n })
  })

  it('pays a beneficiary its share of the slash and keeps the rest', async () => {
    await register(provider, 2_000n * ZOO)
    const beneficiary = account('challenger')
    const receipt = await p.write('ComputeStaking', 'slash', [provider, SlashReason.FaultyResult, ref, beneficiary, 5_000], slasher)
    expect(p.logsOf(receipt, 'ComputeStaking', 'RewardPaid')[0]!.args).toEqual({ recipient: beneficiary, kind: RewardKind.ChallengerReward, amount: 100n * ZOO, ref })
    expect(await p.balance(beneficiary)).toBe(100n * ZOO)
    expect(await p.read('ComputeStaking', 'slashedTotal')).toBe(100n * ZOO)
  })

  it('applies the governance slash rates, each at most 100 %', async () => {
    await expectRevert(p.write('ComputeStaking', 'setSlashRates', [[1_000, 100, 500, 200, 10_001]]), 'InvalidParameter', ['slashBps'])
    await p.write('ComputeStaking', 'setSlashRates', [[1_000, 250, 500, 200, 200]])
    await register(provider, 2_000n * ZOO)
    const receipt = await p.write('ComputeStaking', 'slash', [provider, SlashReason.Liveness, ref, zeroAddress, 0], slasher)
    expect(p.logsOf(receipt, 'ComputeStaking', 'Slashed')[0]!.args.amount).toBe(50n * ZOO)
  })

  it('cannot slash an account that is not registered', async () => {
    await expectRevert(p.write('ComputeStaking', 'slash', [stranger, SlashReason.Liveness, ref, zeroAddress, 0], slasher), 'NotA', [Kind.Provider, stranger])
  })
})

describe('heartbeats', () => {
  it('accepts one heartbeat per epoch and pays 0.05 % of bonded stake from the reward reserve', async () => {
    await atEpoch(2n)
    await register(provider, 2_000n * ZOO)
    const reserve = await p.read('ComputeStaking', 'rewardReserve')
    const before = await p.balance(provider)
    await atEpoch(2n, 100n)
    const receipt = await p.write('ComputeStaking', 'heartbeat', [], provider)
    expect(p.logsOf(receipt, 'ComputeStaking', 'Heartbeat')[0]!.args).toEqual({ provider, epoch: 2n })
    // 2,000 ZOO * 5 / 10,000 = 1 ZOO.
    expect(p.logsOf(receipt, 'ComputeStaking', 'RewardPaid')[0]!.args).toEqual({ recipient: provider, kind: RewardKind.EpochReward, amount: ZOO, ref: pad(toHex(2)) })
    expect(await p.balance(provider)).toBe(before + ZOO)
    expect(await p.read('ComputeStaking', 'rewardReserve')).toBe(reserve - ZOO)
    expect(await p.read('ComputeStaking', 'heartbeatAt', [provider, 2n])).toBe(true)
    await atEpoch(2n, EPOCH - 1n)
    await expectRevert(p.write('ComputeStaking', 'heartbeat', [], provider), 'HeartbeatAlreadyPosted', [provider, 2n])
    await atEpoch(3n, 0n)
    await p.write('ComputeStaking', 'heartbeat', [], provider)
    expect(await p.read('ComputeStaking', 'heartbeatAt', [provider, 3n])).toBe(true)
  })

  it('records the heartbeat without a reward the reserve cannot cover', async () => {
    // 0.05 % of 3 billion ZOO is 1.5 million, more than the 1 million reserve.
    const whale = account('whale')
    await p.fund(whale, 3_000_000_000n * ZOO, 'ComputeStaking')
    await register(whale, 3_000_000_000n * ZOO)
    const reserve = await p.read('ComputeStaking', 'rewardReserve')
    const receipt = await p.write('ComputeStaking', 'heartbeat', [], whale)
    expect(p.logsOf(receipt, 'ComputeStaking', 'Heartbeat')).toHaveLength(1)
    expect(p.logsOf(receipt, 'ComputeStaking', 'RewardPaid')).toEqual([])
    expect(await p.read('ComputeStaking', 'rewardReserve')).toBe(reserve)
  })

  it('adds funded rewards to the reserve', async () => {
    const reserve = await p.read('ComputeStaking', 'rewardReserve')
    await p.fund(stranger, 100n * ZOO, 'ComputeStaking')
    const receipt = await p.write('ComputeStaking', 'fundRewards', [100n * ZOO], stranger)
    expect(p.logsOf(receipt, 'ComputeStaking', 'RewardsFunded')[0]!.args).toEqual({ from: stranger, amount: 100n * ZOO, reserve: reserve + 100n * ZOO })
  })
})

describe('liveness: at least 5 heartbeats in every window of 10 epochs', () => {
  /** Registers `who` in epoch 0 and posts heartbeats in the given epochs. */
  async function withHeartbeats(who: Address, stake: bigint, epochs: bigint[]) {
    await p.fund(who, stake, 'ComputeStaking')
    await atEpoch(0n, 100n)
    await register(who, stake)
    for (const e of epochs) {
      await atEpoch(e, 200n)
      await p.write('ComputeStaking', 'heartbeat', [], who)
    }
  }

  it('rejects windows that are not complete or reach back before registration', async () => {
    await withHeartbeats(provider, 2_000n * ZOO, [0n, 1n])
    await atEpoch(9n)
    await expectRevert(p.write('ComputeStaking', 'enforceLiveness', [provider, 9n]), 'WindowNotComplete', [9n, 9n])
    await atEpoch(12n)
    // Window 0..8 does not hold 10 epochs since registration in epoch 0.
    await expectRevert(p.write('ComputeStaking', 'enforceLiveness', [provider, 8n]), 'WindowTooEarly', [0n, 0n])
    await expectRevert(p.write('ComputeStaking', 'enforceLiveness', [verifier, 9n]), 'NotA', [Kind.Provider, verifier])
  })

  it('leaves a provider alone that met the minimum', async () => {
    await withHeartbeats(provider, 2_000n * ZOO, [0n, 2n, 4n, 6n, 9n])
    await atEpoch(10n)
    await expectRevert(p.write('ComputeStaking', 'enforceLiveness', [provider, 9n], stranger), 'LivenessMet', [provider, 5n, 5n])
  })

  it('slashes 1 % and jails for 3 days a provider with 4 heartbeats; unjailing waits for the jail to end', async () => {
    await withHeartbeats(provider, 2_000n * ZOO, [0n, 1n, 2n, 3n])
    await atEpoch(10n)
    const receipt = await p.write('ComputeStaking', 'enforceLiveness', [provider, 9n], stranger)
    const until = (await p.now()) + 3n * DAY
    expect(p.logsOf(receipt, 'ComputeStaking', 'Slashed')[0]!.args).toEqual({ account: provider, reason: SlashReason.Liveness, amount: 20n * ZOO, bonded: 1_980n * ZOO, unbonding: 0n, ref: pad(toHex(9)) })
    expect(p.logsOf(receipt, 'ComputeStaking', 'Jailed')[0]!.args).toEqual({ provider, reason: SlashReason.Liveness, until })
    expect(await accountOf(provider)).toMatchObject({ jailedUntil: until, livenessFloorEpoch: 10n, bonded: 1_980n * ZOO })
    expect(await p.read('ComputeStaking', 'isActiveProvider', [provider])).toBe(false)
    await expectRevert(p.write('ComputeStaking', 'heartbeat', [], provider), 'IsJailed', [provider, until])
    await expectRevert(p.write('ComputeStaking', 'enforceLiveness', [provider, 9n]), 'IsJailed', [provider, until])
    await p.setNextTimestamp(until - 1n)
    await expectRevert(p.write('ComputeStaking', 'unjail', [], provider), 'IsJailed', [provider, until])
    await p.setNextTimestamp(until)
    const unjailed = await p.write('ComputeStaking', 'unjail', [], provider)
    expect(p.logsOf(unjailed, 'ComputeStaking', 'Unjailed')[0]!.args).toEqual({ provider })
    const floor = await p.read('ComputeStaking', 'currentEpoch')
    expect(await accountOf(provider)).toMatchObject({ jailedUntil: 0n, livenessFloorEpoch: floor })
    expect(await p.read('ComputeStaking', 'isActiveProvider', [provider])).toBe(true)
    await expectRevert(p.write('ComputeStaking', 'unjail', [], provider), 'NotJailed', [provider])
    // The jail time does not count against it: the next window starts at the unjailing epoch.
    await atEpoch(floor + 10n)
    await expectRevert(p.write('ComputeStaking', 'enforceLiveness', [provider, floor + 8n]), 'WindowTooEarly', [floor - 1n, floor])
    await p.write('ComputeStaking', 'enforceLiveness', [provider, floor + 9n])
  })

  it('keeps a provider jailed whose stake fell below the minimum until it tops up', async () => {
    await withHeartbeats(provider, 1_000n * ZOO, [])
    await atEpoch(10n)
    await p.write('ComputeStaking', 'enforceLiveness', [provider, 9n])
    await p.increaseTime(3n * DAY)
    await expectRevert(p.write('ComputeStaking', 'unjail', [], provider), 'StakeBelowMinimum', [990n * ZOO, 1_000n * ZOO])
    await p.fund(provider, 10n * ZOO, 'ComputeStaking')
    await p.write('ComputeStaking', 'addStake', [10n * ZOO], provider)
    await p.write('ComputeStaking', 'unjail', [], provider)
  })

  it('lets governance change the window, within sane bounds', async () => {
    await expectRevert(p.write('ComputeStaking', 'setLiveness', [0n, 0n, DAY]), 'InvalidParameter', ['livenessWindow'])
    await expectRevert(p.write('ComputeStaking', 'setLiveness', [4n, 5n, DAY]), 'InvalidParameter', ['livenessWindow'])
    await p.write('ComputeStaking', 'setLiveness', [4n, 2n, DAY])
    await withHeartbeats(provider, 2_000n * ZOO, [0n])
    await atEpoch(4n)
    const receipt = await p.write('ComputeStaking', 'enforceLiveness', [provider, 3n])
    expect(p.logsOf(receipt, 'ComputeStaking', 'Jailed')[0]!.args.until).toBe((await p.now()) + DAY)
  })
})

describe('double-sign evidence', () => {
  const signer = privateKeyToAccount(keccak256(toBytes('peerwatch-test:double-signer')))
  const other = privateKeyToAccount(keccak256(toBytes('peerwatch-test:someone-else')))
  const taskId = pad(toHex(42))
  const [resultA, resultB] = [keccak256(toBytes('result A')), keccak256(toBytes('result B'))]
  const inner = (task: Hex, result: Hex) =>
    keccak256(
      encodeAbiParameters([{ type: 'uint256' }, { type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }], [BigInt(p.chainId), p.contracts.TaskMarket, task, result]),
    )
  const sign = (who: typeof signer, task: Hex, result: Hex) => who.signMessage({ message: { raw: inner(task, result) } })
  const report = (a: Hex, sigA: Hex, b: Hex, sigB: Hex, task = taskId, from = stranger) =>
    p.write('ComputeStaking', 'reportDoubleSign', [signer.address, task, a, sigA, b, sigB], from)

  beforeEach(async () => {
    await p.fund(signer.address, 2_000n * ZOO, 'ComputeStaking')
    await register(signer.address, 2_000n * ZOO)
  })

  it('signs the EIP-191 digest of (chain id, task market, task id, result hash)', async () => {
    expect(await p.read('ComputeStaking', 'resultDigest', [taskId, resultA])).toBe(hashMessage({ raw: inner(taskId, resultA) }))
  })

  it('slashes 5 %, pays the reporter half of it and tombstones the provider', async () => {
    const reporter = account('reporter')
    const receipt = await report(resultA, await sign(signer, taskId, resultA), resultB, await sign(signer, taskId, resultB), taskId, reporter)
    expect(p.logsOf(receipt, 'ComputeStaking', 'Slashed')[0]!.args).toEqual({ account: signer.address, reason: SlashReason.DoubleSign, amount: 100n * ZOO, bonded: 1_900n * ZOO, unbonding: 0n, ref: taskId })
    expect(p.logsOf(receipt, 'ComputeStaking', 'RewardPaid')[0]!.args).toEqual({ recipient: reporter, kind: RewardKind.ReporterReward, amount: 50n * ZOO, ref: taskId })
    expect(p.logsOf(receipt, 'ComputeStaking', 'Tombstoned')[0]!.args).toEqual({ provider: signer.address, ref: taskId })
    expect(p.logsOf(receipt, 'ComputeStaking', 'Jailed')[0]!.args).toEqual({ provider: signer.address, reason: SlashReason.DoubleSign, until: MAX_UINT64 })
    expect(await p.balance(reporter)).toBe(50n * ZOO)
    expect(await p.read('ComputeStaking', 'slashedTotal')).toBe(50n * ZOO)
    expect(await accountOf(signer.address)).toMatchObject({ tombstoned: true, jailedUntil: MAX_UINT64, bonded: 1_900n * ZOO })
    expect(await p.read('ComputeStaking', 'doubleSignReported', [signer.address, taskId])).toBe(true)
    // Tombstoned is for good: no unjailing, no heartbeats, no tasks.
    expect(await p.read('ComputeStaking', 'isActiveProvider', [signer.address])).toBe(false)
    await expectRevert(p.write('ComputeStaking', 'unjail', [], signer.address), 'IsTombstoned', [signer.address])
    await expectRevert(p.write('ComputeStaking', 'heartbeat', [], signer.address), 'IsTombstoned', [signer.address])
    await expectRevert(p.write('ComputeStaking', 'enforceLiveness', [signer.address, 0n]), 'IsTombstoned', [signer.address])
    // The same equivocation is reported once.
    await expectRevert(report(resultA, await sign(signer, taskId, resultA), resultB, await sign(signer, taskId, resultB)), 'AlreadyReported', [signer.address, taskId])
  })

  it('rejects evidence that is not two different results signed by the provider for one task', async () => {
    const sigA = await sign(signer, taskId, resultA)
    const sigB = await sign(signer, taskId, resultB)
    // Two signatures over the same result are not equivocation.
    await expectRevert(report(resultA, sigA, resultA, sigA), 'InvalidEvidence')
    // Signed by someone else.
    await expectRevert(report(resultA, sigA, resultB, await sign(other, taskId, resultB)), 'InvalidEvidence')
    // Signed for another task.
    await expectRevert(report(resultA, sigA, resultB, await sign(signer, pad(toHex(43)), resultB)), 'InvalidEvidence')
    // Truncated signature.
    await expectRevert(report(resultA, sigA, resultB, slice(sigB, 0, 64)), 'InvalidEvidence')
    // The malleable twin (s -> n - s, v flipped) recovers the same signer but is refused, as EIP-2 does.
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const s = hexToBigInt(slice(sigB, 32, 64))
    const v = Number(hexToBigInt(slice(sigB, 64, 65)))
    const twin = `${slice(sigB, 0, 32)}${numberToHex(n - s, { size: 32 }).slice(2)}${numberToHex(v === 27 ? 28 : 27, { size: 1 }).slice(2)}` as Hex
    expect(size(twin)).toBe(65)
    await expectRevert(report(resultA, sigA, resultB, twin), 'InvalidEvidence')
    expect((await accountOf(signer.address)).tombstoned).toBe(false)
    await expectRevert(
      p.write('ComputeStaking', 'reportDoubleSign', [stranger, taskId, resultA, sigA, resultB, sigB]),
      'NotA',
      [Kind.Provider, stranger],
    )
  })
})

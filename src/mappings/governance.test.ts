/** RoleGranted / RoleRevoked of every module, and ZooToken transfers (mappings/governance.ts). */
import { describe, expect, it } from 'vitest'
import { getAddress, keccak256, toBytes } from 'viem'
import { DEPLOYED_CONTRACTS } from '../contracts/names'
import { EventCount, RoleGrant, TokenTransfer } from '../model'
import { account, expectBatchIndependent, expectIndexed, harnessTime } from './fixtures'
import { createHarness } from './testing'

const gov = account('gov')
const hub = account('hub')
const alice = account('alice')
const role = (name: string) => keccak256(toBytes(name))
const ROLES = ['GOVERNANCE', 'MODULE', 'COORDINATOR', 'COMMITTEE', 'COUNCIL', 'DETECTOR', 'MINTER', 'SCHEDULER', 'ARBITER']

describe('RoleGranted and RoleRevoked', () => {
  it('are indexed for every deployed contract, one row per contract, role and account', async () => {
    const h = createHarness()
    for (const contract of DEPLOYED_CONTRACTS) h.emit(contract, 'RoleGranted', { role: role('GOVERNANCE'), account: getAddress(gov) })
    await expectIndexed(h)
    expect(h.all(RoleGrant)).toEqual(
      [...DEPLOYED_CONTRACTS].sort().map((contract) => new RoleGrant({ id: `${contract}-GOVERNANCE-${gov}`, contract, role: 'GOVERNANCE', account: gov, granted: true, updatedAt: harnessTime(1) })),
    )
    for (const contract of DEPLOYED_CONTRACTS) expect(h.get(EventCount, `${contract}.RoleGranted`)).toMatchObject({ contract, event: 'RoleGranted', indexed: 1, quarantined: 0 })
  })

  it('name every protocol role; an unknown role keeps its hash', async () => {
    const h = createHarness()
    for (const name of ROLES) h.emit('ReviewHub', 'RoleGranted', { role: role(name), account: alice })
    h.emit('ReviewHub', 'RoleGranted', { role: role('JANITOR'), account: alice })
    await expectIndexed(h)
    expect(h.all(RoleGrant).map((g) => g.role).sort()).toEqual([...ROLES, role('JANITOR')].sort())
    expect(h.get(RoleGrant, `ReviewHub-${role('JANITOR')}-${alice}`)).toMatchObject({ role: role('JANITOR'), granted: true })
  })

  it('a revocation flips the row; a later grant restores it; the last change wins within a batch', async () => {
    const h = createHarness()
    h.emit('ReputationStaking', 'RoleGranted', { role: role('MODULE'), account: hub })
    await expectIndexed(h)
    h.emit('ReputationStaking', 'RoleRevoked', { role: role('MODULE'), account: hub })
    await expectIndexed(h)
    expect(h.get(RoleGrant, `ReputationStaking-MODULE-${hub}`)).toMatchObject({ granted: false, updatedAt: harnessTime(2) })
    h.emit('ReputationStaking', 'RoleGranted', { role: role('MODULE'), account: hub })
    h.emit('ReputationStaking', 'RoleRevoked', { role: role('MODULE'), account: hub }, { newBlock: true })
    h.emit('ReputationStaking', 'RoleGranted', { role: role('MODULE'), account: hub }, { newBlock: true })
    await expectIndexed(h)
    expect(h.all(RoleGrant)).toEqual([new RoleGrant({ id: `ReputationStaking-MODULE-${hub}`, contract: 'ReputationStaking', role: 'MODULE', account: hub, granted: true, updatedAt: harnessTime(5) })])
    expect(h.get(EventCount, 'ReputationStaking.RoleGranted')).toMatchObject({ indexed: 3 })
    expect(h.get(EventCount, 'ReputationStaking.RoleRevoked')).toMatchObject({ indexed: 2 })
  })

  it('a revocation of a role never granted is recorded as not granted', async () => {
    const h = createHarness()
    h.emit('TaskMarket', 'RoleRevoked', { role: role('ARBITER'), account: alice })
    await expectIndexed(h)
    expect(h.get(RoleGrant, `TaskMarket-ARBITER-${alice}`)).toMatchObject({ granted: false, contract: 'TaskMarket' })
  })

  it('the same role of the same account on two contracts is two rows', async () => {
    const h = createHarness()
    h.emit('ReviewHub', 'RoleGranted', { role: role('MODULE'), account: hub })
    h.emit('ReputationStaking', 'RoleGranted', { role: role('MODULE'), account: hub })
    h.emit('ReviewHub', 'RoleRevoked', { role: role('MODULE'), account: hub })
    await expectIndexed(h)
    expect(h.all(RoleGrant).map((g) => [g.id, g.granted])).toEqual([
      [`ReputationStaking-MODULE-${hub}`, true],
      [`ReviewHub-MODULE-${hub}`, false],
    ])
  })

  it('give the same rows however the changes are batched', async () => {
    await expectBatchIndependent((h) => {
      for (const contract of DEPLOYED_CONTRACTS) h.emit(contract, 'RoleGranted', { role: role('GOVERNANCE'), account: gov })
      h.emit('ReviewHub', 'RoleGranted', { role: role('COORDINATOR'), account: alice })
      h.nextBlock()
      h.emit('ReviewHub', 'RoleRevoked', { role: role('COORDINATOR'), account: alice })
      h.emit('ReviewHub', 'RoleGranted', { role: role('COORDINATOR'), account: alice })
      h.nextBlock()
      h.emit('ReviewHub', 'RoleRevoked', { role: role('COORDINATOR'), account: alice })
    })
  })
})

describe('ZooToken', () => {
  it('Transfer appends one row per transfer, mints and burns included', async () => {
    const h = createHarness()
    const zero = `0x${'0'.repeat(40)}`
    h.emit('ZooToken', 'Transfer', { from: zero, to: getAddress(alice), value: 10n ** 21n })
    h.emit('ZooToken', 'Transfer', { from: alice, to: hub, value: 5n }, { newBlock: true })
    h.emit('ZooToken', 'Transfer', { from: alice, to: hub, value: 5n })
    await expectIndexed(h)
    expect(h.all(TokenTransfer)).toEqual([
      new TokenTransfer({ id: '0000000001-000000', from: zero, to: alice, amount: 10n ** 21n, timestamp: harnessTime(1), block: 1 }),
      new TokenTransfer({ id: '0000000002-000000', from: alice, to: hub, amount: 5n, timestamp: harnessTime(2), block: 2 }),
      new TokenTransfer({ id: '0000000002-000001', from: alice, to: hub, amount: 5n, timestamp: harnessTime(2), block: 2 }),
    ])
    expect(h.get(EventCount, 'ZooToken.Transfer')).toMatchObject({ indexed: 3, quarantined: 0 })
  })

  it('Approval is counted and changes no entity', async () => {
    const h = createHarness()
    h.emit('ZooToken', 'Approval', { owner: alice, spender: hub, value: 2n ** 256n - 1n })
    expect(await expectIndexed(h)).toMatchObject({ events: 1, inserted: 0, upserted: 1 })
    expect(h.get(EventCount, 'ZooToken.Approval')).toMatchObject({ indexed: 1 })
    expect(h.all(TokenTransfer)).toEqual([])
  })
})

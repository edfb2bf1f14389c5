/**
 * Every role-restricted function of every module rejects a caller without the role, with
 * Unauthorized(role, caller). The table is checked against the Solidity sources, so a new
 * onlyRole function without a row here fails the suite.
 */
import fs from 'node:fs'
import path from 'node:path'
import { getAddress, zeroAddress, zeroHash, type Address, type ContractFunctionArgs } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Receipt } from '../../src/chain/sender'
import { DEPLOYED_CONTRACTS, type ContractName } from '../../src/contracts/names'
import { GOV, account, expectRevert, role, startProtocol, type AbiOf, type Protocol, type WriteFn } from '../support/protocol'

let p: Protocol
const stranger = account('stranger')

beforeAll(async () => {
  p = await startProtocol()
  await p.checkpoint()
})
afterAll(async () => {
  await p?.stop()
})
beforeEach(async () => {
  await p.restore()
})

interface Row {
  contract: ContractName
  fn: string
  role: string
  send(from: Address): Promise<Receipt>
}

function row<N extends ContractName, F extends WriteFn<N>>(
  contract: N,
  fn: F,
  roleName: string,
  args: ContractFunctionArgs<AbiOf<N>, 'nonpayable' | 'payable', F>,
): Row {
  return { contract, fn, role: roleName, send: (from) => p.write(contract, fn, args, from) }
}

const x = account('x')
const governedRows: Row[] = DEPLOYED_CONTRACTS.flatMap((c) => [
  row(c, 'grantRole', 'GOVERNANCE', [role('MODULE'), x]),
  row(c, 'revokeRole', 'GOVERNANCE', [role('GOVERNANCE'), GOV]),
])

const rows: Row[] = [
  ...governedRows,
  row('ZooToken', 'mint', 'MINTER', [x, 1n]),
  row('ReputationStaking', 'admitReviewer', 'GOVERNANCE', [x, [1], 100n]),
  row('ReputationStaking', 'setParameters', 'GOVERNANCE', [0n, 0n, 0n, 0n]),
  row('ReputationStaking', 'lockStake', 'MODULE', [x, zeroHash, 10n]),
  row('ReputationStaking', 'scheduleUnlock', 'MODULE', [zeroHash, 1n]),
  row('ReputationStaking', 'releaseStake', 'MODULE', [zeroHash]),
  row('ReputationStaking', 'reward', 'MODULE', [x, 1, 1_000n, zeroHash]),
  row('ReputationStaking', 'penalize', 'MODULE', [x, 5, 1_000n, zeroHash]),
  row('ReputationStaking', 'punishCollusion', 'MODULE', [x, zeroHash]),
  row('ReputationStaking', 'punishConflictOfInterest', 'MODULE', [x, zeroHash]),
  row('ReviewHub', 'setParameters', 'GOVERNANCE', [3, 1n, 1n, 1n]),
  row('ReviewHub', 'assignReviewers', 'COORDINATOR', [1n, [x]]),
  row('ReviewHub', 'decide', 'COORDINATOR', [1n, 1, '']),
  row('ReviewHub', 'resolveAppeal', 'COMMITTEE', [1n, true, '']),
  row('ReviewHub', 'annulReview', 'MODULE', [zeroHash, zeroHash]),
  row('QualityScoring', 'setPayer', 'GOVERNANCE', [zeroAddress]),
  row('QualityScoring', 'setPanel', 'GOVERNANCE', [1, 0n]),
  row('ReviewPayment', 'payMetaReview', 'MODULE', [x, zeroHash]),
  row('CollusionRegistry', 'confirmCase', 'COMMITTEE', [1n, [], '']),
  row('CollusionRegistry', 'dismissCase', 'COMMITTEE', [1n, '']),
  row('CollusionRegistry', 'recordConflictOfInterest', 'COMMITTEE', [x, 1n, '']),
  row('ComputeStaking', 'setTaskMarket', 'GOVERNANCE', [x]),
  row('ComputeStaking', 'setSlashRates', 'GOVERNANCE', [[0, 0, 0, 0, 0]]),
  row('ComputeStaking', 'setLiveness', 'GOVERNANCE', [1n, 1n, 1n]),
  row('ComputeStaking', 'slash', 'MODULE', [x, 0, zeroHash, x, 10_000]),
  row('TaskMarket', 'setTiming', 'GOVERNANCE', [1n, 1n, 0, 0]),
  row('TaskMarket', 'assignTask', 'SCHEDULER', [1n, x]),
  row('TaskMarket', 'resolveChallenge', 'ARBITER', [1n, true]),
]

/** `Contract.function:ROLE` for every onlyRole function in contracts/*.sol; Governed's apply to every module. */
function restrictedInSources(): string[] {
  const dir = path.resolve(__dirname, '../../contracts')
  const found: string[] = []
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sol'))) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8')
    const owner = path.basename(file, '.sol')
    for (const m of source.matchAll(/function\s+(\w+)\s*\([^)]*\)[^{;]*?onlyRole\((\w+)\)/g)) {
      const owners = owner === 'Governed' ? [...DEPLOYED_CONTRACTS] : [owner]
      for (const o of owners) found.push(`${o}.${m[1]}:${m[2]}`)
    }
  }
  return found.sort()
}

describe('role-restricted functions', () => {
  it('covers every onlyRole function declared in the sources', () => {
    const sources = restrictedInSources()
    expect(sources.length).toBeGreaterThan(40)
    expect(rows.map((r) => `${r.contract}.${r.fn}:${r.role}`).sort()).toEqual(sources)
  })

  it.each(rows.map((r) => [`${r.contract}.${r.fn}`, r.role, r] as const))('%s rejects a caller without %s', async (_, roleName, r) => {
    await expectRevert(r.send(stranger), 'Unauthorized', [role(roleName), stranger])
  })

  // Governance holds the operational roles on a devnet, but never MODULE: only protocol contracts
  // move REP, stakes and slashes.
  it.each(rows.filter((r) => r.role === 'MODULE').map((r) => [`${r.contract}.${r.fn}`, r] as const))('%s rejects governance, which is not a module', async (_, r) => {
    await expectRevert(r.send(GOV), 'Unauthorized', [role('MODULE'), GOV])
  })
})

describe('granting and revoking roles', () => {
  it('gives and takes a role, with events, and the restricted function follows', async () => {
    const coordinator = account('coordinator')
    const granted = await p.write('ReviewHub', 'grantRole', [role('COORDINATOR'), coordinator])
    expect(p.logsOf(granted, 'ReviewHub', 'RoleGranted')[0]!.args).toEqual({ role: role('COORDINATOR'), account: coordinator })
    expect(await p.read('ReviewHub', 'hasRole', [role('COORDINATOR'), coordinator])).toBe(true)
    // Past the role check, the call fails on its arguments instead.
    await expectRevert(p.write('ReviewHub', 'decide', [1n, 1, ''], coordinator), 'UnknownProposal', [1n])
    const revoked = await p.write('ReviewHub', 'revokeRole', [role('COORDINATOR'), coordinator])
    expect(p.logsOf(revoked, 'ReviewHub', 'RoleRevoked')[0]!.args).toEqual({ role: role('COORDINATOR'), account: coordinator })
    await expectRevert(p.write('ReviewHub', 'decide', [1n, 1, ''], coordinator), 'Unauthorized', [role('COORDINATOR'), coordinator])
  })

  it('lets governance hand over governance and lose it', async () => {
    const next = account('next-governance')
    await p.write('TaskMarket', 'grantRole', [role('GOVERNANCE'), next])
    await p.write('TaskMarket', 'revokeRole', [role('GOVERNANCE'), GOV], next)
    await expectRevert(p.write('TaskMarket', 'setTiming', [1n, 1n, 0, 0]), 'Unauthorized', [role('GOVERNANCE'), GOV])
    await p.write('TaskMarket', 'setTiming', [1n, 1n, 0, 0], next)
  })

  it('grants the devnet roles as deployed', async () => {
    const c = p.contracts
    const has = async (n: ContractName, r: string, a: Address) => p.read(n, 'hasRole', [role(r), a])
    expect(await has('ReputationStaking', 'MODULE', c.ReviewHub)).toBe(true)
    expect(await has('ReputationStaking', 'MODULE', c.QualityScoring)).toBe(true)
    expect(await has('ReputationStaking', 'MODULE', c.CollusionRegistry)).toBe(true)
    expect(await has('ReviewHub', 'MODULE', c.CollusionRegistry)).toBe(true)
    expect(await has('ReviewPayment', 'MODULE', c.QualityScoring)).toBe(true)
    expect(await has('ComputeStaking', 'MODULE', c.TaskMarket)).toBe(true)
    expect(await p.read('ComputeStaking', 'taskMarket')).toBe(getAddress(c.TaskMarket))
    expect(await p.read('QualityScoring', 'payer')).toBe(getAddress(c.ReviewPayment))
    expect(await has('ReputationStaking', 'MODULE', GOV)).toBe(false)
  })
})

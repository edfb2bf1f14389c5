/** Events every module declares (Governed): role grants and revocations; and ZooToken transfers. */
import { RoleGrant, TokenTransfer } from '../model'
import { keccak256, toBytes } from 'viem'
import type { ContractName } from '../contracts/names'
import type { EventMeta } from './events'
import type { BatchState } from './state'
import { addr, defineMapping } from './mapping'

const ROLE_NAMES = new Map(
  ['GOVERNANCE', 'MODULE', 'COORDINATOR', 'COMMITTEE', 'COUNCIL', 'DETECTOR', 'MINTER', 'SCHEDULER', 'ARBITER'].map((n) => [keccak256(toBytes(n)), n]),
)

export interface RoleEventArgs {
  role: string
  account: string
}

/** RoleGranted / RoleRevoked of any module: one row per (contract, role, account). */
export function roleChange(contract: ContractName, args: RoleEventArgs, meta: EventMeta, granted: boolean, s: BatchState): void {
  const role = ROLE_NAMES.get(args.role as `0x${string}`) ?? args.role
  const account = addr(args.account)
  s.put(new RoleGrant({ id: `${contract}-${role}-${account}`, contract, role, account, granted, updatedAt: meta.timestamp }))
}

export const token = defineMapping('ZooToken', {
  needs: {},
  handle: {
    Transfer(e, s) {
      s.append(new TokenTransfer({ id: e.meta.id, from: addr(e.args.from), to: addr(e.args.to), amount: e.args.value, timestamp: e.meta.timestamp, block: e.meta.block }))
    },
  },
})

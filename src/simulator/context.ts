/**
 * Reads what the planner needs from the chain: the latest timestamp, the staking epoch clock, and
 * the id counters a new plan continues from.
 */
import { decodeFunctionResult, type Abi, type Hex } from 'viem'
import { artifacts } from '../../abi/artifacts'
import type { Sender } from '../chain/sender'
import type { ContractName } from '../contracts/names'
import type { Deployment } from '../devnet/deployment'
import { latestTimestamp } from './execute'
import type { PlanContext } from './plan'

export async function readContract(sender: Sender, deployment: Deployment, contract: ContractName, fn: string, args: readonly unknown[] = []): Promise<unknown> {
  const abi = artifacts[contract].abi as Abi
  const data: Hex = await sender.call(deployment.contracts[contract], abi, fn, args)
  return decodeFunctionResult({ abi, functionName: fn, data } as never)
}

export async function planContextFromChain(sender: Sender, deployment: Deployment): Promise<PlanContext> {
  const num = async (contract: ContractName, fn: string) => Number(await readContract(sender, deployment, contract, fn))
  return {
    origin: (await latestTimestamp(sender.rpc)) + 1,
    stakingGenesis: await num('ComputeStaking', 'genesisTime'),
    epochSeconds: await num('ComputeStaking', 'epochLength'),
    governance: deployment.governance,
    chainId: deployment.chainId,
    taskMarket: deployment.contracts.TaskMarket,
    counters: {
      proposals: await num('ReviewHub', 'proposalCount'),
      works: await num('WorkRegistry', 'workCount'),
      tasks: await num('TaskMarket', 'taskCount'),
      appeals: await num('ReviewHub', 'appealCount'),
      cases: await num('CollusionRegistry', 'caseCount'),
    },
  }
}

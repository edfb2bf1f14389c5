/**
 * Deploys and wires the protocol: nine modules, their MODULE grants, operational roles for the
 * governance account, and the ZOO treasuries (review payments, compute rewards).
 */
import { encodeFunctionData, keccak256, parseEther, toBytes, type Abi, type Address, type Hex } from 'viem'
import { artifacts } from '../../abi/artifacts'
import type { Sender } from '../chain/sender'
import { deployData } from '../chain/sender'
import { DEPLOYED_CONTRACTS, type ContractName } from '../contracts/names'
import type { Deployment } from './deployment'

/** anvil's first default account: the devnet's governance and operator. */
export const DEVNET_GOVERNANCE: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

export const role = (name: string): Hex => keccak256(toBytes(name))

export interface DeployOptions {
  governance?: Address
  /** ComputeStaking heartbeat epoch, seconds. */
  epochSeconds: number
  /** ZOO minted to ReviewPayment for reviewer compensation. Default 10,000,000. */
  reviewTreasury?: bigint
  /** ZOO funding ComputeStaking's liveness rewards. Default 1,000,000. */
  computeRewards?: bigint
}

export async function deployProtocol(sender: Sender, opts: DeployOptions): Promise<Omit<Deployment, 'rpcUrl'>> {
  const gov = opts.governance ?? DEVNET_GOVERNANCE
  const chainId = Number(await sender.rpc.call<string>('eth_chainId'))
  const addresses = {} as Record<ContractName, Address>
  let startBlock = Number.MAX_SAFE_INTEGER

  const constructorArgs: Record<ContractName, () => readonly unknown[]> = {
    ZooToken: () => [gov],
    ReputationStaking: () => [gov],
    WorkRegistry: () => [gov],
    ReviewHub: () => [gov, addresses.ReputationStaking, addresses.WorkRegistry],
    QualityScoring: () => [gov, addresses.ReviewHub, addresses.ReputationStaking],
    ReviewPayment: () => [gov, addresses.ZooToken, addresses.ReviewHub, addresses.QualityScoring, addresses.ReputationStaking],
    CollusionRegistry: () => [gov, addresses.ReputationStaking, addresses.ReviewHub],
    ComputeStaking: () => [gov, addresses.ZooToken, BigInt(opts.epochSeconds)],
    TaskMarket: () => [gov, addresses.ZooToken, addresses.ComputeStaking],
  }
  for (const name of DEPLOYED_CONTRACTS) {
    const { abi, bytecode } = artifacts[name]
    const receipt = await sender.sendAndWait(
      { from: gov, data: deployData(abi as Abi, bytecode, constructorArgs[name]()) },
      `deploy ${name}`,
    )
    if (!receipt.contractAddress) throw new Error(`deploy ${name}: no contract address in receipt`)
    addresses[name] = receipt.contractAddress
    startBlock = Math.min(startBlock, Number(receipt.blockNumber))
  }

  const call = (name: ContractName, functionName: string, args: readonly unknown[]) =>
    sender.sendAndWait(
      { from: gov, to: addresses[name], data: encodeFunctionData({ abi: artifacts[name].abi as Abi, functionName, args } as never) },
      `${name}.${functionName}`,
    )
  const grant = (name: ContractName, roleName: string, account: Address) => call(name, 'grantRole', [role(roleName), account])

  // Modules that change another module's state.
  await grant('ReputationStaking', 'MODULE', addresses.ReviewHub)
  await grant('ReputationStaking', 'MODULE', addresses.QualityScoring)
  await grant('ReputationStaking', 'MODULE', addresses.CollusionRegistry)
  await grant('ReviewHub', 'MODULE', addresses.CollusionRegistry)
  await grant('ReviewPayment', 'MODULE', addresses.QualityScoring)
  await call('QualityScoring', 'setPayer', [addresses.ReviewPayment])
  await grant('ComputeStaking', 'MODULE', addresses.TaskMarket)
  await call('ComputeStaking', 'setTaskMarket', [addresses.TaskMarket])
  // Operational roles, held by governance on a devnet.
  await grant('ZooToken', 'MINTER', gov)
  await grant('ReviewHub', 'COORDINATOR', gov)
  await grant('ReviewHub', 'COMMITTEE', gov)
  await grant('CollusionRegistry', 'COMMITTEE', gov)
  await grant('TaskMarket', 'SCHEDULER', gov)
  await grant('TaskMarket', 'ARBITER', gov)
  // Treasuries.
  await call('ZooToken', 'mint', [addresses.ReviewPayment, opts.reviewTreasury ?? parseEther('10000000')])
  const computeRewards = opts.computeRewards ?? parseEther('1000000')
  await call('ZooToken', 'mint', [gov, computeRewards])
  await call('ZooToken', 'approve', [addresses.ComputeStaking, computeRewards])
  await call('ComputeStaking', 'fundRewards', [computeRewards])

  return {
    chainId,
    startBlock,
    deployedAt: new Date().toISOString(),
    epochSeconds: opts.epochSeconds,
    governance: gov,
    contracts: addresses,
  }
}

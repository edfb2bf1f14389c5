/**
 * What analytics need of the chain itself: a finalized block's timestamp, and ComputeStaking's
 * epoch clock (its immutable genesis time and epoch length), so that "the current epoch" of a
 * snapshot is the contract's own.
 */
import { decodeFunctionResult, encodeFunctionData, type Abi, type Hex } from 'viem'
import { artifacts } from '../abi/artifacts'
import type { RpcClient } from '../src/chain/rpc'

export interface ChainClock {
  /** A block's timestamp, Unix seconds. */
  timestampOf(block: number): Promise<number>
  /** ComputeStaking's epoch at a Unix time (its currentEpoch() at that time). */
  epochAt(timestamp: number): number
  /** ComputeStaking's genesis, Unix seconds: epoch 0 starts here. */
  readonly genesisTime: number
  /** ComputeStaking's epoch length, seconds. */
  readonly epochLength: number
}

/** Epoch arithmetic of ComputeStaking.currentEpoch(), for a given genesis and epoch length (seconds). */
export function epochClock(genesisTime: number, epochLength: number): (timestamp: number) => number {
  return (timestamp) => Math.max(0, Math.floor((timestamp - genesisTime) / epochLength))
}

export async function createChainClock(rpc: RpcClient, computeStaking: Hex): Promise<ChainClock> {
  const abi = artifacts.ComputeStaking.abi as Abi
  const read = async (functionName: string) => {
    const data = await rpc.call<Hex>('eth_call', [{ to: computeStaking, data: encodeFunctionData({ abi, functionName } as never) }, 'latest'])
    return Number(decodeFunctionResult({ abi, functionName, data } as never))
  }
  const genesisTime = await read('genesisTime')
  const epochLength = await read('epochLength')
  const timestamps = new Map<number, number>()
  return {
    genesisTime,
    epochLength,
    epochAt: epochClock(genesisTime, epochLength),
    async timestampOf(block) {
      let t = timestamps.get(block)
      if (t === undefined) {
        const header = await rpc.call<{ timestamp: Hex } | null>('eth_getBlockByNumber', [`0x${block.toString(16)}`, false])
        if (!header) throw new Error(`the chain has no block ${block}: is this the chain the database indexed?`)
        t = Number(header.timestamp)
        if (timestamps.size > 1_000) timestamps.clear()
        timestamps.set(block, t)
      }
      return t
    },
  }
}

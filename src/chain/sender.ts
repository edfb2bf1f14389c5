/**
 * Sends transactions from any address on a local anvil (auto-impersonation: no keys, no signing),
 * with zero gas price, and turns reverts into errors that name the contract's custom error.
 */
import { decodeErrorResult, encodeDeployData, encodeFunctionData, type Abi, type Address, type Hex } from 'viem'
import { artifacts } from '../../abi/artifacts'
import { RpcError, type RpcClient } from './rpc'

export interface TxRequest {
  from: Address
  to?: Address
  data: Hex
  /** Gas limit; undefined lets anvil estimate it, which also reports a revert before sending. */
  gas?: bigint
}

export interface Receipt {
  transactionHash: Hex
  blockNumber: Hex
  status: Hex
  contractAddress: Address | null
  logs: { address: Address; topics: Hex[]; data: Hex; logIndex: Hex }[]
}

export class RevertError extends Error {
  override name = 'RevertError'
  constructor(
    readonly label: string,
    readonly reason: string,
  ) {
    super(`${label} reverted: ${reason}`)
  }
}

const ALL_ABIS: Abi[] = Object.values(artifacts).map((a) => a.abi as Abi)

/** Names a revert by the custom error of whichever protocol contract declares it. */
export function describeRevert(data: unknown): string {
  if (typeof data !== 'string' || !data.startsWith('0x') || data.length < 10) return String(data ?? 'no revert data')
  for (const abi of ALL_ABIS) {
    try {
      const decoded = decodeErrorResult({ abi, data: data as Hex })
      const args = (decoded.args ?? []).map((a) => (typeof a === 'bigint' ? a.toString() : JSON.stringify(a)))
      return `${decoded.errorName}(${args.join(', ')})`
    } catch {
      // not declared by this ABI; try the next
    }
  }
  return data
}

export interface Sender {
  rpc: RpcClient
  /** Sends and returns the hash; a revert found by gas estimation throws RevertError. */
  send(tx: TxRequest, label?: string): Promise<Hex>
  receipt(hash: Hex): Promise<Receipt>
  /** Sends and waits for the receipt; a failed receipt throws RevertError naming the custom error
   * (read back with debug_traceTransaction). Pass `gas` to skip estimation: anvil estimates at the
   * latest block's timestamp, which misjudges a transaction meant for a later one. */
  sendAndWait(tx: TxRequest, label?: string): Promise<Receipt>
  /** The custom error a mined, failed transaction reverted with (from debug_traceTransaction). */
  failureReason(hash: Hex): Promise<string>
  call<A extends Abi>(to: Address, abi: A, functionName: string, args?: readonly unknown[]): Promise<Hex>
}

export async function createSender(rpc: RpcClient): Promise<Sender> {
  await rpc.call('anvil_autoImpersonateAccount', [true])
  const sender: Sender = {
    rpc,
    async send(tx, label = 'transaction') {
      const params: Record<string, string> = { from: tx.from, data: tx.data, gasPrice: '0x0' }
      if (tx.to) params.to = tx.to
      if (tx.gas !== undefined) params.gas = `0x${tx.gas.toString(16)}`
      try {
        return await rpc.call<Hex>('eth_sendTransaction', [params])
      } catch (err) {
        if (err instanceof RpcError && err.code === 3) throw new RevertError(label, describeRevert(err.data))
        if (err instanceof RpcError && /revert/i.test(err.message)) throw new RevertError(label, `${err.message} ${describeRevert(err.data)}`)
        throw err
      }
    },
    async receipt(hash) {
      for (let attempt = 0; ; attempt++) {
        const r = await rpc.call<Receipt | null>('eth_getTransactionReceipt', [hash])
        if (r) return r
        if (attempt > 2_000) throw new Error(`no receipt for ${hash}`)
        await new Promise((res) => setTimeout(res, attempt < 20 ? 1 : 10))
      }
    },
    async sendAndWait(tx, label = 'transaction') {
      const hash = await sender.send(tx, label)
      const r = await sender.receipt(hash)
      if (r.status === '0x1') return r
      throw new RevertError(`${label} (block ${Number(r.blockNumber)})`, await sender.failureReason(hash))
    },
    async failureReason(hash) {
      const trace = await rpc.call<{ output?: Hex }>('debug_traceTransaction', [hash, { tracer: 'callTracer' }]).catch(() => undefined)
      return describeRevert(trace?.output)
    },
    async call(to, abi, functionName, args = []) {
      const data = encodeFunctionData({ abi, functionName, args } as never)
      return rpc.call<Hex>('eth_call', [{ to, data }, 'latest'])
    },
  }
  return sender
}

export function deployData(abi: Abi, bytecode: Hex, args: readonly unknown[]): Hex {
  return encodeDeployData({ abi, bytecode, args } as never)
}

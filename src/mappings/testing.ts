/**
 * A handler test harness: feed protocol events, read back entities, without a chain or a database.
 * Events are encoded into real logs with the contracts' ABIs and go through the same decoding and
 * batch mapping as in the processor, over an in-memory store.
 *
 *   const h = createHarness()
 *   h.emit('ReputationStaking', 'ReviewerRegistered', { reviewer, domains: [1], genesisRep: 300n })
 *   await h.flush()
 *   h.get(Reviewer, reviewer.toLowerCase())
 */
import { encodeAbiParameters, encodeEventTopics, type Abi, type AbiEvent } from 'viem'
import { artifacts } from '../../abi/artifacts'
import { DEPLOYED_CONTRACTS, type ContractName } from '../contracts/names'
import type { RawLog } from './events'
import { createBatchMapper, type BatchResult } from './index'
import type { EntityClass, EntityStore } from './state'

export class MemoryStore implements EntityStore {
  private readonly tables = new Map<EntityClass<any>, Map<string, { id: string }>>()

  private table(cls: EntityClass<any>): Map<string, { id: string }> {
    let t = this.tables.get(cls)
    if (!t) this.tables.set(cls, (t = new Map()))
    return t
  }

  async load<E extends { id: string }>(cls: EntityClass<E>, ids: readonly string[]): Promise<E[]> {
    const t = this.table(cls)
    // Copies, as a database would return: a batch that fails must not have changed the store.
    return ids.flatMap((id) => (t.has(id) ? [structuredClone(t.get(id)) as E] : [])).map((e) => Object.setPrototypeOf(e, cls.prototype))
  }

  async upsert<E extends { id: string }>(cls: EntityClass<E>, entities: readonly E[]): Promise<void> {
    const t = this.table(cls)
    for (const e of entities) t.set(e.id, structuredClone(e))
  }

  async insert<E extends { id: string }>(cls: EntityClass<E>, entities: readonly E[]): Promise<void> {
    const t = this.table(cls)
    for (const e of entities) {
      if (t.has(e.id)) throw new Error(`duplicate key ${cls.name}(${e.id})`)
      t.set(e.id, structuredClone(e))
    }
  }

  get<E extends { id: string }>(cls: EntityClass<E>, id: string): E | undefined {
    return this.table(cls).get(id) as E | undefined
  }

  all<E extends { id: string }>(cls: EntityClass<E>): E[] {
    return [...this.table(cls).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) as E[]
  }
}

/** Addresses the harness pretends the protocol is deployed at: 0x…01 to 0x…09. */
export const HARNESS_ADDRESSES: Record<ContractName, string> = Object.fromEntries(
  DEPLOYED_CONTRACTS.map((name, i) => [name, `0x${(i + 1).toString(16).padStart(40, '0')}`]),
) as Record<ContractName, string>

export interface EmitOptions {
  /** Emit from another address (a contract that is not the protocol's, or a forged one). */
  address?: string
  /** Replace the encoded data (malformed payloads). */
  data?: string
  /** Start a new block before this event. */
  newBlock?: boolean
}

export function createHarness(opts: { secondsPerBlock?: number; startTimestamp?: number } = {}) {
  const store = new MemoryStore()
  const addresses = new Map(Object.entries(HARNESS_ADDRESSES).map(([name, a]) => [a, name as ContractName]))
  const mapBatch = createBatchMapper(addresses)
  let block = 1
  let logIndex = 0
  let pending: RawLog[] = []
  const timestamp = () => ((opts.startTimestamp ?? 1_767_225_600) + block * (opts.secondsPerBlock ?? 12)) * 1000

  return {
    store,
    get: store.get.bind(store),
    all: store.all.bind(store),
    /** Queues an event of `contract`, encoded with its ABI; `args` by parameter name. */
    emit(contract: ContractName, eventName: string, args: Record<string, unknown>, o: EmitOptions = {}): RawLog {
      if (o.newBlock) nextBlock()
      const abi = artifacts[contract].abi as Abi
      const event = abi.find((x): x is AbiEvent => x.type === 'event' && x.name === eventName)
      if (!event) throw new Error(`${contract} declares no event ${eventName}`)
      const topics = encodeEventTopics({ abi: [event], eventName, args: args as never }) as string[]
      const data = o.data ?? encodeAbiParameters(event.inputs.filter((i) => !i.indexed), event.inputs.filter((i) => !i.indexed).map((i) => args[i.name!]))
      const log: RawLog = {
        address: o.address ?? HARNESS_ADDRESSES[contract],
        topics,
        data,
        logIndex: logIndex++,
        transactionHash: `0x${block.toString(16).padStart(64, '0')}`,
        block: { height: block, hash: `0x${'b'.repeat(56)}${block.toString(16).padStart(8, '0')}`, timestamp: timestamp() },
      }
      pending.push(log)
      return log
    },
    /** Starts a new block (later events get a later timestamp). */
    nextBlock,
    /** Maps everything emitted since the last flush as one batch. */
    async flush(): Promise<BatchResult> {
      const logs = pending
      pending = []
      nextBlock()
      return mapBatch(logs, store)
    },
  }

  function nextBlock(): void {
    block += 1
    logIndex = 0
  }
}

/**
 * Protocol events as the mappings see them: decoded with the typegen'd ABIs (src/abi, generated
 * from abi/*.json by @subsquid/evm-typegen), tagged with their contract and name, and carrying
 * the block context they were emitted in. Decoding is pure; a log that does not decode becomes a
 * quarantine entry with the reason, never an exception.
 */
import type { AbiEvent, EventParams } from '@subsquid/evm-abi'
import * as CollusionRegistry from '../abi/CollusionRegistry'
import * as ComputeStaking from '../abi/ComputeStaking'
import * as QualityScoring from '../abi/QualityScoring'
import * as ReputationStaking from '../abi/ReputationStaking'
import * as ReviewHub from '../abi/ReviewHub'
import * as ReviewPayment from '../abi/ReviewPayment'
import * as TaskMarket from '../abi/TaskMarket'
import * as WorkRegistry from '../abi/WorkRegistry'
import * as ZooToken from '../abi/ZooToken'
import type { ContractName } from '../contracts/names'

export const ABIS = {
  ZooToken,
  ReputationStaking,
  WorkRegistry,
  ReviewHub,
  QualityScoring,
  ReviewPayment,
  CollusionRegistry,
  ComputeStaking,
  TaskMarket,
} as const

type EventsOf<C extends ContractName> = (typeof ABIS)[C]['events']
export type EventNameOf<C extends ContractName> = keyof EventsOf<C> & string

/** Where and when an event was emitted. */
export interface EventMeta {
  /** `<block>-<logIndex>`, zero-padded so that ids sort in chain order. */
  id: string
  block: number
  blockHash: string
  timestamp: Date
  txHash: string
  logIndex: number
  address: string
  /** The raw log, kept for quarantine and for checks decoded values cannot answer (invalid UTF-8). */
  topics: string[]
  data: string
}

export type EventOf<C extends ContractName, N extends EventNameOf<C>> = {
  contract: C
  name: N
  args: EventsOf<C>[N] extends AbiEvent<any> ? EventParams<EventsOf<C>[N]> : never
  meta: EventMeta
}

/** Every protocol event, as a union discriminated by contract and name. */
export type ProtocolEvent = { [C in ContractName]: { [N in EventNameOf<C>]: EventOf<C, N> }[EventNameOf<C>] }[ContractName]

/** A raw log as the processor delivers it, with its block context. */
export interface RawLog {
  address: string
  topics: string[]
  data: string
  logIndex: number
  transactionHash: string
  block: { height: number; hash: string; timestamp: number }
}

export interface Undecodable {
  meta: EventMeta
  contract: ContractName
  /** The event the selector names, if the contract declares it. */
  eventName: string | undefined
  topics: string[]
  data: string
  reason: string
}

export function eventId(block: number, logIndex: number): string {
  return `${String(block).padStart(10, '0')}-${String(logIndex).padStart(6, '0')}`
}

interface Entry {
  contract: ContractName
  name: string
  event: AbiEvent<any>
}

/** Decodes raw logs of the protocol's contracts: `addresses` maps lower-case address to contract. */
export function createDecoder(addresses: ReadonlyMap<string, ContractName>) {
  const byContract = new Map<ContractName, Map<string, Entry>>()
  for (const contract of new Set(addresses.values())) {
    const events = ABIS[contract].events as Record<string, AbiEvent<any>>
    byContract.set(contract, new Map(Object.entries(events).map(([name, event]) => [event.topic, { contract, name, event }])))
  }
  return function decode(log: RawLog): { event: ProtocolEvent } | { undecodable: Undecodable } {
    const meta: EventMeta = {
      id: eventId(log.block.height, log.logIndex),
      block: log.block.height,
      blockHash: log.block.hash,
      timestamp: new Date(log.block.timestamp),
      txHash: log.transactionHash,
      logIndex: log.logIndex,
      address: log.address.toLowerCase(),
      topics: log.topics,
      data: log.data,
    }
    const contract = addresses.get(meta.address)
    const reject = (reason: string, eventName?: string) => ({
      undecodable: { meta, contract: contract!, eventName, topics: log.topics, data: log.data, reason },
    })
    if (!contract) return reject(`log of ${meta.address}, not a protocol contract`)
    const entry = log.topics[0] ? byContract.get(contract)!.get(log.topics[0]) : undefined
    if (!entry) return reject(`unknown event selector ${log.topics[0] ?? '(no topics)'} for ${contract}`)
    try {
      const args = entry.event.decode({ topics: log.topics, data: log.data })
      return { event: { contract, name: entry.name, args, meta } as ProtocolEvent }
    } catch (err) {
      // The codec's messages embed the data (and parts of it) as hex before the cause; the row keeps
      // the data, so the reason names only its length and the cause fits the limit.
      const message = (err as Error).message.replace(/0x[0-9a-f]{66,}/gi, (hex) => `<${(hex.length - 2) / 2} bytes>`).replace(/\s+/g, ' ').trim()
      return reject(`undecodable ${entry.name}: ${message.slice(0, 300)}`, entry.name)
    }
  }
}

/**
 * Maps a batch of protocol logs to entity changes: decode every log, collect what the events will
 * read, load it in one query per entity type, run the mappings in chain order, write in one
 * statement per entity type. The same function serves the processor (Postgres) and the handler
 * test harness (memory).
 */
import type { ContractName } from '../contracts/names'
import { collusion } from './collusion'
import { staking, tasks } from './compute'
import { createDecoder, type ProtocolEvent, type RawLog } from './events'
import { roleChange, token, type RoleEventArgs } from './governance'
import type { Mapping } from './mapping'
import { payment, quality } from './quality'
import { reputation } from './reputation'
import { reviewHub } from './review-hub'
import { BatchState, Needs, type EntityStore } from './state'
import { works } from './works'

export const MAPPINGS: { [C in ContractName]: Mapping<C> } = {
  ZooToken: token,
  ReputationStaking: reputation,
  WorkRegistry: works,
  ReviewHub: reviewHub,
  QualityScoring: quality,
  ReviewPayment: payment,
  CollusionRegistry: collusion,
  ComputeStaking: staking,
  TaskMarket: tasks,
}

export interface BatchResult {
  events: number
  quarantined: number
  upserted: number
  inserted: number
  /** Milliseconds spent decoding, loading, mapping and writing (the batch log reports them). */
  ms: { decode: number; load: number; map: number; write: number }
}

type AnyHandler = (e: ProtocolEvent, s: BatchState) => string | undefined | void
type AnyNeeds = (e: ProtocolEvent, n: Needs) => void

export function createBatchMapper(addresses: ReadonlyMap<string, ContractName>) {
  const decode = createDecoder(addresses)
  return async function mapBatch(logs: readonly RawLog[], store: EntityStore): Promise<BatchResult> {
    const t0 = performance.now()
    const state = new BatchState()
    const events: ProtocolEvent[] = []
    let quarantined = 0
    for (const log of logs) {
      const out = decode(log)
      if ('event' in out) events.push(out.event)
      else {
        const u = out.undecodable
        state.quarantine(u.meta, u.contract, u.eventName, u.topics, u.data, u.reason)
        quarantined++
      }
    }
    const t1 = performance.now()
    // Load everything the batch reads, one query per entity type, the queries issued together.
    const needs = new Needs()
    for (const e of events) ((MAPPINGS[e.contract].needs as Record<string, AnyNeeds>)[e.name])?.(e, needs)
    await Promise.all([...needs.ids].map(async ([cls, ids]) => state.seed(cls, await store.load(cls, [...ids]))))
    const t2 = performance.now()
    for (const e of events) {
      const rejection = apply(e, state)
      if (rejection) {
        state.quarantine(e.meta, e.contract, e.name, e.meta.topics, e.meta.data, rejection)
        quarantined++
      } else {
        state.count(e.contract, e.name, 'indexed')
      }
    }
    const t3 = performance.now()
    const { upserted, inserted } = await state.flush(store)
    const t4 = performance.now()
    const ms = { decode: t1 - t0, load: t2 - t1, map: t3 - t2, write: t4 - t3 }
    return { events: logs.length, quarantined, upserted, inserted, ms }
  }
}

function apply(e: ProtocolEvent, state: BatchState): string | undefined {
  if (e.name === 'RoleGranted' || e.name === 'RoleRevoked') {
    roleChange(e.contract, e.args as RoleEventArgs, e.meta, e.name === 'RoleGranted', state)
    return undefined
  }
  const handler = (MAPPINGS[e.contract].handle as Record<string, AnyHandler>)[e.name]
  return handler?.(e, state) || undefined
}

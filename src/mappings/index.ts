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
}

type AnyHandler = (e: ProtocolEvent, s: BatchState) => string | undefined | void
type AnyNeeds = (e: ProtocolEvent, n: Needs) => void

export function createBatchMapper(addresses: ReadonlyMap<string, ContractName>) {
  const decode = createDecoder(addresses)
  return async function mapBatch(logs: readonly RawLog[], store: EntityStore): Promise<BatchResult> {
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
    // Load everything the batch reads, one query per entity type.
    const needs = new Needs()
    for (const e of events) ((MAPPINGS[e.contract].needs as Record<string, AnyNeeds>)[e.name])?.(e, needs)
    for (const [cls, ids] of needs.ids) state.seed(cls, await store.load(cls, [...ids]))
    for (const e of events) {
      const rejection = apply(e, state)
      if (rejection) {
        state.quarantine(e.meta, e.contract, e.name, e.meta.topics, e.meta.data, rejection)
        quarantined++
      } else {
        state.count(e.contract, e.name, 'indexed')
      }
    }
    const { upserted, inserted } = await state.flush(store)
    return { events: logs.length, quarantined, upserted, inserted }
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

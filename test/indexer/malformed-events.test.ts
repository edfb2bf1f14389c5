/**
 * Malformed events: a contract that emits protocol-shaped events with bad data; they are
 * quarantined, the rest indexed.
 *
 * test/fixtures/MalformedEmitter.sol declares events with the protocol's own signatures and emits a
 * fixed list of bad ones (values the real contracts never emit, and raw logs that do not decode).
 * A normal season is simulated and indexed; the emitter's runtime code is then put at ReviewHub's
 * address (anvil_setCode), so the processor, which follows protocol addresses only, sees its logs
 * as ReviewHub's; it is called once, ReviewHub's code is restored, and a second season runs on the
 * same deployment. The processor (a real child process) must quarantine each bad log with its own
 * reason and raw topics/data, keep running, and index everything else as the contracts see it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeFunctionData, keccak256, toBytes, toEventSelector, type Abi, type Hex } from 'viem'
import type { Receipt } from '../../src/chain/sender'
import { compileSolidity } from '../../src/contracts/compile'
import type { ContractName } from '../../src/contracts/names'
import { ABIS } from '../../src/mappings/events'
import { simulateOnce } from '../../src/simulator'
import { readContract } from '../../src/simulator/context'
import { eventNameOf } from '../../src/simulator/execute'
import { parseScenario } from '../../src/simulator/scenario'
import { parseJson, startIndexerFixture, type IndexerFixture, type ProcessorChild } from '../support/indexer'
import { smallScenario } from '../support/simulation'

const PHASES = ['NONE', 'ASSIGNMENT', 'COMMIT', 'REVEAL', 'DISCUSSION', 'DECISION', 'DECIDED']
const OUTCOMES = ['NONE', 'FUNDED', 'REJECTED', 'COMPLETED', 'FAILED']
const REVIEW_STATUS = ['NONE', 'ASSIGNED', 'COMMITTED', 'REVEALED', 'MISSED', 'ANNULLED']

const EMITTER_SOURCE = path.resolve(__dirname, '../fixtures/MalformedEmitter.sol')
/** Whoever calls the emitter: the author of its ProposalSubmitted. */
const CALLER: Hex = '0x000000000000000000000000000000000000bad1'
const REVIEW_REVEALED = toEventSelector('ReviewRevealed(uint256,bytes32,address,uint8,uint256[],string)')
const REP_CHANGED = toEventSelector('RepChanged(address,uint8,int256,uint256,bytes32)')
const NOT_A_PROTOCOL_EVENT = keccak256(toBytes('NotAProtocolEvent(uint256)'))

interface QuarantinedRow {
  id: string
  block: number
  tx_hash: string
  log_index: number
  address: string
  topic0: string | null
  event_name: string | null
  topics: string[]
  data: string
  reason: string
}

describe('malformed events: a contract that emits protocol-shaped events with bad data; they are quarantined, the rest indexed', () => {
  let f: IndexerFixture
  let child: ProcessorChild
  /** The real review the bad reveals re-reveal, as indexed before them. */
  let target: { id: string; proposal_id: string; reviewer: string; score: number; text: string }
  let nextProposalId: bigint
  let firstSeasonProposals: number
  let emitted: Receipt
  let hubCode: Hex
  const read = (contract: ContractName, fn: string, args: readonly unknown[] = []) => readContract(f.sender, f.deployment, contract, fn, args) as Promise<any>
  const rows = async <T = any>(query: string, params: unknown[] = []) => (await f.sql.query(query, params)).rows as T[]

  beforeAll(async () => {
    const compiled = compileSolidity({ 'MalformedEmitter.sol': fs.readFileSync(EMITTER_SOURCE, 'utf8') })['MalformedEmitter.sol']!.MalformedEmitter!
    const emitterRuntime = `0x${compiled.evm.deployedBytecode.object}` as Hex

    f = await startIndexerFixture()
    const rpc = f.anvil.rpc
    // Season 1, indexed live from its end.
    await simulateOnce(f.sender, f.deployment, parseScenario(smallScenario({ seed: 'malformed-1' }), process.cwd(), 'season 1'))
    child = f.startProcessor()
    await f.waitForHead()

    const [review] = await rows(`SELECT id, proposal_id, reviewer, score, text FROM review WHERE status = 'REVEALED' ORDER BY id LIMIT 1`)
    const [work] = await rows<{ id: string }>('SELECT id FROM work ORDER BY id::numeric LIMIT 1')
    if (!review || !work) throw new Error('season 1 revealed no review or registered no work')
    target = review
    firstSeasonProposals = Number(await read('ReviewHub', 'proposalCount'))
    nextProposalId = BigInt(firstSeasonProposals) + 1n

    // The emitter stands in for ReviewHub for one transaction.
    const hub = f.deployment.contracts.ReviewHub
    hubCode = await rpc.call<Hex>('eth_getCode', [hub, 'latest'])
    await rpc.call('anvil_setCode', [hub, emitterRuntime])
    try {
      const data = encodeFunctionData({
        abi: compiled.abi as Abi,
        functionName: 'emitAll',
        args: [BigInt(target.proposal_id), target.id, target.reviewer, nextProposalId, BigInt(work.id)],
      })
      // The simulator turns automine back on when it ends; mine by hand should it be off.
      const automine = await rpc.call<boolean>('anvil_getAutomine')
      const hash = await f.sender.send({ from: CALLER, to: hub, data, gas: 10_000_000n }, 'MalformedEmitter.emitAll')
      if (!automine) await rpc.call('evm_mine', [])
      emitted = await f.sender.receipt(hash)
    } finally {
      await rpc.call('anvil_setCode', [hub, hubCode])
    }
    expect(await rpc.call<Hex>('eth_getCode', [hub, 'latest'])).toBe(hubCode)
    await f.waitForHead()

    // Season 2 on the same deployment: a fresh population; ids continue from the chain's counters.
    await simulateOnce(f.sender, f.deployment, parseScenario(smallScenario({ seed: 'malformed-2' }), process.cwd(), 'season 2'))
    await f.waitForHead()
  }, 120_000)
  afterAll(() => f?.stop())

  it('the emitter ran at ReviewHub\'s address and emitted the whole list', () => {
    expect(emitted.status).toBe('0x1')
    expect(emitted.logs.length).toBe(16)
    for (const l of emitted.logs) expect(l.address.toLowerCase()).toBe(f.deployment.contracts.ReviewHub.toLowerCase())
  })

  it('quarantines every bad event with its own reason, keeping the raw log', async () => {
    const quarantined = await rows<QuarantinedRow>('SELECT * FROM quarantined_event ORDER BY id')
    // Nothing else was quarantined: both seasons' events were all indexed.
    expect(quarantined.map((q) => q.tx_hash)).toEqual(emitted.logs.map(() => emitted.transactionHash))
    expect(quarantined.map((q) => q.log_index)).toEqual(emitted.logs.map((l) => Number(l.logIndex)))

    const unknownReview = keccak256(toBytes('no such review'))
    const expected: [eventName: string | null, reason: string | RegExp][] = [
      ['ProposalSubmitted', 'review type 7 out of range'],
      ['ReviewRevealed', `unknown review ${unknownReview} of proposal ${target.proposal_id}`],
      ['ReviewRevealed', 'score 42 out of range 1-10'],
      ['ReviewRevealed', 'review text is not valid UTF-8'],
      ['ReviewRevealed', 'review text contains NUL characters'],
      ['ReviewRevealed', 'review text is 40000 bytes, over the 32768-byte limit'],
      ['ReviewRevealed', `cites unknown work ${2n ** 255n}`],
      ['PhaseChanged', `unknown proposal ${2n ** 256n - 1n}`],
      [null, `unknown event selector ${REP_CHANGED} for ReviewHub`],
      ['ReviewRevealed', /^undecodable ReviewRevealed: .*expected 4 topics, but received 1/i],
      ['ReviewRevealed', /^undecodable ReviewRevealed: .*expected 4 topics, but received 2/i],
      // Data errors name the argument and the cause (the data itself is in the row).
      ['ReviewRevealed', /^undecodable ReviewRevealed: .*argument citedWorks .*unexpected pointer location: 0x60\b/i],
      ['ReviewRevealed', /^undecodable ReviewRevealed: .*argument citedWorks .*outside the bounds/i],
      [null, `unknown event selector ${NOT_A_PROTOCOL_EVENT} for ReviewHub`],
      [null, 'unknown event selector (no topics) for ReviewHub'],
      ['ReviewRevealed', /^undecodable ReviewRevealed: .*argument text .*unexpected pointer location: 0xffffffff\b/i],
    ]
    expect(quarantined.length).toBe(expected.length)
    quarantined.forEach((q, i) => {
      const [eventName, reason] = expected[i]!
      const log = emitted.logs[i]!
      const at = `log ${i}`
      if (typeof reason === 'string') expect(q.reason, at).toBe(reason)
      else expect(q.reason, at).toMatch(reason)
      expect(q.event_name, at).toBe(eventName)
      // The raw log as the chain holds it.
      expect(q.topics, at).toEqual(log.topics)
      expect(q.data, at).toBe(log.data)
      expect(q.topic0, at).toBe(log.topics[0] ?? null)
      expect([q.address, q.block], at).toEqual([log.address.toLowerCase(), Number(emitted.blockNumber)])
    })
    // The raw logs decode only as far as their selectors: 9-12 and 15 carry ReviewRevealed's.
    for (const i of [9, 10, 11, 12, 15]) expect(emitted.logs[i]!.topics[0]).toBe(REVIEW_REVEALED)
    expect(emitted.logs[5]!.data.length).toBeGreaterThan(80_000)
  })

  it('counts them as quarantined per event, and every log of the chain as indexed or quarantined', async () => {
    const counts = await rows<{ id: string; indexed: number; quarantined: number }>('SELECT id, indexed, quarantined FROM event_count ORDER BY id')
    const quarantinedCounts = Object.fromEntries(counts.filter((c) => c.quarantined > 0).map((c) => [c.id, c.quarantined]))
    expect(quarantinedCounts).toEqual({
      'ReviewHub.ProposalSubmitted': 1,
      'ReviewHub.ReviewRevealed': 11,
      'ReviewHub.PhaseChanged': 1,
      'ReviewHub.unknown': 3,
    })

    // The chain's logs per event. A selector counts under the event of that name only if the
    // emitting contract declares it: RepChanged at ReviewHub's address is ReviewHub's 'unknown'.
    const logs = await f.anvil.rpc.call<{ address: string; topics: Hex[] }[]>('eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest', address: Object.values(f.deployment.contracts) }])
    const names = new Map(Object.entries(f.deployment.contracts).map(([n, a]) => [a.toLowerCase(), n as ContractName]))
    const onChain = new Map<string, number>()
    for (const l of logs) {
      const contract = names.get(l.address.toLowerCase())!
      const declared = Object.values(ABIS[contract].events).some((e) => e.topic === l.topics[0])
      const key = `${contract}.${declared ? eventNameOf(l.topics[0]) : 'unknown'}`
      onChain.set(key, (onChain.get(key) ?? 0) + 1)
    }
    expect(Object.fromEntries(counts.map((c) => [c.id, c.indexed + c.quarantined]))).toEqual(Object.fromEntries(onChain))
    // Both seasons' events are in the counts: far more than the sixteen bad ones.
    expect(counts.reduce((n, c) => n + c.indexed, 0)).toBe(logs.length - 16)
  })

  it('indexes the events before and after them as the contracts see them', async () => {
    const proposals = await rows('SELECT * FROM proposal ORDER BY id::numeric')
    const proposalCount = Number(await read('ReviewHub', 'proposalCount'))
    // Season 2 submitted proposals, the first under the id the bad ProposalSubmitted claimed.
    expect(proposalCount).toBeGreaterThan(firstSeasonProposals)
    expect(proposals.map((p) => Number(p.id))).toEqual(Array.from({ length: proposalCount }, (_, i) => i + 1))
    const next = proposals.find((p) => p.id === nextProposalId.toString())
    expect(next.author).not.toBe(CALLER)

    const reviewIds: string[] = []
    for (const p of proposals) {
      const onChain = await read('ReviewHub', 'getProposal', [BigInt(p.id)])
      expect([p.id, p.phase, p.outcome, p.assigned, p.committed, p.revealed]).toEqual([p.id, PHASES[onChain.phase], OUTCOMES[onChain.outcome], onChain.assigned, onChain.committed, onChain.revealed])
      reviewIds.push(...((await read('ReviewHub', 'getReviewIds', [BigInt(p.id)])) as string[]))
    }
    const reviews = await rows('SELECT * FROM review ORDER BY id')
    expect(reviews.map((r) => r.id)).toEqual(reviewIds.map((id) => id.toLowerCase()).sort())
    for (const r of reviews) {
      const onChain = await read('ReviewHub', 'getReview', [r.id])
      expect([r.id, r.status, r.score ?? 0, r.acknowledged, r.identity_revealed]).toEqual([r.id, REVIEW_STATUS[onChain.status], onChain.score, onChain.acknowledged, onChain.identityRevealed])
    }
    // The review the bad reveals named is as it was.
    const after = reviews.find((r) => r.id === target.id)
    expect([after.score, after.text, after.status]).toEqual([target.score, target.text, 'REVEALED'])
    expect(reviews.some((r) => BigInt(r.proposal_id) > BigInt(firstSeasonProposals) && r.status === 'REVEALED')).toBe(true)
  })

  it('keeps the processor running: no exit, no error records, the quarantine logged as a warning', () => {
    expect(child.process.exitCode).toBeNull()
    expect(child.process.signalCode).toBeNull()
    // The offending lines themselves, so that a failure shows what the processor printed.
    const bad = child.lines.filter((l) => {
      const r = parseJson(l)
      return r === undefined || (typeof r.level === 'number' && r.level >= 50)
    })
    expect(bad).toEqual([])
    const records = child.lines.map((l) => parseJson(l))
    const warned = records.filter((r) => r?.msg === 'events quarantined').reduce((n, r) => n + Number(r!.quarantined), 0)
    expect(warned).toBe(16)
  })
})

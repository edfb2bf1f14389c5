/**
 * Reorgs made with anvil (evm_snapshot / evm_revert) under a running processor. Within finality
 * the processor rolls the orphaned blocks back and its tables equal those of a processor that only
 * ever saw the final chain; beyond finality it stops with a message that says what happened.
 *
 * Each fork: snapshot at block S, mine `depth` blocks of the plan (branch A), wait until the
 * processor holds them, revert to S, and mine branch B: one empty block first (so that every block
 * of B differs from A's at the same height), then only some of A's plan blocks, then empty blocks,
 * depth + 1 blocks in all so that B's head is new to the processor. A's remaining plan blocks are
 * sent later on top of B, so the orphaned events reappear only at other heights.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blockAt, exitWithin, mineEmpty, planCursor, type ChainBlock, type PlanCursor } from '../support/chain-control'
import { scrapeMetric, startIndexerFixture, type IndexerFixture, type ProcessorChild } from '../support/indexer'
import { smallScenario } from '../support/simulation'

/** Forks the chain at its head: branch A is `depth` plan blocks, branch B is `depth + 1` blocks keeping `keep` of them. */
async function fork(f: IndexerFixture, plan: PlanCursor, depth: number, keep: number, onBranchA: (base: ChainBlock, orphans: ChainBlock[]) => Promise<void>) {
  const base = await blockAt(f.anvil.rpc, 'latest')
  const snapshot = await f.anvil.rpc.call<string>('evm_snapshot')
  const planAt = plan.next
  expect(await plan.send(depth)).toBe(depth)
  const orphans = await Promise.all(Array.from({ length: depth }, (_, i) => blockAt(f.anvil.rpc, base.height + 1 + i)))
  await onBranchA(base, orphans)
  expect(await f.anvil.rpc.call('evm_revert', [snapshot])).toBe(true)
  expect(await blockAt(f.anvil.rpc, 'latest')).toEqual(base)
  plan.next = planAt
  await mineEmpty(f.anvil.rpc, 1)
  expect(await plan.send(keep)).toBe(keep)
  await mineEmpty(f.anvil.rpc, depth - keep)
  const head = await blockAt(f.anvil.rpc, 'latest')
  expect(head.height).toBe(base.height + depth + 1)
  for (const o of orphans) expect((await blockAt(f.anvil.rpc, o.height)).hash).not.toBe(o.hash)
  return { base, orphans, head }
}

/** The hot (unfinalised) blocks the processor holds in its database, by height. */
async function hotBlocks(f: IndexerFixture) {
  const { rows } = await f.sql.query<{ height: number; hash: string }>('SELECT height, hash FROM squid_processor.hot_block ORDER BY height')
  return rows
}

async function expectHotBlocksOnChain(f: IndexerFixture) {
  for (const b of await hotBlocks(f)) expect({ height: b.height, hash: (await blockAt(f.anvil.rpc, b.height)).hash }).toEqual(b)
}

/** A fresh database indexed from scratch against the chain as it is now: it never sees an orphan. */
async function referenceChecksum(f: IndexerFixture, name: string): Promise<string> {
  const ref = await f.createDatabase(name)
  const p = f.startProcessor({ env: ref.env })
  try {
    await ref.waitForHead(90_000)
    return await ref.checksum()
  } finally {
    await p.kill()
  }
}

/** The processor's fatal record about a reorganisation deeper than finality (2 here), which must say what to do. */
function deepReorgRecord(p: ProcessorChild): Record<string, unknown> {
  const line = p.lines.find((l) => l.includes('the chain no longer has'))
  expect(line, `no clear message; the processor's last lines:\n${p.lines.slice(-5).join('\n')}`).toBeDefined()
  const rec = JSON.parse(line!) as Record<string, unknown>
  expect(rec.level).toBe(60)
  expect(rec.finalityConfirmations).toBe(2)
  expect(rec.msg).toContain('a reorganisation deeper than PEERWATCH_FINALITY_CONFIRMATIONS=2')
  expect(rec.msg).toContain('reset the database (or index with more finality confirmations) and start again')
  return rec
}

const rollbacks = (p: ProcessorChild) => p.lines.filter((l) => l.includes('chain reorganisation: rolled back')).map((l) => JSON.parse(l) as { depth: number; from: number; to: number })

describe('reorgs made with anvil at depths 1 and 5, within finality (10 confirmations)', () => {
  let f: IndexerFixture
  let plan: PlanCursor
  let processor: ProcessorChild

  beforeAll(async () => {
    f = await startIndexerFixture({ finality: 10 })
    plan = await planCursor(f.sender, f.deployment, smallScenario())
    await plan.send(120)
    processor = f.startProcessor()
    await f.waitForHead(90_000)
  }, 180_000)
  afterAll(() => f?.stop())

  it('rolls back a reorg of depth 1: the tables equal those of a run that never saw the orphaned block', async () => {
    let withOrphans = ''
    const { base, orphans, head } = await fork(f, plan, 1, 0, async (_, orphans) => {
      await f.waitForHead()
      expect((await hotBlocks(f)).at(-1)).toEqual(orphans[0])
      withOrphans = await f.checksum()
    })
    expect(orphans).toHaveLength(1)
    expect(await f.waitForHead()).toBe(head.height)
    await expectHotBlocksOnChain(f)
    expect(rollbacks(processor).map((r) => [r.depth, r.from, r.to])).toEqual([[1, base.height + 1, base.height + 1]])
    expect(await scrapeMetric(processor, 'peerwatch_rollbacks_total')).toBe(1)
    const after = await f.checksum()
    expect(after).not.toBe(withOrphans)
    expect(after).toBe(await referenceChecksum(f, 'reference_depth_1'))
  }, 120_000)

  it('rolls back a reorg of depth 5: the tables equal those of a run that never saw the orphaned blocks', async () => {
    let withOrphans = ''
    const { base, head } = await fork(f, plan, 5, 2, async (_, orphans) => {
      await f.waitForHead()
      expect((await hotBlocks(f)).slice(-5)).toEqual(orphans)
      withOrphans = await f.checksum()
    })
    expect(await f.waitForHead()).toBe(head.height)
    await expectHotBlocksOnChain(f)
    expect(rollbacks(processor).map((r) => [r.depth, r.from, r.to])).toEqual([
      [1, expect.any(Number), expect.any(Number)],
      [5, base.height + 1, base.height + 5],
    ])
    expect(await scrapeMetric(processor, 'peerwatch_rollbacks_total')).toBe(2)
    const after = await f.checksum()
    expect(after).not.toBe(withOrphans)
    expect(after).toBe(await referenceChecksum(f, 'reference_depth_5'))
  }, 120_000)

  it('keeps equal tables once the rewritten blocks are final and the plan has gone on', async () => {
    await plan.send(15)
    const final = await f.waitForHead()
    // The processor's final height is past both forks: nothing of them is hot any longer.
    const { rows } = await f.sql.query<{ height: number; hash: string }>('SELECT height, hash FROM squid_processor.status WHERE id = 0')
    expect(rows[0]!.height).toBe(final - 10)
    expect(await blockAt(f.anvil.rpc, rows[0]!.height)).toEqual(rows[0])
    await expectHotBlocksOnChain(f)
    expect(await f.checksum()).toBe(await referenceChecksum(f, 'reference_final'))
    expect(processor.process.exitCode).toBeNull()
  }, 120_000)
})

describe('a reorg deeper than finality (5 blocks, 2 confirmations)', () => {
  let f: IndexerFixture
  afterAll(() => f?.stop())

  it('stops the processor with a clear message, and a restart refuses the same way', async () => {
    f = await startIndexerFixture({ finality: 2 })
    const plan = await planCursor(f.sender, f.deployment, smallScenario())
    await plan.send(40)
    const processor = f.startProcessor()
    await f.waitForHead(90_000)
    const { base } = await fork(f, plan, 5, 2, async (base) => {
      await f.waitForHead()
      // The first blocks of the doomed branch are final to the processor: below head - 2.
      const { rows } = await f.sql.query<{ height: number }>('SELECT height FROM squid_processor.status WHERE id = 0')
      expect(rows[0]!.height).toBeGreaterThanOrEqual(base.height + 3)
    })
    expect(await exitWithin(processor, 60_000)).toBe(1)
    const fatal = deepReorgRecord(processor)
    // It says which final blocks vanished: branch A's, at and above the fork.
    expect(fatal.belowBlock).toBeGreaterThan(base.height)
    // Nothing of the new branch was written.
    expect(rollbacks(processor)).toEqual([])

    // A restart meets the vanished final block at once and says the same, naming it.
    const again = f.startProcessor()
    expect(await exitWithin(again, 60_000)).toBe(1)
    const named = Number(/^(\d+)#/.exec(String(deepReorgRecord(again).block))?.[1])
    expect(named).toBeGreaterThan(base.height)
    expect(named).toBeLessThanOrEqual(base.height + 5)
  }, 150_000)
})

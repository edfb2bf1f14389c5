/** WorkRegistry: works, their authors, and the text check every string field goes through (mappings/works.ts, mapping.ts). */
import { describe, expect, it } from 'vitest'
import { getAddress } from 'viem'
import { Author, Work, WorkAuthor } from '../model'
import { account, expectIndexed, expectRejected, hash, harnessTime, rawStringData, submitProposal } from './fixtures'
import { MAX_TEXT_BYTES, textProblem } from './mapping'
import { createHarness } from './testing'

const alice = account('alice')
const bob = account('bob')
const carol = account('carol')
const registrant = account('gov')

const work = (workId: bigint, authors: string[], title = 'On peer review') => ({ workId, registrant, authors, contentHash: hash('0f'), title })

describe('WorkRegistered', () => {
  it('creates the work, its authors and one WorkAuthor row per author', async () => {
    const h = createHarness()
    h.emit('WorkRegistry', 'WorkRegistered', work(1n, [getAddress(alice), bob], 'Staked review, revisited ✓'))
    await expectIndexed(h)
    expect(h.all(Work)).toEqual([
      new Work({ id: '1', registrant, authors: [alice, bob], contentHash: hash('0f'), title: 'Staked review, revisited ✓', registeredAt: harnessTime(1), registeredBlock: 1 }),
    ])
    expect(h.all(Author)).toEqual([
      // h.all sorts by id: bob's address (…626f62) sorts before alice's (…616c696365).
      new Author({ id: bob, proposals: 0, works: 1, firstSeenAt: harnessTime(1) }),
      new Author({ id: alice, proposals: 0, works: 1, firstSeenAt: harnessTime(1) }),
    ])
    expect(h.all(WorkAuthor)).toEqual([new WorkAuthor({ id: `1-${bob}`, workId: '1', author: bob }), new WorkAuthor({ id: `1-${alice}`, workId: '1', author: alice })])
  })

  it('counts works per author across batches, keeping when the author was first seen', async () => {
    const h = createHarness()
    submitProposal(h, 1n, alice)
    await expectIndexed(h)
    h.emit('WorkRegistry', 'WorkRegistered', work(1n, [alice, bob]))
    h.emit('WorkRegistry', 'WorkRegistered', work(2n, [bob, carol]))
    await expectIndexed(h)
    h.emit('WorkRegistry', 'WorkRegistered', work(3n, [alice]))
    await expectIndexed(h)
    expect(h.get(Author, alice)).toMatchObject({ proposals: 1, works: 2, firstSeenAt: harnessTime(1) })
    expect(h.get(Author, bob)).toMatchObject({ proposals: 0, works: 2, firstSeenAt: harnessTime(2) })
    expect(h.get(Author, carol)).toMatchObject({ proposals: 0, works: 1, firstSeenAt: harnessTime(2) })
    expect(h.all(Author)).toHaveLength(3)
    expect(h.all(WorkAuthor)).toHaveLength(5)
  })

  it('counts an author listed twice once (the contract rejects duplicates; the mapping dedupes)', async () => {
    const h = createHarness()
    h.emit('WorkRegistry', 'WorkRegistered', work(1n, [alice, getAddress(alice)]))
    await expectIndexed(h)
    expect(h.get(Work, '1')?.authors).toEqual([alice])
    expect(h.get(Author, alice)?.works).toBe(1)
    expect(h.all(WorkAuthor)).toHaveLength(1)
  })

  it('rejects a work id registered before', async () => {
    const h = createHarness()
    h.emit('WorkRegistry', 'WorkRegistered', work(1n, [alice]))
    await expectIndexed(h)
    await expectRejected(h, 'WorkRegistry', 'WorkRegistered', work(1n, [bob], 'Another'), 'work 1 already registered')
    expect(h.get(Author, bob)).toBeUndefined()
  })

  it('rejects a work without authors', async () => {
    const h = createHarness()
    await expectRejected(h, 'WorkRegistry', 'WorkRegistered', work(4n, []), 'work without authors')
  })

  it('rejects a title with NUL characters, one over the byte limit, and one of invalid UTF-8', async () => {
    const h = createHarness()
    await expectRejected(h, 'WorkRegistry', 'WorkRegistered', work(1n, [alice], 'a\u0000b'), 'title contains NUL characters')
    await expectRejected(h, 'WorkRegistry', 'WorkRegistered', work(1n, [alice], 'é'.repeat(16_385)), 'title is 32770 bytes, over the 32768-byte limit')
    const bad = rawStringData('WorkRegistry', 'WorkRegistered', work(1n, [alice]), 'title', Buffer.from('Caf\xe9', 'latin1').toString('hex'))
    await expectRejected(h, 'WorkRegistry', 'WorkRegistered', bad.args, 'title is not valid UTF-8', { data: bad.data })
  })

  it('accepts a title of exactly the byte limit, and a genuine U+FFFD', async () => {
    const h = createHarness()
    h.emit('WorkRegistry', 'WorkRegistered', work(1n, [alice], 'é'.repeat(MAX_TEXT_BYTES / 2)))
    h.emit('WorkRegistry', 'WorkRegistered', work(2n, [alice], 'replacement \uFFFD character'))
    await expectIndexed(h)
    expect(h.get(Work, '2')?.title).toBe('replacement \uFFFD character')
  })

  it('rejects invalid UTF-8 beside a genuine U+FFFD in the same string', async () => {
    const h = createHarness()
    // "\uFFFD" (ef bf bd, valid) then a lone 0xff: the decoder turns both into U+FFFD.
    const bad = rawStringData('WorkRegistry', 'WorkRegistered', work(1n, [alice]), 'title', 'efbfbd20ff')
    await expectRejected(h, 'WorkRegistry', 'WorkRegistered', bad.args, 'title is not valid UTF-8', { data: bad.data })
  })
})

describe('textProblem', () => {
  const data = (hex: string) => `0x${hex}`
  it('passes ordinary text, empty text and multi-byte text within the limit', () => {
    expect(textProblem('t', '', '0x')).toBeUndefined()
    expect(textProblem('t', 'plain', '0x')).toBeUndefined()
    expect(textProblem('t', '日本語'.repeat(100), '0x')).toBeUndefined()
  })

  it('measures the limit in UTF-8 bytes, not characters', () => {
    expect(textProblem('t', 'x'.repeat(MAX_TEXT_BYTES), '0x')).toBeUndefined()
    expect(textProblem('t', 'x'.repeat(MAX_TEXT_BYTES + 1), '0x')).toBe('t is 32769 bytes, over the 32768-byte limit')
    expect(textProblem('t', '€'.repeat(10_923), '0x')).toBe('t is 32769 bytes, over the 32768-byte limit')
  })

  it('rejects NUL anywhere', () => {
    expect(textProblem('summary', '\u0000', '0x')).toBe('summary contains NUL characters')
    expect(textProblem('summary', 'end\u0000', '0x')).toBe('summary contains NUL characters')
  })

  const word = (n: number) => n.toString(16).padStart(64, '0')
  const abiString = (hex: string) => word(32) + word(hex.length / 2) + hex.padEnd(Math.ceil(hex.length / 64) * 64, '0')

  it('tells a decoded U+FFFD that was in the log from one the decoder substituted', () => {
    expect(textProblem('t', 'a\uFFFD', data(abiString('61efbfbd')))).toBeUndefined()
    expect(textProblem('t', 'a\uFFFD', data(abiString('61ff')))).toBe('t is not valid UTF-8')
    // Upper-case hex in the raw data is the same data.
    expect(textProblem('t', 'a\uFFFD', data(abiString('61EFBFBD')))).toBeUndefined()
  })

  it('is not fooled by ef bf bd elsewhere in the data', () => {
    // A genuine U+FFFD next to an invalid byte: the log holds ef bf bd, but not the whole text.
    expect(textProblem('t', '\uFFFD\uFFFD', data(abiString('efbfbdff')))).toBe('t is not valid UTF-8')
    // The hex digits e f b f b d straddling bytes (0e fb fb d0 is four invalid bytes).
    expect(textProblem('t', '\u000e\uFFFD\uFFFD\uFFFD', data(abiString('0efbfbd0')))).toBe('t is not valid UTF-8')
    // ef bf bd in another field (a bytes32 beside the string).
    expect(textProblem('t', '\uFFFD', data(`${'efbfbd'.padEnd(64, '0')}${word(64)}${word(1)}${'ff'.padEnd(64, '0')}`))).toBe('t is not valid UTF-8')
  })
})

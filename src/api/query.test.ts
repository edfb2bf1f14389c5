import { describe, expect, it } from 'vitest'
import { ENTITIES } from './entities'
import { countSql, listSql, QueryArgumentError } from './query'

const proposal = ENTITIES.find((e) => e.name === 'Proposal')!
const review = ENTITIES.find((e) => e.name === 'Review')!

describe('list SQL', () => {
  it('orders as Postgres does by default (so an index serves either direction), then by id', () => {
    expect(listSql(proposal, 'public', { orderBy: ['submittedAt_DESC'] }).text).toContain('ORDER BY "submitted_at" DESC, "id" ASC LIMIT $1 OFFSET $2')
    expect(listSql(proposal, 'public', { orderBy: ['decidedBlock_DESC_NULLS_LAST'] }).text).toContain('ORDER BY "decided_block" DESC NULLS LAST, "id" ASC')
  })

  it('refuses an order that names no visible field, a null placement on a field that has no nulls, or a list field', () => {
    for (const order of ['submittedAt_DESC_NULLS_LAST', 'nothing_ASC', 'submittedAt_SIDEWAYS']) expect(() => listSql(proposal, 'public', { orderBy: [order] })).toThrow(QueryArgumentError)
    // The public has no commit times; analysts do.
    expect(() => listSql(review, 'public', { orderBy: ['committedAt_ASC'] })).toThrow(/unknown order/)
    expect(listSql(review, 'analyst', { orderBy: ['committedAt_ASC'] }).text).toContain('"committed_at" ASC')
  })

  it('puts every value in a parameter, never in the text', () => {
    const { text, values } = listSql(review, 'public', { where: { OR: [{ score_gt: 7 }, { proposalId_in: ["p'); DROP TABLE review; --"] }] }, limit: 5 })
    expect(text).toContain('WHERE ("score" > $1 OR "proposal_id" = ANY($2))')
    expect(text).not.toContain('DROP')
    expect(values).toEqual([7, ["p'); DROP TABLE review; --"], 5, 0])
  })

  it('refuses a filter on a field the role cannot see, and pages outside the bounds', () => {
    expect(() => countSql(review, 'public', { stake_gt: '1' })).toThrow(/unknown filter stake_gt/)
    expect(() => listSql(proposal, 'public', { limit: 1001 })).toThrow(/limit must be 0-1000/)
    expect(() => listSql(proposal, 'public', { offset: -1 })).toThrow(/offset/)
  })
})

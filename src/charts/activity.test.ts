import { describe, expect, it } from 'vitest'
import { commitGapChart, groupCommits } from './activity'

const A = '0x00000000000000000000000000000000000000aa'
const B = '0x00000000000000000000000000000000000000bb'
const C = '0x00000000000000000000000000000000000000cc'

describe('a group\'s commit times', () => {
  const reviews = [
    { proposalId: 'p1', reviewer: A, committedAt: 1_000 },
    { proposalId: 'p1', reviewer: B, committedAt: 1_012 },
    { proposalId: 'p2', reviewer: A, committedAt: 500 },
    { proposalId: 'p2', reviewer: C, committedAt: 90_500 },
    { proposalId: 'p3', reviewer: A, committedAt: 50 },
    { proposalId: 'p3', reviewer: B, committedAt: null },
  ]

  it('keep proposals two or more of the group committed on, earliest first, with delays after the first commit', () => {
    expect(groupCommits(reviews)).toEqual([
      { proposalId: 'p2', commits: [{ reviewer: A, at: 500, offset: 0 }, { reviewer: C, at: 90_500, offset: 90_000 }] },
      { proposalId: 'p1', commits: [{ reviewer: A, at: 1_000, offset: 0 }, { reviewer: B, at: 1_012, offset: 12 }] },
    ])
  })

  it('draw a row per proposal, a dot per commit, and count the proposals within the window', () => {
    const svg = commitGapChart(groupCommits(reviews), [A, B, C], 60)
    expect((svg.match(/<g class="proposal">/g) ?? []).length).toBe(2)
    expect((svg.match(/<circle class="commit"/g) ?? []).length).toBe(4)
    expect(svg).toContain('Commits on 2 shared proposals; 1 within 60 s')
    expect(svg).toContain('0x0000…00cc')
  })
})

import { describe, expect, it } from 'vitest'
import { caseFileJson, caseFileMarkdown, type CaseFile } from './casefile'

const A = '0x00000000000000000000000000000000000000aa'
const B = '0x00000000000000000000000000000000000000bb'

const file: CaseFile = {
  exportedAt: '2026-11-21T12:00:00.000Z',
  watermark: { block: 100, blockTimestamp: '2026-11-21T11:59:00.000Z' },
  case: { id: 'case-1', severity: 'PROBABLE', subjects: [A, B], flagIds: ['score-correlation:x:all'], grounds: { families: ['score', 'timing'], corroborations: 1 } },
  flags: [
    {
      id: 'score-correlation:x:all',
      kind: 'score-correlation',
      subjects: [A, B],
      window: null,
      metric: 'Pearson r of scores on shared proposals',
      value: 0.98,
      threshold: 0.95,
      comparison: '>',
      evidence: { sharedProposals: 2, firstAt: 1_700_000_000, note: undefined, scores: [{ proposalId: 'p|1', at: 1_700_000_000, scores: [9, 9] }, { proposalId: 'p2', at: 1_700_086_400, scores: [3, 2] }] },
    },
  ],
  decisions: [{ id: 1, caseId: 'case-0', status: 'CONFIRMED', subjects: [A, B], reason: 'scores agree', effectiveBlock: 90, decidedBy: 'alice (key k1)', decidedAt: '2026-11-20T10:00:00.000Z' }],
  notes: [{ id: 2, caseId: 'case-1', text: 'asked both\nreviewers', subjects: [A, B], author: 'bob (key k2)', createdAt: '2026-11-21T09:00:00.000Z' }],
  audit: [{ id: 3, at: '2026-11-20T10:00:00.000Z', actor: 'alice (key k1)', action: 'decide_case', target: 'case-0', previous: null, value: { status: 'CONFIRMED' } }],
}

describe('case files', () => {
  it('render every flag\'s evidence in Markdown, arrays of records as whole tables, times as dates', () => {
    const md = caseFileMarkdown(file)
    expect(md).toContain('# Case case-1')
    expect(md).toContain('Severity **PROBABLE** at analytics block 100')
    expect(md).toContain('Pearson r of scores on shared proposals: **0.98** > 0.95')
    expect(md).toContain('- **firstAt**: 1700000000 (2023-11-14T22:13:20.000Z)')
    expect(md).toContain('| proposalId | at | scores |')
    expect(md).toContain('| p\\|1 | 1700000000 (2023-11-14T22:13:20.000Z) | [9,9] |') // a pipe in a cell does not split it
    expect(md).toContain('| p2 | 1700086400 (2023-11-15T22:13:20.000Z) | [3,2] |')
    expect(md).not.toContain('**note**') // undefined evidence is left out, not printed as "undefined"
    // Decisions made under the case's earlier id are part of its history.
    expect(md).toMatch(/\| 1 \| case-0 \| CONFIRMED \| scores agree \| 90 \| alice \(key k1\) \|/)
    expect(md).toContain('- 2026-11-21T09:00:00.000Z, bob (key k2) (case case-1): asked both reviewers')
    expect(md).toContain('## Audit log (1)')
  })

  it('render JSON that reads back to the same file', () => {
    expect(JSON.parse(caseFileJson(file))).toEqual(JSON.parse(JSON.stringify(file)))
  })
})

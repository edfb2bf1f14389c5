import { describe, expect, it } from 'vitest'
import { caseFileJson, caseFileMarkdown } from './casefile'
import { A, file } from './testing'

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

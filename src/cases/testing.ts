/** A case file to render in tests. */
import type { CaseFile } from './casefile'

export const A = '0x00000000000000000000000000000000000000aa'
export const B = '0x00000000000000000000000000000000000000bb'

/** A case file with a flag of each kind that has a chart, a decision under an earlier case id, a note and an audit entry. */
export const file: CaseFile = {
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
    {
      id: 'timing-correlation:x:all',
      kind: 'timing-correlation',
      subjects: [A, B],
      window: null,
      metric: 'proposals on which both committed within 60 s',
      value: 2,
      threshold: 2,
      comparison: '>=',
      evidence: { windowSeconds: 60, coCommits: [{ proposalId: 'p1', reviews: ['r1', 'r2'], committedAt: [1_700_000_000, 1_700_000_030], gapSeconds: 30 }, { proposalId: 'p2', reviews: ['r3', 'r4'], committedAt: [1_700_086_400, 1_700_086_410], gapSeconds: 10 }] },
    },
    {
      id: 'self-citation:x:all',
      kind: 'self-citation',
      subjects: [A],
      window: null,
      metric: 'share of reviews citing the reviewer\'s own works',
      value: 0.6,
      threshold: 0.5,
      comparison: '>',
      evidence: { reviews: 10, selfCiting: 6, ownWorks: [1, 2] },
    },
  ],
  decisions: [{ id: 1, caseId: 'case-0', status: 'CONFIRMED', subjects: [A, B], reason: 'scores agree', effectiveBlock: 90, decidedBy: 'alice (key k1)', decidedAt: '2026-11-20T10:00:00.000Z' }],
  notes: [{ id: 2, caseId: 'case-1', text: 'asked both\nreviewers', subjects: [A, B], author: 'bob (key k2)', createdAt: '2026-11-21T09:00:00.000Z' }],
  audit: [{ id: 3, at: '2026-11-20T10:00:00.000Z', actor: 'alice (key k1)', action: 'decide_case', target: 'case-0', previous: null, value: { status: 'CONFIRMED' } }],
}

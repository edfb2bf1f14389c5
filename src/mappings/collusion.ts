/** CollusionRegistry: on-chain collusion cases and conflict-of-interest findings. */
import { CaseStatus, CollusionCase, CollusionSignal, ConflictOfInterest } from '../model'
import { addr, defineMapping, enumAt, textProblem } from './mapping'

export const SIGNALS = [
  CollusionSignal.SCORE_CLUSTERING,
  CollusionSignal.TEXT_SIMILARITY,
  CollusionSignal.TIMING_CORRELATION,
  CollusionSignal.RECIPROCAL_REVIEW,
  CollusionSignal.CITATION_COERCION,
  CollusionSignal.OTHER,
] as const

export const collusion = defineMapping('CollusionRegistry', {
  needs: {
    CollusionFlagRaised: (e, n) => n.add(CollusionCase, e.args.caseId.toString()),
    CaseConfirmed: (e, n) => n.add(CollusionCase, e.args.caseId.toString()),
    CaseDismissed: (e, n) => n.add(CollusionCase, e.args.caseId.toString()),
  },
  handle: {
    CollusionFlagRaised(e, s) {
      const signal = enumAt(SIGNALS, e.args.signal)
      if (signal === undefined) return `signal ${e.args.signal} out of range`
      const bad = textProblem('summary', e.args.summary, e.meta.data)
      if (bad) return bad
      const id = e.args.caseId.toString()
      if (s.find(CollusionCase, id)) return `case ${id} already raised`
      s.put(
        new CollusionCase({
          id, signal, raisedBy: addr(e.args.raisedBy), subjects: e.args.subjects.map(addr), evidenceHash: e.args.evidenceHash,
          summary: e.args.summary, status: CaseStatus.OPEN, raisedAt: e.meta.timestamp, raisedBlock: e.meta.block, closedAt: null, closedBlock: null, finding: null, annulledReviews: null,
        }),
      )
    },
    CaseConfirmed(e, s) {
      const bad = textProblem('finding', e.args.finding, e.meta.data)
      if (bad) return bad
      const c = s.edit(CollusionCase, e.args.caseId.toString())
      if (!c) return `unknown case ${e.args.caseId}`
      c.status = CaseStatus.CONFIRMED
      c.closedAt = e.meta.timestamp
      c.closedBlock = e.meta.block
      c.finding = e.args.finding
      c.annulledReviews = [...e.args.annulledReviews]
    },
    CaseDismissed(e, s) {
      const bad = textProblem('reason', e.args.reason, e.meta.data)
      if (bad) return bad
      const c = s.edit(CollusionCase, e.args.caseId.toString())
      if (!c) return `unknown case ${e.args.caseId}`
      c.status = CaseStatus.DISMISSED
      c.closedAt = e.meta.timestamp
      c.closedBlock = e.meta.block
      c.finding = e.args.reason
    },
    ConflictOfInterestRecorded(e, s) {
      const bad = textProblem('finding', e.args.finding, e.meta.data)
      if (bad) return bad
      s.append(new ConflictOfInterest({ id: e.meta.id, reviewer: addr(e.args.reviewer), proposalId: e.args.proposalId.toString(), finding: e.args.finding, timestamp: e.meta.timestamp }))
    },
  },
})

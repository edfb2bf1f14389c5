/** ReviewHub: proposals, assignments, commit-reveal, discussion, decisions, appeals, identity reveals. */
import { Appeal, Author, DiscussionPost, PhaseChange, Proposal, ProposalOutcome, ProposalPhase, Review, ReviewStatus, ReviewType, Reviewer, Work } from '../model'
import { authorOf } from './works'
import { addr, dateOf, defineMapping, enumAt, textProblem, ZERO_BYTES32 } from './mapping'

/** By the contract's ordinals (ReviewHub.ReviewType, Phase, Outcome); Phase 0 (None) never appears in events. */
export const REVIEW_TYPES = [ReviewType.STANDARD, ReviewType.EXPEDITED, ReviewType.EXPERT] as const
export const PHASES = [undefined, ProposalPhase.ASSIGNMENT, ProposalPhase.COMMIT, ProposalPhase.REVEAL, ProposalPhase.DISCUSSION, ProposalPhase.DECISION, ProposalPhase.DECIDED] as const
export const OUTCOMES = [ProposalOutcome.NONE, ProposalOutcome.FUNDED, ProposalOutcome.REJECTED, ProposalOutcome.COMPLETED, ProposalOutcome.FAILED] as const
/** Work ids fit a Postgres integer; a larger one cannot name a registered work. */
const MAX_WORK_ID = 2_147_483_647n

export const reviewHub = defineMapping('ReviewHub', {
  needs: {
    ProposalSubmitted: (e, n) => {
      n.add(Proposal, e.args.proposalId.toString())
      n.add(Author, addr(e.args.author))
    },
    PhaseChanged: (e, n) => n.add(Proposal, e.args.proposalId.toString()),
    ReviewerAssigned: (e, n) => {
      n.add(Proposal, e.args.proposalId.toString())
      n.add(Review, e.args.reviewId)
      n.add(Reviewer, addr(e.args.reviewer))
    },
    ReviewCommitted: (e, n) => {
      n.add(Proposal, e.args.proposalId.toString())
      n.add(Review, e.args.reviewId)
    },
    ReviewRevealed: (e, n) => {
      n.add(Proposal, e.args.proposalId.toString())
      n.add(Review, e.args.reviewId)
      n.add(Reviewer, addr(e.args.reviewer))
      for (const w of e.args.citedWorks) if (w <= MAX_WORK_ID) n.add(Work, w.toString())
    },
    DeadlineMissed: (e, n) => {
      n.add(Review, e.args.reviewId)
      n.add(Reviewer, addr(e.args.reviewer))
    },
    DiscussionPosted: (e, n) => n.add(Proposal, e.args.proposalId.toString()),
    ProposalDecided: (e, n) => n.add(Proposal, e.args.proposalId.toString()),
    ReviewAcknowledged: (e, n) => n.add(Review, e.args.reviewId),
    IdentityRevealed: (e, n) => n.add(Review, e.args.reviewId),
    AppealFiled: (e, n) => {
      n.add(Appeal, e.args.appealId.toString())
      n.add(Review, e.args.reviewId)
    },
    AppealResolved: (e, n) => n.add(Appeal, e.args.appealId.toString()),
    ReviewAnnulled: (e, n) => n.add(Review, e.args.reviewId),
  },
  handle: {
    ProposalSubmitted(e, s) {
      const id = e.args.proposalId.toString()
      const reviewType = enumAt(REVIEW_TYPES, e.args.reviewType)
      if (reviewType === undefined) return `review type ${e.args.reviewType} out of range`
      if (s.find(Proposal, id)) return `proposal ${id} already submitted`
      const author = addr(e.args.author)
      s.put(
        new Proposal({
          id, author, domain: e.args.domain, reviewType, discussion: e.args.discussion, reviewersWanted: e.args.reviewersWanted,
          contentHash: e.args.contentHash, phase: ProposalPhase.ASSIGNMENT, phaseDeadline: null, outcome: ProposalOutcome.NONE,
          rationale: null, submittedAt: e.meta.timestamp, submittedBlock: e.meta.block, decidedAt: null, decidedBlock: null,
          assigned: 0, committed: 0, revealed: 0,
        }),
      )
      authorOf(s, author, e.meta.timestamp).proposals += 1
    },
    PhaseChanged(e, s) {
      const phase = enumAt(PHASES, e.args.phase)
      if (phase === undefined) return `phase ${e.args.phase} out of range`
      const p = s.edit(Proposal, e.args.proposalId.toString())
      if (!p) return `unknown proposal ${e.args.proposalId}`
      p.phase = phase
      p.phaseDeadline = dateOf(e.args.deadline)
      s.append(new PhaseChange({ id: e.meta.id, proposalId: p.id, phase, deadline: p.phaseDeadline, timestamp: e.meta.timestamp, block: e.meta.block }))
    },
    ReviewerAssigned(e, s) {
      const p = s.find(Proposal, e.args.proposalId.toString())
      if (!p) return `unknown proposal ${e.args.proposalId}`
      const reviewer = s.find(Reviewer, addr(e.args.reviewer))
      if (!reviewer) return `unknown reviewer ${addr(e.args.reviewer)}`
      if (s.find(Review, e.args.reviewId)) return `review ${e.args.reviewId} already assigned`
      s.edit(Proposal, p.id)!.assigned += 1
      s.edit(Reviewer, reviewer.id)!.assignments += 1
      s.put(
        new Review({
          id: e.args.reviewId, proposalId: p.id, reviewer: reviewer.id, status: ReviewStatus.ASSIGNED, stake: e.args.stake,
          assignedAt: e.meta.timestamp, assignedBlock: e.meta.block, commitment: null, committedAt: null, committedBlock: null,
          commitTxHash: null, score: null, text: null, citedWorks: null, revealedAt: null, revealedBlock: null, quality: null,
          qualityMedians: null, scoredAt: null, unlockAt: null, stakeReleased: false, acknowledged: false, identityRevealed: false,
          did: null, identityRevealedAt: null, paid: null, missedPhase: null, annulledByCase: null,
        }),
      )
    },
    ReviewCommitted(e, s) {
      const review = s.find(Review, e.args.reviewId)
      if (!review || review.proposalId !== e.args.proposalId.toString()) return `unknown review ${e.args.reviewId} of proposal ${e.args.proposalId}`
      if (review.status !== ReviewStatus.ASSIGNED) return `review ${review.id} is ${review.status}, cannot commit`
      const r = s.edit(Review, review.id)!
      r.status = ReviewStatus.COMMITTED
      r.commitment = e.args.commitment
      r.committedAt = e.meta.timestamp
      r.committedBlock = e.meta.block
      r.commitTxHash = e.meta.txHash
      const p = s.edit(Proposal, review.proposalId)
      if (p) p.committed += 1
    },
    ReviewRevealed(e, s) {
      const { score, text, citedWorks } = e.args
      if (score < 1 || score > 10) return `score ${score} out of range 1-10`
      const bad = textProblem('review text', text, e.meta.data)
      if (bad) return bad
      const unknownWork = citedWorks.find((w) => w > MAX_WORK_ID || !s.find(Work, w.toString()))
      if (unknownWork !== undefined) return `cites unknown work ${unknownWork}`
      const review = s.find(Review, e.args.reviewId)
      if (!review || review.proposalId !== e.args.proposalId.toString()) return `unknown review ${e.args.reviewId} of proposal ${e.args.proposalId}`
      if (review.reviewer !== addr(e.args.reviewer)) return `review ${review.id} belongs to ${review.reviewer}, not ${addr(e.args.reviewer)}`
      if (review.status !== ReviewStatus.COMMITTED) return `review ${review.id} is ${review.status}, cannot reveal`
      const r = s.edit(Review, review.id)!
      r.status = ReviewStatus.REVEALED
      r.score = score
      r.text = text
      r.citedWorks = citedWorks.map(Number)
      r.revealedAt = e.meta.timestamp
      r.revealedBlock = e.meta.block
      const p = s.edit(Proposal, review.proposalId)
      if (p) p.revealed += 1
      const reviewer = s.edit(Reviewer, review.reviewer)
      if (reviewer) reviewer.reviewsRevealed += 1
    },
    DeadlineMissed(e, s) {
      const phase = enumAt(PHASES, e.args.phase)
      if (phase === undefined) return `phase ${e.args.phase} out of range`
      const review = s.find(Review, e.args.reviewId)
      if (!review) return `unknown review ${e.args.reviewId}`
      // The reviewer counted is the one the batch loaded: the event's, which must be the review's.
      if (review.reviewer !== addr(e.args.reviewer)) return `review ${review.id} belongs to ${review.reviewer}, not ${addr(e.args.reviewer)}`
      const r = s.edit(Review, review.id)!
      r.status = ReviewStatus.MISSED
      r.missedPhase = phase
      const reviewer = s.edit(Reviewer, r.reviewer)
      if (reviewer) reviewer.deadlinesMissed += 1
    },
    DiscussionPosted(e, s) {
      const bad = textProblem('discussion text', e.args.text, e.meta.data)
      if (bad) return bad
      if (!s.find(Proposal, e.args.proposalId.toString())) return `unknown proposal ${e.args.proposalId}`
      s.append(
        new DiscussionPost({
          id: e.meta.id, proposalId: e.args.proposalId.toString(), reviewId: e.args.reviewId === ZERO_BYTES32 ? null : e.args.reviewId,
          fromAuthor: e.args.fromAuthor, text: e.args.text, timestamp: e.meta.timestamp, block: e.meta.block,
        }),
      )
    },
    ProposalDecided(e, s) {
      const outcome = enumAt(OUTCOMES, e.args.outcome)
      if (outcome === undefined || outcome === ProposalOutcome.NONE) return `outcome ${e.args.outcome} out of range`
      const bad = textProblem('rationale', e.args.rationale, e.meta.data)
      if (bad) return bad
      const p = s.edit(Proposal, e.args.proposalId.toString())
      if (!p) return `unknown proposal ${e.args.proposalId}`
      p.outcome = outcome
      p.rationale = e.args.rationale
      if (outcome === ProposalOutcome.FUNDED || outcome === ProposalOutcome.REJECTED) {
        p.decidedAt = e.meta.timestamp
        p.decidedBlock = e.meta.block
      }
    },
    ReviewAcknowledged(e, s) {
      const r = s.edit(Review, e.args.reviewId)
      if (!r) return `unknown review ${e.args.reviewId}`
      r.acknowledged = true
    },
    IdentityRevealed(e, s) {
      const bad = textProblem('did', e.args.did, e.meta.data)
      if (bad) return bad
      const r = s.edit(Review, e.args.reviewId)
      if (!r) return `unknown review ${e.args.reviewId}`
      r.identityRevealed = true
      r.did = e.args.did
      r.identityRevealedAt = e.meta.timestamp
    },
    AppealFiled(e, s) {
      const bad = textProblem('grounds', e.args.grounds, e.meta.data)
      if (bad) return bad
      if (!s.find(Review, e.args.reviewId)) return `unknown review ${e.args.reviewId}`
      const id = e.args.appealId.toString()
      if (s.find(Appeal, id)) return `appeal ${id} already filed`
      s.put(
        new Appeal({
          id, proposalId: e.args.proposalId.toString(), reviewId: e.args.reviewId, appellant: addr(e.args.appellant), grounds: e.args.grounds,
          filedAt: e.meta.timestamp, resolved: false, upheld: null, rationale: null, resolvedAt: null,
        }),
      )
    },
    AppealResolved(e, s) {
      const bad = textProblem('rationale', e.args.rationale, e.meta.data)
      if (bad) return bad
      const a = s.edit(Appeal, e.args.appealId.toString())
      if (!a) return `unknown appeal ${e.args.appealId}`
      a.resolved = true
      a.upheld = e.args.upheld
      a.rationale = e.args.rationale
      a.resolvedAt = e.meta.timestamp
    },
    ReviewAnnulled(e, s) {
      const r = s.edit(Review, e.args.reviewId)
      if (!r) return `unknown review ${e.args.reviewId}`
      r.status = ReviewStatus.ANNULLED
      r.annulledByCase = BigInt(e.args.caseRef).toString()
    },
  },
})

import { describe, expect, it } from 'vitest'
import { EventCount, Proposal, ProposalPhase, QuarantinedEvent, RepChange, RepReason, Review, ReviewStatus, Reviewer } from '../model'
import { createHarness } from './testing'

const reviewer = '0x00000000000000000000000000000000000000aa'
const author = '0x00000000000000000000000000000000000000bb'
const reviewId = `0x${'12'.repeat(32)}`

describe('a proposal reviewed from assignment to reveal', () => {
  it('keeps the reviewer, proposal and review current and the REP ledger complete', async () => {
    const h = createHarness()
    h.emit('ReputationStaking', 'ReviewerRegistered', { reviewer, domains: [2], genesisRep: 300n })
    h.emit('ReputationStaking', 'RepChanged', { reviewer, reason: 0, delta: 300n, balance: 300n, ref: `0x${'0'.repeat(64)}` })
    h.emit('ReviewHub', 'ProposalSubmitted', { proposalId: 1n, author, domain: 2, reviewType: 0, discussion: false, reviewersWanted: 3, contentHash: `0x${'ab'.repeat(32)}` })
    await h.flush()
    // A later batch reads what the first wrote.
    h.emit('ReviewHub', 'ReviewerAssigned', { proposalId: 1n, reviewId, reviewer, stake: 10n })
    h.emit('ReputationStaking', 'StakeLocked', { reviewer, reviewId, amount: 10n })
    h.emit('ReviewHub', 'PhaseChanged', { proposalId: 1n, phase: 2, deadline: 1_800_000_000n })
    h.emit('ReviewHub', 'ReviewCommitted', { proposalId: 1n, reviewId, reviewer, commitment: `0x${'cd'.repeat(32)}` }, { newBlock: true })
    h.emit('ReviewHub', 'ReviewRevealed', { proposalId: 1n, reviewId, reviewer, score: 7, citedWorks: [], text: 'Solid design.' }, { newBlock: true })
    h.emit('ReputationStaking', 'RepChanged', { reviewer, reason: 1, delta: 10n, balance: 310n, ref: reviewId })
    const result = await h.flush()
    expect(result.quarantined).toBe(0)

    expect(h.get(Reviewer, reviewer)).toMatchObject({ reputation: 310n, locked: 10n, assignments: 1, reviewsRevealed: 1 })
    expect(h.get(Proposal, '1')).toMatchObject({ author, phase: ProposalPhase.COMMIT, assigned: 1, committed: 1, revealed: 1 })
    expect(h.get(Review, reviewId)).toMatchObject({ status: ReviewStatus.REVEALED, score: 7, text: 'Solid design.', reviewer })
    expect(h.all(RepChange).map((r) => [r.reason, r.delta, r.balance])).toEqual([
      [RepReason.GENESIS, 300n, 300n],
      [RepReason.REVIEW_ON_TIME, 10n, 310n],
    ])
  })

  it('quarantines a reveal with a score out of range, with the reason, and counts it', async () => {
    const h = createHarness()
    h.emit('ReviewHub', 'ReviewRevealed', { proposalId: 9n, reviewId, reviewer, score: 42, citedWorks: [], text: 'x' })
    const result = await h.flush()
    expect(result.quarantined).toBe(1)
    expect(h.all(QuarantinedEvent).map((q) => q.reason)).toEqual(['score 42 out of range 1-10'])
    expect(h.get(EventCount, 'ReviewHub.ReviewRevealed')).toMatchObject({ indexed: 0, quarantined: 1 })
  })
})

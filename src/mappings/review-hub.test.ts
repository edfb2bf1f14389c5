/** ReviewHub: proposals, assignment, commit-reveal, missed deadlines, discussion, decisions, appeals, identity reveals, annulment (mappings/review-hub.ts). */
import { describe, expect, it } from 'vitest'
import { getAddress } from 'viem'
import {
  Appeal, Author, DiscussionPost, PhaseChange, Proposal, ProposalOutcome, ProposalPhase, Review, ReviewStatus, ReviewType, Reviewer,
} from '../model'
import {
  account, admitReviewer, assignReviewer, bytes32, commitReview, expectIndexed, expectRejected, hash, harnessTime, rawStringData,
  revealedReview, revealReview, reviewIdOf, submitProposal, ZERO32, type Harness,
} from './fixtures'
import { createHarness } from './testing'

const alice = account('alice')
const bob = account('bob')
const carol = account('carol')
const author = account('author')
const rA = reviewIdOf(1n, alice)
const rB = reviewIdOf(1n, bob)

/** Proposal 1 by `author` with alice and bob assigned. */
function assigned(h: Harness): void {
  admitReviewer(h, alice)
  admitReviewer(h, bob)
  submitProposal(h, 1n, author)
  assignReviewer(h, 1n, alice)
  assignReviewer(h, 1n, bob)
}

const submitted = (proposalId: bigint, o: { reviewType?: number; author?: string } = {}) => ({
  proposalId, author: o.author ?? author, domain: 4, reviewType: o.reviewType ?? 0, discussion: true, reviewersWanted: 3, contentHash: hash('ab'),
})

describe('ProposalSubmitted', () => {
  it('creates the proposal in the assignment phase and counts it for its author', async () => {
    const h = createHarness()
    h.emit('ReviewHub', 'ProposalSubmitted', submitted(1n, { reviewType: 2, author: getAddress(author) }))
    await expectIndexed(h)
    expect(h.get(Proposal, '1')).toEqual(
      new Proposal({
        id: '1', author, domain: 4, reviewType: ReviewType.EXPERT, discussion: true, reviewersWanted: 3, contentHash: hash('ab'),
        phase: ProposalPhase.ASSIGNMENT, phaseDeadline: null, outcome: ProposalOutcome.NONE, rationale: null, submittedAt: harnessTime(1),
        submittedBlock: 1, decidedAt: null, decidedBlock: null, assigned: 0, committed: 0, revealed: 0,
      }),
    )
    expect(h.get(Author, author)).toEqual(new Author({ id: author, proposals: 1, works: 0, firstSeenAt: harnessTime(1) }))
    h.emit('ReviewHub', 'ProposalSubmitted', submitted(2n, { reviewType: 1 }))
    h.emit('ReviewHub', 'ProposalSubmitted', submitted(3n))
    await expectIndexed(h)
    expect(h.get(Author, author)).toMatchObject({ proposals: 3, firstSeenAt: harnessTime(1) })
    expect(h.all(Proposal).map((p) => p.reviewType)).toEqual([ReviewType.EXPERT, ReviewType.EXPEDITED, ReviewType.STANDARD])
  })

  it('rejects a review type beyond the enum and a proposal id submitted before', async () => {
    const h = createHarness()
    await expectRejected(h, 'ReviewHub', 'ProposalSubmitted', submitted(1n, { reviewType: 3 }), 'review type 3 out of range')
    h.emit('ReviewHub', 'ProposalSubmitted', submitted(1n))
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'ProposalSubmitted', submitted(1n, { author: bob }), 'proposal 1 already submitted')
    expect(h.get(Author, bob)).toBeUndefined()
  })
})

describe('PhaseChanged', () => {
  it('sets the phase and its deadline, and keeps the history', async () => {
    const h = createHarness()
    submitProposal(h, 1n, author)
    h.emit('ReviewHub', 'PhaseChanged', { proposalId: 1n, phase: 2, deadline: 1_800_000_000n }, { newBlock: true })
    await expectIndexed(h)
    expect(h.get(Proposal, '1')).toMatchObject({ phase: ProposalPhase.COMMIT, phaseDeadline: new Date(1_800_000_000_000) })
    for (const [phase, deadline] of [[3, 1_800_100_000n], [4, 1_800_200_000n], [5, 0n], [6, 0n]] as const) {
      h.emit('ReviewHub', 'PhaseChanged', { proposalId: 1n, phase, deadline })
    }
    await expectIndexed(h)
    expect(h.get(Proposal, '1')).toMatchObject({ phase: ProposalPhase.DECIDED, phaseDeadline: null })
    expect(h.all(PhaseChange).map((c) => [c.id, c.proposalId, c.phase, c.deadline, c.block])).toEqual([
      ['0000000001-000001', '1', ProposalPhase.ASSIGNMENT, null, 1],
      ['0000000002-000000', '1', ProposalPhase.COMMIT, new Date(1_800_000_000_000), 2],
      ['0000000003-000000', '1', ProposalPhase.REVEAL, new Date(1_800_100_000_000), 3],
      ['0000000003-000001', '1', ProposalPhase.DISCUSSION, new Date(1_800_200_000_000), 3],
      ['0000000003-000002', '1', ProposalPhase.DECISION, null, 3],
      ['0000000003-000003', '1', ProposalPhase.DECIDED, null, 3],
    ])
  })

  it('rejects Phase.None, a phase beyond the enum and an unknown proposal', async () => {
    const h = createHarness()
    submitProposal(h, 1n, author)
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'PhaseChanged', { proposalId: 1n, phase: 0, deadline: 0n }, 'phase 0 out of range')
    await expectRejected(h, 'ReviewHub', 'PhaseChanged', { proposalId: 1n, phase: 7, deadline: 0n }, 'phase 7 out of range')
    await expectRejected(h, 'ReviewHub', 'PhaseChanged', { proposalId: 2n, phase: 2, deadline: 0n }, 'unknown proposal 2')
  })
})

describe('ReviewerAssigned', () => {
  it('creates the review and counts the assignment on the proposal and the reviewer', async () => {
    const h = createHarness()
    assigned(h)
    await expectIndexed(h)
    expect(h.get(Review, rA)).toEqual(
      new Review({
        id: rA, proposalId: '1', reviewer: alice, status: ReviewStatus.ASSIGNED, stake: 10n, assignedAt: harnessTime(1), assignedBlock: 1,
        commitment: null, committedAt: null, committedBlock: null, commitTxHash: null, score: null, text: null, citedWorks: null,
        revealedAt: null, revealedBlock: null, quality: null, qualityMedians: null, scoredAt: null, unlockAt: null, stakeReleased: false,
        acknowledged: false, identityRevealed: false, did: null, identityRevealedAt: null, paid: null, missedPhase: null, annulledByCase: null,
      }),
    )
    expect(h.get(Proposal, '1')?.assigned).toBe(2)
    expect(h.get(Reviewer, alice)?.assignments).toBe(1)
    submitProposal(h, 2n, author)
    assignReviewer(h, 2n, alice, 20n)
    await expectIndexed(h)
    expect(h.get(Reviewer, alice)).toMatchObject({ assignments: 2, locked: 30n })
  })

  it('rejects an unknown proposal, an unknown reviewer and a review id assigned before', async () => {
    const h = createHarness()
    admitReviewer(h, alice)
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'ReviewerAssigned', { proposalId: 1n, reviewId: rA, reviewer: alice, stake: 10n }, 'unknown proposal 1')
    submitProposal(h, 1n, author)
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'ReviewerAssigned', { proposalId: 1n, reviewId: rB, reviewer: bob, stake: 10n }, `unknown reviewer ${bob}`)
    h.emit('ReviewHub', 'ReviewerAssigned', { proposalId: 1n, reviewId: rA, reviewer: alice, stake: 10n })
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'ReviewerAssigned', { proposalId: 1n, reviewId: rA, reviewer: alice, stake: 10n }, `review ${rA} already assigned`)
    expect(h.get(Proposal, '1')?.assigned).toBe(1)
    expect(h.get(Reviewer, alice)?.assignments).toBe(1)
  })
})

describe('ReviewCommitted', () => {
  it('records the commitment with its block and transaction and counts it on the proposal', async () => {
    const h = createHarness()
    assigned(h)
    h.emit('ReviewHub', 'ReviewCommitted', { proposalId: 1n, reviewId: rA, reviewer: alice, commitment: hash('cd') }, { newBlock: true })
    await expectIndexed(h)
    expect(h.get(Review, rA)).toMatchObject({
      status: ReviewStatus.COMMITTED, commitment: hash('cd'), committedAt: harnessTime(2), committedBlock: 2, commitTxHash: `0x${'2'.padStart(64, '0')}`,
    })
    expect(h.get(Review, rB)?.status).toBe(ReviewStatus.ASSIGNED)
    expect(h.get(Proposal, '1')).toMatchObject({ assigned: 2, committed: 1 })
  })

  it('rejects an unknown review, a review of another proposal, and a second commit', async () => {
    const h = createHarness()
    assigned(h)
    submitProposal(h, 2n, author)
    await expectIndexed(h)
    const unknown = reviewIdOf(1n, carol)
    await expectRejected(h, 'ReviewHub', 'ReviewCommitted', { proposalId: 1n, reviewId: unknown, reviewer: carol, commitment: hash('cd') }, `unknown review ${unknown} of proposal 1`)
    await expectRejected(h, 'ReviewHub', 'ReviewCommitted', { proposalId: 2n, reviewId: rA, reviewer: alice, commitment: hash('cd') }, `unknown review ${rA} of proposal 2`)
    commitReview(h, 1n, alice)
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'ReviewCommitted', { proposalId: 1n, reviewId: rA, reviewer: alice, commitment: hash('ee') }, `review ${rA} is COMMITTED, cannot commit`)
    expect(h.get(Review, rA)?.commitment).toBe(hash('cd'))
    expect(h.get(Proposal, '1')?.committed).toBe(1)
  })
})

describe('ReviewRevealed', () => {
  it('records score, text and cited works and counts the reveal on the proposal and the reviewer', async () => {
    const h = createHarness()
    assigned(h)
    h.emit('WorkRegistry', 'WorkRegistered', { workId: 1n, registrant: carol, authors: [carol], contentHash: hash('01'), title: 'W1' })
    h.emit('WorkRegistry', 'WorkRegistered', { workId: 2n, registrant: carol, authors: [carol], contentHash: hash('02'), title: 'W2' })
    commitReview(h, 1n, alice)
    commitReview(h, 1n, bob)
    await expectIndexed(h)
    revealReview(h, 1n, alice, { score: 9, text: 'Sound methods; see [1] and [2].', citedWorks: [2n, 1n] })
    await expectIndexed(h)
    expect(h.get(Review, rA)).toMatchObject({
      status: ReviewStatus.REVEALED, score: 9, text: 'Sound methods; see [1] and [2].', citedWorks: [2, 1], revealedAt: harnessTime(2), revealedBlock: 2,
      unlockAt: new Date(1_800_000_000_000),
    })
    expect(h.get(Proposal, '1')).toMatchObject({ committed: 2, revealed: 1 })
    expect(h.get(Reviewer, alice)).toMatchObject({ reviewsRevealed: 1, reputation: 310n, lastActivityAt: harnessTime(2) })
    expect(h.get(Reviewer, bob)?.reviewsRevealed).toBe(0)
  })

  it('accepts scores 1 and 10 and rejects 0 and 11', async () => {
    const h = createHarness()
    assigned(h)
    commitReview(h, 1n, alice)
    commitReview(h, 1n, bob)
    await expectIndexed(h)
    const reveal = (reviewer: string, reviewId: string, score: number) => ({ proposalId: 1n, reviewId, reviewer, score, citedWorks: [], text: 'ok' })
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal(alice, rA, 0), 'score 0 out of range 1-10')
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal(alice, rA, 11), 'score 11 out of range 1-10')
    h.emit('ReviewHub', 'ReviewRevealed', reveal(alice, rA, 1))
    h.emit('ReviewHub', 'ReviewRevealed', reveal(bob, rB, 10))
    await expectIndexed(h)
    expect([h.get(Review, rA)?.score, h.get(Review, rB)?.score]).toEqual([1, 10])
  })

  it('rejects text the store cannot hold', async () => {
    const h = createHarness()
    assigned(h)
    commitReview(h, 1n, alice)
    await expectIndexed(h)
    const reveal = (text: string) => ({ proposalId: 1n, reviewId: rA, reviewer: alice, score: 5, citedWorks: [], text })
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal('nul\u0000'), 'review text contains NUL characters')
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal('x'.repeat(32_769)), 'review text is 32769 bytes, over the 32768-byte limit')
    const bad = rawStringData('ReviewHub', 'ReviewRevealed', reveal(''), 'text', 'c328')
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', bad.args, 'review text is not valid UTF-8', { data: bad.data })
    expect(h.get(Review, rA)?.status).toBe(ReviewStatus.COMMITTED)
  })

  it('rejects citations of works not registered (yet), and of ids beyond any work', async () => {
    const h = createHarness()
    assigned(h)
    commitReview(h, 1n, alice)
    h.emit('WorkRegistry', 'WorkRegistered', { workId: 1n, registrant: carol, authors: [carol], contentHash: hash('01'), title: 'W1' })
    await expectIndexed(h)
    const reveal = (citedWorks: bigint[]) => ({ proposalId: 1n, reviewId: rA, reviewer: alice, score: 5, citedWorks, text: 'ok' })
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal([1n, 2n]), 'cites unknown work 2')
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal([2n ** 31n]), 'cites unknown work 2147483648')
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal([2n ** 256n - 1n]), `cites unknown work ${2n ** 256n - 1n}`)
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal([0n]), 'cites unknown work 0')
  })

  it('rejects an unknown review, another reviewer\'s review, and a review not committed (or revealed already)', async () => {
    const h = createHarness()
    assigned(h)
    commitReview(h, 1n, alice)
    await expectIndexed(h)
    const reveal = (reviewId: string, reviewer: string, proposalId = 1n) => ({ proposalId, reviewId, reviewer, score: 5, citedWorks: [], text: 'ok' })
    const unknown = reviewIdOf(1n, carol)
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal(unknown, carol), `unknown review ${unknown} of proposal 1`)
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal(rA, alice, 2n), `unknown review ${rA} of proposal 2`)
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal(rA, bob), `review ${rA} belongs to ${alice}, not ${bob}`)
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal(rB, bob), `review ${rB} is ASSIGNED, cannot reveal`)
    h.emit('ReviewHub', 'ReviewRevealed', reveal(rA, alice))
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'ReviewRevealed', reveal(rA, alice), `review ${rA} is REVEALED, cannot reveal`)
    expect(h.get(Proposal, '1')?.revealed).toBe(1)
    expect(h.get(Reviewer, alice)?.reviewsRevealed).toBe(1)
  })
})

describe('DeadlineMissed', () => {
  it('marks the review missed in its phase and counts it on the reviewer', async () => {
    const h = createHarness()
    assigned(h)
    commitReview(h, 1n, bob)
    await expectIndexed(h)
    // As advance() emits them: DeadlineMissed, the -15 REP, the stake released.
    h.emit('ReviewHub', 'DeadlineMissed', { proposalId: 1n, reviewId: rA, reviewer: alice, phase: 2 })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 5, delta: -15n, balance: 285n, ref: rA })
    h.emit('ReputationStaking', 'StakeReleased', { reviewer: alice, reviewId: rA, amount: 10n })
    h.emit('ReviewHub', 'PhaseChanged', { proposalId: 1n, phase: 3, deadline: 1_800_000_000n })
    await expectIndexed(h)
    h.emit('ReviewHub', 'DeadlineMissed', { proposalId: 1n, reviewId: rB, reviewer: bob, phase: 3 })
    await expectIndexed(h)
    expect(h.get(Review, rA)).toMatchObject({ status: ReviewStatus.MISSED, missedPhase: ProposalPhase.COMMIT, stakeReleased: true })
    expect(h.get(Review, rB)).toMatchObject({ status: ReviewStatus.MISSED, missedPhase: ProposalPhase.REVEAL, stakeReleased: false })
    expect(h.get(Reviewer, alice)).toMatchObject({ deadlinesMissed: 1, reputation: 285n, locked: 0n })
    expect(h.get(Reviewer, bob)).toMatchObject({ deadlinesMissed: 1, locked: 10n })
  })

  it('rejects a phase out of range, an unknown review, and a reviewer the review is not of', async () => {
    const h = createHarness()
    assigned(h)
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'DeadlineMissed', { proposalId: 1n, reviewId: rA, reviewer: alice, phase: 0 }, 'phase 0 out of range')
    await expectRejected(h, 'ReviewHub', 'DeadlineMissed', { proposalId: 1n, reviewId: rA, reviewer: alice, phase: 9 }, 'phase 9 out of range')
    const unknown = reviewIdOf(1n, carol)
    await expectRejected(h, 'ReviewHub', 'DeadlineMissed', { proposalId: 1n, reviewId: unknown, reviewer: carol, phase: 2 }, `unknown review ${unknown}`)
    await expectRejected(h, 'ReviewHub', 'DeadlineMissed', { proposalId: 1n, reviewId: rA, reviewer: bob, phase: 2 }, `review ${rA} belongs to ${alice}, not ${bob}`)
  })
})

describe('DiscussionPosted', () => {
  it('keeps reviewers\' comments with their review id and the author\'s rebuttals without one', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    h.emit('ReviewHub', 'DiscussionPosted', { proposalId: 1n, reviewId: rA, fromAuthor: false, text: 'To clarify my point 2…' }, { newBlock: true })
    h.emit('ReviewHub', 'DiscussionPosted', { proposalId: 1n, reviewId: ZERO32, fromAuthor: true, text: 'We disagree.' })
    await expectIndexed(h)
    expect(h.all(DiscussionPost)).toEqual([
      new DiscussionPost({ id: '0000000002-000000', proposalId: '1', reviewId: rA, fromAuthor: false, text: 'To clarify my point 2…', timestamp: harnessTime(2), block: 2 }),
      new DiscussionPost({ id: '0000000002-000001', proposalId: '1', reviewId: null, fromAuthor: true, text: 'We disagree.', timestamp: harnessTime(2), block: 2 }),
    ])
  })

  it('rejects bad text and an unknown proposal', async () => {
    const h = createHarness()
    await expectRejected(h, 'ReviewHub', 'DiscussionPosted', { proposalId: 1n, reviewId: ZERO32, fromAuthor: true, text: 'hi' }, 'unknown proposal 1')
    submitProposal(h, 1n, author)
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'DiscussionPosted', { proposalId: 1n, reviewId: ZERO32, fromAuthor: true, text: '\u0000' }, 'discussion text contains NUL characters')
    const bad = rawStringData('ReviewHub', 'DiscussionPosted', { proposalId: 1n, reviewId: ZERO32, fromAuthor: true, text: '' }, 'text', 'fe')
    await expectRejected(h, 'ReviewHub', 'DiscussionPosted', bad.args, 'discussion text is not valid UTF-8', { data: bad.data })
  })
})

describe('ProposalDecided', () => {
  it('FUNDED sets outcome, rationale and the decision time; COMPLETED later keeps that time', async () => {
    const h = createHarness()
    submitProposal(h, 1n, author)
    h.emit('ReviewHub', 'PhaseChanged', { proposalId: 1n, phase: 6, deadline: 0n }, { newBlock: true })
    h.emit('ReviewHub', 'ProposalDecided', { proposalId: 1n, outcome: 1, rationale: 'Strong reviews.' })
    await expectIndexed(h)
    expect(h.get(Proposal, '1')).toMatchObject({ phase: ProposalPhase.DECIDED, outcome: ProposalOutcome.FUNDED, rationale: 'Strong reviews.', decidedAt: harnessTime(2), decidedBlock: 2 })
    h.emit('ReviewHub', 'ProposalDecided', { proposalId: 1n, outcome: 3, rationale: 'Delivered.' })
    await expectIndexed(h)
    expect(h.get(Proposal, '1')).toMatchObject({ outcome: ProposalOutcome.COMPLETED, rationale: 'Delivered.', decidedAt: harnessTime(2), decidedBlock: 2 })
  })

  it('REJECTED sets the decision time; FAILED does not set one', async () => {
    const h = createHarness()
    submitProposal(h, 1n, author)
    submitProposal(h, 2n, author)
    h.emit('ReviewHub', 'ProposalDecided', { proposalId: 1n, outcome: 2, rationale: 'Weak.' })
    h.emit('ReviewHub', 'ProposalDecided', { proposalId: 2n, outcome: 4, rationale: 'Abandoned.' })
    await expectIndexed(h)
    expect(h.get(Proposal, '1')).toMatchObject({ outcome: ProposalOutcome.REJECTED, decidedAt: harnessTime(1), decidedBlock: 1 })
    expect(h.get(Proposal, '2')).toMatchObject({ outcome: ProposalOutcome.FAILED, decidedAt: null, decidedBlock: null })
  })

  it('rejects Outcome.None, an outcome beyond the enum, bad rationale and an unknown proposal', async () => {
    const h = createHarness()
    submitProposal(h, 1n, author)
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'ProposalDecided', { proposalId: 1n, outcome: 0, rationale: 'x' }, 'outcome 0 out of range')
    await expectRejected(h, 'ReviewHub', 'ProposalDecided', { proposalId: 1n, outcome: 5, rationale: 'x' }, 'outcome 5 out of range')
    await expectRejected(h, 'ReviewHub', 'ProposalDecided', { proposalId: 1n, outcome: 1, rationale: 'a\u0000' }, 'rationale contains NUL characters')
    const bad = rawStringData('ReviewHub', 'ProposalDecided', { proposalId: 1n, outcome: 1, rationale: '' }, 'rationale', 'e28228')
    await expectRejected(h, 'ReviewHub', 'ProposalDecided', bad.args, 'rationale is not valid UTF-8', { data: bad.data })
    await expectRejected(h, 'ReviewHub', 'ProposalDecided', { proposalId: 9n, outcome: 1, rationale: 'x' }, 'unknown proposal 9')
  })
})

describe('ReviewAcknowledged and IdentityRevealed', () => {
  it('mark the review acknowledged, and revealed with its DID', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    h.emit('ReviewHub', 'ReviewAcknowledged', { proposalId: 1n, reviewId: rA }, { newBlock: true })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 3, delta: 3n, balance: 313n, ref: rA })
    h.emit('ReviewHub', 'IdentityRevealed', { proposalId: 1n, reviewId: rA, reviewer: alice, did: 'did:key:z6Mk…' })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 10, delta: 5n, balance: 318n, ref: rA })
    await expectIndexed(h)
    expect(h.get(Review, rA)).toMatchObject({ acknowledged: true, identityRevealed: true, did: 'did:key:z6Mk…', identityRevealedAt: harnessTime(2) })
    expect(h.get(Reviewer, alice)?.reputation).toBe(318n)
  })

  it('reject an unknown review, and a DID the store cannot hold', async () => {
    const h = createHarness()
    const unknown = reviewIdOf(1n, carol)
    await expectRejected(h, 'ReviewHub', 'ReviewAcknowledged', { proposalId: 1n, reviewId: unknown }, `unknown review ${unknown}`)
    await expectRejected(h, 'ReviewHub', 'IdentityRevealed', { proposalId: 1n, reviewId: unknown, reviewer: carol, did: 'did:x' }, `unknown review ${unknown}`)
    revealedReview(h, alice, author)
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'IdentityRevealed', { proposalId: 1n, reviewId: rA, reviewer: alice, did: 'did:\u0000' }, 'did contains NUL characters')
    const bad = rawStringData('ReviewHub', 'IdentityRevealed', { proposalId: 1n, reviewId: rA, reviewer: alice, did: '' }, 'did', '80')
    await expectRejected(h, 'ReviewHub', 'IdentityRevealed', bad.args, 'did is not valid UTF-8', { data: bad.data })
    expect(h.get(Review, rA)).toMatchObject({ identityRevealed: false, did: null })
  })
})

describe('appeals', () => {
  it('AppealFiled opens an appeal on the review; AppealResolved closes it with the outcome', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    h.emit('ReviewHub', 'AppealFiled', { appealId: 1n, proposalId: 1n, reviewId: rA, appellant: getAddress(author), grounds: 'Misread table 2.' }, { newBlock: true })
    await expectIndexed(h)
    expect(h.get(Appeal, '1')).toEqual(
      new Appeal({ id: '1', proposalId: '1', reviewId: rA, appellant: author, grounds: 'Misread table 2.', filedAt: harnessTime(2), resolved: false, upheld: null, rationale: null, resolvedAt: null }),
    )
    h.emit('ReviewHub', 'AppealResolved', { appealId: 1n, reviewId: rA, upheld: true, rationale: 'Agreed.' })
    h.emit('ReputationStaking', 'RepChanged', { reviewer: alice, reason: 4, delta: -20n, balance: 290n, ref: rA })
    await expectIndexed(h)
    expect(h.get(Appeal, '1')).toMatchObject({ resolved: true, upheld: true, rationale: 'Agreed.', resolvedAt: harnessTime(3) })
    expect(h.get(Reviewer, alice)?.reputation).toBe(290n)
  })

  it('AppealFiled rejects bad grounds, an unknown review and an appeal id filed before', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    await expectIndexed(h)
    const filed = (appealId: bigint, reviewId: string, grounds = 'g') => ({ appealId, proposalId: 1n, reviewId, appellant: author, grounds })
    await expectRejected(h, 'ReviewHub', 'AppealFiled', filed(1n, rA, '\u0000'), 'grounds contains NUL characters')
    const bad = rawStringData('ReviewHub', 'AppealFiled', filed(1n, rA), 'grounds', 'ed')
    await expectRejected(h, 'ReviewHub', 'AppealFiled', bad.args, 'grounds is not valid UTF-8', { data: bad.data })
    await expectRejected(h, 'ReviewHub', 'AppealFiled', filed(1n, rB), `unknown review ${rB}`)
    h.emit('ReviewHub', 'AppealFiled', filed(1n, rA))
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'AppealFiled', filed(1n, rA, 'again'), 'appeal 1 already filed')
    expect(h.get(Appeal, '1')?.grounds).toBe('g')
  })

  it('AppealResolved rejects bad rationale and an unknown appeal', async () => {
    const h = createHarness()
    revealedReview(h, alice, author)
    h.emit('ReviewHub', 'AppealFiled', { appealId: 1n, proposalId: 1n, reviewId: rA, appellant: author, grounds: 'g' })
    await expectIndexed(h)
    await expectRejected(h, 'ReviewHub', 'AppealResolved', { appealId: 2n, reviewId: rA, upheld: false, rationale: 'r' }, 'unknown appeal 2')
    await expectRejected(h, 'ReviewHub', 'AppealResolved', { appealId: 1n, reviewId: rA, upheld: false, rationale: 'r'.repeat(40_000) }, 'rationale is 40000 bytes, over the 32768-byte limit')
    const bad = rawStringData('ReviewHub', 'AppealResolved', { appealId: 1n, reviewId: rA, upheld: false, rationale: '' }, 'rationale', 'f09f98')
    await expectRejected(h, 'ReviewHub', 'AppealResolved', bad.args, 'rationale is not valid UTF-8', { data: bad.data })
    expect(h.get(Appeal, '1')?.resolved).toBe(false)
  })
})

describe('ReviewAnnulled', () => {
  it('annuls the review and records the case id as a decimal', async () => {
    const h = createHarness()
    assigned(h)
    commitReview(h, 1n, bob)
    await expectIndexed(h)
    // As annulReview emits it for a committed review: annulled, then the stake released at once.
    h.emit('ReviewHub', 'ReviewAnnulled', { proposalId: 1n, reviewId: rB, caseRef: bytes32(300) })
    h.emit('ReputationStaking', 'StakeReleased', { reviewer: bob, reviewId: rB, amount: 10n })
    await expectIndexed(h)
    expect(h.get(Review, rB)).toMatchObject({ status: ReviewStatus.ANNULLED, annulledByCase: '300', stakeReleased: true })
    expect(h.get(Reviewer, bob)?.locked).toBe(0n)
    expect(h.get(Review, rA)?.status).toBe(ReviewStatus.ASSIGNED)
  })

  it('rejects an unknown review', async () => {
    const h = createHarness()
    await expectRejected(h, 'ReviewHub', 'ReviewAnnulled', { proposalId: 1n, reviewId: rA, caseRef: bytes32(1) }, `unknown review ${rA}`)
  })
})

describe('HubParametersChanged', () => {
  it('is counted and changes no entity', async () => {
    const h = createHarness()
    h.emit('ReviewHub', 'HubParametersChanged', { reviewersPerProposal: 3, commitDuration: 1n, revealDuration: 1n, discussionDuration: 1n })
    expect(await expectIndexed(h)).toMatchObject({ inserted: 0, upserted: 1 })
  })
})

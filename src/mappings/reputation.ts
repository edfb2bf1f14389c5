/** ReputationStaking: the reviewer registry, the REP ledger, stakes and bans. */
import { RepChange, RepReason, Reviewer, ReviewerBan, Review, StakeLock } from '../model'
import { addr, dateOf, defineMapping, enumAt } from './mapping'

/** RepReason by the contract's ordinal (ReputationStaking.Reason). */
export const REP_REASONS = [
  RepReason.GENESIS,
  RepReason.REVIEW_ON_TIME,
  RepReason.QUALITY_BONUS,
  RepReason.CITED_IN_REVISION,
  RepReason.APPEAL_LOST,
  RepReason.MISSED_DEADLINE,
  RepReason.COLLUSION,
  RepReason.CONFLICT_OF_INTEREST,
  RepReason.LOW_QUALITY,
  RepReason.DECAY,
  RepReason.IDENTITY_REVEAL,
] as const

export const reputation = defineMapping('ReputationStaking', {
  needs: {
    ReviewerRegistered: (e, n) => n.add(Reviewer, addr(e.args.reviewer)),
    DomainsUpdated: (e, n) => n.add(Reviewer, addr(e.args.reviewer)),
    RepChanged: (e, n) => n.add(Reviewer, addr(e.args.reviewer)),
    StakeLocked: (e, n) => {
      n.add(Reviewer, addr(e.args.reviewer))
      n.add(StakeLock, e.args.reviewId)
    },
    StakeUnlockScheduled: (e, n) => {
      n.add(StakeLock, e.args.reviewId)
      n.add(Review, e.args.reviewId)
    },
    StakeReleased: (e, n) => {
      n.add(Reviewer, addr(e.args.reviewer))
      n.add(StakeLock, e.args.reviewId)
      n.add(Review, e.args.reviewId)
    },
    ReviewerBanned: (e, n) => n.add(Reviewer, addr(e.args.reviewer)),
  },
  handle: {
    ReviewerRegistered(e, s) {
      const id = addr(e.args.reviewer)
      if (s.find(Reviewer, id)) return `reviewer ${id} is already registered`
      if (e.args.domains.some((d) => d > 255)) return 'domain out of range'
      s.put(
        new Reviewer({
          id, domains: e.args.domains.map(Number), registeredAt: e.meta.timestamp, registeredBlock: e.meta.block,
          reputation: 0n, locked: 0n, bannedUntil: null, permanentlyBanned: false, confirmedOffences: 0, assignments: 0,
          reviewsRevealed: 0, deadlinesMissed: 0, qualityScoreSum: 0, qualityScoreCount: 0, earnings: 0n, lastActivityAt: null,
        }),
      )
    },
    DomainsUpdated(e, s) {
      const r = s.edit(Reviewer, addr(e.args.reviewer))
      if (!r) return `unknown reviewer ${addr(e.args.reviewer)}`
      r.domains = e.args.domains.map(Number)
    },
    RepChanged(e, s) {
      const reason = enumAt(REP_REASONS, e.args.reason)
      if (reason === undefined) return `REP reason ${e.args.reason} out of range`
      const r = s.edit(Reviewer, addr(e.args.reviewer))
      if (!r) return `unknown reviewer ${addr(e.args.reviewer)}`
      if (e.args.balance < 0n) return 'negative REP balance'
      // The contract's balance is authoritative; the ledger row keeps the delta beside it.
      r.reputation = e.args.balance
      if (reason === RepReason.REVIEW_ON_TIME) r.lastActivityAt = e.meta.timestamp
      s.append(
        new RepChange({
          id: e.meta.id, reviewer: r.id, reason, delta: e.args.delta, balance: e.args.balance, ref: e.args.ref,
          timestamp: e.meta.timestamp, block: e.meta.block, txHash: e.meta.txHash,
        }),
      )
    },
    StakeLocked(e, s) {
      const r = s.edit(Reviewer, addr(e.args.reviewer))
      if (!r) return `unknown reviewer ${addr(e.args.reviewer)}`
      if (s.find(StakeLock, e.args.reviewId)) return `stake ${e.args.reviewId} already locked`
      r.locked += e.args.amount
      s.put(new StakeLock({ id: e.args.reviewId, reviewer: r.id, amount: e.args.amount, lockedAt: e.meta.timestamp, unlockAt: null, releasedAt: null }))
    },
    StakeUnlockScheduled(e, s) {
      const lock = s.edit(StakeLock, e.args.reviewId)
      if (!lock) return `unknown stake ${e.args.reviewId}`
      lock.unlockAt = dateOf(e.args.unlockAt)
      const review = s.edit(Review, e.args.reviewId)
      if (review) review.unlockAt = lock.unlockAt
    },
    StakeReleased(e, s) {
      const lock = s.find(StakeLock, e.args.reviewId)
      const r = s.find(Reviewer, addr(e.args.reviewer))
      if (!lock || !r) return `unknown stake ${e.args.reviewId} of ${addr(e.args.reviewer)}`
      if (lock.releasedAt) return `stake ${e.args.reviewId} already released`
      s.edit(StakeLock, lock.id)!.releasedAt = e.meta.timestamp
      s.edit(Reviewer, r.id)!.locked -= e.args.amount
      const review = s.edit(Review, e.args.reviewId)
      if (review) review.stakeReleased = true
    },
    ReviewerBanned(e, s) {
      const reason = enumAt(REP_REASONS, e.args.reason)
      if (reason === undefined) return `ban reason ${e.args.reason} out of range`
      const r = s.edit(Reviewer, addr(e.args.reviewer))
      if (!r) return `unknown reviewer ${addr(e.args.reviewer)}`
      const until = e.args.permanent ? null : dateOf(e.args.until)
      if (e.args.permanent) r.permanentlyBanned = true
      else r.bannedUntil = until
      if (reason === RepReason.COLLUSION) r.confirmedOffences += 1
      s.append(
        new ReviewerBan({ id: e.meta.id, reviewer: r.id, reason, until, permanent: e.args.permanent, ref: e.args.ref, timestamp: e.meta.timestamp, block: e.meta.block }),
      )
    },
  },
})

/** ComputeStaking and TaskMarket: providers, verifiers, stake, liveness, tasks, slashes, rewards. */
import {
  Attestation, Challenge, Heartbeat, JailEvent, JailEventKind, Resource, Reward, RewardKind, Slash, SlashReason, Staker, StakerKind,
  StakerStatus, Task, TaskStatus, Unbonding,
} from '../model'
import type { EventOf } from './events'
import type { BatchState } from './state'
import { addr, dateOf, defineMapping, enumAt, textProblem } from './mapping'

export const SLASH_REASONS = [SlashReason.FAULTY_RESULT, SlashReason.LIVENESS, SlashReason.DOUBLE_SIGN, SlashReason.FALSE_ATTESTATION, SlashReason.FALSE_CHALLENGE] as const
export const REWARD_KINDS = [RewardKind.TASK_PAYMENT, RewardKind.VERIFIER_FEE, RewardKind.CHALLENGER_REWARD, RewardKind.REPORTER_REWARD, RewardKind.EPOCH_REWARD] as const
/** Largest value of a Postgres integer column. */
const MAX_INT = 2_147_483_647

function register(kind: StakerKind, e: EventOf<'ComputeStaking', 'ProviderRegistered'> | EventOf<'ComputeStaking', 'VerifierRegistered'>, account: string, s: BatchState) {
  if (s.find(Staker, account)) return `${account} is already registered`
  s.put(
    new Staker({
      id: account, kind, status: StakerStatus.ACTIVE, bonded: e.args.stake, unbonding: 0n, unbondingReleaseAt: null, jailedUntil: null,
      registeredAt: e.meta.timestamp, registeredBlock: e.meta.block, registeredEpoch: Number(e.args.epoch), heartbeats: 0, lastHeartbeatEpoch: null, slashedTotal: 0n,
      rewardsTotal: 0n, withdrawnTotal: 0n, tasksAssigned: 0, tasksFinalized: 0, tasksMissed: 0, tasksFaulty: 0, attestations: 0, challenges: 0,
    }),
  )
}

/** A reward from either contract (both declare the same RewardPaid event). */
function reward(e: EventOf<'ComputeStaking', 'RewardPaid'> | EventOf<'TaskMarket', 'RewardPaid'>, s: BatchState, source: string) {
  const kind = enumAt(REWARD_KINDS, e.args.kind)
  if (kind === undefined) return `reward kind ${e.args.kind} out of range`
  const recipient = addr(e.args.recipient)
  const staker = s.edit(Staker, recipient)
  if (staker) staker.rewardsTotal += e.args.amount
  s.append(new Reward({ id: e.meta.id, recipient, kind, amount: e.args.amount, ref: e.args.ref, source, timestamp: e.meta.timestamp, block: e.meta.block }))
}

export const staking = defineMapping('ComputeStaking', {
  needs: {
    ProviderRegistered: (e, n) => n.add(Staker, addr(e.args.provider)),
    VerifierRegistered: (e, n) => n.add(Staker, addr(e.args.verifier)),
    ResourceTokenized: (e, n) => {
      n.add(Resource, e.args.tokenId.toString())
      n.add(Staker, addr(e.args.provider))
    },
    StakeAdded: (e, n) => n.add(Staker, addr(e.args.account)),
    UnbondingStarted: (e, n) => n.add(Staker, addr(e.args.account)),
    UnbondedWithdrawn: (e, n) => n.add(Staker, addr(e.args.account)),
    Heartbeat: (e, n) => {
      n.add(Staker, addr(e.args.provider))
      n.add(Heartbeat, `${addr(e.args.provider)}-${e.args.epoch}`)
    },
    Slashed: (e, n) => n.add(Staker, addr(e.args.account)),
    Jailed: (e, n) => n.add(Staker, addr(e.args.provider)),
    Unjailed: (e, n) => n.add(Staker, addr(e.args.provider)),
    Tombstoned: (e, n) => n.add(Staker, addr(e.args.provider)),
    RewardPaid: (e, n) => n.add(Staker, addr(e.args.recipient)),
  },
  handle: {
    ProviderRegistered: (e, s) => register(StakerKind.PROVIDER, e, addr(e.args.provider), s),
    VerifierRegistered: (e, s) => register(StakerKind.VERIFIER, e, addr(e.args.verifier), s),
    ResourceTokenized(e, s) {
      const bad = textProblem('gpu type', e.args.gpuType, e.meta.data)
      if (bad) return bad
      const provider = addr(e.args.provider)
      if (s.find(Staker, provider)?.kind !== StakerKind.PROVIDER) return `resource of ${provider}, not a registered provider`
      const id = e.args.tokenId.toString()
      if (s.find(Resource, id)) return `resource ${id} already tokenised`
      // uint32 on chain, any provider's choice; the columns are Postgres integers.
      if (e.args.vcpus > MAX_INT) return `vcpus ${e.args.vcpus} out of range`
      if (e.args.ramGb > MAX_INT) return `ram ${e.args.ramGb} GB out of range`
      s.put(new Resource({ id, provider, gpuType: e.args.gpuType, gpuCount: e.args.gpuCount, vcpus: Number(e.args.vcpus), ramGb: Number(e.args.ramGb), registeredAt: e.meta.timestamp }))
    },
    StakeAdded(e, s) {
      const st = s.edit(Staker, addr(e.args.account))
      if (!st) return `unknown staker ${addr(e.args.account)}`
      st.bonded = e.args.bonded
    },
    UnbondingStarted(e, s) {
      const releaseAt = dateOf(e.args.releaseAt)
      if (!releaseAt) return `unbonding release time ${e.args.releaseAt} out of range`
      const st = s.edit(Staker, addr(e.args.account))
      if (!st) return `unknown staker ${addr(e.args.account)}`
      st.bonded = e.args.bonded
      st.unbonding = e.args.unbonding
      st.unbondingReleaseAt = releaseAt
      s.append(new Unbonding({ id: e.meta.id, account: st.id, amount: e.args.amount, unbondingAfter: e.args.unbonding, releaseAt, startedAt: e.meta.timestamp }))
    },
    UnbondedWithdrawn(e, s) {
      const st = s.edit(Staker, addr(e.args.account))
      if (!st) return `unknown staker ${addr(e.args.account)}`
      st.unbonding = 0n
      st.unbondingReleaseAt = null
      st.withdrawnTotal += e.args.amount
    },
    Heartbeat(e, s) {
      const provider = addr(e.args.provider)
      const st = s.edit(Staker, provider)
      if (!st) return `unknown provider ${provider}`
      const id = `${provider}-${e.args.epoch}`
      if (s.find(Heartbeat, id)) return `second heartbeat of ${provider} in epoch ${e.args.epoch}`
      st.heartbeats += 1
      st.lastHeartbeatEpoch = Number(e.args.epoch)
      s.put(new Heartbeat({ id, provider, epoch: Number(e.args.epoch), timestamp: e.meta.timestamp, block: e.meta.block }))
    },
    Slashed(e, s) {
      const reason = enumAt(SLASH_REASONS, e.args.reason)
      if (reason === undefined) return `slash reason ${e.args.reason} out of range`
      const st = s.edit(Staker, addr(e.args.account))
      if (!st) return `unknown staker ${addr(e.args.account)}`
      st.bonded = e.args.bonded
      st.unbonding = e.args.unbonding
      st.slashedTotal += e.args.amount
      if (reason === SlashReason.FAULTY_RESULT) st.tasksFaulty += 1
      s.append(
        new Slash({ id: e.meta.id, account: st.id, reason, amount: e.args.amount, bondedAfter: e.args.bonded, unbondingAfter: e.args.unbonding, ref: e.args.ref, timestamp: e.meta.timestamp, block: e.meta.block }),
      )
    },
    Jailed(e, s) {
      const reason = enumAt(SLASH_REASONS, e.args.reason)
      if (reason === undefined) return `jail reason ${e.args.reason} out of range`
      const st = s.edit(Staker, addr(e.args.provider))
      if (!st) return `unknown provider ${addr(e.args.provider)}`
      const until = dateOf(e.args.until)
      if (st.status !== StakerStatus.TOMBSTONED) st.status = StakerStatus.JAILED
      st.jailedUntil = until
      s.append(new JailEvent({ id: e.meta.id, provider: st.id, kind: JailEventKind.JAILED, reason, until, timestamp: e.meta.timestamp, block: e.meta.block }))
    },
    Unjailed(e, s) {
      const st = s.edit(Staker, addr(e.args.provider))
      if (!st) return `unknown provider ${addr(e.args.provider)}`
      st.status = StakerStatus.ACTIVE
      st.jailedUntil = null
      s.append(new JailEvent({ id: e.meta.id, provider: st.id, kind: JailEventKind.UNJAILED, reason: null, until: null, timestamp: e.meta.timestamp, block: e.meta.block }))
    },
    Tombstoned(e, s) {
      const st = s.edit(Staker, addr(e.args.provider))
      if (!st) return `unknown provider ${addr(e.args.provider)}`
      st.status = StakerStatus.TOMBSTONED
      s.append(new JailEvent({ id: e.meta.id, provider: st.id, kind: JailEventKind.TOMBSTONED, reason: SlashReason.DOUBLE_SIGN, until: null, timestamp: e.meta.timestamp, block: e.meta.block }))
    },
    RewardPaid: (e, s) => reward(e, s, 'ComputeStaking'),
  },
})

export const tasks = defineMapping('TaskMarket', {
  needs: {
    TaskSubmitted: (e, n) => n.add(Task, e.args.taskId.toString()),
    TaskCancelled: (e, n) => n.add(Task, e.args.taskId.toString()),
    TaskAssigned: (e, n) => {
      n.add(Task, e.args.taskId.toString())
      n.add(Staker, addr(e.args.provider))
    },
    ResultSubmitted: (e, n) => n.add(Task, e.args.taskId.toString()),
    Attested: (e, n) => {
      n.add(Task, e.args.taskId.toString())
      n.add(Staker, addr(e.args.verifier))
      n.add(Attestation, `${e.args.taskId}-${addr(e.args.verifier)}`)
    },
    Challenged: (e, n) => {
      n.add(Task, e.args.taskId.toString())
      n.add(Staker, addr(e.args.verifier))
      n.add(Challenge, e.args.taskId.toString())
    },
    ChallengeResolved: (e, n) => {
      n.add(Task, e.args.taskId.toString())
      n.add(Challenge, e.args.taskId.toString())
    },
    TaskFinalized: (e, n) => {
      n.add(Task, e.args.taskId.toString())
      n.add(Staker, addr(e.args.provider))
    },
    TaskMissed: (e, n) => {
      n.add(Task, e.args.taskId.toString())
      n.add(Staker, addr(e.args.provider))
    },
    RewardPaid: (e, n) => n.add(Staker, addr(e.args.recipient)),
  },
  handle: {
    TaskSubmitted(e, s) {
      const id = e.args.taskId.toString()
      if (s.find(Task, id)) return `task ${id} already submitted`
      s.put(
        new Task({
          id, client: addr(e.args.client), provider: null, status: TaskStatus.OPEN, bid: e.args.bid, specHash: e.args.specHash, resultHash: null,
          submittedAt: e.meta.timestamp, assignedAt: null, deadline: null, resultAt: null, challengeDeadline: null, attestedWeight: 0n, attesters: 0,
          challenger: null, closedAt: null, closedBlock: null, providerPayout: null, verifierFees: null,
        }),
      )
    },
    TaskCancelled(e, s) {
      const t = s.edit(Task, e.args.taskId.toString())
      if (!t) return `unknown task ${e.args.taskId}`
      t.status = TaskStatus.CANCELLED
      t.closedAt = e.meta.timestamp
      t.closedBlock = e.meta.block
    },
    TaskAssigned(e, s) {
      const task = s.find(Task, e.args.taskId.toString())
      if (!task) return `unknown task ${e.args.taskId}`
      const provider = s.find(Staker, addr(e.args.provider))
      if (provider?.kind !== StakerKind.PROVIDER) return `task assigned to ${addr(e.args.provider)}, not a registered provider`
      const t = s.edit(Task, task.id)!
      t.status = TaskStatus.ASSIGNED
      t.provider = provider.id
      t.assignedAt = e.meta.timestamp
      t.deadline = dateOf(e.args.deadline)
      s.edit(Staker, provider.id)!.tasksAssigned += 1
    },
    ResultSubmitted(e, s) {
      const t = s.edit(Task, e.args.taskId.toString())
      if (!t) return `unknown task ${e.args.taskId}`
      t.status = TaskStatus.SUBMITTED
      t.resultHash = e.args.resultHash
      t.resultAt = e.meta.timestamp
      t.challengeDeadline = dateOf(e.args.challengeDeadline)
    },
    Attested(e, s) {
      const verifier = addr(e.args.verifier)
      const id = `${e.args.taskId}-${verifier}`
      if (!s.find(Task, e.args.taskId.toString())) return `unknown task ${e.args.taskId}`
      if (s.find(Attestation, id)) return `${verifier} already attested task ${e.args.taskId}`
      const t = s.edit(Task, e.args.taskId.toString())!
      t.attestedWeight += e.args.weight
      t.attesters += 1
      const st = s.edit(Staker, verifier)
      if (st) st.attestations += 1
      s.put(new Attestation({ id, taskId: t.id, verifier, weight: e.args.weight, timestamp: e.meta.timestamp }))
    },
    Challenged(e, s) {
      const id = e.args.taskId.toString()
      if (!s.find(Task, id)) return `unknown task ${id}`
      if (s.find(Challenge, id)) return `task ${id} already challenged`
      const verifier = addr(e.args.verifier)
      const t = s.edit(Task, id)!
      t.status = TaskStatus.CHALLENGED
      t.challenger = verifier
      const st = s.edit(Staker, verifier)
      if (st) st.challenges += 1
      s.put(new Challenge({ id, taskId: id, challenger: verifier, claimedResultHash: e.args.claimedResultHash, raisedAt: e.meta.timestamp, providerFaulty: null, resolvedAt: null }))
    },
    ChallengeResolved(e, s) {
      const id = e.args.taskId.toString()
      const c = s.edit(Challenge, id)
      const t = s.edit(Task, id)
      if (!c || !t) return `unknown challenge of task ${id}`
      c.providerFaulty = e.args.providerFaulty
      c.resolvedAt = e.meta.timestamp
      if (e.args.providerFaulty) {
        // The provider's tasksFaulty is counted at its FAULTY_RESULT slash, which names it.
        t.status = TaskStatus.FAULTY
        t.closedAt = e.meta.timestamp
        t.closedBlock = e.meta.block
      } else {
        t.status = TaskStatus.SUBMITTED
      }
    },
    TaskFinalized(e, s) {
      const t = s.edit(Task, e.args.taskId.toString())
      if (!t) return `unknown task ${e.args.taskId}`
      t.status = TaskStatus.FINALIZED
      t.closedAt = e.meta.timestamp
      t.closedBlock = e.meta.block
      t.providerPayout = e.args.providerPayout
      t.verifierFees = e.args.verifierFees
      const st = s.edit(Staker, addr(e.args.provider))
      if (st) st.tasksFinalized += 1
    },
    TaskMissed(e, s) {
      const t = s.edit(Task, e.args.taskId.toString())
      if (!t) return `unknown task ${e.args.taskId}`
      t.status = TaskStatus.MISSED
      t.closedAt = e.meta.timestamp
      t.closedBlock = e.meta.block
      const st = s.edit(Staker, addr(e.args.provider))
      if (st) st.tasksMissed += 1
    },
    RewardPaid: (e, s) => reward(e, s, 'TaskMarket'),
  },
})

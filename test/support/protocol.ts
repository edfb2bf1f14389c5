/**
 * Test fixture for the contract suite: a real anvil, the project's sender (auto-impersonation, named
 * reverts) and a fresh deployment of the whole protocol, with typed helpers to read, write, decode
 * events, move time and rewind the chain between tests (evm_snapshot / evm_revert).
 */
import {
  createPublicClient,
  encodeFunctionData,
  getAddress,
  http,
  isAddress,
  keccak256,
  parseEventLogs,
  toBytes,
  type Abi,
  type Address,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
  type Hex,
  type Log,
  type ParseEventLogsReturnType,
  type PublicClient,
} from 'viem'
import { expect } from 'vitest'
import { artifacts } from '../../abi/artifacts'
import { RevertError, createSender, type Receipt, type Sender } from '../../src/chain/sender'
import { startAnvil, type Anvil } from '../../src/devnet/anvil'
import { DEVNET_GOVERNANCE, deployProtocol, role, type DeployOptions } from '../../src/devnet/deploy'
import type { ContractName } from '../../src/contracts/names'
import { commitmentOf as commitmentOfContent, reviewIdOf } from '../../src/contracts/ids'

export { role, DEVNET_GOVERNANCE as GOV }

type Artifacts = typeof artifacts
export type AbiOf<N extends ContractName> = Artifacts[N]['abi']
type Mutating = 'nonpayable' | 'payable'
type Viewing = 'view' | 'pure'
export type WriteFn<N extends ContractName> = ContractFunctionName<AbiOf<N>, Mutating>
export type ReadFn<N extends ContractName> = ContractFunctionName<AbiOf<N>, Viewing>
export type EventName<N extends ContractName> = ContractEventName<AbiOf<N>>

/** 1 ZOO in token units (18 decimals). */
export const ZOO = 10n ** 18n
export const DAY = 86_400n
const TX_GAS = 15_000_000n

/** A deterministic, readable test account: the first 20 bytes of keccak256(label). */
export function account(label: string): Address {
  return getAddress(keccak256(toBytes(`peerwatch-test:${label}`)).slice(0, 42))
}

/** Formats arguments the way `describeRevert` (src/chain/sender.ts) renders a decoded custom error. */
export function formatErrorArgs(args: readonly unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === 'bigint' || typeof a === 'number') return String(a)
      // Decoded addresses are checksummed; deployment addresses come lower-case from receipts.
      if (typeof a === 'string' && isAddress(a, { strict: false })) return JSON.stringify(getAddress(a))
      return JSON.stringify(a)
    })
    .join(', ')
}

/**
 * Awaits a transaction expected to revert and checks the custom error's name, and its arguments
 * when given (numbers, bigints, checksummed addresses and hex strings, in declaration order).
 */
export async function expectRevert(promise: Promise<unknown>, errorName: string, args?: readonly unknown[]): Promise<void> {
  let error: unknown
  try {
    await promise
  } catch (err) {
    error = err
  }
  if (error === undefined) throw new Error(`expected a revert with ${errorName}, but the transaction succeeded`)
  if (!(error instanceof RevertError)) throw error
  if (args === undefined) expect(error.reason).toMatch(new RegExp(`^${errorName}\\(`))
  else expect(error.reason).toBe(`${errorName}(${formatErrorArgs(args)})`)
}

export interface Protocol {
  anvil: Anvil
  sender: Sender
  client: PublicClient
  contracts: Record<ContractName, Address>
  chainId: number
  /** Sends `fn(args)` to `contract` from `from` (governance by default) and waits for the receipt. */
  write<N extends ContractName, F extends WriteFn<N>>(
    contract: N,
    fn: F,
    args: ContractFunctionArgs<AbiOf<N>, Mutating, F>,
    from?: Address,
  ): Promise<Receipt>
  /** eth_call of a view or pure function, decoded with the contract's typed ABI. */
  read<N extends ContractName, F extends ReadFn<N>>(
    contract: N,
    fn: F,
    ...args: ContractFunctionArgs<AbiOf<N>, Viewing, F> extends readonly [] ? [] : [ContractFunctionArgs<AbiOf<N>, Viewing, F>]
  ): Promise<ContractFunctionReturnType<AbiOf<N>, Viewing, F>>
  /** The receipt's logs emitted by `contract` and named `eventName`, decoded. */
  logsOf<N extends ContractName, E extends EventName<N>>(
    receipt: Receipt,
    contract: N,
    eventName: E,
  ): ParseEventLogsReturnType<AbiOf<N>, E, true>
  /** Timestamp of the latest block. */
  now(): Promise<bigint>
  /** The next block (the next transaction) gets exactly this timestamp. */
  setNextTimestamp(ts: bigint): Promise<void>
  /** Moves the clock forward and mines a block. */
  increaseTime(seconds: bigint): Promise<void>
  /** Mines one block at exactly `ts`. */
  mineAt(ts: bigint): Promise<void>
  /** Takes the snapshot that `restore` returns to. */
  checkpoint(): Promise<void>
  /** Rewinds the chain (state and clock) to the last checkpoint and takes it again. */
  restore(): Promise<void>
  /** ZOO helpers: mint to an account (from the MINTER governance) and approve a spender. */
  fund(to: Address, amount: bigint, spender?: ContractName): Promise<void>
  balance(of: Address): Promise<bigint>
  stop(): Promise<void>
}

export async function startProtocol(opts: Partial<DeployOptions> = {}): Promise<Protocol> {
  const anvil = await startAnvil()
  try {
    // Each block one second after the previous one, whatever the wall clock does: timestamps are
    // deterministic: after `setNextTimestamp(t)` the next transaction lands at t, the one after at t + 1.
    await anvil.rpc.call('anvil_setBlockTimestampInterval', [1])
    const sender = await createSender(anvil.rpc)
    const deployment = await deployProtocol(sender, { epochSeconds: 3_600, ...opts })
    const client = createPublicClient({ transport: http(anvil.url, { batch: false }) }) as PublicClient
    const contracts = deployment.contracts
    let snapshotId: Hex | undefined

    const protocol: Protocol = {
      anvil,
      sender,
      client,
      contracts,
      chainId: deployment.chainId,
      async write(contract, fn, args, from = DEVNET_GOVERNANCE) {
        const label = `${contract}.${String(fn)}`
        const data = encodeFunctionData({ abi: artifacts[contract].abi as Abi, functionName: fn as string, args: args as readonly unknown[] })
        // A fixed gas limit: every transaction is mined at its own timestamp (see sendAndWait).
        return sender.sendAndWait({ from, to: contracts[contract], data, gas: TX_GAS }, label)
      },
      async read(contract, fn, ...rest) {
        return client.readContract({
          address: contracts[contract],
          abi: artifacts[contract].abi as Abi,
          functionName: fn as string,
          args: (rest[0] ?? []) as readonly unknown[],
        }) as never
      },
      logsOf(receipt, contract, eventName) {
        const address = contracts[contract].toLowerCase()
        const logs = receipt.logs.filter((l) => l.address.toLowerCase() === address) as unknown as Log[]
        return parseEventLogs({ abi: artifacts[contract].abi as Abi, logs, eventName: eventName as string, strict: true }) as never
      },
      async now() {
        const block = await anvil.rpc.call<{ timestamp: Hex }>('eth_getBlockByNumber', ['latest', false])
        return BigInt(block.timestamp)
      },
      async setNextTimestamp(ts) {
        await anvil.rpc.call('evm_setNextBlockTimestamp', [Number(ts)])
      },
      async increaseTime(seconds) {
        // Mining at an explicit timestamp moves the chain's clock exactly (evm_increaseTime would
        // offset anvil's wall clock, which the fixed block interval ignores).
        await protocol.mineAt((await protocol.now()) + seconds)
      },
      async mineAt(ts) {
        await anvil.rpc.call('evm_mine', [Number(ts)])
      },
      async checkpoint() {
        snapshotId = await anvil.rpc.call<Hex>('evm_snapshot')
      },
      async restore() {
        if (snapshotId === undefined) throw new Error('restore() before checkpoint()')
        const ok = await anvil.rpc.call<boolean>('evm_revert', [snapshotId])
        if (!ok) throw new Error(`evm_revert(${snapshotId}) failed`)
        snapshotId = await anvil.rpc.call<Hex>('evm_snapshot')
      },
      async fund(to, amount, spender) {
        await protocol.write('ZooToken', 'mint', [to, amount])
        if (spender) await protocol.write('ZooToken', 'approve', [contracts[spender], amount], to)
      },
      async balance(of) {
        return protocol.read('ZooToken', 'balanceOf', [of])
      },
      async stop() {
        await anvil.stop()
      },
    }
    return protocol
  } catch (err) {
    await anvil.stop()
    throw err
  }
}

// ----- peer review helpers -----

export const ReviewType = { Standard: 0, Expedited: 1, Expert: 2 } as const
export const Phase = { None: 0, Assignment: 1, Commit: 2, Reveal: 3, Discussion: 4, Decision: 5, Decided: 6 } as const
export const Outcome = { None: 0, Funded: 1, Rejected: 2, Completed: 3, Failed: 4 } as const
export const ReviewStatus = { None: 0, Assigned: 1, Committed: 2, Revealed: 3, Missed: 4, Annulled: 5 } as const
export const Reason = {
  Genesis: 0,
  ReviewOnTime: 1,
  QualityBonus: 2,
  CitedInRevision: 3,
  AppealLost: 4,
  MissedDeadline: 5,
  Collusion: 6,
  ConflictOfInterest: 7,
  LowQuality: 8,
  Decay: 9,
  IdentityReveal: 10,
} as const

export interface ReviewContent {
  score: number
  text: string
  citedWorks: readonly bigint[]
  salt: Hex
}

export function reviewContent(score: number, label = 'review'): ReviewContent {
  return { score, text: `${label}: score ${score}`, citedWorks: [], salt: keccak256(toBytes(`salt:${label}:${score}`)) }
}

export { reviewIdOf }

/** The commitment computed off chain, as ReviewHub.commitmentOf defines it. */
export function commitmentOf(reviewId: Hex, c: ReviewContent): Hex {
  return commitmentOfContent(reviewId, c.score, c.text, c.citedWorks, c.salt)
}

export async function admit(p: Protocol, reviewer: Address, rep: bigint, domains: readonly number[] = [3]): Promise<void> {
  await p.write('ReputationStaking', 'admitReviewer', [reviewer, domains, rep])
}

export async function submitProposal(
  p: Protocol,
  author: Address,
  opts: { domain?: number; type?: number; discussion?: boolean } = {},
): Promise<bigint> {
  const receipt = await p.write(
    'ReviewHub',
    'submitProposal',
    [opts.domain ?? 3, opts.type ?? ReviewType.Standard, opts.discussion ?? false, keccak256(toBytes(`proposal by ${author}`))],
    author,
  )
  return p.logsOf(receipt, 'ReviewHub', 'ProposalSubmitted')[0]!.args.proposalId
}

export async function commit(p: Protocol, proposalId: bigint, reviewer: Address, c: ReviewContent): Promise<Receipt> {
  const rid = reviewIdOf(proposalId, reviewer)
  return p.write('ReviewHub', 'commitReview', [rid, commitmentOf(rid, c)], reviewer)
}

export async function reveal(p: Protocol, proposalId: bigint, reviewer: Address, c: ReviewContent): Promise<Receipt> {
  return p.write('ReviewHub', 'revealReview', [reviewIdOf(proposalId, reviewer), c.score, c.text, c.citedWorks, c.salt], reviewer)
}

/**
 * Submits a proposal, assigns `reviewers`, and has all of them commit and reveal (scores 7 unless
 * given); the proposal ends in Decision (or Discussion when requested). Returns the proposal id.
 */
export async function reviewedProposal(
  p: Protocol,
  author: Address,
  reviewers: readonly Address[],
  opts: { type?: number; discussion?: boolean; scores?: readonly number[]; domain?: number } = {},
): Promise<bigint> {
  const pid = await submitProposal(p, author, opts)
  await p.write('ReviewHub', 'assignReviewers', [pid, reviewers])
  const contents = reviewers.map((r, i) => reviewContent(opts.scores?.[i] ?? 7, `${r}:${pid}`))
  for (const [i, r] of reviewers.entries()) await commit(p, pid, r, contents[i]!)
  await p.write('ReviewHub', 'advance', [pid])
  for (const [i, r] of reviewers.entries()) await reveal(p, pid, r, contents[i]!)
  await p.write('ReviewHub', 'advance', [pid])
  return pid
}

/** REP balance of a reviewer. */
export async function rep(p: Protocol, reviewer: Address): Promise<bigint> {
  return p.read('ReputationStaking', 'getReputation', [reviewer])
}

/** The REP changes a receipt recorded, in order, as [reviewer, reason, delta, balance]. */
export function repChanges(p: Protocol, receipt: Receipt): [Address, number, bigint, bigint][] {
  return p.logsOf(receipt, 'ReputationStaking', 'RepChanged').map((l) => [l.args.reviewer, l.args.reason, l.args.delta, l.args.balance])
}

/** Proposal phase and deadline. */
export async function phaseOf(p: Protocol, proposalId: bigint): Promise<{ phase: number; deadline: bigint }> {
  const prop = await p.read('ReviewHub', 'getProposal', [proposalId])
  return { phase: prop.phase, deadline: prop.phaseDeadline }
}

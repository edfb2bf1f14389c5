/**
 * Values the contracts derive, computed off chain the same way (ReviewHub.reviewIdOf and
 * ReviewHub.commitmentOf): the simulator plans with them, tests check them against the contracts.
 */
import { encodeAbiParameters, keccak256, type Address, type Hex } from 'viem'

/** keccak256(abi.encode(proposalId, reviewer)): a reviewer is assigned to a proposal at most once. */
export function reviewIdOf(proposalId: bigint | number, reviewer: Address): Hex {
  return keccak256(encodeAbiParameters([{ type: 'uint256' }, { type: 'address' }], [BigInt(proposalId), reviewer]))
}

/** keccak256(abi.encode(reviewId, score, text, citedWorks, salt)): what a reviewer commits to. */
export function commitmentOf(reviewId: Hex, score: number, text: string, citedWorks: readonly bigint[], salt: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'uint8' }, { type: 'string' }, { type: 'uint256[]' }, { type: 'bytes32' }],
      [reviewId, score, text, citedWorks, salt],
    ),
  )
}

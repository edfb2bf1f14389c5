// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "./Governed.sol";
import {ComputeStaking, IStakeToken} from "./ComputeStaking.sol";

/// @notice The compute task lifecycle: a client submits a task with a bid held in escrow; the
/// scheduler assigns it to an active staked provider; the provider submits a result before the
/// deadline; staked verifiers attest (weighted by stake) or challenge it within the challenge
/// window; the arbiter resolves a challenge; an unchallenged or vindicated result is finalized and
/// paid. A faulty result slashes the provider and its attesters; a false challenge slashes the
/// challenger; a missed deadline slashes for liveness and refunds the client.
contract TaskMarket is Governed {
    bytes32 public constant SCHEDULER = keccak256("SCHEDULER");
    bytes32 public constant ARBITER = keccak256("ARBITER");

    enum Status { None, Open, Assigned, Submitted, Challenged, Finalized, Faulty, Missed, Cancelled }

    struct Task {
        address client;
        address provider;
        Status status;
        bool challengeRejected;
        uint64 deadline;
        uint64 challengeDeadline;
        address challenger;
        bytes32 specHash;
        bytes32 resultHash;
        uint256 bid;
        uint256 attestedWeight;
    }

    IStakeToken public immutable token;
    ComputeStaking public immutable staking;

    /// Time a provider has to submit a result after assignment, in seconds.
    uint64 public taskTimeout = 6 hours;
    /// Time verifiers have to attest or challenge after a result, in seconds.
    uint64 public challengeWindow = 1 days;
    /// Share of the bid paid to attesters, by weight, in basis points.
    uint16 public verifierFeeBps = 1_000;
    /// Share of a faulty provider's slash paid to the successful challenger, in basis points.
    uint16 public challengerRewardBps = 5_000;
    uint256 public constant MAX_ATTESTERS = 16;

    uint256 public taskCount;
    mapping(uint256 => Task) public tasks;
    mapping(uint256 => address[]) private attestersOf;
    mapping(uint256 => mapping(address => uint256)) public attestation;

    event TaskSubmitted(uint256 indexed taskId, address indexed client, uint256 bid, bytes32 specHash);
    event TaskCancelled(uint256 indexed taskId);
    event TaskAssigned(uint256 indexed taskId, address indexed provider, uint64 deadline);
    event ResultSubmitted(uint256 indexed taskId, address indexed provider, bytes32 resultHash, uint64 challengeDeadline);
    event Attested(uint256 indexed taskId, address indexed verifier, uint256 weight);
    event Challenged(uint256 indexed taskId, address indexed verifier, bytes32 claimedResultHash);
    event ChallengeResolved(uint256 indexed taskId, address indexed challenger, bool providerFaulty);
    event TaskFinalized(uint256 indexed taskId, address indexed provider, uint256 providerPayout, uint256 verifierFees);
    event TaskMissed(uint256 indexed taskId, address indexed provider);
    event RewardPaid(address indexed recipient, ComputeStaking.RewardKind indexed kind, uint256 amount, bytes32 ref);

    error UnknownTask(uint256 taskId);
    error WrongStatus(uint256 taskId, Status actual);
    error NotTheClient(uint256 taskId, address caller);
    error NotTheProvider(uint256 taskId, address caller);
    error ProviderNotActive(address provider);
    error NotAVerifier(address account);
    error DeadlinePassed(uint256 taskId, uint64 deadline);
    error DeadlineNotPassed(uint256 taskId, uint64 deadline);
    error AlreadyAttested(uint256 taskId, address verifier);
    error TooManyAttesters(uint256 taskId);
    error SelfVerification(uint256 taskId);
    error ZeroBid();

    constructor(address governance, IStakeToken token_, ComputeStaking staking_) Governed(governance) {
        token = token_;
        staking = staking_;
    }

    function setTiming(uint64 timeout, uint64 window, uint16 feeBps, uint16 rewardBps) external onlyRole(GOVERNANCE) {
        if (timeout == 0 || window == 0 || feeBps > 10_000 || rewardBps > 10_000) revert InvalidParameter("timing");
        taskTimeout = timeout;
        challengeWindow = window;
        verifierFeeBps = feeBps;
        challengerRewardBps = rewardBps;
    }

    function submitTask(bytes32 specHash, uint256 bid) external returns (uint256 taskId) {
        if (bid == 0) revert ZeroBid();
        token.transferFrom(msg.sender, address(this), bid);
        taskId = ++taskCount;
        Task storage t = tasks[taskId];
        t.client = msg.sender;
        t.status = Status.Open;
        t.specHash = specHash;
        t.bid = bid;
        emit TaskSubmitted(taskId, msg.sender, bid, specHash);
    }

    function cancelTask(uint256 taskId) external {
        Task storage t = _task(taskId, Status.Open);
        if (msg.sender != t.client) revert NotTheClient(taskId, msg.sender);
        t.status = Status.Cancelled;
        token.transfer(t.client, t.bid);
        emit TaskCancelled(taskId);
    }

    function assignTask(uint256 taskId, address provider) external onlyRole(SCHEDULER) {
        Task storage t = _task(taskId, Status.Open);
        if (!staking.isActiveProvider(provider)) revert ProviderNotActive(provider);
        t.provider = provider;
        t.status = Status.Assigned;
        t.deadline = uint64(block.timestamp) + taskTimeout;
        emit TaskAssigned(taskId, provider, t.deadline);
    }

    function submitResult(uint256 taskId, bytes32 resultHash) external {
        Task storage t = _task(taskId, Status.Assigned);
        if (msg.sender != t.provider) revert NotTheProvider(taskId, msg.sender);
        if (block.timestamp > t.deadline) revert DeadlinePassed(taskId, t.deadline);
        t.status = Status.Submitted;
        t.resultHash = resultHash;
        t.challengeDeadline = uint64(block.timestamp) + challengeWindow;
        emit ResultSubmitted(taskId, msg.sender, resultHash, t.challengeDeadline);
    }

    /// A verifier vouches for the submitted result with its stake as weight.
    function attest(uint256 taskId) external {
        Task storage t = _task(taskId, Status.Submitted);
        uint256 weight = _verifier(taskId, t);
        if (attestation[taskId][msg.sender] != 0) revert AlreadyAttested(taskId, msg.sender);
        if (attestersOf[taskId].length >= MAX_ATTESTERS) revert TooManyAttesters(taskId);
        attestation[taskId][msg.sender] = weight;
        attestersOf[taskId].push(msg.sender);
        t.attestedWeight += weight;
        emit Attested(taskId, msg.sender, weight);
    }

    /// A verifier disputes the submitted result; the arbiter decides.
    function challenge(uint256 taskId, bytes32 claimedResultHash) external {
        Task storage t = _task(taskId, Status.Submitted);
        if (t.challengeRejected) revert WrongStatus(taskId, t.status);
        _verifier(taskId, t);
        t.status = Status.Challenged;
        t.challenger = msg.sender;
        emit Challenged(taskId, msg.sender, claimedResultHash);
    }

    function resolveChallenge(uint256 taskId, bool providerFaulty) external onlyRole(ARBITER) {
        Task storage t = _task(taskId, Status.Challenged);
        emit ChallengeResolved(taskId, t.challenger, providerFaulty);
        bytes32 ref = bytes32(taskId);
        if (providerFaulty) {
            t.status = Status.Faulty;
            staking.slash(t.provider, ComputeStaking.SlashReason.FaultyResult, ref, t.challenger, challengerRewardBps);
            address[] storage attesters = attestersOf[taskId];
            for (uint256 i = 0; i < attesters.length; i++) {
                staking.slash(attesters[i], ComputeStaking.SlashReason.FalseAttestation, ref, address(0), 0);
            }
            token.transfer(t.client, t.bid);
        } else {
            t.status = Status.Submitted;
            t.challengeRejected = true;
            staking.slash(t.challenger, ComputeStaking.SlashReason.FalseChallenge, ref, address(0), 0);
        }
    }

    /// Pays an unchallenged (or vindicated) result once its challenge window has closed: the
    /// attesters share the verifier fee by weight, the provider receives the rest of the bid.
    function finalizeTask(uint256 taskId) external {
        Task storage t = _task(taskId, Status.Submitted);
        if (block.timestamp <= t.challengeDeadline) revert DeadlineNotPassed(taskId, t.challengeDeadline);
        t.status = Status.Finalized;
        bytes32 ref = bytes32(taskId);
        uint256 fees = 0;
        address[] storage attesters = attestersOf[taskId];
        if (t.attestedWeight > 0) {
            uint256 pool = (t.bid * verifierFeeBps) / 10_000;
            for (uint256 i = 0; i < attesters.length; i++) {
                uint256 share = (pool * attestation[taskId][attesters[i]]) / t.attestedWeight;
                fees += share;
                _pay(attesters[i], ComputeStaking.RewardKind.VerifierFee, share, ref);
            }
        }
        uint256 payout = t.bid - fees;
        _pay(t.provider, ComputeStaking.RewardKind.TaskPayment, payout, ref);
        emit TaskFinalized(taskId, t.provider, payout, fees);
    }

    /// Anyone may report an assigned task whose deadline passed without a result.
    function reportMissedTask(uint256 taskId) external {
        Task storage t = _task(taskId, Status.Assigned);
        if (block.timestamp <= t.deadline) revert DeadlineNotPassed(taskId, t.deadline);
        t.status = Status.Missed;
        emit TaskMissed(taskId, t.provider);
        staking.slash(t.provider, ComputeStaking.SlashReason.Liveness, bytes32(taskId), address(0), 0);
        token.transfer(t.client, t.bid);
    }

    function getAttesters(uint256 taskId) external view returns (address[] memory) {
        return attestersOf[taskId];
    }

    function getTask(uint256 taskId) external view returns (Task memory) {
        return tasks[taskId];
    }

    function _task(uint256 taskId, Status expected) private view returns (Task storage t) {
        t = tasks[taskId];
        if (t.status == Status.None) revert UnknownTask(taskId);
        if (t.status != expected) revert WrongStatus(taskId, t.status);
    }

    function _verifier(uint256 taskId, Task storage t) private view returns (uint256 weight) {
        if (msg.sender == t.provider) revert SelfVerification(taskId);
        if (block.timestamp > t.challengeDeadline) revert DeadlinePassed(taskId, t.challengeDeadline);
        weight = staking.verifierWeight(msg.sender);
        if (weight == 0) revert NotAVerifier(msg.sender);
    }

    function _pay(address to, ComputeStaking.RewardKind kind, uint256 amount, bytes32 ref) private {
        if (amount == 0) return;
        token.transfer(to, amount);
        emit RewardPaid(to, kind, amount, ref);
    }
}

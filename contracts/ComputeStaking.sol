// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "./Governed.sol";

interface IStakeToken {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @notice Compute staking: providers stake ZOO and register tokenised resources; verifiers stake to
/// attest or challenge results; heartbeats per epoch prove liveness; stake is slashed for faulty
/// results, liveness failures and double-signing, and stays slashable while unbonding.
///
/// Liveness follows the Cosmos slashing module: over a window of `livenessWindow` epochs a provider
/// must post at least `minSignedPerWindow` heartbeats, or anyone may have it slashed and jailed.
contract ComputeStaking is Governed {
    enum Kind { None, Provider, Verifier }
    enum SlashReason { FaultyResult, Liveness, DoubleSign, FalseAttestation, FalseChallenge }
    enum RewardKind { TaskPayment, VerifierFee, ChallengerReward, ReporterReward, EpochReward }

    struct Account {
        Kind kind;
        bool tombstoned; // permanently jailed after double-signing
        uint64 registeredEpoch;
        uint64 jailedUntil;
        uint64 unbondingReleaseAt;
        uint64 livenessFloorEpoch; // first epoch a liveness window may count
        uint256 bonded;
        uint256 unbonding;
    }

    struct Resource {
        address provider;
        uint16 gpuCount;
        uint32 vcpus;
        uint32 ramGb;
        string gpuType;
    }

    IStakeToken public immutable token;
    uint64 public immutable genesisTime;
    /// Length of a heartbeat epoch, in seconds.
    uint64 public immutable epochLength;
    address public taskMarket;

    uint256 public minProviderStake = 1_000 ether;
    uint256 public minVerifierStake = 500 ether;
    uint64 public unbondingPeriod = 7 days;
    uint64 public jailDuration = 3 days;
    uint64 public livenessWindow = 10;
    uint64 public minSignedPerWindow = 5;
    /// Slash rates by SlashReason, in basis points of bonded + unbonding stake.
    uint16[5] public slashBps = [1_000, 100, 500, 200, 200];
    /// Liveness reward paid with each heartbeat, in basis points of bonded stake.
    uint16 public epochRewardBps = 5;

    uint256 public resourceCount;
    uint256 public rewardReserve;
    uint256 public slashedTotal;
    mapping(address => Account) private accounts;
    mapping(uint256 => Resource) public resources;
    mapping(address => mapping(uint64 => bool)) public heartbeatAt;
    mapping(address => mapping(bytes32 => bool)) public doubleSignReported;

    event ProviderRegistered(address indexed provider, uint256 stake, uint64 epoch);
    event VerifierRegistered(address indexed verifier, uint256 stake, uint64 epoch);
    event ResourceTokenized(uint256 indexed tokenId, address indexed provider, string gpuType, uint16 gpuCount, uint32 vcpus, uint32 ramGb);
    event StakeAdded(address indexed account, uint256 amount, uint256 bonded);
    event UnbondingStarted(address indexed account, uint256 amount, uint256 bonded, uint256 unbonding, uint64 releaseAt);
    event UnbondedWithdrawn(address indexed account, uint256 amount);
    event Heartbeat(address indexed provider, uint64 indexed epoch);
    event Slashed(address indexed account, SlashReason indexed reason, uint256 amount, uint256 bonded, uint256 unbonding, bytes32 ref);
    event Jailed(address indexed provider, SlashReason indexed reason, uint64 until);
    event Unjailed(address indexed provider);
    event Tombstoned(address indexed provider, bytes32 ref);
    event RewardPaid(address indexed recipient, RewardKind indexed kind, uint256 amount, bytes32 ref);
    event RewardsFunded(address indexed from, uint256 amount, uint256 reserve);

    error AlreadyRegistered(address account);
    error NotA(Kind expected, address account);
    error StakeBelowMinimum(uint256 stake, uint256 minimum);
    error InsufficientBonded(uint256 bonded, uint256 amount);
    error NothingUnbonding(address account);
    error StillUnbonding(uint64 releaseAt);
    error IsJailed(address provider, uint64 until);
    error NotJailed(address provider);
    error IsTombstoned(address provider);
    error HeartbeatAlreadyPosted(address provider, uint64 epoch);
    error WindowNotComplete(uint64 windowEnd, uint64 currentEpoch);
    error WindowTooEarly(uint64 windowStart, uint64 floor);
    error LivenessMet(address provider, uint64 signed, uint64 required);
    error InvalidEvidence();
    error AlreadyReported(address provider, bytes32 taskId);

    constructor(address governance, IStakeToken token_, uint64 epochLength_) Governed(governance) {
        if (epochLength_ == 0) revert InvalidParameter("epochLength");
        token = token_;
        epochLength = epochLength_;
        genesisTime = uint64(block.timestamp);
    }

    // ----- configuration -----

    function setTaskMarket(address market) external onlyRole(GOVERNANCE) {
        taskMarket = market;
    }

    function setSlashRates(uint16[5] calldata bps) external onlyRole(GOVERNANCE) {
        for (uint256 i = 0; i < 5; i++) if (bps[i] > 10_000) revert InvalidParameter("slashBps");
        slashBps = bps;
    }

    function setLiveness(uint64 window, uint64 minSigned, uint64 jail) external onlyRole(GOVERNANCE) {
        if (window == 0 || minSigned > window) revert InvalidParameter("livenessWindow");
        livenessWindow = window;
        minSignedPerWindow = minSigned;
        jailDuration = jail;
    }

    function fundRewards(uint256 amount) external {
        token.transferFrom(msg.sender, address(this), amount);
        rewardReserve += amount;
        emit RewardsFunded(msg.sender, amount, rewardReserve);
    }

    // ----- registration and stake -----

    function registerProvider(uint256 stake, string calldata gpuType, uint16 gpuCount, uint32 vcpus, uint32 ramGb)
        external
        returns (uint256 tokenId)
    {
        uint64 epoch = _register(Kind.Provider, stake, minProviderStake);
        emit ProviderRegistered(msg.sender, stake, epoch);
        tokenId = _tokenize(gpuType, gpuCount, vcpus, ramGb);
    }

    function addResource(string calldata gpuType, uint16 gpuCount, uint32 vcpus, uint32 ramGb)
        external
        returns (uint256 tokenId)
    {
        if (accounts[msg.sender].kind != Kind.Provider) revert NotA(Kind.Provider, msg.sender);
        tokenId = _tokenize(gpuType, gpuCount, vcpus, ramGb);
    }

    function registerVerifier(uint256 stake) external {
        uint64 epoch = _register(Kind.Verifier, stake, minVerifierStake);
        emit VerifierRegistered(msg.sender, stake, epoch);
    }

    function addStake(uint256 amount) external {
        Account storage a = _account(msg.sender);
        token.transferFrom(msg.sender, address(this), amount);
        a.bonded += amount;
        emit StakeAdded(msg.sender, amount, a.bonded);
    }

    /// Moves stake into unbonding; it can be withdrawn after `unbondingPeriod` and can be slashed
    /// until then. Adding to an unbonding amount restarts its cool-down.
    function beginUnbonding(uint256 amount) external {
        Account storage a = _account(msg.sender);
        if (amount == 0 || amount > a.bonded) revert InsufficientBonded(a.bonded, amount);
        a.bonded -= amount;
        a.unbonding += amount;
        a.unbondingReleaseAt = uint64(block.timestamp) + unbondingPeriod;
        emit UnbondingStarted(msg.sender, amount, a.bonded, a.unbonding, a.unbondingReleaseAt);
    }

    function withdrawUnbonded() external {
        Account storage a = _account(msg.sender);
        if (a.unbonding == 0) revert NothingUnbonding(msg.sender);
        if (block.timestamp < a.unbondingReleaseAt) revert StillUnbonding(a.unbondingReleaseAt);
        uint256 amount = a.unbonding;
        a.unbonding = 0;
        token.transfer(msg.sender, amount);
        emit UnbondedWithdrawn(msg.sender, amount);
    }

    // ----- liveness -----

    function currentEpoch() public view returns (uint64) {
        return (uint64(block.timestamp) - genesisTime) / epochLength;
    }

    /// A provider's heartbeat for the current epoch; pays the liveness reward while the reserve lasts.
    function heartbeat() external {
        Account storage a = _account(msg.sender);
        if (a.kind != Kind.Provider) revert NotA(Kind.Provider, msg.sender);
        _requireFree(a, msg.sender);
        uint64 epoch = currentEpoch();
        if (heartbeatAt[msg.sender][epoch]) revert HeartbeatAlreadyPosted(msg.sender, epoch);
        heartbeatAt[msg.sender][epoch] = true;
        emit Heartbeat(msg.sender, epoch);
        uint256 reward = (a.bonded * epochRewardBps) / 10_000;
        if (reward > 0 && reward <= rewardReserve) {
            rewardReserve -= reward;
            token.transfer(msg.sender, reward);
            emit RewardPaid(msg.sender, RewardKind.EpochReward, reward, bytes32(uint256(epoch)));
        }
    }

    /// Slashes and jails a provider that posted fewer than `minSignedPerWindow` heartbeats in the
    /// complete window of `livenessWindow` epochs ending at `windowEnd`. Anyone may call it. A window
    /// may not reach back before registration, a previous liveness slash or the last unjailing.
    function enforceLiveness(address provider, uint64 windowEnd) external {
        Account storage a = _account(provider);
        if (a.kind != Kind.Provider) revert NotA(Kind.Provider, provider);
        _requireFree(a, provider);
        uint64 epoch = currentEpoch();
        if (windowEnd >= epoch) revert WindowNotComplete(windowEnd, epoch);
        if (windowEnd + 1 < livenessWindow + a.livenessFloorEpoch) {
            revert WindowTooEarly(windowEnd + 1 >= livenessWindow ? windowEnd + 1 - livenessWindow : 0, a.livenessFloorEpoch);
        }
        uint64 start = windowEnd + 1 - livenessWindow;
        uint64 signed = 0;
        for (uint64 e = start; e <= windowEnd; e++) if (heartbeatAt[provider][e]) signed++;
        if (signed >= minSignedPerWindow) revert LivenessMet(provider, signed, minSignedPerWindow);
        a.livenessFloorEpoch = windowEnd + 1;
        _slash(provider, SlashReason.Liveness, bytes32(uint256(windowEnd)), address(0), 0);
        _jail(a, provider, SlashReason.Liveness);
    }

    function unjail() external {
        Account storage a = _account(msg.sender);
        if (a.tombstoned) revert IsTombstoned(msg.sender);
        if (a.jailedUntil == 0) revert NotJailed(msg.sender);
        if (block.timestamp < a.jailedUntil) revert IsJailed(msg.sender, a.jailedUntil);
        if (a.bonded < minProviderStake) revert StakeBelowMinimum(a.bonded, minProviderStake);
        a.jailedUntil = 0;
        a.livenessFloorEpoch = currentEpoch();
        emit Unjailed(msg.sender);
    }

    // ----- double-signing -----

    /// The digest a provider signs (EIP-191) to vouch for a task result.
    function resultDigest(bytes32 taskId, bytes32 resultHash) public view returns (bytes32) {
        bytes32 inner = keccak256(abi.encode(block.chainid, taskMarket, taskId, resultHash));
        return keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", inner));
    }

    /// Evidence of equivocation: two different results for one task, both signed by the provider.
    /// The provider is slashed, tombstoned for good, and the reporter rewarded from the slash.
    function reportDoubleSign(address provider, bytes32 taskId, bytes32 resultA, bytes calldata sigA, bytes32 resultB, bytes calldata sigB)
        external
    {
        Account storage a = _account(provider);
        if (resultA == resultB) revert InvalidEvidence();
        if (_recover(resultDigest(taskId, resultA), sigA) != provider) revert InvalidEvidence();
        if (_recover(resultDigest(taskId, resultB), sigB) != provider) revert InvalidEvidence();
        if (doubleSignReported[provider][taskId]) revert AlreadyReported(provider, taskId);
        doubleSignReported[provider][taskId] = true;
        _slash(provider, SlashReason.DoubleSign, taskId, msg.sender, 5_000);
        a.tombstoned = true;
        emit Tombstoned(provider, taskId);
        _jail(a, provider, SlashReason.DoubleSign);
    }

    // ----- module interface (TaskMarket) -----

    /// Slashes `account` at the rate for `reason`; `beneficiaryBps` of the slashed amount goes to
    /// `beneficiary` (a successful challenger), the rest stays in the contract as burned stake.
    function slash(address account, SlashReason reason, bytes32 ref, address beneficiary, uint16 beneficiaryBps)
        external
        onlyRole(MODULE)
        returns (uint256)
    {
        return _slash(account, reason, ref, beneficiary, beneficiaryBps);
    }

    // ----- views -----

    function getAccount(address account) external view returns (Account memory) {
        return accounts[account];
    }

    /// A provider that may be assigned tasks: registered, enough bonded stake, not jailed.
    function isActiveProvider(address provider) external view returns (bool) {
        Account storage a = accounts[provider];
        return a.kind == Kind.Provider && !a.tombstoned && a.jailedUntil == 0 && a.bonded >= minProviderStake;
    }

    /// A verifier's attestation weight: its bonded stake, or zero when below the minimum.
    function verifierWeight(address verifier) external view returns (uint256) {
        Account storage a = accounts[verifier];
        if (a.kind != Kind.Verifier || a.bonded < minVerifierStake) return 0;
        return a.bonded;
    }

    // ----- internals -----

    function _register(Kind kind, uint256 stake, uint256 minimum) private returns (uint64 epoch) {
        Account storage a = accounts[msg.sender];
        if (a.kind != Kind.None) revert AlreadyRegistered(msg.sender);
        if (stake < minimum) revert StakeBelowMinimum(stake, minimum);
        token.transferFrom(msg.sender, address(this), stake);
        epoch = currentEpoch();
        a.kind = kind;
        a.bonded = stake;
        a.registeredEpoch = epoch;
        a.livenessFloorEpoch = epoch;
    }

    function _tokenize(string calldata gpuType, uint16 gpuCount, uint32 vcpus, uint32 ramGb) private returns (uint256 tokenId) {
        tokenId = ++resourceCount;
        resources[tokenId] = Resource(msg.sender, gpuCount, vcpus, ramGb, gpuType);
        emit ResourceTokenized(tokenId, msg.sender, gpuType, gpuCount, vcpus, ramGb);
    }

    function _account(address account) private view returns (Account storage a) {
        a = accounts[account];
        if (a.kind == Kind.None) revert NotA(Kind.Provider, account);
    }

    function _requireFree(Account storage a, address provider) private view {
        if (a.tombstoned) revert IsTombstoned(provider);
        if (a.jailedUntil != 0) revert IsJailed(provider, a.jailedUntil);
    }

    function _jail(Account storage a, address provider, SlashReason reason) private {
        a.jailedUntil = a.tombstoned ? type(uint64).max : uint64(block.timestamp) + jailDuration;
        emit Jailed(provider, reason, a.jailedUntil);
    }

    /// Takes the slash from bonded stake first, then from stake still unbonding.
    function _slash(address account, SlashReason reason, bytes32 ref, address beneficiary, uint16 beneficiaryBps)
        private
        returns (uint256 amount)
    {
        Account storage a = _account(account);
        amount = ((a.bonded + a.unbonding) * slashBps[uint8(reason)]) / 10_000;
        uint256 fromBonded = amount <= a.bonded ? amount : a.bonded;
        a.bonded -= fromBonded;
        a.unbonding -= amount - fromBonded;
        emit Slashed(account, reason, amount, a.bonded, a.unbonding, ref);
        uint256 share = beneficiary == address(0) ? 0 : (amount * beneficiaryBps) / 10_000;
        slashedTotal += amount - share;
        if (share > 0) {
            token.transfer(beneficiary, share);
            emit RewardPaid(beneficiary, reason == SlashReason.DoubleSign ? RewardKind.ReporterReward : RewardKind.ChallengerReward, share, ref);
        }
    }

    function _recover(bytes32 digest, bytes calldata sig) private pure returns (address) {
        if (sig.length != 65) return address(0);
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        // Reject malleable signatures (upper half of the curve order), as EIP-2 does.
        if (uint256(s) > 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0) return address(0);
        return ecrecover(digest, v, r, s);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "./Governed.sol";

/// @notice The reviewer registry and the soulbound REP ledger of ZIP-604 section 2: registration
/// with domains, REP stakes per assignment (2.2), every REP change of table 2.3 with its reason,
/// decay of inactive reviewers (2.4) and bans (4.4). Other modules change REP through MODULE calls;
/// every change emits exactly one RepChanged so that the ledger can be rebuilt from events alone.
contract ReputationStaking is Governed {
    /// Why REP changed. Genesis is the bootstrap grant when governance admits a reviewer.
    enum Reason {
        Genesis,
        ReviewOnTime,
        QualityBonus,
        CitedInRevision,
        AppealLost,
        MissedDeadline,
        Collusion,
        ConflictOfInterest,
        LowQuality,
        Decay,
        IdentityReveal
    }

    struct Reviewer {
        bool registered;
        bool permanentlyBanned;
        uint16 confirmedOffences;
        uint64 registeredAt;
        uint64 lastActivityAt; // last review completed on time
        uint64 decayAnchor; // start of the quarter that decay has not yet been applied to
        uint64 bannedUntil;
        uint256 reputation; // total REP, locked part included
        uint256 locked; // REP locked in stakes; cannot back another stake
    }

    struct Stake {
        address reviewer;
        uint96 amount;
        uint64 unlockAt; // 0 until the review is submitted
        bool released;
    }

    uint256 public constant QUARTER = 90 days;
    /// Decay per inactive quarter, in basis points (ZIP-604 2.4: 3 %).
    uint256 public decayBps = 300;
    /// REP a reviewer needs to accept an assignment (ZIP-604 section 7: 20).
    uint256 public minReputation = 20;
    /// Ban after a confirmed collusion (ZIP-604 4.4: six months).
    uint64 public collusionBan = 180 days;
    /// Ban after a conflict-of-interest violation (table 2.3: temporary).
    uint64 public conflictBan = 90 days;

    mapping(address => Reviewer) private reviewers;
    mapping(address => uint8[]) private domainsOf;
    mapping(address => mapping(uint8 => bool)) public hasDomain;
    mapping(bytes32 => Stake) public stakes; // by review id

    event ReviewerRegistered(address indexed reviewer, uint8[] domains, uint256 genesisRep);
    event DomainsUpdated(address indexed reviewer, uint8[] domains);
    event RepChanged(address indexed reviewer, Reason indexed reason, int256 delta, uint256 balance, bytes32 ref);
    event StakeLocked(address indexed reviewer, bytes32 indexed reviewId, uint256 amount);
    event StakeUnlockScheduled(address indexed reviewer, bytes32 indexed reviewId, uint64 unlockAt);
    event StakeReleased(address indexed reviewer, bytes32 indexed reviewId, uint256 amount);
    event ReviewerBanned(address indexed reviewer, Reason indexed reason, uint64 until, bool permanent, bytes32 ref);
    event ParametersChanged(uint256 decayBps, uint256 minReputation, uint64 collusionBan, uint64 conflictBan);

    error AlreadyRegistered(address reviewer);
    error NotRegistered(address reviewer);
    error Banned(address reviewer, uint64 until, bool permanent);
    error BelowMinimumReputation(address reviewer, uint256 reputation, uint256 minimum);
    error InsufficientAvailableReputation(address reviewer, uint256 available, uint256 needed);
    error StakeExists(bytes32 reviewId);
    error UnknownStake(bytes32 reviewId);
    error StakeStillLocked(bytes32 reviewId, uint64 unlockAt);
    error StakeAlreadyReleased(bytes32 reviewId);
    error NoDomains();

    constructor(address governance) Governed(governance) {}

    // ----- registry -----

    /// Admits a reviewer with their domains and a genesis REP grant (the bootstrap of a new pool).
    function admitReviewer(address reviewer, uint8[] calldata domains, uint256 genesisRep)
        external
        onlyRole(GOVERNANCE)
    {
        Reviewer storage r = reviewers[reviewer];
        if (r.registered) revert AlreadyRegistered(reviewer);
        r.registered = true;
        r.registeredAt = uint64(block.timestamp);
        r.decayAnchor = uint64(block.timestamp);
        _setDomains(reviewer, domains);
        emit ReviewerRegistered(reviewer, domains, genesisRep);
        if (genesisRep > 0) _change(reviewer, Reason.Genesis, int256(genesisRep), bytes32(0));
    }

    function setDomains(uint8[] calldata domains) external {
        if (!reviewers[msg.sender].registered) revert NotRegistered(msg.sender);
        _setDomains(msg.sender, domains);
        emit DomainsUpdated(msg.sender, domains);
    }

    function setParameters(uint256 decayBps_, uint256 minReputation_, uint64 collusionBan_, uint64 conflictBan_)
        external
        onlyRole(GOVERNANCE)
    {
        if (decayBps_ > 10_000) revert InvalidParameter("decayBps");
        decayBps = decayBps_;
        minReputation = minReputation_;
        collusionBan = collusionBan_;
        conflictBan = conflictBan_;
        emit ParametersChanged(decayBps_, minReputation_, collusionBan_, conflictBan_);
    }

    // ----- stakes (ZIP-604 2.2) -----

    /// Locks `amount` REP of `reviewer` for the assignment `reviewId`. Reverts unless the reviewer
    /// may review now: registered, not banned, at least the minimum REP, enough REP not yet locked.
    function lockStake(address reviewer, bytes32 reviewId, uint256 amount) external onlyRole(MODULE) {
        Reviewer storage r = reviewers[reviewer];
        if (!r.registered) revert NotRegistered(reviewer);
        _requireNotBanned(r, reviewer);
        if (r.reputation < minReputation) revert BelowMinimumReputation(reviewer, r.reputation, minReputation);
        uint256 available = r.reputation > r.locked ? r.reputation - r.locked : 0;
        if (available < amount) revert InsufficientAvailableReputation(reviewer, available, amount);
        if (stakes[reviewId].reviewer != address(0)) revert StakeExists(reviewId);
        r.locked += amount;
        stakes[reviewId] = Stake(reviewer, uint96(amount), 0, false);
        emit StakeLocked(reviewer, reviewId, amount);
    }

    /// Sets when the stake unlocks: submission time plus the dispute window of its review type.
    function scheduleUnlock(bytes32 reviewId, uint64 unlockAt) external onlyRole(MODULE) {
        Stake storage s = stakes[reviewId];
        if (s.reviewer == address(0)) revert UnknownStake(reviewId);
        s.unlockAt = unlockAt;
        emit StakeUnlockScheduled(s.reviewer, reviewId, unlockAt);
    }

    /// Releases a stake. Only modules call it: ReviewHub.releaseStake (open to anyone) releases a
    /// revealed review's stake once its dispute window has closed and no appeal holds it, and a
    /// missed deadline releases the stake at once. The lock rules live in the hub because only the
    /// hub knows about appeals: a public release here would let a reviewer free a stake that an open
    /// appeal holds.
    function releaseStake(bytes32 reviewId) external onlyRole(MODULE) {
        Stake storage s = stakes[reviewId];
        if (s.reviewer == address(0)) revert UnknownStake(reviewId);
        if (s.released) revert StakeAlreadyReleased(reviewId);
        s.released = true;
        reviewers[s.reviewer].locked -= s.amount;
        emit StakeReleased(s.reviewer, reviewId, s.amount);
    }

    // ----- REP changes (table 2.3) -----

    function reward(address reviewer, Reason reason, uint256 amount, bytes32 ref) external onlyRole(MODULE) {
        if (reason == Reason.ReviewOnTime) reviewers[reviewer].lastActivityAt = uint64(block.timestamp);
        _change(reviewer, reason, int256(amount), ref);
    }

    function penalize(address reviewer, Reason reason, uint256 amount, bytes32 ref) external onlyRole(MODULE) {
        _change(reviewer, reason, -int256(amount), ref);
    }

    /// A confirmed collusion: -100 REP and a six-month ban; a second confirmed offence bans for good.
    function punishCollusion(address reviewer, bytes32 caseRef) external onlyRole(MODULE) {
        Reviewer storage r = reviewers[reviewer];
        if (!r.registered) revert NotRegistered(reviewer);
        _change(reviewer, Reason.Collusion, -100, caseRef);
        r.confirmedOffences += 1;
        if (r.confirmedOffences >= 2) {
            r.permanentlyBanned = true;
            emit ReviewerBanned(reviewer, Reason.Collusion, type(uint64).max, true, caseRef);
        } else {
            _banUntil(r, reviewer, Reason.Collusion, uint64(block.timestamp) + collusionBan, caseRef);
        }
    }

    /// A conflict-of-interest violation: -50 REP and a temporary ban.
    function punishConflictOfInterest(address reviewer, bytes32 ref) external onlyRole(MODULE) {
        Reviewer storage r = reviewers[reviewer];
        if (!r.registered) revert NotRegistered(reviewer);
        _change(reviewer, Reason.ConflictOfInterest, -50, ref);
        _banUntil(r, reviewer, Reason.ConflictOfInterest, uint64(block.timestamp) + conflictBan, ref);
    }

    /// Applies the decay owed by each reviewer for whole inactive quarters (ZIP-604 2.4). Anyone may
    /// call it (a keeper); a reviewer with a completed review in a quarter owes nothing for it.
    function applyDecay(address[] calldata accounts) external {
        for (uint256 i = 0; i < accounts.length; i++) {
            Reviewer storage r = reviewers[accounts[i]];
            if (!r.registered) continue;
            uint64 anchor = r.lastActivityAt > r.decayAnchor ? r.lastActivityAt : r.decayAnchor;
            uint256 quarters = (block.timestamp - anchor) / QUARTER;
            if (quarters == 0) continue;
            r.decayAnchor = uint64(anchor + quarters * QUARTER);
            uint256 before = r.reputation;
            uint256 remaining = before;
            for (uint256 q = 0; q < quarters && remaining > 0; q++) {
                remaining -= (remaining * decayBps) / 10_000;
            }
            if (remaining != before) {
                _change(accounts[i], Reason.Decay, -int256(before - remaining), bytes32(quarters));
            }
        }
    }

    // ----- views (ZIP-604 IReviewerReputation) -----

    function getReputation(address reviewer) external view returns (uint256) {
        return reviewers[reviewer].reputation;
    }

    function getLocked(address reviewer) external view returns (uint256) {
        return reviewers[reviewer].locked;
    }

    function getStake(address reviewer, uint256 proposalId) external view returns (uint256) {
        Stake storage s = stakes[keccak256(abi.encode(proposalId, reviewer))];
        return s.released ? 0 : s.amount;
    }

    function getDomain(address reviewer) external view returns (uint8[] memory) {
        return domainsOf[reviewer];
    }

    function isActive(address reviewer) public view returns (bool) {
        Reviewer storage r = reviewers[reviewer];
        return r.registered && !r.permanentlyBanned && block.timestamp >= r.bannedUntil;
    }

    function isRegistered(address reviewer) external view returns (bool) {
        return reviewers[reviewer].registered;
    }

    function getReviewer(address reviewer) external view returns (Reviewer memory) {
        return reviewers[reviewer];
    }

    // ----- internals -----

    function _setDomains(address reviewer, uint8[] calldata domains) private {
        if (domains.length == 0) revert NoDomains();
        uint8[] storage old = domainsOf[reviewer];
        for (uint256 i = 0; i < old.length; i++) hasDomain[reviewer][old[i]] = false;
        delete domainsOf[reviewer];
        for (uint256 i = 0; i < domains.length; i++) {
            hasDomain[reviewer][domains[i]] = true;
            domainsOf[reviewer].push(domains[i]);
        }
    }

    function _requireNotBanned(Reviewer storage r, address reviewer) private view {
        if (r.permanentlyBanned || block.timestamp < r.bannedUntil) {
            revert Banned(reviewer, r.bannedUntil, r.permanentlyBanned);
        }
    }

    function _banUntil(Reviewer storage r, address reviewer, Reason reason, uint64 until, bytes32 ref) private {
        if (until > r.bannedUntil) r.bannedUntil = until;
        emit ReviewerBanned(reviewer, reason, r.bannedUntil, false, ref);
    }

    /// REP never goes below zero: a penalty larger than the balance takes what there is, and the
    /// event records the change actually applied.
    function _change(address reviewer, Reason reason, int256 delta, bytes32 ref) private {
        Reviewer storage r = reviewers[reviewer];
        if (!r.registered) revert NotRegistered(reviewer);
        if (delta < 0 && uint256(-delta) > r.reputation) delta = -int256(r.reputation);
        r.reputation = uint256(int256(r.reputation) + delta);
        emit RepChanged(reviewer, reason, delta, r.reputation, ref);
    }
}

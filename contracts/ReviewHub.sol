// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "./Governed.sol";
import {ReputationStaking} from "./ReputationStaking.sol";
import {WorkRegistry} from "./WorkRegistry.sol";

/// @notice Proposals, reviewer assignment, commit-reveal, discussion, decision, appeals and
/// identity reveal: ZIP-604 sections 2.2, 4.2, 6 and the ReviewAssignment/CommitReveal modules of
/// section 8. REP moves through ReputationStaking; works cited in reviews must exist in WorkRegistry.
///
/// Phases: Assignment -> Commit (7 d) -> Reveal (3 d) -> [Discussion (7 d)] -> Decision -> Decided.
/// `advance` moves a proposal on once its phase is complete or its deadline has passed, and
/// records every reviewer who missed that deadline (-15 REP, stake released).
contract ReviewHub is Governed {
    bytes32 public constant COORDINATOR = keccak256("COORDINATOR");
    bytes32 public constant COMMITTEE = keccak256("COMMITTEE");

    enum ReviewType { Standard, Expedited, Expert }
    enum Phase { None, Assignment, Commit, Reveal, Discussion, Decision, Decided }
    enum Outcome { None, Funded, Rejected, Completed, Failed }
    enum ReviewStatus { None, Assigned, Committed, Revealed, Missed, Annulled }

    struct Proposal {
        address author;
        uint8 domain;
        ReviewType reviewType;
        bool discussion;
        Phase phase;
        Outcome outcome;
        uint8 reviewersWanted;
        uint8 assigned;
        uint8 committed;
        uint8 revealed;
        uint64 submittedAt;
        uint64 phaseDeadline; // end of the current timed phase, 0 outside them
    }

    struct Review {
        uint256 proposalId;
        address reviewer;
        ReviewStatus status;
        uint8 score;
        bool acknowledged;
        bool identityRevealed;
        bool appealOpen;
        uint64 revealedAt;
        bytes32 commitment;
    }

    struct Appeal {
        bytes32 reviewId;
        address appellant;
        bool resolved;
        bool upheld;
    }

    ReputationStaking public immutable reputation;
    WorkRegistry public immutable works;

    // Governance-adjustable parameters (ZIP-604 sections 2.2 and 7).
    uint8 public reviewersPerProposal = 3;
    uint64 public commitDuration = 7 days;
    uint64 public revealDuration = 3 days;
    uint64 public discussionDuration = 7 days;
    uint256[3] public stakeByType = [uint256(10), 20, 30];
    uint64[3] public disputeWindowByType = [uint64(30 days), 14 days, 60 days];
    /// Longest review text accepted on chain, in bytes.
    uint256 public maxTextBytes = 32_768;
    uint256 public maxCitations = 32;
    uint8 public domainCount = 16;

    // REP amounts of table 2.3 that this module applies.
    uint256 public constant REP_ON_TIME = 10;
    uint256 public constant REP_CITED_IN_REVISION = 3;
    uint256 public constant REP_APPEAL_LOST = 20;
    uint256 public constant REP_MISSED_DEADLINE = 15;
    uint256 public constant REP_IDENTITY_REVEAL = 5;

    uint256 public proposalCount;
    uint256 public appealCount;
    mapping(uint256 => Proposal) public proposals;
    mapping(uint256 => bytes32[]) private reviewIdsOf;
    mapping(bytes32 => Review) public reviews;
    mapping(uint256 => Appeal) public appeals;

    event ProposalSubmitted(uint256 indexed proposalId, address indexed author, uint8 domain, ReviewType reviewType, bool discussion, uint8 reviewersWanted, bytes32 contentHash);
    event ReviewerAssigned(uint256 indexed proposalId, bytes32 indexed reviewId, address indexed reviewer, uint256 stake);
    event PhaseChanged(uint256 indexed proposalId, Phase phase, uint64 deadline);
    event ReviewCommitted(uint256 indexed proposalId, bytes32 indexed reviewId, address indexed reviewer, bytes32 commitment);
    event ReviewRevealed(uint256 indexed proposalId, bytes32 indexed reviewId, address indexed reviewer, uint8 score, uint256[] citedWorks, string text);
    event DeadlineMissed(uint256 indexed proposalId, bytes32 indexed reviewId, address indexed reviewer, Phase phase);
    event DiscussionPosted(uint256 indexed proposalId, bytes32 indexed reviewId, bool fromAuthor, string text);
    event ProposalDecided(uint256 indexed proposalId, Outcome outcome, string rationale);
    event ReviewAcknowledged(uint256 indexed proposalId, bytes32 indexed reviewId);
    event IdentityRevealed(uint256 indexed proposalId, bytes32 indexed reviewId, address indexed reviewer, string did);
    event AppealFiled(uint256 indexed appealId, uint256 indexed proposalId, bytes32 indexed reviewId, address appellant, string grounds);
    event AppealResolved(uint256 indexed appealId, bytes32 indexed reviewId, bool upheld, string rationale);
    event ReviewAnnulled(uint256 indexed proposalId, bytes32 indexed reviewId, bytes32 caseRef);
    event HubParametersChanged(uint8 reviewersPerProposal, uint64 commitDuration, uint64 revealDuration, uint64 discussionDuration);

    error UnknownProposal(uint256 proposalId);
    error UnknownReview(bytes32 reviewId);
    error UnknownAppeal(uint256 appealId);
    error WrongPhase(uint256 proposalId, Phase actual, Phase expected);
    error PhaseNotOver(uint256 proposalId, Phase phase, uint64 deadline);
    error DeadlinePassed(uint256 proposalId, uint64 deadline);
    error DomainOutOfRange(uint8 domain);
    error AssignmentFull(uint256 proposalId);
    error AlreadyAssigned(uint256 proposalId, address reviewer);
    error ConflictOfInterest(uint256 proposalId, address reviewer);
    error NotInDomain(address reviewer, uint8 domain);
    error NotTheReviewer(bytes32 reviewId, address caller);
    error NotTheAuthor(uint256 proposalId, address caller);
    error WrongReviewStatus(bytes32 reviewId, ReviewStatus actual);
    error CommitmentMismatch(bytes32 reviewId);
    error ScoreOutOfRange(uint8 score);
    error TextTooLong(uint256 length, uint256 max);
    error TooManyCitations(uint256 count, uint256 max);
    error UnknownWork(uint256 workId);
    error InvalidOutcome(Outcome outcome);
    error AlreadyDone(bytes32 reviewId);
    error DisputeWindowClosed(bytes32 reviewId);
    error AppealPending(bytes32 reviewId);

    constructor(address governance, ReputationStaking reputation_, WorkRegistry works_) Governed(governance) {
        reputation = reputation_;
        works = works_;
    }

    function setParameters(uint8 perProposal, uint64 commit_, uint64 reveal_, uint64 discussion_)
        external
        onlyRole(GOVERNANCE)
    {
        if (perProposal < 2 || perProposal > 5) revert InvalidParameter("reviewersPerProposal");
        if (commit_ == 0 || reveal_ == 0 || discussion_ == 0) revert InvalidParameter("duration");
        reviewersPerProposal = perProposal;
        commitDuration = commit_;
        revealDuration = reveal_;
        discussionDuration = discussion_;
        emit HubParametersChanged(perProposal, commit_, reveal_, discussion_);
    }

    /// The review id of a reviewer's assignment to a proposal.
    function reviewIdOf(uint256 proposalId, address reviewer) public pure returns (bytes32) {
        return keccak256(abi.encode(proposalId, reviewer));
    }

    /// The commitment a reviewer posts in the commit phase for the review they reveal later.
    function commitmentOf(bytes32 reviewId, uint8 score, string calldata text, uint256[] calldata citedWorks, bytes32 salt)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(reviewId, score, text, citedWorks, salt));
    }

    // ----- submission and assignment -----

    function submitProposal(uint8 domain, ReviewType reviewType, bool discussion, bytes32 contentHash)
        external
        returns (uint256 proposalId)
    {
        if (domain >= domainCount) revert DomainOutOfRange(domain);
        proposalId = ++proposalCount;
        Proposal storage p = proposals[proposalId];
        p.author = msg.sender;
        p.domain = domain;
        p.reviewType = reviewType;
        p.discussion = discussion;
        p.phase = Phase.Assignment;
        p.reviewersWanted = reviewersPerProposal;
        p.submittedAt = uint64(block.timestamp);
        emit ProposalSubmitted(proposalId, msg.sender, domain, reviewType, discussion, p.reviewersWanted, contentHash);
        emit PhaseChanged(proposalId, Phase.Assignment, 0);
    }

    /// Assigns reviewers and locks their stakes; the commit phase opens when the panel is full.
    function assignReviewers(uint256 proposalId, address[] calldata reviewerList) external onlyRole(COORDINATOR) {
        Proposal storage p = _proposal(proposalId);
        _requirePhase(proposalId, p, Phase.Assignment);
        uint256 stake = stakeByType[uint8(p.reviewType)];
        for (uint256 i = 0; i < reviewerList.length; i++) {
            address reviewer = reviewerList[i];
            if (p.assigned >= p.reviewersWanted) revert AssignmentFull(proposalId);
            if (reviewer == p.author || works.isCoauthor(reviewer, p.author)) revert ConflictOfInterest(proposalId, reviewer);
            if (!reputation.hasDomain(reviewer, p.domain)) revert NotInDomain(reviewer, p.domain);
            bytes32 reviewId = reviewIdOf(proposalId, reviewer);
            if (reviews[reviewId].status != ReviewStatus.None) revert AlreadyAssigned(proposalId, reviewer);
            reputation.lockStake(reviewer, reviewId, stake);
            reviews[reviewId] = Review(proposalId, reviewer, ReviewStatus.Assigned, 0, false, false, false, 0, bytes32(0));
            reviewIdsOf[proposalId].push(reviewId);
            p.assigned += 1;
            emit ReviewerAssigned(proposalId, reviewId, reviewer, stake);
        }
        if (p.assigned == p.reviewersWanted) _enter(proposalId, p, Phase.Commit, commitDuration);
    }

    // ----- commit-reveal (ZIP-604 4.2) -----

    function commitReview(bytes32 reviewId, bytes32 commitment) external {
        Review storage r = _ownReview(reviewId);
        Proposal storage p = proposals[r.proposalId];
        _requirePhase(r.proposalId, p, Phase.Commit);
        if (block.timestamp > p.phaseDeadline) revert DeadlinePassed(r.proposalId, p.phaseDeadline);
        if (r.status != ReviewStatus.Assigned) revert WrongReviewStatus(reviewId, r.status);
        r.status = ReviewStatus.Committed;
        r.commitment = commitment;
        p.committed += 1;
        emit ReviewCommitted(r.proposalId, reviewId, msg.sender, commitment);
    }

    function revealReview(bytes32 reviewId, uint8 score, string calldata text, uint256[] calldata citedWorks, bytes32 salt)
        external
    {
        Review storage r = _ownReview(reviewId);
        Proposal storage p = proposals[r.proposalId];
        _requirePhase(r.proposalId, p, Phase.Reveal);
        if (block.timestamp > p.phaseDeadline) revert DeadlinePassed(r.proposalId, p.phaseDeadline);
        if (r.status != ReviewStatus.Committed) revert WrongReviewStatus(reviewId, r.status);
        if (score < 1 || score > 10) revert ScoreOutOfRange(score);
        if (bytes(text).length > maxTextBytes) revert TextTooLong(bytes(text).length, maxTextBytes);
        if (citedWorks.length > maxCitations) revert TooManyCitations(citedWorks.length, maxCitations);
        for (uint256 i = 0; i < citedWorks.length; i++) {
            if (!works.exists(citedWorks[i])) revert UnknownWork(citedWorks[i]);
        }
        if (commitmentOf(reviewId, score, text, citedWorks, salt) != r.commitment) revert CommitmentMismatch(reviewId);
        r.status = ReviewStatus.Revealed;
        r.score = score;
        r.revealedAt = uint64(block.timestamp);
        p.revealed += 1;
        emit ReviewRevealed(r.proposalId, reviewId, msg.sender, score, citedWorks, text);
        reputation.reward(msg.sender, ReputationStaking.Reason.ReviewOnTime, REP_ON_TIME, reviewId);
        reputation.scheduleUnlock(reviewId, uint64(block.timestamp) + disputeWindowByType[uint8(p.reviewType)]);
    }

    /// Moves a proposal to its next phase once the current one is complete or past its deadline.
    /// Anyone may call it. Reviewers who missed the closing phase's deadline are recorded here.
    function advance(uint256 proposalId) external {
        Proposal storage p = _proposal(proposalId);
        bool expired = block.timestamp > p.phaseDeadline;
        if (p.phase == Phase.Commit) {
            if (!expired && p.committed < p.assigned) revert PhaseNotOver(proposalId, p.phase, p.phaseDeadline);
            _recordMissed(proposalId, ReviewStatus.Assigned, Phase.Commit);
            _enter(proposalId, p, Phase.Reveal, revealDuration);
        } else if (p.phase == Phase.Reveal) {
            if (!expired && p.revealed < p.committed) revert PhaseNotOver(proposalId, p.phase, p.phaseDeadline);
            _recordMissed(proposalId, ReviewStatus.Committed, Phase.Reveal);
            if (p.discussion) _enter(proposalId, p, Phase.Discussion, discussionDuration);
            else _enter(proposalId, p, Phase.Decision, 0);
        } else if (p.phase == Phase.Discussion) {
            if (!expired) revert PhaseNotOver(proposalId, p.phase, p.phaseDeadline);
            _enter(proposalId, p, Phase.Decision, 0);
        } else {
            revert PhaseNotOver(proposalId, p.phase, p.phaseDeadline);
        }
    }

    /// A supplementary comment by a reviewer (with their review id) or a rebuttal by the author
    /// (review id zero) during the discussion phase.
    function postComment(uint256 proposalId, bytes32 reviewId, string calldata text) external {
        Proposal storage p = _proposal(proposalId);
        _requirePhase(proposalId, p, Phase.Discussion);
        if (block.timestamp > p.phaseDeadline) revert DeadlinePassed(proposalId, p.phaseDeadline);
        if (bytes(text).length > maxTextBytes) revert TextTooLong(bytes(text).length, maxTextBytes);
        if (reviewId == bytes32(0)) {
            if (msg.sender != p.author) revert NotTheAuthor(proposalId, msg.sender);
        } else {
            Review storage r = _ownReview(reviewId);
            if (r.proposalId != proposalId || r.status != ReviewStatus.Revealed) revert WrongReviewStatus(reviewId, r.status);
        }
        emit DiscussionPosted(proposalId, reviewId, reviewId == bytes32(0), text);
    }

    // ----- decision -----

    /// The council's decision: FUNDED or REJECTED after the reviews; COMPLETED or FAILED later for a
    /// funded proposal.
    function decide(uint256 proposalId, Outcome outcome, string calldata rationale) external onlyRole(COORDINATOR) {
        Proposal storage p = _proposal(proposalId);
        if (outcome == Outcome.Funded || outcome == Outcome.Rejected) {
            _requirePhase(proposalId, p, Phase.Decision);
            p.phase = Phase.Decided;
            emit PhaseChanged(proposalId, Phase.Decided, 0);
        } else if (outcome == Outcome.Completed || outcome == Outcome.Failed) {
            if (p.outcome != Outcome.Funded) revert InvalidOutcome(outcome);
        } else {
            revert InvalidOutcome(outcome);
        }
        p.outcome = outcome;
        emit ProposalDecided(proposalId, outcome, rationale);
    }

    /// The author credits a review in their revision (+3 REP to its reviewer), once per review.
    function acknowledgeReview(bytes32 reviewId) external {
        Review storage r = _review(reviewId);
        Proposal storage p = proposals[r.proposalId];
        if (msg.sender != p.author) revert NotTheAuthor(r.proposalId, msg.sender);
        _requirePhase(r.proposalId, p, Phase.Decided);
        if (r.status != ReviewStatus.Revealed) revert WrongReviewStatus(reviewId, r.status);
        if (r.acknowledged) revert AlreadyDone(reviewId);
        r.acknowledged = true;
        emit ReviewAcknowledged(r.proposalId, reviewId);
        reputation.reward(r.reviewer, ReputationStaking.Reason.CitedInRevision, REP_CITED_IN_REVISION, reviewId);
    }

    /// Optional, permanent de-anonymisation by the reviewer after the decision (ZIP-604 6.2).
    function revealIdentity(bytes32 reviewId, string calldata did) external {
        Review storage r = _ownReview(reviewId);
        _requirePhase(r.proposalId, proposals[r.proposalId], Phase.Decided);
        if (r.status != ReviewStatus.Revealed) revert WrongReviewStatus(reviewId, r.status);
        if (r.identityRevealed) revert AlreadyDone(reviewId);
        r.identityRevealed = true;
        emit IdentityRevealed(r.proposalId, reviewId, msg.sender, did);
        reputation.reward(msg.sender, ReputationStaking.Reason.IdentityReveal, REP_IDENTITY_REVEAL, reviewId);
    }

    // ----- appeals -----

    /// The author appeals against a revealed review while its dispute window is open; the stake
    /// stays locked until the appeal is resolved.
    function fileAppeal(bytes32 reviewId, string calldata grounds) external returns (uint256 appealId) {
        Review storage r = _review(reviewId);
        if (msg.sender != proposals[r.proposalId].author) revert NotTheAuthor(r.proposalId, msg.sender);
        if (r.status != ReviewStatus.Revealed) revert WrongReviewStatus(reviewId, r.status);
        if (r.appealOpen) revert AppealPending(reviewId);
        (,, uint64 unlockAt, bool released) = reputation.stakes(reviewId);
        if (released || block.timestamp >= unlockAt) revert DisputeWindowClosed(reviewId);
        if (bytes(grounds).length > maxTextBytes) revert TextTooLong(bytes(grounds).length, maxTextBytes);
        r.appealOpen = true;
        appealId = ++appealCount;
        appeals[appealId] = Appeal(reviewId, msg.sender, false, false);
        emit AppealFiled(appealId, r.proposalId, reviewId, msg.sender, grounds);
    }

    /// Upholding an appeal overturns the review: -20 REP to its reviewer.
    function resolveAppeal(uint256 appealId, bool upheld, string calldata rationale) external onlyRole(COMMITTEE) {
        Appeal storage a = appeals[appealId];
        if (a.reviewId == bytes32(0)) revert UnknownAppeal(appealId);
        if (a.resolved) revert AlreadyDone(a.reviewId);
        a.resolved = true;
        a.upheld = upheld;
        Review storage r = reviews[a.reviewId];
        r.appealOpen = false;
        emit AppealResolved(appealId, a.reviewId, upheld, rationale);
        if (upheld) reputation.penalize(r.reviewer, ReputationStaking.Reason.AppealLost, REP_APPEAL_LOST, a.reviewId);
    }

    /// Releases a revealed review's stake once its dispute window has closed and no appeal is open.
    /// Anyone may call it (a keeper). The hub holds MODULE on the REP ledger, whose release is
    /// unconditional for modules, so the lock is checked here.
    function releaseStake(bytes32 reviewId) external {
        if (_review(reviewId).appealOpen) revert AppealPending(reviewId);
        (,, uint64 unlockAt, bool released) = reputation.stakes(reviewId);
        if (released) revert ReputationStaking.StakeAlreadyReleased(reviewId);
        if (unlockAt == 0 || block.timestamp < unlockAt) revert ReputationStaking.StakeStillLocked(reviewId, unlockAt);
        reputation.releaseStake(reviewId);
    }

    /// Annuls a review after a confirmed collusion case (ZIP-604 4.4); called by CollusionRegistry.
    /// An unrevealed review's assignment ends here and no reveal will schedule its unlock, so its
    /// stake is released at once; a revealed review's stake stays locked through its dispute window.
    function annulReview(bytes32 reviewId, bytes32 caseRef) external onlyRole(MODULE) {
        Review storage r = _review(reviewId);
        ReviewStatus status = r.status;
        if (status == ReviewStatus.Annulled) revert AlreadyDone(reviewId);
        r.status = ReviewStatus.Annulled;
        emit ReviewAnnulled(r.proposalId, reviewId, caseRef);
        if (status == ReviewStatus.Assigned || status == ReviewStatus.Committed) reputation.releaseStake(reviewId);
    }

    // ----- views -----

    function getReviewIds(uint256 proposalId) external view returns (bytes32[] memory) {
        return reviewIdsOf[proposalId];
    }

    function getProposal(uint256 proposalId) external view returns (Proposal memory) {
        return proposals[proposalId];
    }

    function getReview(bytes32 reviewId) external view returns (Review memory) {
        return reviews[reviewId];
    }

    // ----- internals -----

    function _proposal(uint256 proposalId) private view returns (Proposal storage p) {
        p = proposals[proposalId];
        if (p.phase == Phase.None) revert UnknownProposal(proposalId);
    }

    function _review(bytes32 reviewId) private view returns (Review storage r) {
        r = reviews[reviewId];
        if (r.status == ReviewStatus.None) revert UnknownReview(reviewId);
    }

    function _ownReview(bytes32 reviewId) private view returns (Review storage r) {
        r = _review(reviewId);
        if (r.reviewer != msg.sender) revert NotTheReviewer(reviewId, msg.sender);
    }

    function _requirePhase(uint256 proposalId, Proposal storage p, Phase expected) private view {
        if (p.phase != expected) revert WrongPhase(proposalId, p.phase, expected);
    }

    function _enter(uint256 proposalId, Proposal storage p, Phase phase, uint64 duration) private {
        p.phase = phase;
        p.phaseDeadline = duration == 0 ? 0 : uint64(block.timestamp) + duration;
        emit PhaseChanged(proposalId, phase, p.phaseDeadline);
    }

    function _recordMissed(uint256 proposalId, ReviewStatus stuckAt, Phase phase) private {
        bytes32[] storage ids = reviewIdsOf[proposalId];
        for (uint256 i = 0; i < ids.length; i++) {
            Review storage r = reviews[ids[i]];
            if (r.status != stuckAt) continue;
            r.status = ReviewStatus.Missed;
            emit DeadlineMissed(proposalId, ids[i], r.reviewer, phase);
            reputation.penalize(r.reviewer, ReputationStaking.Reason.MissedDeadline, REP_MISSED_DEADLINE, ids[i]);
            reputation.releaseStake(ids[i]);
        }
    }
}

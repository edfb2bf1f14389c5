// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "./Governed.sol";
import {ReputationStaking} from "./ReputationStaking.sol";
import {ReviewHub} from "./ReviewHub.sol";

/// @notice On-chain collusion cases (ZIP-604 sections 4.3-4.4, the CollusionDetector module):
/// a flag is raised on subjects with the signal and a hash of its evidence; the ethics committee
/// confirms it (-100 REP and a six-month ban each, a permanent ban for a repeat offence, and the
/// named reviews annulled) or dismisses it. Conflict-of-interest violations are recorded here too.
contract CollusionRegistry is Governed {
    bytes32 public constant COMMITTEE = keccak256("COMMITTEE");
    /// Accounts (an analytics service) that may raise flags besides the committee.
    bytes32 public constant DETECTOR = keccak256("DETECTOR");

    enum Signal { ScoreClustering, TextSimilarity, TimingCorrelation, ReciprocalReview, CitationCoercion, Other }
    enum Status { None, Open, Confirmed, Dismissed }

    struct Case {
        Signal signal;
        Status status;
        uint64 raisedAt;
        bytes32 evidenceHash;
    }

    uint256 public constant MAX_SUBJECTS = 16;

    ReputationStaking public immutable reputation;
    ReviewHub public immutable hub;
    uint256 public caseCount;
    mapping(uint256 => Case) public cases;
    mapping(uint256 => address[]) private subjectsOf;

    event CollusionFlagRaised(uint256 indexed caseId, Signal indexed signal, address indexed raisedBy, address[] subjects, bytes32 evidenceHash, string summary);
    event CaseConfirmed(uint256 indexed caseId, address[] subjects, bytes32[] annulledReviews, string finding);
    event CaseDismissed(uint256 indexed caseId, string reason);
    event ConflictOfInterestRecorded(address indexed reviewer, uint256 indexed proposalId, string finding);

    error UnknownCase(uint256 caseId);
    error CaseClosed(uint256 caseId, Status status);
    error BadSubjects(uint256 count);
    error NotAuthorizedToFlag(address account);

    constructor(address governance, ReputationStaking reputation_, ReviewHub hub_) Governed(governance) {
        reputation = reputation_;
        hub = hub_;
    }

    function raiseFlag(address[] calldata subjects, Signal signal, bytes32 evidenceHash, string calldata summary)
        external
        returns (uint256 caseId)
    {
        if (!hasRole[COMMITTEE][msg.sender] && !hasRole[DETECTOR][msg.sender]) revert NotAuthorizedToFlag(msg.sender);
        if (subjects.length == 0 || subjects.length > MAX_SUBJECTS) revert BadSubjects(subjects.length);
        caseId = ++caseCount;
        cases[caseId] = Case(signal, Status.Open, uint64(block.timestamp), evidenceHash);
        subjectsOf[caseId] = subjects;
        emit CollusionFlagRaised(caseId, signal, msg.sender, subjects, evidenceHash, summary);
    }

    function confirmCase(uint256 caseId, bytes32[] calldata annulledReviews, string calldata finding)
        external
        onlyRole(COMMITTEE)
    {
        Case storage c = _open(caseId);
        c.status = Status.Confirmed;
        address[] storage subjects = subjectsOf[caseId];
        emit CaseConfirmed(caseId, subjects, annulledReviews, finding);
        for (uint256 i = 0; i < subjects.length; i++) reputation.punishCollusion(subjects[i], bytes32(caseId));
        for (uint256 i = 0; i < annulledReviews.length; i++) hub.annulReview(annulledReviews[i], bytes32(caseId));
    }

    function dismissCase(uint256 caseId, string calldata reason) external onlyRole(COMMITTEE) {
        _open(caseId).status = Status.Dismissed;
        emit CaseDismissed(caseId, reason);
    }

    function recordConflictOfInterest(address reviewer, uint256 proposalId, string calldata finding)
        external
        onlyRole(COMMITTEE)
    {
        emit ConflictOfInterestRecorded(reviewer, proposalId, finding);
        reputation.punishConflictOfInterest(reviewer, bytes32(proposalId));
    }

    function getSubjects(uint256 caseId) external view returns (address[] memory) {
        return subjectsOf[caseId];
    }

    function _open(uint256 caseId) private view returns (Case storage c) {
        c = cases[caseId];
        if (c.status == Status.None) revert UnknownCase(caseId);
        if (c.status != Status.Open) revert CaseClosed(caseId, c.status);
    }
}

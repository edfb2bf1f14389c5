// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "./Governed.sol";
import {ReputationStaking} from "./ReputationStaking.sol";
import {ReviewHub} from "./ReviewHub.sol";

interface IMetaReviewPayer {
    function payMetaReview(address metaReviewer, bytes32 reviewId) external;
}

/// @notice Meta-review quality scores (ZIP-604 section 3). A panel of `panelSize` meta-reviewers
/// (council members or Tier 3 reviewers, none of them assigned to the proposal) scores each
/// revealed review on five dimensions; the final score per dimension is the panel's median and the
/// overall score their weighted composite. A score of 8 or more earns +5 REP, below 3 costs -10 REP.
contract QualityScoring is Governed {
    bytes32 public constant COUNCIL = keccak256("COUNCIL");

    uint256 public constant DIMENSIONS = 5;
    /// Weights of thoroughness, constructiveness, technical accuracy, timeliness, clarity, in percent.
    uint8[5] public weights = [25, 25, 20, 15, 15];
    uint8 public panelSize = 3;
    /// REP a non-council meta-reviewer needs (the Tier 3 of ZIP-604 3.2).
    uint256 public tier3MinReputation = 150;

    uint256 public constant REP_QUALITY_BONUS = 5;
    uint256 public constant REP_LOW_QUALITY = 10;

    struct Quality {
        uint8[5] medians;
        uint8 overall;
        uint64 scoredAt;
    }

    ReviewHub public immutable hub;
    ReputationStaking public immutable reputation;
    IMetaReviewPayer public payer;

    mapping(bytes32 => uint8[5][]) private panelScores;
    mapping(bytes32 => mapping(address => bool)) public hasScored;
    mapping(bytes32 => Quality) private qualities;
    mapping(address => uint256) public scoreSum;
    mapping(address => uint256) public scoredCount;

    event MetaReviewSubmitted(bytes32 indexed reviewId, address indexed metaReviewer, uint8[5] dimensions);
    event QualityScored(bytes32 indexed reviewId, uint256 indexed proposalId, address indexed reviewer, uint8[5] medians, uint8 overall);

    error NotEligibleMetaReviewer(bytes32 reviewId, address account);
    error AlreadyScored(bytes32 reviewId, address account);
    error PanelComplete(bytes32 reviewId);
    error ReviewNotRevealed(bytes32 reviewId);
    error DimensionOutOfRange(uint256 index, uint8 value);
    error LengthMismatch();

    constructor(address governance, ReviewHub hub_, ReputationStaking reputation_) Governed(governance) {
        hub = hub_;
        reputation = reputation_;
    }

    function setPayer(IMetaReviewPayer payer_) external onlyRole(GOVERNANCE) {
        payer = payer_;
    }

    function setPanel(uint8 size, uint256 tier3Min) external onlyRole(GOVERNANCE) {
        if (size == 0 || size % 2 == 0 || size > 9) revert InvalidParameter("panelSize");
        panelSize = size;
        tier3MinReputation = tier3Min;
    }

    function submitMetaReview(bytes32 reviewId, uint8[5] calldata dims) public {
        ReviewHub.Review memory review = hub.getReview(reviewId);
        if (review.status != ReviewHub.ReviewStatus.Revealed) revert ReviewNotRevealed(reviewId);
        if (!_eligible(review.proposalId, msg.sender)) revert NotEligibleMetaReviewer(reviewId, msg.sender);
        if (hasScored[reviewId][msg.sender]) revert AlreadyScored(reviewId, msg.sender);
        uint8[5][] storage panel = panelScores[reviewId];
        if (panel.length >= panelSize) revert PanelComplete(reviewId);
        for (uint256 d = 0; d < DIMENSIONS; d++) {
            if (dims[d] < 1 || dims[d] > 10) revert DimensionOutOfRange(d, dims[d]);
        }
        hasScored[reviewId][msg.sender] = true;
        panel.push(dims);
        emit MetaReviewSubmitted(reviewId, msg.sender, dims);
        if (address(payer) != address(0)) payer.payMetaReview(msg.sender, reviewId);
        if (panel.length == panelSize) _finalize(reviewId, review);
    }

    /// Scores several reviews in one transaction (a meta-reviewer usually scores a whole panel).
    function submitMetaReviews(bytes32[] calldata reviewIds, uint8[5][] calldata dims) external {
        if (reviewIds.length != dims.length) revert LengthMismatch();
        for (uint256 i = 0; i < reviewIds.length; i++) submitMetaReview(reviewIds[i], dims[i]);
    }

    /// The weighted composite of five medians, rounded half up; always within 1..10.
    function composite(uint8[5] memory medians) public view returns (uint8) {
        uint256 sum = 0;
        for (uint256 d = 0; d < DIMENSIONS; d++) sum += uint256(medians[d]) * weights[d];
        return uint8((sum + 50) / 100);
    }

    function getReviewScore(bytes32 reviewId) external view returns (uint8) {
        return qualities[reviewId].overall;
    }

    function getQuality(bytes32 reviewId) external view returns (Quality memory) {
        return qualities[reviewId];
    }

    function getReviewerAverageScore(address reviewer) external view returns (uint8) {
        uint256 n = scoredCount[reviewer];
        return n == 0 ? 0 : uint8((scoreSum[reviewer] + n / 2) / n);
    }

    function panelCount(bytes32 reviewId) external view returns (uint256) {
        return panelScores[reviewId].length;
    }

    /// Council members, or active Tier 3 reviewers; in both cases not assigned to the proposal, or a
    /// council member on the review panel could score their own review (+5 REP, a larger payment).
    function _eligible(uint256 proposalId, address account) private view returns (bool) {
        if (hub.getReview(hub.reviewIdOf(proposalId, account)).status != ReviewHub.ReviewStatus.None) return false;
        if (hasRole[COUNCIL][account]) return true;
        return reputation.isActive(account) && reputation.getReputation(account) >= tier3MinReputation;
    }

    function _finalize(bytes32 reviewId, ReviewHub.Review memory review) private {
        uint8[5][] storage panel = panelScores[reviewId];
        uint8[5] memory medians;
        uint8[] memory column = new uint8[](panel.length);
        for (uint256 d = 0; d < DIMENSIONS; d++) {
            for (uint256 m = 0; m < panel.length; m++) column[m] = panel[m][d];
            medians[d] = _median(column);
        }
        uint8 overall = composite(medians);
        qualities[reviewId] = Quality(medians, overall, uint64(block.timestamp));
        scoreSum[review.reviewer] += overall;
        scoredCount[review.reviewer] += 1;
        emit QualityScored(reviewId, review.proposalId, review.reviewer, medians, overall);
        if (overall >= 8) {
            reputation.reward(review.reviewer, ReputationStaking.Reason.QualityBonus, REP_QUALITY_BONUS, reviewId);
        } else if (overall < 3) {
            reputation.penalize(review.reviewer, ReputationStaking.Reason.LowQuality, REP_LOW_QUALITY, reviewId);
        }
    }

    /// Median of an odd-sized list (insertion sort: panels hold at most nine scores).
    function _median(uint8[] memory values) private pure returns (uint8) {
        for (uint256 i = 1; i < values.length; i++) {
            uint8 v = values[i];
            uint256 j = i;
            while (j > 0 && values[j - 1] > v) {
                values[j] = values[j - 1];
                j--;
            }
            values[j] = v;
        }
        return values[values.length / 2];
    }
}

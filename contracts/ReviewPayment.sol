// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "./Governed.sol";
import {ReviewHub} from "./ReviewHub.sol";
import {QualityScoring} from "./QualityScoring.sol";
import {ReputationStaking} from "./ReputationStaking.sol";

interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function balanceOf(address account) external view returns (uint256);
}

/// @notice Reviewer compensation in ZOO from the research treasury this contract holds (ZIP-604
/// section 5): base payment plus a bonus per quality point above 5, capped, claimable once the
/// review's dispute window has closed; meta-reviews are paid a flat 3 ZOO.
contract ReviewPayment is Governed {
    enum Kind { Review, MetaReview }

    struct Rate {
        uint256 base;
        uint256 bonusPerPoint;
        uint256 maximum;
    }

    IERC20 public immutable token;
    ReviewHub public immutable hub;
    QualityScoring public immutable scoring;
    ReputationStaking public immutable reputation;

    /// Standard, expedited, expert (table 5.1), in token units (18 decimals).
    Rate[3] public rates;
    uint256 public metaReviewPayment = 3 ether;

    mapping(bytes32 => bool) public claimed;
    mapping(address => uint256) public earnings;

    event PaymentMade(address indexed recipient, bytes32 indexed reviewId, Kind indexed kind, uint256 amount);

    error NotTheReviewer(bytes32 reviewId, address caller);
    error NotPayable(bytes32 reviewId, ReviewHub.ReviewStatus status);
    error NotScored(bytes32 reviewId);
    error DisputeWindowOpen(bytes32 reviewId, uint64 closesAt);
    error AlreadyClaimed(bytes32 reviewId);
    error TreasuryEmpty(uint256 balance, uint256 needed);

    constructor(address governance, IERC20 token_, ReviewHub hub_, QualityScoring scoring_, ReputationStaking reputation_)
        Governed(governance)
    {
        token = token_;
        hub = hub_;
        scoring = scoring_;
        reputation = reputation_;
        rates[0] = Rate(5 ether, 0.5 ether, 7.5 ether);
        rates[1] = Rate(10 ether, 1 ether, 15 ether);
        rates[2] = Rate(15 ether, 1.5 ether, 22.5 ether);
    }

    /// What a review earns: base + bonus * (quality - 5) when quality exceeds 5, never above the cap.
    function calculatePayment(bytes32 reviewId) public view returns (uint256) {
        ReviewHub.Review memory review = hub.getReview(reviewId);
        Rate memory rate = rates[uint8(hub.getProposal(review.proposalId).reviewType)];
        uint8 quality = scoring.getReviewScore(reviewId);
        uint256 amount = rate.base;
        if (quality > 5) amount += rate.bonusPerPoint * (quality - 5);
        return amount > rate.maximum ? rate.maximum : amount;
    }

    function claimPayment(bytes32 reviewId) external {
        ReviewHub.Review memory review = hub.getReview(reviewId);
        if (review.reviewer != msg.sender) revert NotTheReviewer(reviewId, msg.sender);
        if (review.status != ReviewHub.ReviewStatus.Revealed) revert NotPayable(reviewId, review.status);
        if (scoring.getReviewScore(reviewId) == 0) revert NotScored(reviewId);
        (,, uint64 unlockAt,) = reputation.stakes(reviewId);
        if (block.timestamp < unlockAt || review.appealOpen) revert DisputeWindowOpen(reviewId, unlockAt);
        if (claimed[reviewId]) revert AlreadyClaimed(reviewId);
        claimed[reviewId] = true;
        _pay(msg.sender, reviewId, Kind.Review, calculatePayment(reviewId));
    }

    function payMetaReview(address metaReviewer, bytes32 reviewId) external onlyRole(MODULE) {
        _pay(metaReviewer, reviewId, Kind.MetaReview, metaReviewPayment);
    }

    function getReviewerEarnings(address reviewer) external view returns (uint256) {
        return earnings[reviewer];
    }

    function _pay(address to, bytes32 reviewId, Kind kind, uint256 amount) private {
        uint256 balance = token.balanceOf(address(this));
        if (balance < amount) revert TreasuryEmpty(balance, amount);
        earnings[to] += amount;
        token.transfer(to, amount);
        emit PaymentMade(to, reviewId, kind, amount);
    }
}

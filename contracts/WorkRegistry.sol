// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "./Governed.sol";

/// @notice Published works and their author accounts. Reviews cite works by id, which is what lets
/// citation analysis tell a reviewer's self-citations from ordinary ones; co-authorship also
/// serves as a conflict-of-interest check at assignment.
contract WorkRegistry is Governed {
    struct Work {
        bytes32 contentHash;
        uint64 registeredAt;
        address registrant;
    }

    uint256 public constant MAX_AUTHORS = 32;
    uint256 public workCount;
    mapping(uint256 => Work) public works;
    mapping(uint256 => address[]) private authorsOf;
    mapping(uint256 => mapping(address => bool)) public isAuthor;
    mapping(address => mapping(address => bool)) public isCoauthor;

    event WorkRegistered(uint256 indexed workId, address indexed registrant, address[] authors, bytes32 contentHash, string title);

    error NoAuthors();
    error TooManyAuthors(uint256 count, uint256 max);
    error NotAnAuthor(address account);
    error DuplicateAuthor(address account);

    constructor(address governance) Governed(governance) {}

    /// Registers a work. The caller must be one of its authors, or governance (bulk import).
    function registerWork(address[] calldata authors, bytes32 contentHash, string calldata title)
        external
        returns (uint256 workId)
    {
        if (authors.length == 0) revert NoAuthors();
        if (authors.length > MAX_AUTHORS) revert TooManyAuthors(authors.length, MAX_AUTHORS);
        workId = ++workCount;
        bool callerIsAuthor = false;
        for (uint256 i = 0; i < authors.length; i++) {
            address a = authors[i];
            if (isAuthor[workId][a]) revert DuplicateAuthor(a);
            isAuthor[workId][a] = true;
            authorsOf[workId].push(a);
            if (a == msg.sender) callerIsAuthor = true;
            for (uint256 j = 0; j < i; j++) {
                isCoauthor[a][authors[j]] = true;
                isCoauthor[authors[j]][a] = true;
            }
        }
        if (!callerIsAuthor && !hasRole[GOVERNANCE][msg.sender]) revert NotAnAuthor(msg.sender);
        works[workId] = Work(contentHash, uint64(block.timestamp), msg.sender);
        emit WorkRegistered(workId, msg.sender, authors, contentHash, title);
    }

    function exists(uint256 workId) external view returns (bool) {
        return workId != 0 && workId <= workCount;
    }

    function getAuthors(uint256 workId) external view returns (address[] memory) {
        return authorsOf[workId];
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Role-based access shared by every protocol module. GOVERNANCE (the deployer on a
/// devnet, the governance multisig in ZIP-604 section 8) grants and revokes every other role.
abstract contract Governed {
    bytes32 public constant GOVERNANCE = keccak256("GOVERNANCE");
    /// Contracts of the protocol that may call another module's restricted functions.
    bytes32 public constant MODULE = keccak256("MODULE");

    mapping(bytes32 => mapping(address => bool)) public hasRole;

    event RoleGranted(bytes32 indexed role, address indexed account);
    event RoleRevoked(bytes32 indexed role, address indexed account);

    error Unauthorized(bytes32 role, address account);
    error InvalidParameter(string name);

    constructor(address governance) {
        hasRole[GOVERNANCE][governance] = true;
        emit RoleGranted(GOVERNANCE, governance);
    }

    modifier onlyRole(bytes32 role) {
        if (!hasRole[role][msg.sender]) revert Unauthorized(role, msg.sender);
        _;
    }

    function grantRole(bytes32 role, address account) external onlyRole(GOVERNANCE) {
        hasRole[role][account] = true;
        emit RoleGranted(role, account);
    }

    function revokeRole(bytes32 role, address account) external onlyRole(GOVERNANCE) {
        hasRole[role][account] = false;
        emit RoleRevoked(role, account);
    }
}

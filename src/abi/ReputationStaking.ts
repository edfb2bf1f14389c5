import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    DomainsUpdated: event("0x7e8c4093328baf819518d9cbb2d8738cd99b5c100c7c0235fb331f1d00b8e65e", "DomainsUpdated(address,uint8[])", {"reviewer": indexed(p.address), "domains": p.array(p.uint8)}),
    ParametersChanged: event("0xb8a84d31e1f82b7ea251a473471957a05bec8ab0d4036d5edf3204a7c3790a17", "ParametersChanged(uint256,uint256,uint64,uint64)", {"decayBps": p.uint256, "minReputation": p.uint256, "collusionBan": p.uint64, "conflictBan": p.uint64}),
    RepChanged: event("0x2831467dc7f36a60b87e0be6866a44f4a9e3d6d3ddf49dc874678a1029028db0", "RepChanged(address,uint8,int256,uint256,bytes32)", {"reviewer": indexed(p.address), "reason": indexed(p.uint8), "delta": p.int256, "balance": p.uint256, "ref": p.bytes32}),
    ReviewerBanned: event("0x0a1dd295a129d131a7c297ef27788435729dfb68bcd3dfcc0c763c9bc2d712de", "ReviewerBanned(address,uint8,uint64,bool,bytes32)", {"reviewer": indexed(p.address), "reason": indexed(p.uint8), "until": p.uint64, "permanent": p.bool, "ref": p.bytes32}),
    ReviewerRegistered: event("0x0f3d8fadbbd867d8540bfd28402448f41e1465c66817a2848e1cc0afea69093f", "ReviewerRegistered(address,uint8[],uint256)", {"reviewer": indexed(p.address), "domains": p.array(p.uint8), "genesisRep": p.uint256}),
    RoleGranted: event("0x2ae6a113c0ed5b78a53413ffbb7679881f11145ccfba4fb92e863dfcd5a1d2f3", "RoleGranted(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    RoleRevoked: event("0x155aaafb6329a2098580462df33ec4b7441b19729b9601c5fc17ae1cf99a8a52", "RoleRevoked(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    StakeLocked: event("0xff88c0639dfd5805c28287efa83ab295ba188cb063cce13f32ee627dd07b50f0", "StakeLocked(address,bytes32,uint256)", {"reviewer": indexed(p.address), "reviewId": indexed(p.bytes32), "amount": p.uint256}),
    StakeReleased: event("0xfc2d9b93b83e1232818f893e0419179caf3822f647b27552cf59828e44caf538", "StakeReleased(address,bytes32,uint256)", {"reviewer": indexed(p.address), "reviewId": indexed(p.bytes32), "amount": p.uint256}),
    StakeUnlockScheduled: event("0xe811aae0cf20eaa510e1f0b59cbef37f3ee494c99a2a2b8bdfc7006c84431412", "StakeUnlockScheduled(address,bytes32,uint64)", {"reviewer": indexed(p.address), "reviewId": indexed(p.bytes32), "unlockAt": p.uint64}),
}

export const functions = {
    GOVERNANCE: viewFun("0x14627834", "GOVERNANCE()", {}, p.bytes32),
    MODULE: viewFun("0x094d3a34", "MODULE()", {}, p.bytes32),
    QUARTER: viewFun("0x038c0f77", "QUARTER()", {}, p.uint256),
    admitReviewer: fun("0x5be5e62e", "admitReviewer(address,uint8[],uint256)", {"reviewer": p.address, "domains": p.array(p.uint8), "genesisRep": p.uint256}, ),
    applyDecay: fun("0xb5cc515f", "applyDecay(address[])", {"accounts": p.array(p.address)}, ),
    collusionBan: viewFun("0xde1a30ad", "collusionBan()", {}, p.uint64),
    conflictBan: viewFun("0xf2004dd9", "conflictBan()", {}, p.uint64),
    decayBps: viewFun("0x23e0cf7a", "decayBps()", {}, p.uint256),
    getDomain: viewFun("0xd1766135", "getDomain(address)", {"reviewer": p.address}, p.array(p.uint8)),
    getLocked: viewFun("0xbc22fd1b", "getLocked(address)", {"reviewer": p.address}, p.uint256),
    getReputation: viewFun("0x9c89a0e2", "getReputation(address)", {"reviewer": p.address}, p.uint256),
    getReviewer: viewFun("0x8979d901", "getReviewer(address)", {"reviewer": p.address}, p.struct({"registered": p.bool, "permanentlyBanned": p.bool, "confirmedOffences": p.uint16, "registeredAt": p.uint64, "lastActivityAt": p.uint64, "decayAnchor": p.uint64, "bannedUntil": p.uint64, "reputation": p.uint256, "locked": p.uint256})),
    getStake: viewFun("0xcfd47663", "getStake(address,uint256)", {"reviewer": p.address, "proposalId": p.uint256}, p.uint256),
    grantRole: fun("0x2f2ff15d", "grantRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    hasDomain: viewFun("0x8cc98754", "hasDomain(address,uint8)", {"_0": p.address, "_1": p.uint8}, p.bool),
    hasRole: viewFun("0x91d14854", "hasRole(bytes32,address)", {"_0": p.bytes32, "_1": p.address}, p.bool),
    isActive: viewFun("0x9f8a13d7", "isActive(address)", {"reviewer": p.address}, p.bool),
    isRegistered: viewFun("0xc3c5a547", "isRegistered(address)", {"reviewer": p.address}, p.bool),
    lockStake: fun("0xc4902b5b", "lockStake(address,bytes32,uint256)", {"reviewer": p.address, "reviewId": p.bytes32, "amount": p.uint256}, ),
    minReputation: viewFun("0xef7f0ab6", "minReputation()", {}, p.uint256),
    penalize: fun("0x9ea990c5", "penalize(address,uint8,uint256,bytes32)", {"reviewer": p.address, "reason": p.uint8, "amount": p.uint256, "ref": p.bytes32}, ),
    punishCollusion: fun("0x17da0233", "punishCollusion(address,bytes32)", {"reviewer": p.address, "caseRef": p.bytes32}, ),
    punishConflictOfInterest: fun("0x6e9b51a4", "punishConflictOfInterest(address,bytes32)", {"reviewer": p.address, "ref": p.bytes32}, ),
    releaseStake: fun("0x1eb07614", "releaseStake(bytes32)", {"reviewId": p.bytes32}, ),
    revokeRole: fun("0xd547741f", "revokeRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    reward: fun("0xba6cc3a5", "reward(address,uint8,uint256,bytes32)", {"reviewer": p.address, "reason": p.uint8, "amount": p.uint256, "ref": p.bytes32}, ),
    scheduleUnlock: fun("0x0909016a", "scheduleUnlock(bytes32,uint64)", {"reviewId": p.bytes32, "unlockAt": p.uint64}, ),
    setDomains: fun("0x20181718", "setDomains(uint8[])", {"domains": p.array(p.uint8)}, ),
    setParameters: fun("0x3486ae66", "setParameters(uint256,uint256,uint64,uint64)", {"decayBps_": p.uint256, "minReputation_": p.uint256, "collusionBan_": p.uint64, "conflictBan_": p.uint64}, ),
    stakes: viewFun("0x8fee6407", "stakes(bytes32)", {"_0": p.bytes32}, {"reviewer": p.address, "amount": p.uint96, "unlockAt": p.uint64, "released": p.bool}),
}

export class Contract extends ContractBase {

    GOVERNANCE() {
        return this.eth_call(functions.GOVERNANCE, {})
    }

    MODULE() {
        return this.eth_call(functions.MODULE, {})
    }

    QUARTER() {
        return this.eth_call(functions.QUARTER, {})
    }

    collusionBan() {
        return this.eth_call(functions.collusionBan, {})
    }

    conflictBan() {
        return this.eth_call(functions.conflictBan, {})
    }

    decayBps() {
        return this.eth_call(functions.decayBps, {})
    }

    getDomain(reviewer: GetDomainParams["reviewer"]) {
        return this.eth_call(functions.getDomain, {reviewer})
    }

    getLocked(reviewer: GetLockedParams["reviewer"]) {
        return this.eth_call(functions.getLocked, {reviewer})
    }

    getReputation(reviewer: GetReputationParams["reviewer"]) {
        return this.eth_call(functions.getReputation, {reviewer})
    }

    getReviewer(reviewer: GetReviewerParams["reviewer"]) {
        return this.eth_call(functions.getReviewer, {reviewer})
    }

    getStake(reviewer: GetStakeParams["reviewer"], proposalId: GetStakeParams["proposalId"]) {
        return this.eth_call(functions.getStake, {reviewer, proposalId})
    }

    hasDomain(_0: HasDomainParams["_0"], _1: HasDomainParams["_1"]) {
        return this.eth_call(functions.hasDomain, {_0, _1})
    }

    hasRole(_0: HasRoleParams["_0"], _1: HasRoleParams["_1"]) {
        return this.eth_call(functions.hasRole, {_0, _1})
    }

    isActive(reviewer: IsActiveParams["reviewer"]) {
        return this.eth_call(functions.isActive, {reviewer})
    }

    isRegistered(reviewer: IsRegisteredParams["reviewer"]) {
        return this.eth_call(functions.isRegistered, {reviewer})
    }

    minReputation() {
        return this.eth_call(functions.minReputation, {})
    }

    stakes(_0: StakesParams["_0"]) {
        return this.eth_call(functions.stakes, {_0})
    }
}

/// Event types
export type DomainsUpdatedEventArgs = EParams<typeof events.DomainsUpdated>
export type ParametersChangedEventArgs = EParams<typeof events.ParametersChanged>
export type RepChangedEventArgs = EParams<typeof events.RepChanged>
export type ReviewerBannedEventArgs = EParams<typeof events.ReviewerBanned>
export type ReviewerRegisteredEventArgs = EParams<typeof events.ReviewerRegistered>
export type RoleGrantedEventArgs = EParams<typeof events.RoleGranted>
export type RoleRevokedEventArgs = EParams<typeof events.RoleRevoked>
export type StakeLockedEventArgs = EParams<typeof events.StakeLocked>
export type StakeReleasedEventArgs = EParams<typeof events.StakeReleased>
export type StakeUnlockScheduledEventArgs = EParams<typeof events.StakeUnlockScheduled>

/// Function types
export type GOVERNANCEParams = FunctionArguments<typeof functions.GOVERNANCE>
export type GOVERNANCEReturn = FunctionReturn<typeof functions.GOVERNANCE>

export type MODULEParams = FunctionArguments<typeof functions.MODULE>
export type MODULEReturn = FunctionReturn<typeof functions.MODULE>

export type QUARTERParams = FunctionArguments<typeof functions.QUARTER>
export type QUARTERReturn = FunctionReturn<typeof functions.QUARTER>

export type AdmitReviewerParams = FunctionArguments<typeof functions.admitReviewer>
export type AdmitReviewerReturn = FunctionReturn<typeof functions.admitReviewer>

export type ApplyDecayParams = FunctionArguments<typeof functions.applyDecay>
export type ApplyDecayReturn = FunctionReturn<typeof functions.applyDecay>

export type CollusionBanParams = FunctionArguments<typeof functions.collusionBan>
export type CollusionBanReturn = FunctionReturn<typeof functions.collusionBan>

export type ConflictBanParams = FunctionArguments<typeof functions.conflictBan>
export type ConflictBanReturn = FunctionReturn<typeof functions.conflictBan>

export type DecayBpsParams = FunctionArguments<typeof functions.decayBps>
export type DecayBpsReturn = FunctionReturn<typeof functions.decayBps>

export type GetDomainParams = FunctionArguments<typeof functions.getDomain>
export type GetDomainReturn = FunctionReturn<typeof functions.getDomain>

export type GetLockedParams = FunctionArguments<typeof functions.getLocked>
export type GetLockedReturn = FunctionReturn<typeof functions.getLocked>

export type GetReputationParams = FunctionArguments<typeof functions.getReputation>
export type GetReputationReturn = FunctionReturn<typeof functions.getReputation>

export type GetReviewerParams = FunctionArguments<typeof functions.getReviewer>
export type GetReviewerReturn = FunctionReturn<typeof functions.getReviewer>

export type GetStakeParams = FunctionArguments<typeof functions.getStake>
export type GetStakeReturn = FunctionReturn<typeof functions.getStake>

export type GrantRoleParams = FunctionArguments<typeof functions.grantRole>
export type GrantRoleReturn = FunctionReturn<typeof functions.grantRole>

export type HasDomainParams = FunctionArguments<typeof functions.hasDomain>
export type HasDomainReturn = FunctionReturn<typeof functions.hasDomain>

export type HasRoleParams = FunctionArguments<typeof functions.hasRole>
export type HasRoleReturn = FunctionReturn<typeof functions.hasRole>

export type IsActiveParams = FunctionArguments<typeof functions.isActive>
export type IsActiveReturn = FunctionReturn<typeof functions.isActive>

export type IsRegisteredParams = FunctionArguments<typeof functions.isRegistered>
export type IsRegisteredReturn = FunctionReturn<typeof functions.isRegistered>

export type LockStakeParams = FunctionArguments<typeof functions.lockStake>
export type LockStakeReturn = FunctionReturn<typeof functions.lockStake>

export type MinReputationParams = FunctionArguments<typeof functions.minReputation>
export type MinReputationReturn = FunctionReturn<typeof functions.minReputation>

export type PenalizeParams = FunctionArguments<typeof functions.penalize>
export type PenalizeReturn = FunctionReturn<typeof functions.penalize>

export type PunishCollusionParams = FunctionArguments<typeof functions.punishCollusion>
export type PunishCollusionReturn = FunctionReturn<typeof functions.punishCollusion>

export type PunishConflictOfInterestParams = FunctionArguments<typeof functions.punishConflictOfInterest>
export type PunishConflictOfInterestReturn = FunctionReturn<typeof functions.punishConflictOfInterest>

export type ReleaseStakeParams = FunctionArguments<typeof functions.releaseStake>
export type ReleaseStakeReturn = FunctionReturn<typeof functions.releaseStake>

export type RevokeRoleParams = FunctionArguments<typeof functions.revokeRole>
export type RevokeRoleReturn = FunctionReturn<typeof functions.revokeRole>

export type RewardParams = FunctionArguments<typeof functions.reward>
export type RewardReturn = FunctionReturn<typeof functions.reward>

export type ScheduleUnlockParams = FunctionArguments<typeof functions.scheduleUnlock>
export type ScheduleUnlockReturn = FunctionReturn<typeof functions.scheduleUnlock>

export type SetDomainsParams = FunctionArguments<typeof functions.setDomains>
export type SetDomainsReturn = FunctionReturn<typeof functions.setDomains>

export type SetParametersParams = FunctionArguments<typeof functions.setParameters>
export type SetParametersReturn = FunctionReturn<typeof functions.setParameters>

export type StakesParams = FunctionArguments<typeof functions.stakes>
export type StakesReturn = FunctionReturn<typeof functions.stakes>


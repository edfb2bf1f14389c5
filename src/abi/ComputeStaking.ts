import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Heartbeat: event("0x72382836110f8dba15205d0508ec794c885dfa0cf8e4a75f68386f14e19ecdc1", "Heartbeat(address,uint64)", {"provider": indexed(p.address), "epoch": indexed(p.uint64)}),
    Jailed: event("0x2ab40b794f0a2654a844105f10440b379a3156e9b82d904a79ae17602100ada3", "Jailed(address,uint8,uint64)", {"provider": indexed(p.address), "reason": indexed(p.uint8), "until": p.uint64}),
    ProviderRegistered: event("0x75a4a2cc91524e3ee5049b7e2eafd7277650065acd6f1795566b43a191a1af96", "ProviderRegistered(address,uint256,uint64)", {"provider": indexed(p.address), "stake": p.uint256, "epoch": p.uint64}),
    ResourceTokenized: event("0xb5a4b201cf0941e694e07f2bb3270d1066b91f70ca4f3956c3fe25d60ada17ad", "ResourceTokenized(uint256,address,string,uint16,uint32,uint32)", {"tokenId": indexed(p.uint256), "provider": indexed(p.address), "gpuType": p.string, "gpuCount": p.uint16, "vcpus": p.uint32, "ramGb": p.uint32}),
    RewardPaid: event("0xed628e3ec7b38ee55438e2c8e1d3bd0a8625dc968f416b741c95b5e3ab0d7efe", "RewardPaid(address,uint8,uint256,bytes32)", {"recipient": indexed(p.address), "kind": indexed(p.uint8), "amount": p.uint256, "ref": p.bytes32}),
    RewardsFunded: event("0x17c4c73fe3b5d172ec864d377fb9e2323d3f90de65eed172cc20232b48ab2ae1", "RewardsFunded(address,uint256,uint256)", {"from": indexed(p.address), "amount": p.uint256, "reserve": p.uint256}),
    RoleGranted: event("0x2ae6a113c0ed5b78a53413ffbb7679881f11145ccfba4fb92e863dfcd5a1d2f3", "RoleGranted(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    RoleRevoked: event("0x155aaafb6329a2098580462df33ec4b7441b19729b9601c5fc17ae1cf99a8a52", "RoleRevoked(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    Slashed: event("0x7036eeddbb10187699dc3bb1afacb4111390751c016f5c7dcb62106309e1f9d3", "Slashed(address,uint8,uint256,uint256,uint256,bytes32)", {"account": indexed(p.address), "reason": indexed(p.uint8), "amount": p.uint256, "bonded": p.uint256, "unbonding": p.uint256, "ref": p.bytes32}),
    StakeAdded: event("0x270d6dd254edd1d985c81cf7861b8f28fb06b6d719df04d90464034d43412440", "StakeAdded(address,uint256,uint256)", {"account": indexed(p.address), "amount": p.uint256, "bonded": p.uint256}),
    Tombstoned: event("0x9832ec5a24ffe17d5cfe761962f3fe3779b83352760b36da7e138952c156b876", "Tombstoned(address,bytes32)", {"provider": indexed(p.address), "ref": p.bytes32}),
    UnbondedWithdrawn: event("0xcbc44d4d5c56c5819511ea9e51bb72727a8fcdd6aa5f808e86422b70710bc3e8", "UnbondedWithdrawn(address,uint256)", {"account": indexed(p.address), "amount": p.uint256}),
    UnbondingStarted: event("0x885d5a22b0b1ca8d02e79fecc3c7a8b47719ae8fe4dcde83080205a1002408ff", "UnbondingStarted(address,uint256,uint256,uint256,uint64)", {"account": indexed(p.address), "amount": p.uint256, "bonded": p.uint256, "unbonding": p.uint256, "releaseAt": p.uint64}),
    Unjailed: event("0xfa5039497ad9ba11f0eb5239b2614e925541bbcc0cf3476dd68e1927c86d33ff", "Unjailed(address)", {"provider": indexed(p.address)}),
    VerifierRegistered: event("0xfb2e829e4bc15fe27e8edc7867b80b41e2faccddb095a6a1bd0a9935769287bf", "VerifierRegistered(address,uint256,uint64)", {"verifier": indexed(p.address), "stake": p.uint256, "epoch": p.uint64}),
}

export const functions = {
    GOVERNANCE: viewFun("0x14627834", "GOVERNANCE()", {}, p.bytes32),
    MODULE: viewFun("0x094d3a34", "MODULE()", {}, p.bytes32),
    addResource: fun("0x53a1ef08", "addResource(string,uint16,uint32,uint32)", {"gpuType": p.string, "gpuCount": p.uint16, "vcpus": p.uint32, "ramGb": p.uint32}, p.uint256),
    addStake: fun("0xeb4f16b5", "addStake(uint256)", {"amount": p.uint256}, ),
    beginUnbonding: fun("0x56311bda", "beginUnbonding(uint256)", {"amount": p.uint256}, ),
    currentEpoch: viewFun("0x76671808", "currentEpoch()", {}, p.uint64),
    doubleSignReported: viewFun("0x223053c0", "doubleSignReported(address,bytes32)", {"_0": p.address, "_1": p.bytes32}, p.bool),
    enforceLiveness: fun("0x8e6b5e9f", "enforceLiveness(address,uint64)", {"provider": p.address, "windowEnd": p.uint64}, ),
    epochLength: viewFun("0x57d775f8", "epochLength()", {}, p.uint64),
    epochRewardBps: viewFun("0x4f17e3bb", "epochRewardBps()", {}, p.uint16),
    fundRewards: fun("0x93707a19", "fundRewards(uint256)", {"amount": p.uint256}, ),
    genesisTime: viewFun("0x42c6498a", "genesisTime()", {}, p.uint64),
    getAccount: viewFun("0xfbcbc0f1", "getAccount(address)", {"account": p.address}, p.struct({"kind": p.uint8, "tombstoned": p.bool, "registeredEpoch": p.uint64, "jailedUntil": p.uint64, "unbondingReleaseAt": p.uint64, "livenessFloorEpoch": p.uint64, "bonded": p.uint256, "unbonding": p.uint256})),
    grantRole: fun("0x2f2ff15d", "grantRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    hasRole: viewFun("0x91d14854", "hasRole(bytes32,address)", {"_0": p.bytes32, "_1": p.address}, p.bool),
    heartbeat: fun("0x3defb962", "heartbeat()", {}, ),
    heartbeatAt: viewFun("0xaba3a1fb", "heartbeatAt(address,uint64)", {"_0": p.address, "_1": p.uint64}, p.bool),
    isActiveProvider: viewFun("0x9b5e1a3b", "isActiveProvider(address)", {"provider": p.address}, p.bool),
    jailDuration: viewFun("0x87c6380e", "jailDuration()", {}, p.uint64),
    livenessWindow: viewFun("0x15c97887", "livenessWindow()", {}, p.uint64),
    minProviderStake: viewFun("0x409af248", "minProviderStake()", {}, p.uint256),
    minSignedPerWindow: viewFun("0xbe657282", "minSignedPerWindow()", {}, p.uint64),
    minVerifierStake: viewFun("0x7c594964", "minVerifierStake()", {}, p.uint256),
    registerProvider: fun("0x900783aa", "registerProvider(uint256,string,uint16,uint32,uint32)", {"stake": p.uint256, "gpuType": p.string, "gpuCount": p.uint16, "vcpus": p.uint32, "ramGb": p.uint32}, p.uint256),
    registerVerifier: fun("0x4e9e7c68", "registerVerifier(uint256)", {"stake": p.uint256}, ),
    reportDoubleSign: fun("0x1ae4a179", "reportDoubleSign(address,bytes32,bytes32,bytes,bytes32,bytes)", {"provider": p.address, "taskId": p.bytes32, "resultA": p.bytes32, "sigA": p.bytes, "resultB": p.bytes32, "sigB": p.bytes}, ),
    resourceCount: viewFun("0x0a3fa24a", "resourceCount()", {}, p.uint256),
    resources: viewFun("0x244d6daa", "resources(uint256)", {"_0": p.uint256}, {"provider": p.address, "gpuCount": p.uint16, "vcpus": p.uint32, "ramGb": p.uint32, "gpuType": p.string}),
    resultDigest: viewFun("0x38caffd4", "resultDigest(bytes32,bytes32)", {"taskId": p.bytes32, "resultHash": p.bytes32}, p.bytes32),
    revokeRole: fun("0xd547741f", "revokeRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    rewardReserve: viewFun("0xcab64bcd", "rewardReserve()", {}, p.uint256),
    setLiveness: fun("0xd4575ce3", "setLiveness(uint64,uint64,uint64)", {"window": p.uint64, "minSigned": p.uint64, "jail": p.uint64}, ),
    setSlashRates: fun("0x4c8fa44d", "setSlashRates(uint16[5])", {"bps": p.fixedSizeArray(p.uint16, 5)}, ),
    setTaskMarket: fun("0x208e4892", "setTaskMarket(address)", {"market": p.address}, ),
    slash: fun("0x81912763", "slash(address,uint8,bytes32,address,uint16)", {"account": p.address, "reason": p.uint8, "ref": p.bytes32, "beneficiary": p.address, "beneficiaryBps": p.uint16}, p.uint256),
    slashBps: viewFun("0xa7e8a308", "slashBps(uint256)", {"_0": p.uint256}, p.uint16),
    slashedTotal: viewFun("0x65fb54aa", "slashedTotal()", {}, p.uint256),
    taskMarket: viewFun("0xc01aca0d", "taskMarket()", {}, p.address),
    token: viewFun("0xfc0c546a", "token()", {}, p.address),
    unbondingPeriod: viewFun("0x6cf6d675", "unbondingPeriod()", {}, p.uint64),
    unjail: fun("0xf679d305", "unjail()", {}, ),
    verifierWeight: viewFun("0xa1371f9e", "verifierWeight(address)", {"verifier": p.address}, p.uint256),
    withdrawUnbonded: fun("0x6e373bef", "withdrawUnbonded()", {}, ),
}

export class Contract extends ContractBase {

    GOVERNANCE() {
        return this.eth_call(functions.GOVERNANCE, {})
    }

    MODULE() {
        return this.eth_call(functions.MODULE, {})
    }

    currentEpoch() {
        return this.eth_call(functions.currentEpoch, {})
    }

    doubleSignReported(_0: DoubleSignReportedParams["_0"], _1: DoubleSignReportedParams["_1"]) {
        return this.eth_call(functions.doubleSignReported, {_0, _1})
    }

    epochLength() {
        return this.eth_call(functions.epochLength, {})
    }

    epochRewardBps() {
        return this.eth_call(functions.epochRewardBps, {})
    }

    genesisTime() {
        return this.eth_call(functions.genesisTime, {})
    }

    getAccount(account: GetAccountParams["account"]) {
        return this.eth_call(functions.getAccount, {account})
    }

    hasRole(_0: HasRoleParams["_0"], _1: HasRoleParams["_1"]) {
        return this.eth_call(functions.hasRole, {_0, _1})
    }

    heartbeatAt(_0: HeartbeatAtParams["_0"], _1: HeartbeatAtParams["_1"]) {
        return this.eth_call(functions.heartbeatAt, {_0, _1})
    }

    isActiveProvider(provider: IsActiveProviderParams["provider"]) {
        return this.eth_call(functions.isActiveProvider, {provider})
    }

    jailDuration() {
        return this.eth_call(functions.jailDuration, {})
    }

    livenessWindow() {
        return this.eth_call(functions.livenessWindow, {})
    }

    minProviderStake() {
        return this.eth_call(functions.minProviderStake, {})
    }

    minSignedPerWindow() {
        return this.eth_call(functions.minSignedPerWindow, {})
    }

    minVerifierStake() {
        return this.eth_call(functions.minVerifierStake, {})
    }

    resourceCount() {
        return this.eth_call(functions.resourceCount, {})
    }

    resources(_0: ResourcesParams["_0"]) {
        return this.eth_call(functions.resources, {_0})
    }

    resultDigest(taskId: ResultDigestParams["taskId"], resultHash: ResultDigestParams["resultHash"]) {
        return this.eth_call(functions.resultDigest, {taskId, resultHash})
    }

    rewardReserve() {
        return this.eth_call(functions.rewardReserve, {})
    }

    slashBps(_0: SlashBpsParams["_0"]) {
        return this.eth_call(functions.slashBps, {_0})
    }

    slashedTotal() {
        return this.eth_call(functions.slashedTotal, {})
    }

    taskMarket() {
        return this.eth_call(functions.taskMarket, {})
    }

    token() {
        return this.eth_call(functions.token, {})
    }

    unbondingPeriod() {
        return this.eth_call(functions.unbondingPeriod, {})
    }

    verifierWeight(verifier: VerifierWeightParams["verifier"]) {
        return this.eth_call(functions.verifierWeight, {verifier})
    }
}

/// Event types
export type HeartbeatEventArgs = EParams<typeof events.Heartbeat>
export type JailedEventArgs = EParams<typeof events.Jailed>
export type ProviderRegisteredEventArgs = EParams<typeof events.ProviderRegistered>
export type ResourceTokenizedEventArgs = EParams<typeof events.ResourceTokenized>
export type RewardPaidEventArgs = EParams<typeof events.RewardPaid>
export type RewardsFundedEventArgs = EParams<typeof events.RewardsFunded>
export type RoleGrantedEventArgs = EParams<typeof events.RoleGranted>
export type RoleRevokedEventArgs = EParams<typeof events.RoleRevoked>
export type SlashedEventArgs = EParams<typeof events.Slashed>
export type StakeAddedEventArgs = EParams<typeof events.StakeAdded>
export type TombstonedEventArgs = EParams<typeof events.Tombstoned>
export type UnbondedWithdrawnEventArgs = EParams<typeof events.UnbondedWithdrawn>
export type UnbondingStartedEventArgs = EParams<typeof events.UnbondingStarted>
export type UnjailedEventArgs = EParams<typeof events.Unjailed>
export type VerifierRegisteredEventArgs = EParams<typeof events.VerifierRegistered>

/// Function types
export type GOVERNANCEParams = FunctionArguments<typeof functions.GOVERNANCE>
export type GOVERNANCEReturn = FunctionReturn<typeof functions.GOVERNANCE>

export type MODULEParams = FunctionArguments<typeof functions.MODULE>
export type MODULEReturn = FunctionReturn<typeof functions.MODULE>

export type AddResourceParams = FunctionArguments<typeof functions.addResource>
export type AddResourceReturn = FunctionReturn<typeof functions.addResource>

export type AddStakeParams = FunctionArguments<typeof functions.addStake>
export type AddStakeReturn = FunctionReturn<typeof functions.addStake>

export type BeginUnbondingParams = FunctionArguments<typeof functions.beginUnbonding>
export type BeginUnbondingReturn = FunctionReturn<typeof functions.beginUnbonding>

export type CurrentEpochParams = FunctionArguments<typeof functions.currentEpoch>
export type CurrentEpochReturn = FunctionReturn<typeof functions.currentEpoch>

export type DoubleSignReportedParams = FunctionArguments<typeof functions.doubleSignReported>
export type DoubleSignReportedReturn = FunctionReturn<typeof functions.doubleSignReported>

export type EnforceLivenessParams = FunctionArguments<typeof functions.enforceLiveness>
export type EnforceLivenessReturn = FunctionReturn<typeof functions.enforceLiveness>

export type EpochLengthParams = FunctionArguments<typeof functions.epochLength>
export type EpochLengthReturn = FunctionReturn<typeof functions.epochLength>

export type EpochRewardBpsParams = FunctionArguments<typeof functions.epochRewardBps>
export type EpochRewardBpsReturn = FunctionReturn<typeof functions.epochRewardBps>

export type FundRewardsParams = FunctionArguments<typeof functions.fundRewards>
export type FundRewardsReturn = FunctionReturn<typeof functions.fundRewards>

export type GenesisTimeParams = FunctionArguments<typeof functions.genesisTime>
export type GenesisTimeReturn = FunctionReturn<typeof functions.genesisTime>

export type GetAccountParams = FunctionArguments<typeof functions.getAccount>
export type GetAccountReturn = FunctionReturn<typeof functions.getAccount>

export type GrantRoleParams = FunctionArguments<typeof functions.grantRole>
export type GrantRoleReturn = FunctionReturn<typeof functions.grantRole>

export type HasRoleParams = FunctionArguments<typeof functions.hasRole>
export type HasRoleReturn = FunctionReturn<typeof functions.hasRole>

export type HeartbeatParams = FunctionArguments<typeof functions.heartbeat>
export type HeartbeatReturn = FunctionReturn<typeof functions.heartbeat>

export type HeartbeatAtParams = FunctionArguments<typeof functions.heartbeatAt>
export type HeartbeatAtReturn = FunctionReturn<typeof functions.heartbeatAt>

export type IsActiveProviderParams = FunctionArguments<typeof functions.isActiveProvider>
export type IsActiveProviderReturn = FunctionReturn<typeof functions.isActiveProvider>

export type JailDurationParams = FunctionArguments<typeof functions.jailDuration>
export type JailDurationReturn = FunctionReturn<typeof functions.jailDuration>

export type LivenessWindowParams = FunctionArguments<typeof functions.livenessWindow>
export type LivenessWindowReturn = FunctionReturn<typeof functions.livenessWindow>

export type MinProviderStakeParams = FunctionArguments<typeof functions.minProviderStake>
export type MinProviderStakeReturn = FunctionReturn<typeof functions.minProviderStake>

export type MinSignedPerWindowParams = FunctionArguments<typeof functions.minSignedPerWindow>
export type MinSignedPerWindowReturn = FunctionReturn<typeof functions.minSignedPerWindow>

export type MinVerifierStakeParams = FunctionArguments<typeof functions.minVerifierStake>
export type MinVerifierStakeReturn = FunctionReturn<typeof functions.minVerifierStake>

export type RegisterProviderParams = FunctionArguments<typeof functions.registerProvider>
export type RegisterProviderReturn = FunctionReturn<typeof functions.registerProvider>

export type RegisterVerifierParams = FunctionArguments<typeof functions.registerVerifier>
export type RegisterVerifierReturn = FunctionReturn<typeof functions.registerVerifier>

export type ReportDoubleSignParams = FunctionArguments<typeof functions.reportDoubleSign>
export type ReportDoubleSignReturn = FunctionReturn<typeof functions.reportDoubleSign>

export type ResourceCountParams = FunctionArguments<typeof functions.resourceCount>
export type ResourceCountReturn = FunctionReturn<typeof functions.resourceCount>

export type ResourcesParams = FunctionArguments<typeof functions.resources>
export type ResourcesReturn = FunctionReturn<typeof functions.resources>

export type ResultDigestParams = FunctionArguments<typeof functions.resultDigest>
export type ResultDigestReturn = FunctionReturn<typeof functions.resultDigest>

export type RevokeRoleParams = FunctionArguments<typeof functions.revokeRole>
export type RevokeRoleReturn = FunctionReturn<typeof functions.revokeRole>

export type RewardReserveParams = FunctionArguments<typeof functions.rewardReserve>
export type RewardReserveReturn = FunctionReturn<typeof functions.rewardReserve>

export type SetLivenessParams = FunctionArguments<typeof functions.setLiveness>
export type SetLivenessReturn = FunctionReturn<typeof functions.setLiveness>

export type SetSlashRatesParams = FunctionArguments<typeof functions.setSlashRates>
export type SetSlashRatesReturn = FunctionReturn<typeof functions.setSlashRates>

export type SetTaskMarketParams = FunctionArguments<typeof functions.setTaskMarket>
export type SetTaskMarketReturn = FunctionReturn<typeof functions.setTaskMarket>

export type SlashParams = FunctionArguments<typeof functions.slash>
export type SlashReturn = FunctionReturn<typeof functions.slash>

export type SlashBpsParams = FunctionArguments<typeof functions.slashBps>
export type SlashBpsReturn = FunctionReturn<typeof functions.slashBps>

export type SlashedTotalParams = FunctionArguments<typeof functions.slashedTotal>
export type SlashedTotalReturn = FunctionReturn<typeof functions.slashedTotal>

export type TaskMarketParams = FunctionArguments<typeof functions.taskMarket>
export type TaskMarketReturn = FunctionReturn<typeof functions.taskMarket>

export type TokenParams = FunctionArguments<typeof functions.token>
export type TokenReturn = FunctionReturn<typeof functions.token>

export type UnbondingPeriodParams = FunctionArguments<typeof functions.unbondingPeriod>
export type UnbondingPeriodReturn = FunctionReturn<typeof functions.unbondingPeriod>

export type UnjailParams = FunctionArguments<typeof functions.unjail>
export type UnjailReturn = FunctionReturn<typeof functions.unjail>

export type VerifierWeightParams = FunctionArguments<typeof functions.verifierWeight>
export type VerifierWeightReturn = FunctionReturn<typeof functions.verifierWeight>

export type WithdrawUnbondedParams = FunctionArguments<typeof functions.withdrawUnbonded>
export type WithdrawUnbondedReturn = FunctionReturn<typeof functions.withdrawUnbonded>


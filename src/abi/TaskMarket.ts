import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Attested: event("0x6bfe1e6a22117ceb6871b74f342bd3f26683a7849776a715e6c0ecb0a110f9ad", "Attested(uint256,address,uint256)", {"taskId": indexed(p.uint256), "verifier": indexed(p.address), "weight": p.uint256}),
    ChallengeResolved: event("0x4b0e96a56f95e64d74d9263188e813f7cb8c97ef26dd60871588233583a31a10", "ChallengeResolved(uint256,address,bool)", {"taskId": indexed(p.uint256), "challenger": indexed(p.address), "providerFaulty": p.bool}),
    Challenged: event("0xde12a18866411a4bcf89a3223fff95c6a45c68bf5b0b94d0c0d499c36f22184f", "Challenged(uint256,address,bytes32)", {"taskId": indexed(p.uint256), "verifier": indexed(p.address), "claimedResultHash": p.bytes32}),
    ResultSubmitted: event("0x801c5577d966c215e921eaddb5e703854633ca9247aa3212418439c2496c78f5", "ResultSubmitted(uint256,address,bytes32,uint64)", {"taskId": indexed(p.uint256), "provider": indexed(p.address), "resultHash": p.bytes32, "challengeDeadline": p.uint64}),
    RewardPaid: event("0xed628e3ec7b38ee55438e2c8e1d3bd0a8625dc968f416b741c95b5e3ab0d7efe", "RewardPaid(address,uint8,uint256,bytes32)", {"recipient": indexed(p.address), "kind": indexed(p.uint8), "amount": p.uint256, "ref": p.bytes32}),
    RoleGranted: event("0x2ae6a113c0ed5b78a53413ffbb7679881f11145ccfba4fb92e863dfcd5a1d2f3", "RoleGranted(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    RoleRevoked: event("0x155aaafb6329a2098580462df33ec4b7441b19729b9601c5fc17ae1cf99a8a52", "RoleRevoked(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    TaskAssigned: event("0x1e1240928b5fb579baca60a68f25347edb0e75de6623bd4a303f7df840283454", "TaskAssigned(uint256,address,uint64)", {"taskId": indexed(p.uint256), "provider": indexed(p.address), "deadline": p.uint64}),
    TaskCancelled: event("0xc6eacc3aa5b2aa77b5a826b832a804ca0b71830ec74f9aa57a15edd978c31ed6", "TaskCancelled(uint256)", {"taskId": indexed(p.uint256)}),
    TaskFinalized: event("0x6012b823aa5f5a346cb3165b7babf9b6492b1df31ae8a84928a36b29911974e2", "TaskFinalized(uint256,address,uint256,uint256)", {"taskId": indexed(p.uint256), "provider": indexed(p.address), "providerPayout": p.uint256, "verifierFees": p.uint256}),
    TaskMissed: event("0x44348afa59c8ccac99d2597dbacbb8f6f76b6cc5a86d3c99b49dc14f5ad24c56", "TaskMissed(uint256,address)", {"taskId": indexed(p.uint256), "provider": indexed(p.address)}),
    TaskSubmitted: event("0x100aabf6602f4c8443621ef152831a1ec61a41689cd3b3858feba87973c284c3", "TaskSubmitted(uint256,address,uint256,bytes32)", {"taskId": indexed(p.uint256), "client": indexed(p.address), "bid": p.uint256, "specHash": p.bytes32}),
}

export const functions = {
    ARBITER: viewFun("0x904cae5c", "ARBITER()", {}, p.bytes32),
    GOVERNANCE: viewFun("0x14627834", "GOVERNANCE()", {}, p.bytes32),
    MAX_ATTESTERS: viewFun("0xda771733", "MAX_ATTESTERS()", {}, p.uint256),
    MODULE: viewFun("0x094d3a34", "MODULE()", {}, p.bytes32),
    SCHEDULER: viewFun("0x99423d63", "SCHEDULER()", {}, p.bytes32),
    assignTask: fun("0x5293ee81", "assignTask(uint256,address)", {"taskId": p.uint256, "provider": p.address}, ),
    attest: fun("0x4af6ffc2", "attest(uint256)", {"taskId": p.uint256}, ),
    attestation: viewFun("0x241a9999", "attestation(uint256,address)", {"_0": p.uint256, "_1": p.address}, p.uint256),
    cancelTask: fun("0x7eec20a8", "cancelTask(uint256)", {"taskId": p.uint256}, ),
    challenge: fun("0x02b2f7c7", "challenge(uint256,bytes32)", {"taskId": p.uint256, "claimedResultHash": p.bytes32}, ),
    challengeWindow: viewFun("0x861a1412", "challengeWindow()", {}, p.uint64),
    challengerRewardBps: viewFun("0x1cf541d1", "challengerRewardBps()", {}, p.uint16),
    finalizeTask: fun("0x88488c33", "finalizeTask(uint256)", {"taskId": p.uint256}, ),
    getAttesters: viewFun("0x1f63b86f", "getAttesters(uint256)", {"taskId": p.uint256}, p.array(p.address)),
    getTask: viewFun("0x1d65e77e", "getTask(uint256)", {"taskId": p.uint256}, p.struct({"client": p.address, "provider": p.address, "status": p.uint8, "challengeRejected": p.bool, "deadline": p.uint64, "challengeDeadline": p.uint64, "challenger": p.address, "specHash": p.bytes32, "resultHash": p.bytes32, "bid": p.uint256, "attestedWeight": p.uint256})),
    grantRole: fun("0x2f2ff15d", "grantRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    hasRole: viewFun("0x91d14854", "hasRole(bytes32,address)", {"_0": p.bytes32, "_1": p.address}, p.bool),
    reportMissedTask: fun("0xefc76801", "reportMissedTask(uint256)", {"taskId": p.uint256}, ),
    resolveChallenge: fun("0x94a754e0", "resolveChallenge(uint256,bool)", {"taskId": p.uint256, "providerFaulty": p.bool}, ),
    revokeRole: fun("0xd547741f", "revokeRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    setTiming: fun("0x6fd05b56", "setTiming(uint64,uint64,uint16,uint16)", {"timeout": p.uint64, "window": p.uint64, "feeBps": p.uint16, "rewardBps": p.uint16}, ),
    staking: viewFun("0x4cf088d9", "staking()", {}, p.address),
    submitResult: fun("0xd2ee66cf", "submitResult(uint256,bytes32)", {"taskId": p.uint256, "resultHash": p.bytes32}, ),
    submitTask: fun("0x8a2cd6d9", "submitTask(bytes32,uint256)", {"specHash": p.bytes32, "bid": p.uint256}, p.uint256),
    taskCount: viewFun("0xb6cb58a5", "taskCount()", {}, p.uint256),
    taskTimeout: viewFun("0x9d5ef8a0", "taskTimeout()", {}, p.uint64),
    tasks: viewFun("0x8d977672", "tasks(uint256)", {"_0": p.uint256}, {"client": p.address, "provider": p.address, "status": p.uint8, "challengeRejected": p.bool, "deadline": p.uint64, "challengeDeadline": p.uint64, "challenger": p.address, "specHash": p.bytes32, "resultHash": p.bytes32, "bid": p.uint256, "attestedWeight": p.uint256}),
    token: viewFun("0xfc0c546a", "token()", {}, p.address),
    verifierFeeBps: viewFun("0x27df9965", "verifierFeeBps()", {}, p.uint16),
}

export class Contract extends ContractBase {

    ARBITER() {
        return this.eth_call(functions.ARBITER, {})
    }

    GOVERNANCE() {
        return this.eth_call(functions.GOVERNANCE, {})
    }

    MAX_ATTESTERS() {
        return this.eth_call(functions.MAX_ATTESTERS, {})
    }

    MODULE() {
        return this.eth_call(functions.MODULE, {})
    }

    SCHEDULER() {
        return this.eth_call(functions.SCHEDULER, {})
    }

    attestation(_0: AttestationParams["_0"], _1: AttestationParams["_1"]) {
        return this.eth_call(functions.attestation, {_0, _1})
    }

    challengeWindow() {
        return this.eth_call(functions.challengeWindow, {})
    }

    challengerRewardBps() {
        return this.eth_call(functions.challengerRewardBps, {})
    }

    getAttesters(taskId: GetAttestersParams["taskId"]) {
        return this.eth_call(functions.getAttesters, {taskId})
    }

    getTask(taskId: GetTaskParams["taskId"]) {
        return this.eth_call(functions.getTask, {taskId})
    }

    hasRole(_0: HasRoleParams["_0"], _1: HasRoleParams["_1"]) {
        return this.eth_call(functions.hasRole, {_0, _1})
    }

    staking() {
        return this.eth_call(functions.staking, {})
    }

    taskCount() {
        return this.eth_call(functions.taskCount, {})
    }

    taskTimeout() {
        return this.eth_call(functions.taskTimeout, {})
    }

    tasks(_0: TasksParams["_0"]) {
        return this.eth_call(functions.tasks, {_0})
    }

    token() {
        return this.eth_call(functions.token, {})
    }

    verifierFeeBps() {
        return this.eth_call(functions.verifierFeeBps, {})
    }
}

/// Event types
export type AttestedEventArgs = EParams<typeof events.Attested>
export type ChallengeResolvedEventArgs = EParams<typeof events.ChallengeResolved>
export type ChallengedEventArgs = EParams<typeof events.Challenged>
export type ResultSubmittedEventArgs = EParams<typeof events.ResultSubmitted>
export type RewardPaidEventArgs = EParams<typeof events.RewardPaid>
export type RoleGrantedEventArgs = EParams<typeof events.RoleGranted>
export type RoleRevokedEventArgs = EParams<typeof events.RoleRevoked>
export type TaskAssignedEventArgs = EParams<typeof events.TaskAssigned>
export type TaskCancelledEventArgs = EParams<typeof events.TaskCancelled>
export type TaskFinalizedEventArgs = EParams<typeof events.TaskFinalized>
export type TaskMissedEventArgs = EParams<typeof events.TaskMissed>
export type TaskSubmittedEventArgs = EParams<typeof events.TaskSubmitted>

/// Function types
export type ARBITERParams = FunctionArguments<typeof functions.ARBITER>
export type ARBITERReturn = FunctionReturn<typeof functions.ARBITER>

export type GOVERNANCEParams = FunctionArguments<typeof functions.GOVERNANCE>
export type GOVERNANCEReturn = FunctionReturn<typeof functions.GOVERNANCE>

export type MAX_ATTESTERSParams = FunctionArguments<typeof functions.MAX_ATTESTERS>
export type MAX_ATTESTERSReturn = FunctionReturn<typeof functions.MAX_ATTESTERS>

export type MODULEParams = FunctionArguments<typeof functions.MODULE>
export type MODULEReturn = FunctionReturn<typeof functions.MODULE>

export type SCHEDULERParams = FunctionArguments<typeof functions.SCHEDULER>
export type SCHEDULERReturn = FunctionReturn<typeof functions.SCHEDULER>

export type AssignTaskParams = FunctionArguments<typeof functions.assignTask>
export type AssignTaskReturn = FunctionReturn<typeof functions.assignTask>

export type AttestParams = FunctionArguments<typeof functions.attest>
export type AttestReturn = FunctionReturn<typeof functions.attest>

export type AttestationParams = FunctionArguments<typeof functions.attestation>
export type AttestationReturn = FunctionReturn<typeof functions.attestation>

export type CancelTaskParams = FunctionArguments<typeof functions.cancelTask>
export type CancelTaskReturn = FunctionReturn<typeof functions.cancelTask>

export type ChallengeParams = FunctionArguments<typeof functions.challenge>
export type ChallengeReturn = FunctionReturn<typeof functions.challenge>

export type ChallengeWindowParams = FunctionArguments<typeof functions.challengeWindow>
export type ChallengeWindowReturn = FunctionReturn<typeof functions.challengeWindow>

export type ChallengerRewardBpsParams = FunctionArguments<typeof functions.challengerRewardBps>
export type ChallengerRewardBpsReturn = FunctionReturn<typeof functions.challengerRewardBps>

export type FinalizeTaskParams = FunctionArguments<typeof functions.finalizeTask>
export type FinalizeTaskReturn = FunctionReturn<typeof functions.finalizeTask>

export type GetAttestersParams = FunctionArguments<typeof functions.getAttesters>
export type GetAttestersReturn = FunctionReturn<typeof functions.getAttesters>

export type GetTaskParams = FunctionArguments<typeof functions.getTask>
export type GetTaskReturn = FunctionReturn<typeof functions.getTask>

export type GrantRoleParams = FunctionArguments<typeof functions.grantRole>
export type GrantRoleReturn = FunctionReturn<typeof functions.grantRole>

export type HasRoleParams = FunctionArguments<typeof functions.hasRole>
export type HasRoleReturn = FunctionReturn<typeof functions.hasRole>

export type ReportMissedTaskParams = FunctionArguments<typeof functions.reportMissedTask>
export type ReportMissedTaskReturn = FunctionReturn<typeof functions.reportMissedTask>

export type ResolveChallengeParams = FunctionArguments<typeof functions.resolveChallenge>
export type ResolveChallengeReturn = FunctionReturn<typeof functions.resolveChallenge>

export type RevokeRoleParams = FunctionArguments<typeof functions.revokeRole>
export type RevokeRoleReturn = FunctionReturn<typeof functions.revokeRole>

export type SetTimingParams = FunctionArguments<typeof functions.setTiming>
export type SetTimingReturn = FunctionReturn<typeof functions.setTiming>

export type StakingParams = FunctionArguments<typeof functions.staking>
export type StakingReturn = FunctionReturn<typeof functions.staking>

export type SubmitResultParams = FunctionArguments<typeof functions.submitResult>
export type SubmitResultReturn = FunctionReturn<typeof functions.submitResult>

export type SubmitTaskParams = FunctionArguments<typeof functions.submitTask>
export type SubmitTaskReturn = FunctionReturn<typeof functions.submitTask>

export type TaskCountParams = FunctionArguments<typeof functions.taskCount>
export type TaskCountReturn = FunctionReturn<typeof functions.taskCount>

export type TaskTimeoutParams = FunctionArguments<typeof functions.taskTimeout>
export type TaskTimeoutReturn = FunctionReturn<typeof functions.taskTimeout>

export type TasksParams = FunctionArguments<typeof functions.tasks>
export type TasksReturn = FunctionReturn<typeof functions.tasks>

export type TokenParams = FunctionArguments<typeof functions.token>
export type TokenReturn = FunctionReturn<typeof functions.token>

export type VerifierFeeBpsParams = FunctionArguments<typeof functions.verifierFeeBps>
export type VerifierFeeBpsReturn = FunctionReturn<typeof functions.verifierFeeBps>


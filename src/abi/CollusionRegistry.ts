import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    CaseConfirmed: event("0xa79e3ffb86751bc12312976dd835c09af1018cd589a153a82a401ef05ea5ab6f", "CaseConfirmed(uint256,address[],bytes32[],string)", {"caseId": indexed(p.uint256), "subjects": p.array(p.address), "annulledReviews": p.array(p.bytes32), "finding": p.string}),
    CaseDismissed: event("0x4696e4b6a085efd272bbd7738c2f96c6bb2d9a07b4edff7f88a1e76d44257e83", "CaseDismissed(uint256,string)", {"caseId": indexed(p.uint256), "reason": p.string}),
    CollusionFlagRaised: event("0x2980c2fe5d8bc2b96781ce55898ec668b32ebf1b964dee3a76a9662cbfc343c3", "CollusionFlagRaised(uint256,uint8,address,address[],bytes32,string)", {"caseId": indexed(p.uint256), "signal": indexed(p.uint8), "raisedBy": indexed(p.address), "subjects": p.array(p.address), "evidenceHash": p.bytes32, "summary": p.string}),
    ConflictOfInterestRecorded: event("0xf3eba18027c75981db5c8f2173d0ce6c77c3c8c03b1abb85af9e786503e811d7", "ConflictOfInterestRecorded(address,uint256,string)", {"reviewer": indexed(p.address), "proposalId": indexed(p.uint256), "finding": p.string}),
    RoleGranted: event("0x2ae6a113c0ed5b78a53413ffbb7679881f11145ccfba4fb92e863dfcd5a1d2f3", "RoleGranted(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    RoleRevoked: event("0x155aaafb6329a2098580462df33ec4b7441b19729b9601c5fc17ae1cf99a8a52", "RoleRevoked(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
}

export const functions = {
    COMMITTEE: viewFun("0xe1c54e71", "COMMITTEE()", {}, p.bytes32),
    DETECTOR: viewFun("0x3e38a306", "DETECTOR()", {}, p.bytes32),
    GOVERNANCE: viewFun("0x14627834", "GOVERNANCE()", {}, p.bytes32),
    MAX_SUBJECTS: viewFun("0x3e6090e3", "MAX_SUBJECTS()", {}, p.uint256),
    MODULE: viewFun("0x094d3a34", "MODULE()", {}, p.bytes32),
    caseCount: viewFun("0xda2d7e95", "caseCount()", {}, p.uint256),
    cases: viewFun("0xf09790dd", "cases(uint256)", {"_0": p.uint256}, {"signal": p.uint8, "status": p.uint8, "raisedAt": p.uint64, "evidenceHash": p.bytes32}),
    confirmCase: fun("0x6da185bb", "confirmCase(uint256,bytes32[],string)", {"caseId": p.uint256, "annulledReviews": p.array(p.bytes32), "finding": p.string}, ),
    dismissCase: fun("0xe2e9cdc0", "dismissCase(uint256,string)", {"caseId": p.uint256, "reason": p.string}, ),
    getSubjects: viewFun("0xbb49bcbb", "getSubjects(uint256)", {"caseId": p.uint256}, p.array(p.address)),
    grantRole: fun("0x2f2ff15d", "grantRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    hasRole: viewFun("0x91d14854", "hasRole(bytes32,address)", {"_0": p.bytes32, "_1": p.address}, p.bool),
    hub: viewFun("0x365a86fc", "hub()", {}, p.address),
    raiseFlag: fun("0xb80ef9ec", "raiseFlag(address[],uint8,bytes32,string)", {"subjects": p.array(p.address), "signal": p.uint8, "evidenceHash": p.bytes32, "summary": p.string}, p.uint256),
    recordConflictOfInterest: fun("0x67836d6d", "recordConflictOfInterest(address,uint256,string)", {"reviewer": p.address, "proposalId": p.uint256, "finding": p.string}, ),
    reputation: viewFun("0xc52164c6", "reputation()", {}, p.address),
    revokeRole: fun("0xd547741f", "revokeRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
}

export class Contract extends ContractBase {

    COMMITTEE() {
        return this.eth_call(functions.COMMITTEE, {})
    }

    DETECTOR() {
        return this.eth_call(functions.DETECTOR, {})
    }

    GOVERNANCE() {
        return this.eth_call(functions.GOVERNANCE, {})
    }

    MAX_SUBJECTS() {
        return this.eth_call(functions.MAX_SUBJECTS, {})
    }

    MODULE() {
        return this.eth_call(functions.MODULE, {})
    }

    caseCount() {
        return this.eth_call(functions.caseCount, {})
    }

    cases(_0: CasesParams["_0"]) {
        return this.eth_call(functions.cases, {_0})
    }

    getSubjects(caseId: GetSubjectsParams["caseId"]) {
        return this.eth_call(functions.getSubjects, {caseId})
    }

    hasRole(_0: HasRoleParams["_0"], _1: HasRoleParams["_1"]) {
        return this.eth_call(functions.hasRole, {_0, _1})
    }

    hub() {
        return this.eth_call(functions.hub, {})
    }

    reputation() {
        return this.eth_call(functions.reputation, {})
    }
}

/// Event types
export type CaseConfirmedEventArgs = EParams<typeof events.CaseConfirmed>
export type CaseDismissedEventArgs = EParams<typeof events.CaseDismissed>
export type CollusionFlagRaisedEventArgs = EParams<typeof events.CollusionFlagRaised>
export type ConflictOfInterestRecordedEventArgs = EParams<typeof events.ConflictOfInterestRecorded>
export type RoleGrantedEventArgs = EParams<typeof events.RoleGranted>
export type RoleRevokedEventArgs = EParams<typeof events.RoleRevoked>

/// Function types
export type COMMITTEEParams = FunctionArguments<typeof functions.COMMITTEE>
export type COMMITTEEReturn = FunctionReturn<typeof functions.COMMITTEE>

export type DETECTORParams = FunctionArguments<typeof functions.DETECTOR>
export type DETECTORReturn = FunctionReturn<typeof functions.DETECTOR>

export type GOVERNANCEParams = FunctionArguments<typeof functions.GOVERNANCE>
export type GOVERNANCEReturn = FunctionReturn<typeof functions.GOVERNANCE>

export type MAX_SUBJECTSParams = FunctionArguments<typeof functions.MAX_SUBJECTS>
export type MAX_SUBJECTSReturn = FunctionReturn<typeof functions.MAX_SUBJECTS>

export type MODULEParams = FunctionArguments<typeof functions.MODULE>
export type MODULEReturn = FunctionReturn<typeof functions.MODULE>

export type CaseCountParams = FunctionArguments<typeof functions.caseCount>
export type CaseCountReturn = FunctionReturn<typeof functions.caseCount>

export type CasesParams = FunctionArguments<typeof functions.cases>
export type CasesReturn = FunctionReturn<typeof functions.cases>

export type ConfirmCaseParams = FunctionArguments<typeof functions.confirmCase>
export type ConfirmCaseReturn = FunctionReturn<typeof functions.confirmCase>

export type DismissCaseParams = FunctionArguments<typeof functions.dismissCase>
export type DismissCaseReturn = FunctionReturn<typeof functions.dismissCase>

export type GetSubjectsParams = FunctionArguments<typeof functions.getSubjects>
export type GetSubjectsReturn = FunctionReturn<typeof functions.getSubjects>

export type GrantRoleParams = FunctionArguments<typeof functions.grantRole>
export type GrantRoleReturn = FunctionReturn<typeof functions.grantRole>

export type HasRoleParams = FunctionArguments<typeof functions.hasRole>
export type HasRoleReturn = FunctionReturn<typeof functions.hasRole>

export type HubParams = FunctionArguments<typeof functions.hub>
export type HubReturn = FunctionReturn<typeof functions.hub>

export type RaiseFlagParams = FunctionArguments<typeof functions.raiseFlag>
export type RaiseFlagReturn = FunctionReturn<typeof functions.raiseFlag>

export type RecordConflictOfInterestParams = FunctionArguments<typeof functions.recordConflictOfInterest>
export type RecordConflictOfInterestReturn = FunctionReturn<typeof functions.recordConflictOfInterest>

export type ReputationParams = FunctionArguments<typeof functions.reputation>
export type ReputationReturn = FunctionReturn<typeof functions.reputation>

export type RevokeRoleParams = FunctionArguments<typeof functions.revokeRole>
export type RevokeRoleReturn = FunctionReturn<typeof functions.revokeRole>


import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    PaymentMade: event("0xbeb09761610810ec2b0b7a3e3eec5d5b1a5fcaed5adfb4884e671442251e6cbb", "PaymentMade(address,bytes32,uint8,uint256)", {"recipient": indexed(p.address), "reviewId": indexed(p.bytes32), "kind": indexed(p.uint8), "amount": p.uint256}),
    RoleGranted: event("0x2ae6a113c0ed5b78a53413ffbb7679881f11145ccfba4fb92e863dfcd5a1d2f3", "RoleGranted(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    RoleRevoked: event("0x155aaafb6329a2098580462df33ec4b7441b19729b9601c5fc17ae1cf99a8a52", "RoleRevoked(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
}

export const functions = {
    GOVERNANCE: viewFun("0x14627834", "GOVERNANCE()", {}, p.bytes32),
    MODULE: viewFun("0x094d3a34", "MODULE()", {}, p.bytes32),
    calculatePayment: viewFun("0x0a286b89", "calculatePayment(bytes32)", {"reviewId": p.bytes32}, p.uint256),
    claimPayment: fun("0x2db050d1", "claimPayment(bytes32)", {"reviewId": p.bytes32}, ),
    claimed: viewFun("0xcc3c0f06", "claimed(bytes32)", {"_0": p.bytes32}, p.bool),
    earnings: viewFun("0x543fd313", "earnings(address)", {"_0": p.address}, p.uint256),
    getReviewerEarnings: viewFun("0x1441310f", "getReviewerEarnings(address)", {"reviewer": p.address}, p.uint256),
    grantRole: fun("0x2f2ff15d", "grantRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    hasRole: viewFun("0x91d14854", "hasRole(bytes32,address)", {"_0": p.bytes32, "_1": p.address}, p.bool),
    hub: viewFun("0x365a86fc", "hub()", {}, p.address),
    metaReviewPayment: viewFun("0x020f284c", "metaReviewPayment()", {}, p.uint256),
    payMetaReview: fun("0x40a64755", "payMetaReview(address,bytes32)", {"metaReviewer": p.address, "reviewId": p.bytes32}, ),
    rates: viewFun("0xdd418ae2", "rates(uint256)", {"_0": p.uint256}, {"base": p.uint256, "bonusPerPoint": p.uint256, "maximum": p.uint256}),
    reputation: viewFun("0xc52164c6", "reputation()", {}, p.address),
    revokeRole: fun("0xd547741f", "revokeRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    scoring: viewFun("0x7545ea8a", "scoring()", {}, p.address),
    token: viewFun("0xfc0c546a", "token()", {}, p.address),
}

export class Contract extends ContractBase {

    GOVERNANCE() {
        return this.eth_call(functions.GOVERNANCE, {})
    }

    MODULE() {
        return this.eth_call(functions.MODULE, {})
    }

    calculatePayment(reviewId: CalculatePaymentParams["reviewId"]) {
        return this.eth_call(functions.calculatePayment, {reviewId})
    }

    claimed(_0: ClaimedParams["_0"]) {
        return this.eth_call(functions.claimed, {_0})
    }

    earnings(_0: EarningsParams["_0"]) {
        return this.eth_call(functions.earnings, {_0})
    }

    getReviewerEarnings(reviewer: GetReviewerEarningsParams["reviewer"]) {
        return this.eth_call(functions.getReviewerEarnings, {reviewer})
    }

    hasRole(_0: HasRoleParams["_0"], _1: HasRoleParams["_1"]) {
        return this.eth_call(functions.hasRole, {_0, _1})
    }

    hub() {
        return this.eth_call(functions.hub, {})
    }

    metaReviewPayment() {
        return this.eth_call(functions.metaReviewPayment, {})
    }

    rates(_0: RatesParams["_0"]) {
        return this.eth_call(functions.rates, {_0})
    }

    reputation() {
        return this.eth_call(functions.reputation, {})
    }

    scoring() {
        return this.eth_call(functions.scoring, {})
    }

    token() {
        return this.eth_call(functions.token, {})
    }
}

/// Event types
export type PaymentMadeEventArgs = EParams<typeof events.PaymentMade>
export type RoleGrantedEventArgs = EParams<typeof events.RoleGranted>
export type RoleRevokedEventArgs = EParams<typeof events.RoleRevoked>

/// Function types
export type GOVERNANCEParams = FunctionArguments<typeof functions.GOVERNANCE>
export type GOVERNANCEReturn = FunctionReturn<typeof functions.GOVERNANCE>

export type MODULEParams = FunctionArguments<typeof functions.MODULE>
export type MODULEReturn = FunctionReturn<typeof functions.MODULE>

export type CalculatePaymentParams = FunctionArguments<typeof functions.calculatePayment>
export type CalculatePaymentReturn = FunctionReturn<typeof functions.calculatePayment>

export type ClaimPaymentParams = FunctionArguments<typeof functions.claimPayment>
export type ClaimPaymentReturn = FunctionReturn<typeof functions.claimPayment>

export type ClaimedParams = FunctionArguments<typeof functions.claimed>
export type ClaimedReturn = FunctionReturn<typeof functions.claimed>

export type EarningsParams = FunctionArguments<typeof functions.earnings>
export type EarningsReturn = FunctionReturn<typeof functions.earnings>

export type GetReviewerEarningsParams = FunctionArguments<typeof functions.getReviewerEarnings>
export type GetReviewerEarningsReturn = FunctionReturn<typeof functions.getReviewerEarnings>

export type GrantRoleParams = FunctionArguments<typeof functions.grantRole>
export type GrantRoleReturn = FunctionReturn<typeof functions.grantRole>

export type HasRoleParams = FunctionArguments<typeof functions.hasRole>
export type HasRoleReturn = FunctionReturn<typeof functions.hasRole>

export type HubParams = FunctionArguments<typeof functions.hub>
export type HubReturn = FunctionReturn<typeof functions.hub>

export type MetaReviewPaymentParams = FunctionArguments<typeof functions.metaReviewPayment>
export type MetaReviewPaymentReturn = FunctionReturn<typeof functions.metaReviewPayment>

export type PayMetaReviewParams = FunctionArguments<typeof functions.payMetaReview>
export type PayMetaReviewReturn = FunctionReturn<typeof functions.payMetaReview>

export type RatesParams = FunctionArguments<typeof functions.rates>
export type RatesReturn = FunctionReturn<typeof functions.rates>

export type ReputationParams = FunctionArguments<typeof functions.reputation>
export type ReputationReturn = FunctionReturn<typeof functions.reputation>

export type RevokeRoleParams = FunctionArguments<typeof functions.revokeRole>
export type RevokeRoleReturn = FunctionReturn<typeof functions.revokeRole>

export type ScoringParams = FunctionArguments<typeof functions.scoring>
export type ScoringReturn = FunctionReturn<typeof functions.scoring>

export type TokenParams = FunctionArguments<typeof functions.token>
export type TokenReturn = FunctionReturn<typeof functions.token>


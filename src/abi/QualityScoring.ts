import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    MetaReviewSubmitted: event("0x85d426ca9b8154d4e4936d194b75b85dc99433ac626a503a35833dbf8014d1ed", "MetaReviewSubmitted(bytes32,address,uint8[5])", {"reviewId": indexed(p.bytes32), "metaReviewer": indexed(p.address), "dimensions": p.fixedSizeArray(p.uint8, 5)}),
    QualityScored: event("0x4d042c12df8f3cef308bbc6536b9fdb3089e5dde51e3b2e0ee5ac90ea2b4a565", "QualityScored(bytes32,uint256,address,uint8[5],uint8)", {"reviewId": indexed(p.bytes32), "proposalId": indexed(p.uint256), "reviewer": indexed(p.address), "medians": p.fixedSizeArray(p.uint8, 5), "overall": p.uint8}),
    RoleGranted: event("0x2ae6a113c0ed5b78a53413ffbb7679881f11145ccfba4fb92e863dfcd5a1d2f3", "RoleGranted(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    RoleRevoked: event("0x155aaafb6329a2098580462df33ec4b7441b19729b9601c5fc17ae1cf99a8a52", "RoleRevoked(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
}

export const functions = {
    COUNCIL: viewFun("0x01a3d687", "COUNCIL()", {}, p.bytes32),
    DIMENSIONS: viewFun("0x4c0c012d", "DIMENSIONS()", {}, p.uint256),
    GOVERNANCE: viewFun("0x14627834", "GOVERNANCE()", {}, p.bytes32),
    MODULE: viewFun("0x094d3a34", "MODULE()", {}, p.bytes32),
    REP_LOW_QUALITY: viewFun("0xbb8a6664", "REP_LOW_QUALITY()", {}, p.uint256),
    REP_QUALITY_BONUS: viewFun("0x446861e6", "REP_QUALITY_BONUS()", {}, p.uint256),
    composite: viewFun("0x67e3fcd5", "composite(uint8[5])", {"medians": p.fixedSizeArray(p.uint8, 5)}, p.uint8),
    getQuality: viewFun("0x8a2a2b68", "getQuality(bytes32)", {"reviewId": p.bytes32}, p.struct({"medians": p.fixedSizeArray(p.uint8, 5), "overall": p.uint8, "scoredAt": p.uint64})),
    getReviewScore: viewFun("0x3735d43c", "getReviewScore(bytes32)", {"reviewId": p.bytes32}, p.uint8),
    getReviewerAverageScore: viewFun("0x9d70c960", "getReviewerAverageScore(address)", {"reviewer": p.address}, p.uint8),
    grantRole: fun("0x2f2ff15d", "grantRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    hasRole: viewFun("0x91d14854", "hasRole(bytes32,address)", {"_0": p.bytes32, "_1": p.address}, p.bool),
    hasScored: viewFun("0x3650cafb", "hasScored(bytes32,address)", {"_0": p.bytes32, "_1": p.address}, p.bool),
    hub: viewFun("0x365a86fc", "hub()", {}, p.address),
    panelCount: viewFun("0x678d1326", "panelCount(bytes32)", {"reviewId": p.bytes32}, p.uint256),
    panelSize: viewFun("0xc58e94d0", "panelSize()", {}, p.uint8),
    payer: viewFun("0x123119cd", "payer()", {}, p.address),
    reputation: viewFun("0xc52164c6", "reputation()", {}, p.address),
    revokeRole: fun("0xd547741f", "revokeRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    scoreSum: viewFun("0x9abaf612", "scoreSum(address)", {"_0": p.address}, p.uint256),
    scoredCount: viewFun("0xdab2e2cb", "scoredCount(address)", {"_0": p.address}, p.uint256),
    setPanel: fun("0xb1b043e0", "setPanel(uint8,uint256)", {"size": p.uint8, "tier3Min": p.uint256}, ),
    setPayer: fun("0xd55e6975", "setPayer(address)", {"payer_": p.address}, ),
    submitMetaReview: fun("0x7c684699", "submitMetaReview(bytes32,uint8[5])", {"reviewId": p.bytes32, "dims": p.fixedSizeArray(p.uint8, 5)}, ),
    submitMetaReviews: fun("0x7c8b7bd6", "submitMetaReviews(bytes32[],uint8[5][])", {"reviewIds": p.array(p.bytes32), "dims": p.array(p.fixedSizeArray(p.uint8, 5))}, ),
    tier3MinReputation: viewFun("0x3180ccb0", "tier3MinReputation()", {}, p.uint256),
    weights: viewFun("0xb5f163ff", "weights(uint256)", {"_0": p.uint256}, p.uint8),
}

export class Contract extends ContractBase {

    COUNCIL() {
        return this.eth_call(functions.COUNCIL, {})
    }

    DIMENSIONS() {
        return this.eth_call(functions.DIMENSIONS, {})
    }

    GOVERNANCE() {
        return this.eth_call(functions.GOVERNANCE, {})
    }

    MODULE() {
        return this.eth_call(functions.MODULE, {})
    }

    REP_LOW_QUALITY() {
        return this.eth_call(functions.REP_LOW_QUALITY, {})
    }

    REP_QUALITY_BONUS() {
        return this.eth_call(functions.REP_QUALITY_BONUS, {})
    }

    composite(medians: CompositeParams["medians"]) {
        return this.eth_call(functions.composite, {medians})
    }

    getQuality(reviewId: GetQualityParams["reviewId"]) {
        return this.eth_call(functions.getQuality, {reviewId})
    }

    getReviewScore(reviewId: GetReviewScoreParams["reviewId"]) {
        return this.eth_call(functions.getReviewScore, {reviewId})
    }

    getReviewerAverageScore(reviewer: GetReviewerAverageScoreParams["reviewer"]) {
        return this.eth_call(functions.getReviewerAverageScore, {reviewer})
    }

    hasRole(_0: HasRoleParams["_0"], _1: HasRoleParams["_1"]) {
        return this.eth_call(functions.hasRole, {_0, _1})
    }

    hasScored(_0: HasScoredParams["_0"], _1: HasScoredParams["_1"]) {
        return this.eth_call(functions.hasScored, {_0, _1})
    }

    hub() {
        return this.eth_call(functions.hub, {})
    }

    panelCount(reviewId: PanelCountParams["reviewId"]) {
        return this.eth_call(functions.panelCount, {reviewId})
    }

    panelSize() {
        return this.eth_call(functions.panelSize, {})
    }

    payer() {
        return this.eth_call(functions.payer, {})
    }

    reputation() {
        return this.eth_call(functions.reputation, {})
    }

    scoreSum(_0: ScoreSumParams["_0"]) {
        return this.eth_call(functions.scoreSum, {_0})
    }

    scoredCount(_0: ScoredCountParams["_0"]) {
        return this.eth_call(functions.scoredCount, {_0})
    }

    tier3MinReputation() {
        return this.eth_call(functions.tier3MinReputation, {})
    }

    weights(_0: WeightsParams["_0"]) {
        return this.eth_call(functions.weights, {_0})
    }
}

/// Event types
export type MetaReviewSubmittedEventArgs = EParams<typeof events.MetaReviewSubmitted>
export type QualityScoredEventArgs = EParams<typeof events.QualityScored>
export type RoleGrantedEventArgs = EParams<typeof events.RoleGranted>
export type RoleRevokedEventArgs = EParams<typeof events.RoleRevoked>

/// Function types
export type COUNCILParams = FunctionArguments<typeof functions.COUNCIL>
export type COUNCILReturn = FunctionReturn<typeof functions.COUNCIL>

export type DIMENSIONSParams = FunctionArguments<typeof functions.DIMENSIONS>
export type DIMENSIONSReturn = FunctionReturn<typeof functions.DIMENSIONS>

export type GOVERNANCEParams = FunctionArguments<typeof functions.GOVERNANCE>
export type GOVERNANCEReturn = FunctionReturn<typeof functions.GOVERNANCE>

export type MODULEParams = FunctionArguments<typeof functions.MODULE>
export type MODULEReturn = FunctionReturn<typeof functions.MODULE>

export type REP_LOW_QUALITYParams = FunctionArguments<typeof functions.REP_LOW_QUALITY>
export type REP_LOW_QUALITYReturn = FunctionReturn<typeof functions.REP_LOW_QUALITY>

export type REP_QUALITY_BONUSParams = FunctionArguments<typeof functions.REP_QUALITY_BONUS>
export type REP_QUALITY_BONUSReturn = FunctionReturn<typeof functions.REP_QUALITY_BONUS>

export type CompositeParams = FunctionArguments<typeof functions.composite>
export type CompositeReturn = FunctionReturn<typeof functions.composite>

export type GetQualityParams = FunctionArguments<typeof functions.getQuality>
export type GetQualityReturn = FunctionReturn<typeof functions.getQuality>

export type GetReviewScoreParams = FunctionArguments<typeof functions.getReviewScore>
export type GetReviewScoreReturn = FunctionReturn<typeof functions.getReviewScore>

export type GetReviewerAverageScoreParams = FunctionArguments<typeof functions.getReviewerAverageScore>
export type GetReviewerAverageScoreReturn = FunctionReturn<typeof functions.getReviewerAverageScore>

export type GrantRoleParams = FunctionArguments<typeof functions.grantRole>
export type GrantRoleReturn = FunctionReturn<typeof functions.grantRole>

export type HasRoleParams = FunctionArguments<typeof functions.hasRole>
export type HasRoleReturn = FunctionReturn<typeof functions.hasRole>

export type HasScoredParams = FunctionArguments<typeof functions.hasScored>
export type HasScoredReturn = FunctionReturn<typeof functions.hasScored>

export type HubParams = FunctionArguments<typeof functions.hub>
export type HubReturn = FunctionReturn<typeof functions.hub>

export type PanelCountParams = FunctionArguments<typeof functions.panelCount>
export type PanelCountReturn = FunctionReturn<typeof functions.panelCount>

export type PanelSizeParams = FunctionArguments<typeof functions.panelSize>
export type PanelSizeReturn = FunctionReturn<typeof functions.panelSize>

export type PayerParams = FunctionArguments<typeof functions.payer>
export type PayerReturn = FunctionReturn<typeof functions.payer>

export type ReputationParams = FunctionArguments<typeof functions.reputation>
export type ReputationReturn = FunctionReturn<typeof functions.reputation>

export type RevokeRoleParams = FunctionArguments<typeof functions.revokeRole>
export type RevokeRoleReturn = FunctionReturn<typeof functions.revokeRole>

export type ScoreSumParams = FunctionArguments<typeof functions.scoreSum>
export type ScoreSumReturn = FunctionReturn<typeof functions.scoreSum>

export type ScoredCountParams = FunctionArguments<typeof functions.scoredCount>
export type ScoredCountReturn = FunctionReturn<typeof functions.scoredCount>

export type SetPanelParams = FunctionArguments<typeof functions.setPanel>
export type SetPanelReturn = FunctionReturn<typeof functions.setPanel>

export type SetPayerParams = FunctionArguments<typeof functions.setPayer>
export type SetPayerReturn = FunctionReturn<typeof functions.setPayer>

export type SubmitMetaReviewParams = FunctionArguments<typeof functions.submitMetaReview>
export type SubmitMetaReviewReturn = FunctionReturn<typeof functions.submitMetaReview>

export type SubmitMetaReviewsParams = FunctionArguments<typeof functions.submitMetaReviews>
export type SubmitMetaReviewsReturn = FunctionReturn<typeof functions.submitMetaReviews>

export type Tier3MinReputationParams = FunctionArguments<typeof functions.tier3MinReputation>
export type Tier3MinReputationReturn = FunctionReturn<typeof functions.tier3MinReputation>

export type WeightsParams = FunctionArguments<typeof functions.weights>
export type WeightsReturn = FunctionReturn<typeof functions.weights>


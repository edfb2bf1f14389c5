import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    AppealFiled: event("0xf7071520947152d8cb9fb4e3d9eb0d90a16b3d46d74118c05573bf09cee41670", "AppealFiled(uint256,uint256,bytes32,address,string)", {"appealId": indexed(p.uint256), "proposalId": indexed(p.uint256), "reviewId": indexed(p.bytes32), "appellant": p.address, "grounds": p.string}),
    AppealResolved: event("0xf8c1af66ef248daccbc6d54e5f768a295b96a8892eb1dcb01068929e467dd3af", "AppealResolved(uint256,bytes32,bool,string)", {"appealId": indexed(p.uint256), "reviewId": indexed(p.bytes32), "upheld": p.bool, "rationale": p.string}),
    DeadlineMissed: event("0xe74e9b08f06788197dddd25e42d4761ccdbe53b0e79344f655a95c5ee9b73655", "DeadlineMissed(uint256,bytes32,address,uint8)", {"proposalId": indexed(p.uint256), "reviewId": indexed(p.bytes32), "reviewer": indexed(p.address), "phase": p.uint8}),
    DiscussionPosted: event("0xd241cce9ff868648518e8eab840ea8e82bdfa4ddfb9b758e31e997257d52e38e", "DiscussionPosted(uint256,bytes32,bool,string)", {"proposalId": indexed(p.uint256), "reviewId": indexed(p.bytes32), "fromAuthor": p.bool, "text": p.string}),
    HubParametersChanged: event("0xbec10bca49a17541728f01e210cfd813935f5337e3d55b7b1e6cd2858bb8dd1e", "HubParametersChanged(uint8,uint64,uint64,uint64)", {"reviewersPerProposal": p.uint8, "commitDuration": p.uint64, "revealDuration": p.uint64, "discussionDuration": p.uint64}),
    IdentityRevealed: event("0x084f4c89a5d8b5c17f9f7b53392021b9a553706313b442ff3e076e72613ab5c5", "IdentityRevealed(uint256,bytes32,address,string)", {"proposalId": indexed(p.uint256), "reviewId": indexed(p.bytes32), "reviewer": indexed(p.address), "did": p.string}),
    PhaseChanged: event("0x68535c83a7ae3f38ee9a0d70effb164ea2f982d94755d67953175048f7bba206", "PhaseChanged(uint256,uint8,uint64)", {"proposalId": indexed(p.uint256), "phase": p.uint8, "deadline": p.uint64}),
    ProposalDecided: event("0x619a9cf21c266a13b7cfcdb30c741e36ab94da29aa088ad9e46ef95aff071a6a", "ProposalDecided(uint256,uint8,string)", {"proposalId": indexed(p.uint256), "outcome": p.uint8, "rationale": p.string}),
    ProposalSubmitted: event("0xecf8bd1162eb613966047a50aa575e7ccc4369c52f4a71bbc0501fb65d0a620d", "ProposalSubmitted(uint256,address,uint8,uint8,bool,uint8,bytes32)", {"proposalId": indexed(p.uint256), "author": indexed(p.address), "domain": p.uint8, "reviewType": p.uint8, "discussion": p.bool, "reviewersWanted": p.uint8, "contentHash": p.bytes32}),
    ReviewAcknowledged: event("0x08611b9951093a1319196d81d272df2cbb4bb86ad37ed6c4ab1062723d49b47f", "ReviewAcknowledged(uint256,bytes32)", {"proposalId": indexed(p.uint256), "reviewId": indexed(p.bytes32)}),
    ReviewAnnulled: event("0xd74496a7630a0c8f5ae1b1ef8f0827080b2c1311f8ba53778b011ea39b163811", "ReviewAnnulled(uint256,bytes32,bytes32)", {"proposalId": indexed(p.uint256), "reviewId": indexed(p.bytes32), "caseRef": p.bytes32}),
    ReviewCommitted: event("0xb9094c689d77add6af929ed216887082526c8dd53fff830dc849bf79834b1bb9", "ReviewCommitted(uint256,bytes32,address,bytes32)", {"proposalId": indexed(p.uint256), "reviewId": indexed(p.bytes32), "reviewer": indexed(p.address), "commitment": p.bytes32}),
    ReviewRevealed: event("0x5002daec965adc943a6b52c4310914b3c4ec66396f6751127c473cacdf282140", "ReviewRevealed(uint256,bytes32,address,uint8,uint256[],string)", {"proposalId": indexed(p.uint256), "reviewId": indexed(p.bytes32), "reviewer": indexed(p.address), "score": p.uint8, "citedWorks": p.array(p.uint256), "text": p.string}),
    ReviewerAssigned: event("0xf5acc184f60d6dcf079df0963519e22a11614f50e4399c001f1086e7f271e0bd", "ReviewerAssigned(uint256,bytes32,address,uint256)", {"proposalId": indexed(p.uint256), "reviewId": indexed(p.bytes32), "reviewer": indexed(p.address), "stake": p.uint256}),
    RoleGranted: event("0x2ae6a113c0ed5b78a53413ffbb7679881f11145ccfba4fb92e863dfcd5a1d2f3", "RoleGranted(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
    RoleRevoked: event("0x155aaafb6329a2098580462df33ec4b7441b19729b9601c5fc17ae1cf99a8a52", "RoleRevoked(bytes32,address)", {"role": indexed(p.bytes32), "account": indexed(p.address)}),
}

export const functions = {
    COMMITTEE: viewFun("0xe1c54e71", "COMMITTEE()", {}, p.bytes32),
    COORDINATOR: viewFun("0x3b2bcbf1", "COORDINATOR()", {}, p.bytes32),
    GOVERNANCE: viewFun("0x14627834", "GOVERNANCE()", {}, p.bytes32),
    MODULE: viewFun("0x094d3a34", "MODULE()", {}, p.bytes32),
    REP_APPEAL_LOST: viewFun("0xc6cd56d5", "REP_APPEAL_LOST()", {}, p.uint256),
    REP_CITED_IN_REVISION: viewFun("0x64dd8616", "REP_CITED_IN_REVISION()", {}, p.uint256),
    REP_IDENTITY_REVEAL: viewFun("0xcd0458f8", "REP_IDENTITY_REVEAL()", {}, p.uint256),
    REP_MISSED_DEADLINE: viewFun("0x3dfcd2cb", "REP_MISSED_DEADLINE()", {}, p.uint256),
    REP_ON_TIME: viewFun("0xf9ed3201", "REP_ON_TIME()", {}, p.uint256),
    acknowledgeReview: fun("0x7041ebf4", "acknowledgeReview(bytes32)", {"reviewId": p.bytes32}, ),
    advance: fun("0x71d6ddd6", "advance(uint256)", {"proposalId": p.uint256}, ),
    annulReview: fun("0xff45f2c5", "annulReview(bytes32,bytes32)", {"reviewId": p.bytes32, "caseRef": p.bytes32}, ),
    appealCount: viewFun("0x7f52479a", "appealCount()", {}, p.uint256),
    appeals: viewFun("0xacff8687", "appeals(uint256)", {"_0": p.uint256}, {"reviewId": p.bytes32, "appellant": p.address, "resolved": p.bool, "upheld": p.bool}),
    assignReviewers: fun("0xfdef3852", "assignReviewers(uint256,address[])", {"proposalId": p.uint256, "reviewerList": p.array(p.address)}, ),
    commitDuration: viewFun("0x6f833811", "commitDuration()", {}, p.uint64),
    commitReview: fun("0xb4400086", "commitReview(bytes32,bytes32)", {"reviewId": p.bytes32, "commitment": p.bytes32}, ),
    commitmentOf: viewFun("0x12a17a86", "commitmentOf(bytes32,uint8,string,uint256[],bytes32)", {"reviewId": p.bytes32, "score": p.uint8, "text": p.string, "citedWorks": p.array(p.uint256), "salt": p.bytes32}, p.bytes32),
    decide: fun("0x7242c3b4", "decide(uint256,uint8,string)", {"proposalId": p.uint256, "outcome": p.uint8, "rationale": p.string}, ),
    discussionDuration: viewFun("0xe7106c21", "discussionDuration()", {}, p.uint64),
    disputeWindowByType: viewFun("0x1e5edd91", "disputeWindowByType(uint256)", {"_0": p.uint256}, p.uint64),
    domainCount: viewFun("0x8aaf5caf", "domainCount()", {}, p.uint8),
    fileAppeal: fun("0x8ad268d4", "fileAppeal(bytes32,string)", {"reviewId": p.bytes32, "grounds": p.string}, p.uint256),
    getProposal: viewFun("0xc7f758a8", "getProposal(uint256)", {"proposalId": p.uint256}, p.struct({"author": p.address, "domain": p.uint8, "reviewType": p.uint8, "discussion": p.bool, "phase": p.uint8, "outcome": p.uint8, "reviewersWanted": p.uint8, "assigned": p.uint8, "committed": p.uint8, "revealed": p.uint8, "submittedAt": p.uint64, "phaseDeadline": p.uint64})),
    getReview: viewFun("0xaa58d6b2", "getReview(bytes32)", {"reviewId": p.bytes32}, p.struct({"proposalId": p.uint256, "reviewer": p.address, "status": p.uint8, "score": p.uint8, "acknowledged": p.bool, "identityRevealed": p.bool, "appealOpen": p.bool, "revealedAt": p.uint64, "commitment": p.bytes32})),
    getReviewIds: viewFun("0x6bd7a590", "getReviewIds(uint256)", {"proposalId": p.uint256}, p.array(p.bytes32)),
    grantRole: fun("0x2f2ff15d", "grantRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    hasRole: viewFun("0x91d14854", "hasRole(bytes32,address)", {"_0": p.bytes32, "_1": p.address}, p.bool),
    maxCitations: viewFun("0x6bed8e1f", "maxCitations()", {}, p.uint256),
    maxTextBytes: viewFun("0xf14ccee1", "maxTextBytes()", {}, p.uint256),
    postComment: fun("0x3e9ccf8a", "postComment(uint256,bytes32,string)", {"proposalId": p.uint256, "reviewId": p.bytes32, "text": p.string}, ),
    proposalCount: viewFun("0xda35c664", "proposalCount()", {}, p.uint256),
    proposals: viewFun("0x013cf08b", "proposals(uint256)", {"_0": p.uint256}, {"author": p.address, "domain": p.uint8, "reviewType": p.uint8, "discussion": p.bool, "phase": p.uint8, "outcome": p.uint8, "reviewersWanted": p.uint8, "assigned": p.uint8, "committed": p.uint8, "revealed": p.uint8, "submittedAt": p.uint64, "phaseDeadline": p.uint64}),
    releaseStake: fun("0x1eb07614", "releaseStake(bytes32)", {"reviewId": p.bytes32}, ),
    reputation: viewFun("0xc52164c6", "reputation()", {}, p.address),
    resolveAppeal: fun("0xab858056", "resolveAppeal(uint256,bool,string)", {"appealId": p.uint256, "upheld": p.bool, "rationale": p.string}, ),
    revealDuration: viewFun("0x886a6de1", "revealDuration()", {}, p.uint64),
    revealIdentity: fun("0x5969f241", "revealIdentity(bytes32,string)", {"reviewId": p.bytes32, "did": p.string}, ),
    revealReview: fun("0x9a9fdac5", "revealReview(bytes32,uint8,string,uint256[],bytes32)", {"reviewId": p.bytes32, "score": p.uint8, "text": p.string, "citedWorks": p.array(p.uint256), "salt": p.bytes32}, ),
    reviewIdOf: viewFun("0xaab65d83", "reviewIdOf(uint256,address)", {"proposalId": p.uint256, "reviewer": p.address}, p.bytes32),
    reviewersPerProposal: viewFun("0x3dc5a273", "reviewersPerProposal()", {}, p.uint8),
    reviews: viewFun("0x8475100d", "reviews(bytes32)", {"_0": p.bytes32}, {"proposalId": p.uint256, "reviewer": p.address, "status": p.uint8, "score": p.uint8, "acknowledged": p.bool, "identityRevealed": p.bool, "appealOpen": p.bool, "revealedAt": p.uint64, "commitment": p.bytes32}),
    revokeRole: fun("0xd547741f", "revokeRole(bytes32,address)", {"role": p.bytes32, "account": p.address}, ),
    setParameters: fun("0x336643a5", "setParameters(uint8,uint64,uint64,uint64)", {"perProposal": p.uint8, "commit_": p.uint64, "reveal_": p.uint64, "discussion_": p.uint64}, ),
    stakeByType: viewFun("0xe55fea7e", "stakeByType(uint256)", {"_0": p.uint256}, p.uint256),
    submitProposal: fun("0xe621169f", "submitProposal(uint8,uint8,bool,bytes32)", {"domain": p.uint8, "reviewType": p.uint8, "discussion": p.bool, "contentHash": p.bytes32}, p.uint256),
    works: viewFun("0xf00b018b", "works()", {}, p.address),
}

export class Contract extends ContractBase {

    COMMITTEE() {
        return this.eth_call(functions.COMMITTEE, {})
    }

    COORDINATOR() {
        return this.eth_call(functions.COORDINATOR, {})
    }

    GOVERNANCE() {
        return this.eth_call(functions.GOVERNANCE, {})
    }

    MODULE() {
        return this.eth_call(functions.MODULE, {})
    }

    REP_APPEAL_LOST() {
        return this.eth_call(functions.REP_APPEAL_LOST, {})
    }

    REP_CITED_IN_REVISION() {
        return this.eth_call(functions.REP_CITED_IN_REVISION, {})
    }

    REP_IDENTITY_REVEAL() {
        return this.eth_call(functions.REP_IDENTITY_REVEAL, {})
    }

    REP_MISSED_DEADLINE() {
        return this.eth_call(functions.REP_MISSED_DEADLINE, {})
    }

    REP_ON_TIME() {
        return this.eth_call(functions.REP_ON_TIME, {})
    }

    appealCount() {
        return this.eth_call(functions.appealCount, {})
    }

    appeals(_0: AppealsParams["_0"]) {
        return this.eth_call(functions.appeals, {_0})
    }

    commitDuration() {
        return this.eth_call(functions.commitDuration, {})
    }

    commitmentOf(reviewId: CommitmentOfParams["reviewId"], score: CommitmentOfParams["score"], text: CommitmentOfParams["text"], citedWorks: CommitmentOfParams["citedWorks"], salt: CommitmentOfParams["salt"]) {
        return this.eth_call(functions.commitmentOf, {reviewId, score, text, citedWorks, salt})
    }

    discussionDuration() {
        return this.eth_call(functions.discussionDuration, {})
    }

    disputeWindowByType(_0: DisputeWindowByTypeParams["_0"]) {
        return this.eth_call(functions.disputeWindowByType, {_0})
    }

    domainCount() {
        return this.eth_call(functions.domainCount, {})
    }

    getProposal(proposalId: GetProposalParams["proposalId"]) {
        return this.eth_call(functions.getProposal, {proposalId})
    }

    getReview(reviewId: GetReviewParams["reviewId"]) {
        return this.eth_call(functions.getReview, {reviewId})
    }

    getReviewIds(proposalId: GetReviewIdsParams["proposalId"]) {
        return this.eth_call(functions.getReviewIds, {proposalId})
    }

    hasRole(_0: HasRoleParams["_0"], _1: HasRoleParams["_1"]) {
        return this.eth_call(functions.hasRole, {_0, _1})
    }

    maxCitations() {
        return this.eth_call(functions.maxCitations, {})
    }

    maxTextBytes() {
        return this.eth_call(functions.maxTextBytes, {})
    }

    proposalCount() {
        return this.eth_call(functions.proposalCount, {})
    }

    proposals(_0: ProposalsParams["_0"]) {
        return this.eth_call(functions.proposals, {_0})
    }

    reputation() {
        return this.eth_call(functions.reputation, {})
    }

    revealDuration() {
        return this.eth_call(functions.revealDuration, {})
    }

    reviewIdOf(proposalId: ReviewIdOfParams["proposalId"], reviewer: ReviewIdOfParams["reviewer"]) {
        return this.eth_call(functions.reviewIdOf, {proposalId, reviewer})
    }

    reviewersPerProposal() {
        return this.eth_call(functions.reviewersPerProposal, {})
    }

    reviews(_0: ReviewsParams["_0"]) {
        return this.eth_call(functions.reviews, {_0})
    }

    stakeByType(_0: StakeByTypeParams["_0"]) {
        return this.eth_call(functions.stakeByType, {_0})
    }

    works() {
        return this.eth_call(functions.works, {})
    }
}

/// Event types
export type AppealFiledEventArgs = EParams<typeof events.AppealFiled>
export type AppealResolvedEventArgs = EParams<typeof events.AppealResolved>
export type DeadlineMissedEventArgs = EParams<typeof events.DeadlineMissed>
export type DiscussionPostedEventArgs = EParams<typeof events.DiscussionPosted>
export type HubParametersChangedEventArgs = EParams<typeof events.HubParametersChanged>
export type IdentityRevealedEventArgs = EParams<typeof events.IdentityRevealed>
export type PhaseChangedEventArgs = EParams<typeof events.PhaseChanged>
export type ProposalDecidedEventArgs = EParams<typeof events.ProposalDecided>
export type ProposalSubmittedEventArgs = EParams<typeof events.ProposalSubmitted>
export type ReviewAcknowledgedEventArgs = EParams<typeof events.ReviewAcknowledged>
export type ReviewAnnulledEventArgs = EParams<typeof events.ReviewAnnulled>
export type ReviewCommittedEventArgs = EParams<typeof events.ReviewCommitted>
export type ReviewRevealedEventArgs = EParams<typeof events.ReviewRevealed>
export type ReviewerAssignedEventArgs = EParams<typeof events.ReviewerAssigned>
export type RoleGrantedEventArgs = EParams<typeof events.RoleGranted>
export type RoleRevokedEventArgs = EParams<typeof events.RoleRevoked>

/// Function types
export type COMMITTEEParams = FunctionArguments<typeof functions.COMMITTEE>
export type COMMITTEEReturn = FunctionReturn<typeof functions.COMMITTEE>

export type COORDINATORParams = FunctionArguments<typeof functions.COORDINATOR>
export type COORDINATORReturn = FunctionReturn<typeof functions.COORDINATOR>

export type GOVERNANCEParams = FunctionArguments<typeof functions.GOVERNANCE>
export type GOVERNANCEReturn = FunctionReturn<typeof functions.GOVERNANCE>

export type MODULEParams = FunctionArguments<typeof functions.MODULE>
export type MODULEReturn = FunctionReturn<typeof functions.MODULE>

export type REP_APPEAL_LOSTParams = FunctionArguments<typeof functions.REP_APPEAL_LOST>
export type REP_APPEAL_LOSTReturn = FunctionReturn<typeof functions.REP_APPEAL_LOST>

export type REP_CITED_IN_REVISIONParams = FunctionArguments<typeof functions.REP_CITED_IN_REVISION>
export type REP_CITED_IN_REVISIONReturn = FunctionReturn<typeof functions.REP_CITED_IN_REVISION>

export type REP_IDENTITY_REVEALParams = FunctionArguments<typeof functions.REP_IDENTITY_REVEAL>
export type REP_IDENTITY_REVEALReturn = FunctionReturn<typeof functions.REP_IDENTITY_REVEAL>

export type REP_MISSED_DEADLINEParams = FunctionArguments<typeof functions.REP_MISSED_DEADLINE>
export type REP_MISSED_DEADLINEReturn = FunctionReturn<typeof functions.REP_MISSED_DEADLINE>

export type REP_ON_TIMEParams = FunctionArguments<typeof functions.REP_ON_TIME>
export type REP_ON_TIMEReturn = FunctionReturn<typeof functions.REP_ON_TIME>

export type AcknowledgeReviewParams = FunctionArguments<typeof functions.acknowledgeReview>
export type AcknowledgeReviewReturn = FunctionReturn<typeof functions.acknowledgeReview>

export type AdvanceParams = FunctionArguments<typeof functions.advance>
export type AdvanceReturn = FunctionReturn<typeof functions.advance>

export type AnnulReviewParams = FunctionArguments<typeof functions.annulReview>
export type AnnulReviewReturn = FunctionReturn<typeof functions.annulReview>

export type AppealCountParams = FunctionArguments<typeof functions.appealCount>
export type AppealCountReturn = FunctionReturn<typeof functions.appealCount>

export type AppealsParams = FunctionArguments<typeof functions.appeals>
export type AppealsReturn = FunctionReturn<typeof functions.appeals>

export type AssignReviewersParams = FunctionArguments<typeof functions.assignReviewers>
export type AssignReviewersReturn = FunctionReturn<typeof functions.assignReviewers>

export type CommitDurationParams = FunctionArguments<typeof functions.commitDuration>
export type CommitDurationReturn = FunctionReturn<typeof functions.commitDuration>

export type CommitReviewParams = FunctionArguments<typeof functions.commitReview>
export type CommitReviewReturn = FunctionReturn<typeof functions.commitReview>

export type CommitmentOfParams = FunctionArguments<typeof functions.commitmentOf>
export type CommitmentOfReturn = FunctionReturn<typeof functions.commitmentOf>

export type DecideParams = FunctionArguments<typeof functions.decide>
export type DecideReturn = FunctionReturn<typeof functions.decide>

export type DiscussionDurationParams = FunctionArguments<typeof functions.discussionDuration>
export type DiscussionDurationReturn = FunctionReturn<typeof functions.discussionDuration>

export type DisputeWindowByTypeParams = FunctionArguments<typeof functions.disputeWindowByType>
export type DisputeWindowByTypeReturn = FunctionReturn<typeof functions.disputeWindowByType>

export type DomainCountParams = FunctionArguments<typeof functions.domainCount>
export type DomainCountReturn = FunctionReturn<typeof functions.domainCount>

export type FileAppealParams = FunctionArguments<typeof functions.fileAppeal>
export type FileAppealReturn = FunctionReturn<typeof functions.fileAppeal>

export type GetProposalParams = FunctionArguments<typeof functions.getProposal>
export type GetProposalReturn = FunctionReturn<typeof functions.getProposal>

export type GetReviewParams = FunctionArguments<typeof functions.getReview>
export type GetReviewReturn = FunctionReturn<typeof functions.getReview>

export type GetReviewIdsParams = FunctionArguments<typeof functions.getReviewIds>
export type GetReviewIdsReturn = FunctionReturn<typeof functions.getReviewIds>

export type GrantRoleParams = FunctionArguments<typeof functions.grantRole>
export type GrantRoleReturn = FunctionReturn<typeof functions.grantRole>

export type HasRoleParams = FunctionArguments<typeof functions.hasRole>
export type HasRoleReturn = FunctionReturn<typeof functions.hasRole>

export type MaxCitationsParams = FunctionArguments<typeof functions.maxCitations>
export type MaxCitationsReturn = FunctionReturn<typeof functions.maxCitations>

export type MaxTextBytesParams = FunctionArguments<typeof functions.maxTextBytes>
export type MaxTextBytesReturn = FunctionReturn<typeof functions.maxTextBytes>

export type PostCommentParams = FunctionArguments<typeof functions.postComment>
export type PostCommentReturn = FunctionReturn<typeof functions.postComment>

export type ProposalCountParams = FunctionArguments<typeof functions.proposalCount>
export type ProposalCountReturn = FunctionReturn<typeof functions.proposalCount>

export type ProposalsParams = FunctionArguments<typeof functions.proposals>
export type ProposalsReturn = FunctionReturn<typeof functions.proposals>

export type ReleaseStakeParams = FunctionArguments<typeof functions.releaseStake>
export type ReleaseStakeReturn = FunctionReturn<typeof functions.releaseStake>

export type ReputationParams = FunctionArguments<typeof functions.reputation>
export type ReputationReturn = FunctionReturn<typeof functions.reputation>

export type ResolveAppealParams = FunctionArguments<typeof functions.resolveAppeal>
export type ResolveAppealReturn = FunctionReturn<typeof functions.resolveAppeal>

export type RevealDurationParams = FunctionArguments<typeof functions.revealDuration>
export type RevealDurationReturn = FunctionReturn<typeof functions.revealDuration>

export type RevealIdentityParams = FunctionArguments<typeof functions.revealIdentity>
export type RevealIdentityReturn = FunctionReturn<typeof functions.revealIdentity>

export type RevealReviewParams = FunctionArguments<typeof functions.revealReview>
export type RevealReviewReturn = FunctionReturn<typeof functions.revealReview>

export type ReviewIdOfParams = FunctionArguments<typeof functions.reviewIdOf>
export type ReviewIdOfReturn = FunctionReturn<typeof functions.reviewIdOf>

export type ReviewersPerProposalParams = FunctionArguments<typeof functions.reviewersPerProposal>
export type ReviewersPerProposalReturn = FunctionReturn<typeof functions.reviewersPerProposal>

export type ReviewsParams = FunctionArguments<typeof functions.reviews>
export type ReviewsReturn = FunctionReturn<typeof functions.reviews>

export type RevokeRoleParams = FunctionArguments<typeof functions.revokeRole>
export type RevokeRoleReturn = FunctionReturn<typeof functions.revokeRole>

export type SetParametersParams = FunctionArguments<typeof functions.setParameters>
export type SetParametersReturn = FunctionReturn<typeof functions.setParameters>

export type StakeByTypeParams = FunctionArguments<typeof functions.stakeByType>
export type StakeByTypeReturn = FunctionReturn<typeof functions.stakeByType>

export type SubmitProposalParams = FunctionArguments<typeof functions.submitProposal>
export type SubmitProposalReturn = FunctionReturn<typeof functions.submitProposal>

export type WorksParams = FunctionArguments<typeof functions.works>
export type WorksReturn = FunctionReturn<typeof functions.works>


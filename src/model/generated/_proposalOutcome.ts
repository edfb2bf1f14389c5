export enum ProposalOutcome {
    NONE = "NONE",
    FUNDED = "FUNDED",
    REJECTED = "REJECTED",
    COMPLETED = "COMPLETED",
    FAILED = "FAILED",
}

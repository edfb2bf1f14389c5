export enum PaymentKind {
    REVIEW = "REVIEW",
    META_REVIEW = "META_REVIEW",
}

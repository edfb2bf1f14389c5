export enum StakerKind {
    PROVIDER = "PROVIDER",
    VERIFIER = "VERIFIER",
}

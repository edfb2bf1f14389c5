export enum CaseStatus {
    OPEN = "OPEN",
    CONFIRMED = "CONFIRMED",
    DISMISSED = "DISMISSED",
}

export enum ReviewStatus {
    ASSIGNED = "ASSIGNED",
    COMMITTED = "COMMITTED",
    REVEALED = "REVEALED",
    MISSED = "MISSED",
    ANNULLED = "ANNULLED",
}

export enum CaseSeverity {
    SUSPECTED = "SUSPECTED",
    PROBABLE = "PROBABLE",
    CONFIRMED = "CONFIRMED",
    REPEAT = "REPEAT",
}

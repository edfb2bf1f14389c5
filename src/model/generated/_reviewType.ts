export enum ReviewType {
    STANDARD = "STANDARD",
    EXPEDITED = "EXPEDITED",
    EXPERT = "EXPERT",
}

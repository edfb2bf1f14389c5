export enum JailEventKind {
    JAILED = "JAILED",
    UNJAILED = "UNJAILED",
    TOMBSTONED = "TOMBSTONED",
}

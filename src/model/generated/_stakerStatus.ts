export enum StakerStatus {
    ACTIVE = "ACTIVE",
    JAILED = "JAILED",
    TOMBSTONED = "TOMBSTONED",
}

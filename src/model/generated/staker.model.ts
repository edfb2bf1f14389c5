import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, Index as Index_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {StakerKind} from "./_stakerKind"
import {StakerStatus} from "./_stakerStatus"

/**
 * A provider or verifier staked in ComputeStaking.
 */
@Entity_()
export class Staker {
    constructor(props?: Partial<Staker>) {
        Object.assign(this, props)
    }

    /**
     * address
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @Column_("varchar", {length: 8, nullable: false})
    kind!: StakerKind

    @Index_()
    @Column_("varchar", {length: 10, nullable: false})
    status!: StakerStatus

    @BigIntColumn_({nullable: false})
    bonded!: bigint

    @BigIntColumn_({nullable: false})
    unbonding!: bigint

    @DateTimeColumn_({nullable: true})
    unbondingReleaseAt!: Date | undefined | null

    @DateTimeColumn_({nullable: true})
    jailedUntil!: Date | undefined | null

    @DateTimeColumn_({nullable: false})
    registeredAt!: Date

    @Index_()
    @IntColumn_({nullable: false})
    registeredBlock!: number

    @IntColumn_({nullable: false})
    registeredEpoch!: number

    @IntColumn_({nullable: false})
    heartbeats!: number

    @IntColumn_({nullable: true})
    lastHeartbeatEpoch!: number | undefined | null

    @BigIntColumn_({nullable: false})
    slashedTotal!: bigint

    @BigIntColumn_({nullable: false})
    rewardsTotal!: bigint

    /**
     * stake withdrawn after unbonding
     */
    @BigIntColumn_({nullable: false})
    withdrawnTotal!: bigint

    @IntColumn_({nullable: false})
    tasksAssigned!: number

    @IntColumn_({nullable: false})
    tasksFinalized!: number

    @IntColumn_({nullable: false})
    tasksMissed!: number

    @IntColumn_({nullable: false})
    tasksFaulty!: number

    @IntColumn_({nullable: false})
    attestations!: number

    @IntColumn_({nullable: false})
    challenges!: number
}

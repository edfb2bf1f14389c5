import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

@Entity_()
export class StakeLock {
    constructor(props?: Partial<StakeLock>) {
        Object.assign(this, props)
    }

    /**
     * review id
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    reviewer!: string

    @BigIntColumn_({nullable: false})
    amount!: bigint

    @DateTimeColumn_({nullable: false})
    lockedAt!: Date

    @DateTimeColumn_({nullable: true})
    unlockAt!: Date | undefined | null

    @DateTimeColumn_({nullable: true})
    releasedAt!: Date | undefined | null
}

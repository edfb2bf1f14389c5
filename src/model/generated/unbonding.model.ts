import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

@Entity_()
export class Unbonding {
    constructor(props?: Partial<Unbonding>) {
        Object.assign(this, props)
    }

    /**
     * <block>-<logIndex>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    account!: string

    @BigIntColumn_({nullable: false})
    amount!: bigint

    /**
     * unbonding total after this start; the cool-down restarts with each addition
     */
    @BigIntColumn_({nullable: false})
    unbondingAfter!: bigint

    @DateTimeColumn_({nullable: false})
    releaseAt!: Date

    @DateTimeColumn_({nullable: false})
    startedAt!: Date
}

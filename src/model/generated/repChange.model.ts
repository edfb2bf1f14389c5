import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {RepReason} from "./_repReason"

/**
 * One row per REP change, with its reason: the ledger behind Reviewer.reputation.
 */
@Index_(["reviewer", "block"], {unique: false})
@Entity_()
export class RepChange {
    constructor(props?: Partial<RepChange>) {
        Object.assign(this, props)
    }

    /**
     * <block>-<logIndex>
     */
    @PrimaryColumn_()
    id!: string

    @StringColumn_({nullable: false})
    reviewer!: string

    @Index_()
    @Column_("varchar", {length: 20, nullable: false})
    reason!: RepReason

    @BigIntColumn_({nullable: false})
    delta!: bigint

    @BigIntColumn_({nullable: false})
    balance!: bigint

    /**
     * review id, case id or quarters of decay, as the contract records it
     */
    @StringColumn_({nullable: false})
    ref!: string

    @Index_()
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @IntColumn_({nullable: false})
    block!: number

    @StringColumn_({nullable: false})
    txHash!: string
}

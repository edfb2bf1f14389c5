import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {SlashReason} from "./_slashReason"

@Entity_()
export class Slash {
    constructor(props?: Partial<Slash>) {
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

    @Index_()
    @Column_("varchar", {length: 17, nullable: false})
    reason!: SlashReason

    @BigIntColumn_({nullable: false})
    amount!: bigint

    @BigIntColumn_({nullable: false})
    bondedAfter!: bigint

    @BigIntColumn_({nullable: false})
    unbondingAfter!: bigint

    /**
     * task id, window end epoch, as the contract records it
     */
    @StringColumn_({nullable: false})
    ref!: string

    @Index_()
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @IntColumn_({nullable: false})
    block!: number
}

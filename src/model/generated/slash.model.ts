import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {SlashReason} from "./_slashReason"

@Index_(["account", "block"], {unique: false})
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

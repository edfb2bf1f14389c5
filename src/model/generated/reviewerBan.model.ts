import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {RepReason} from "./_repReason"

@Entity_()
export class ReviewerBan {
    constructor(props?: Partial<ReviewerBan>) {
        Object.assign(this, props)
    }

    /**
     * <block>-<logIndex>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    reviewer!: string

    @Column_("varchar", {length: 20, nullable: false})
    reason!: RepReason

    @DateTimeColumn_({nullable: true})
    until!: Date | undefined | null

    @BooleanColumn_({nullable: false})
    permanent!: boolean

    @StringColumn_({nullable: false})
    ref!: string

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @IntColumn_({nullable: false})
    block!: number
}

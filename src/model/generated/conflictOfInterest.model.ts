import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

@Entity_()
export class ConflictOfInterest {
    constructor(props?: Partial<ConflictOfInterest>) {
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

    @StringColumn_({nullable: false})
    proposalId!: string

    @StringColumn_({nullable: false})
    finding!: string

    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}

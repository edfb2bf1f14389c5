import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

@Entity_()
export class DiscussionPost {
    constructor(props?: Partial<DiscussionPost>) {
        Object.assign(this, props)
    }

    /**
     * <block>-<logIndex>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    proposalId!: string

    /**
     * the reviewer's review id; null for the author's rebuttal
     */
    @StringColumn_({nullable: true})
    reviewId!: string | undefined | null

    @BooleanColumn_({nullable: false})
    fromAuthor!: boolean

    @StringColumn_({nullable: false})
    text!: string

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @IntColumn_({nullable: false})
    block!: number
}

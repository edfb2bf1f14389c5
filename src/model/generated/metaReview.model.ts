import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

@Entity_()
export class MetaReview {
    constructor(props?: Partial<MetaReview>) {
        Object.assign(this, props)
    }

    /**
     * <review>-<meta-reviewer>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    reviewId!: string

    @Index_()
    @StringColumn_({nullable: false})
    metaReviewer!: string

    /**
     * thoroughness, constructiveness, technical accuracy, timeliness, clarity
     */
    @IntColumn_({array: true, nullable: false})
    dimensions!: (number)[]

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @IntColumn_({nullable: false})
    block!: number
}

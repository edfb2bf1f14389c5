import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * An account that submitted proposals or authored registered works.
 */
@Entity_()
export class Author {
    constructor(props?: Partial<Author>) {
        Object.assign(this, props)
    }

    /**
     * address
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    proposals!: number

    @IntColumn_({nullable: false})
    works!: number

    @DateTimeColumn_({nullable: false})
    firstSeenAt!: Date
}

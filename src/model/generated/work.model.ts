import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

@Entity_()
export class Work {
    constructor(props?: Partial<Work>) {
        Object.assign(this, props)
    }

    /**
     * work id
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    registrant!: string

    @StringColumn_({array: true, nullable: false})
    authors!: (string)[]

    @StringColumn_({nullable: false})
    contentHash!: string

    @StringColumn_({nullable: false})
    title!: string

    @DateTimeColumn_({nullable: false})
    registeredAt!: Date

    @Index_()
    @IntColumn_({nullable: false})
    registeredBlock!: number
}

import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"

@Entity_()
export class Appeal {
    constructor(props?: Partial<Appeal>) {
        Object.assign(this, props)
    }

    /**
     * appeal id
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    proposalId!: string

    @Index_()
    @StringColumn_({nullable: false})
    reviewId!: string

    @StringColumn_({nullable: false})
    appellant!: string

    @StringColumn_({nullable: false})
    grounds!: string

    @DateTimeColumn_({nullable: false})
    filedAt!: Date

    @BooleanColumn_({nullable: false})
    resolved!: boolean

    @BooleanColumn_({nullable: true})
    upheld!: boolean | undefined | null

    @StringColumn_({nullable: true})
    rationale!: string | undefined | null

    @DateTimeColumn_({nullable: true})
    resolvedAt!: Date | undefined | null
}

import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

@Entity_()
export class RoleGrant {
    constructor(props?: Partial<RoleGrant>) {
        Object.assign(this, props)
    }

    /**
     * <contract>-<role>-<account>
     */
    @PrimaryColumn_()
    id!: string

    @StringColumn_({nullable: false})
    contract!: string

    @StringColumn_({nullable: false})
    role!: string

    @Index_()
    @StringColumn_({nullable: false})
    account!: string

    @BooleanColumn_({nullable: false})
    granted!: boolean

    @DateTimeColumn_({nullable: false})
    updatedAt!: Date
}

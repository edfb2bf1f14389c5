import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

@Index_(["provider", "epoch"], {unique: false})
@Entity_()
export class Heartbeat {
    constructor(props?: Partial<Heartbeat>) {
        Object.assign(this, props)
    }

    /**
     * <provider>-<epoch>
     */
    @PrimaryColumn_()
    id!: string

    @StringColumn_({nullable: false})
    provider!: string

    @Index_()
    @IntColumn_({nullable: false})
    epoch!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @Index_()
    @IntColumn_({nullable: false})
    block!: number
}

import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * Events indexed per contract event, for accounting: chain logs = indexed + quarantined.
 */
@Entity_()
export class EventCount {
    constructor(props?: Partial<EventCount>) {
        Object.assign(this, props)
    }

    /**
     * <contract>.<event>
     */
    @PrimaryColumn_()
    id!: string

    @StringColumn_({nullable: false})
    contract!: string

    @StringColumn_({nullable: false})
    event!: string

    @IntColumn_({nullable: false})
    indexed!: number

    @IntColumn_({nullable: false})
    quarantined!: number
}

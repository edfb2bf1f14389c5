import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, IntColumn as IntColumn_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * An event that could not be indexed as it stands: kept with the reason, never dropped.
 */
@Entity_()
export class QuarantinedEvent {
    constructor(props?: Partial<QuarantinedEvent>) {
        Object.assign(this, props)
    }

    /**
     * <block>-<logIndex>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    @StringColumn_({nullable: false})
    blockHash!: string

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number

    @StringColumn_({nullable: false})
    address!: string

    @StringColumn_({nullable: true})
    topic0!: string | undefined | null

    /**
     * the contract event it claims to be, when its selector is known
     */
    @StringColumn_({nullable: true})
    eventName!: string | undefined | null

    @StringColumn_({array: true, nullable: false})
    topics!: (string)[]

    @StringColumn_({nullable: false})
    data!: string

    @StringColumn_({nullable: false})
    reason!: string
}

import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * The analytics watermark: the last finalized block analysed, and what the run found.
 */
@Entity_()
export class AnalyticsState {
    constructor(props?: Partial<AnalyticsState>) {
        Object.assign(this, props)
    }

    /**
     * analytics
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    blockTimestamp!: Date

    @IntColumn_({nullable: false})
    flags!: number

    @IntColumn_({nullable: false})
    cases!: number

    /**
     * runs since the state was created
     */
    @IntColumn_({nullable: false})
    runs!: number

    /**
     * wall time of the last run: load, detect, write
     */
    @IntColumn_({nullable: false})
    lastRunMs!: number

    @DateTimeColumn_({nullable: false})
    updatedAt!: Date

    /**
     * ComputeStaking's epoch at the watermark: the epochs before it are complete (null until a run writes it)
     */
    @IntColumn_({nullable: true})
    epoch!: number | undefined | null

    /**
     * ComputeStaking's genesis, when epoch 0 began
     */
    @DateTimeColumn_({nullable: true})
    epochGenesis!: Date | undefined | null

    /**
     * ComputeStaking's epoch length, seconds
     */
    @IntColumn_({nullable: true})
    epochSeconds!: number | undefined | null
}

import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, JSONColumn as JSONColumn_, FloatColumn as FloatColumn_} from "@subsquid/typeorm-store"

/**
 * A detector's finding. Its id is kind + subjects + window: the same finding has the same id in every run.
 * The table holds the flags as computed at the analytics watermark (AnalyticsState.block), written in the
 * same transaction: that is the block every flag was computed at, recorded once rather than on each row.
 */
@Entity_()
export class Flag {
    constructor(props?: Partial<Flag>) {
        Object.assign(this, props)
    }

    /**
     * <kind>:<subjects>:<window or all>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * score-correlation, text-similarity, timing-correlation, reciprocal-review, review-ring, dense-review-group, self-citation, citation-score, provider-downtime, provider-missed-tasks, provider-faulty-results
     */
    @Index_()
    @StringColumn_({nullable: false})
    kind!: string

    /**
     * accounts the flag is about, sorted
     */
    @StringColumn_({array: true, nullable: false})
    subjects!: (string)[]

    /**
     * {from, to}: Unix seconds, or compute epochs for provider flags; null when the rule counts all history
     */
    @JSONColumn_({nullable: true})
    window!: unknown | undefined | null

    @StringColumn_({nullable: false})
    metric!: string

    @FloatColumn_({nullable: false})
    value!: number

    @FloatColumn_({nullable: false})
    threshold!: number

    /**
     * how value compares with threshold: >, >=, < or <=
     */
    @StringColumn_({nullable: false})
    comparison!: string

    /**
     * the numbers a person needs to check the flag without re-running anything
     */
    @JSONColumn_({nullable: false})
    evidence!: unknown

    @Index_()
    @StringColumn_({nullable: true})
    caseId!: string | undefined | null
}

import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_, Index as Index_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"

/**
 * A registered reviewer: the REP account ZIP-604 stakes and slashes.
 */
@Entity_()
export class Reviewer {
    constructor(props?: Partial<Reviewer>) {
        Object.assign(this, props)
    }

    /**
     * address
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({array: true, nullable: false})
    domains!: (number)[]

    @DateTimeColumn_({nullable: false})
    registeredAt!: Date

    @IntColumn_({nullable: false})
    registeredBlock!: number

    /**
     * REP balance, locked part included
     */
    @Index_()
    @BigIntColumn_({nullable: false})
    reputation!: bigint

    /**
     * REP locked in stakes
     */
    @BigIntColumn_({nullable: false})
    locked!: bigint

    @DateTimeColumn_({nullable: true})
    bannedUntil!: Date | undefined | null

    @BooleanColumn_({nullable: false})
    permanentlyBanned!: boolean

    @IntColumn_({nullable: false})
    confirmedOffences!: number

    @IntColumn_({nullable: false})
    assignments!: number

    @IntColumn_({nullable: false})
    reviewsRevealed!: number

    @IntColumn_({nullable: false})
    deadlinesMissed!: number

    @IntColumn_({nullable: false})
    qualityScoreSum!: number

    @IntColumn_({nullable: false})
    qualityScoreCount!: number

    /**
     * ZOO earned (review and meta-review payments), token units
     */
    @BigIntColumn_({nullable: false})
    earnings!: bigint

    /**
     * last review completed on time
     */
    @DateTimeColumn_({nullable: true})
    lastActivityAt!: Date | undefined | null
}

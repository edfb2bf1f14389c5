import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"
import {ReviewStatus} from "./_reviewStatus"
import {ProposalPhase} from "./_proposalPhase"

/**
 * A reviewer's assignment to a proposal and, once revealed, their review.
 */
@Index_(["reviewer", "proposalId"], {unique: false})
@Entity_()
export class Review {
    constructor(props?: Partial<Review>) {
        Object.assign(this, props)
    }

    /**
     * review id: keccak256(abi.encode(proposalId, reviewer))
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    proposalId!: string

    @StringColumn_({nullable: false})
    reviewer!: string

    @Index_()
    @Column_("varchar", {length: 9, nullable: false})
    status!: ReviewStatus

    @BigIntColumn_({nullable: false})
    stake!: bigint

    @DateTimeColumn_({nullable: false})
    assignedAt!: Date

    @IntColumn_({nullable: false})
    assignedBlock!: number

    @StringColumn_({nullable: true})
    commitment!: string | undefined | null

    @Index_()
    @DateTimeColumn_({nullable: true})
    committedAt!: Date | undefined | null

    @Index_()
    @IntColumn_({nullable: true})
    committedBlock!: number | undefined | null

    @StringColumn_({nullable: true})
    commitTxHash!: string | undefined | null

    @IntColumn_({nullable: true})
    score!: number | undefined | null

    @StringColumn_({nullable: true})
    text!: string | undefined | null

    /**
     * ids of the registered works the review cites
     */
    @IntColumn_({array: true, nullable: true})
    citedWorks!: (number)[] | undefined | null

    @DateTimeColumn_({nullable: true})
    revealedAt!: Date | undefined | null

    @Index_()
    @IntColumn_({nullable: true})
    revealedBlock!: number | undefined | null

    /**
     * composite meta-review quality score, 1-10
     */
    @IntColumn_({nullable: true})
    quality!: number | undefined | null

    /**
     * medians of thoroughness, constructiveness, technical accuracy, timeliness, clarity
     */
    @IntColumn_({array: true, nullable: true})
    qualityMedians!: (number)[] | undefined | null

    @DateTimeColumn_({nullable: true})
    scoredAt!: Date | undefined | null

    @DateTimeColumn_({nullable: true})
    unlockAt!: Date | undefined | null

    @BooleanColumn_({nullable: false})
    stakeReleased!: boolean

    @BooleanColumn_({nullable: false})
    acknowledged!: boolean

    @BooleanColumn_({nullable: false})
    identityRevealed!: boolean

    @StringColumn_({nullable: true})
    did!: string | undefined | null

    @DateTimeColumn_({nullable: true})
    identityRevealedAt!: Date | undefined | null

    @BigIntColumn_({nullable: true})
    paid!: bigint | undefined | null

    @Column_("varchar", {length: 10, nullable: true})
    missedPhase!: ProposalPhase | undefined | null

    @StringColumn_({nullable: true})
    annulledByCase!: string | undefined | null
}

import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, IntColumn as IntColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {ReviewType} from "./_reviewType"
import {ProposalPhase} from "./_proposalPhase"
import {ProposalOutcome} from "./_proposalOutcome"

@Entity_()
export class Proposal {
    constructor(props?: Partial<Proposal>) {
        Object.assign(this, props)
    }

    /**
     * proposal id
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    author!: string

    @Index_()
    @IntColumn_({nullable: false})
    domain!: number

    @Column_("varchar", {length: 9, nullable: false})
    reviewType!: ReviewType

    @BooleanColumn_({nullable: false})
    discussion!: boolean

    @IntColumn_({nullable: false})
    reviewersWanted!: number

    @StringColumn_({nullable: false})
    contentHash!: string

    @Index_()
    @Column_("varchar", {length: 10, nullable: false})
    phase!: ProposalPhase

    /**
     * end of the current timed phase
     */
    @DateTimeColumn_({nullable: true})
    phaseDeadline!: Date | undefined | null

    @Index_()
    @Column_("varchar", {length: 9, nullable: false})
    outcome!: ProposalOutcome

    @StringColumn_({nullable: true})
    rationale!: string | undefined | null

    @Index_()
    @DateTimeColumn_({nullable: false})
    submittedAt!: Date

    @Index_()
    @IntColumn_({nullable: false})
    submittedBlock!: number

    /**
     * when the proposal reached FUNDED or REJECTED: ZIP-604 section 6 publication starts here
     */
    @DateTimeColumn_({nullable: true})
    decidedAt!: Date | undefined | null

    @Index_()
    @IntColumn_({nullable: true})
    decidedBlock!: number | undefined | null

    @IntColumn_({nullable: false})
    assigned!: number

    @IntColumn_({nullable: false})
    committed!: number

    @IntColumn_({nullable: false})
    revealed!: number
}

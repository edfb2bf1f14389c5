import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {ProposalPhase} from "./_proposalPhase"

/**
 * A proposal's phase history.
 */
@Entity_()
export class PhaseChange {
    constructor(props?: Partial<PhaseChange>) {
        Object.assign(this, props)
    }

    /**
     * <block>-<logIndex>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    proposalId!: string

    @Column_("varchar", {length: 10, nullable: false})
    phase!: ProposalPhase

    @DateTimeColumn_({nullable: true})
    deadline!: Date | undefined | null

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @IntColumn_({nullable: false})
    block!: number
}

import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {CollusionSignal} from "./_collusionSignal"
import {CaseStatus} from "./_caseStatus"

/**
 * An on-chain collusion case (ZIP-604 4.4): raised, then confirmed or dismissed by the committee.
 */
@Entity_()
export class CollusionCase {
    constructor(props?: Partial<CollusionCase>) {
        Object.assign(this, props)
    }

    /**
     * case id
     */
    @PrimaryColumn_()
    id!: string

    @Column_("varchar", {length: 18, nullable: false})
    signal!: CollusionSignal

    @StringColumn_({nullable: false})
    raisedBy!: string

    @StringColumn_({array: true, nullable: false})
    subjects!: (string)[]

    @StringColumn_({nullable: false})
    evidenceHash!: string

    @StringColumn_({nullable: false})
    summary!: string

    @Index_()
    @Column_("varchar", {length: 9, nullable: false})
    status!: CaseStatus

    @DateTimeColumn_({nullable: false})
    raisedAt!: Date

    @IntColumn_({nullable: false})
    raisedBlock!: number

    @DateTimeColumn_({nullable: true})
    closedAt!: Date | undefined | null

    /**
     * block of the confirmation or dismissal: analytics count a confirmation once it is final
     */
    @Index_()
    @IntColumn_({nullable: true})
    closedBlock!: number | undefined | null

    @StringColumn_({nullable: true})
    finding!: string | undefined | null

    @StringColumn_({array: true, nullable: true})
    annulledReviews!: (string)[] | undefined | null
}

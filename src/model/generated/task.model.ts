import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {TaskStatus} from "./_taskStatus"

@Entity_()
export class Task {
    constructor(props?: Partial<Task>) {
        Object.assign(this, props)
    }

    /**
     * task id
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    client!: string

    @Index_()
    @StringColumn_({nullable: true})
    provider!: string | undefined | null

    @Index_()
    @Column_("varchar", {length: 10, nullable: false})
    status!: TaskStatus

    @BigIntColumn_({nullable: false})
    bid!: bigint

    @StringColumn_({nullable: false})
    specHash!: string

    @StringColumn_({nullable: true})
    resultHash!: string | undefined | null

    @DateTimeColumn_({nullable: false})
    submittedAt!: Date

    @DateTimeColumn_({nullable: true})
    assignedAt!: Date | undefined | null

    @DateTimeColumn_({nullable: true})
    deadline!: Date | undefined | null

    @DateTimeColumn_({nullable: true})
    resultAt!: Date | undefined | null

    @DateTimeColumn_({nullable: true})
    challengeDeadline!: Date | undefined | null

    @BigIntColumn_({nullable: false})
    attestedWeight!: bigint

    @IntColumn_({nullable: false})
    attesters!: number

    @StringColumn_({nullable: true})
    challenger!: string | undefined | null

    @DateTimeColumn_({nullable: true})
    closedAt!: Date | undefined | null

    @Index_()
    @IntColumn_({nullable: true})
    closedBlock!: number | undefined | null

    @BigIntColumn_({nullable: true})
    providerPayout!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    verifierFees!: bigint | undefined | null
}

import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"

@Entity_()
export class Challenge {
    constructor(props?: Partial<Challenge>) {
        Object.assign(this, props)
    }

    /**
     * task id: a task can be challenged once
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    taskId!: string

    @Index_()
    @StringColumn_({nullable: false})
    challenger!: string

    @StringColumn_({nullable: false})
    claimedResultHash!: string

    @DateTimeColumn_({nullable: false})
    raisedAt!: Date

    @BooleanColumn_({nullable: true})
    providerFaulty!: boolean | undefined | null

    @DateTimeColumn_({nullable: true})
    resolvedAt!: Date | undefined | null
}

import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

@Entity_()
export class Attestation {
    constructor(props?: Partial<Attestation>) {
        Object.assign(this, props)
    }

    /**
     * <task>-<verifier>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    taskId!: string

    @Index_()
    @StringColumn_({nullable: false})
    verifier!: string

    @BigIntColumn_({nullable: false})
    weight!: bigint

    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}

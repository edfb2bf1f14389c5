import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, JSONColumn as JSONColumn_} from "@subsquid/typeorm-store"
import {CaseSeverity} from "./_caseSeverity"

/**
 * Flags grouped by overlapping subjects and graded on ZIP-604 section 4.4's ladder, as at the analytics watermark.
 */
@Entity_()
export class InvestigationCase {
    constructor(props?: Partial<InvestigationCase>) {
        Object.assign(this, props)
    }

    /**
     * case-<hash of the case's earliest flag>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @Column_("varchar", {length: 9, nullable: false})
    severity!: CaseSeverity

    @StringColumn_({array: true, nullable: false})
    subjects!: (string)[]

    @StringColumn_({array: true, nullable: false})
    flagIds!: (string)[]

    /**
     * signal families, corroborating flag pairs, on-chain confirmations
     */
    @JSONColumn_({nullable: false})
    grounds!: unknown
}

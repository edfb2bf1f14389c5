import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {JailEventKind} from "./_jailEventKind"
import {SlashReason} from "./_slashReason"

@Entity_()
export class JailEvent {
    constructor(props?: Partial<JailEvent>) {
        Object.assign(this, props)
    }

    /**
     * <block>-<logIndex>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    provider!: string

    @Column_("varchar", {length: 10, nullable: false})
    kind!: JailEventKind

    @Column_("varchar", {length: 17, nullable: true})
    reason!: SlashReason | undefined | null

    @DateTimeColumn_({nullable: true})
    until!: Date | undefined | null

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @Index_()
    @IntColumn_({nullable: false})
    block!: number
}

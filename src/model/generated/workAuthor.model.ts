import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_} from "@subsquid/typeorm-store"

/**
 * One author of one work: lets citation analysis find a reviewer's own works.
 */
@Entity_()
export class WorkAuthor {
    constructor(props?: Partial<WorkAuthor>) {
        Object.assign(this, props)
    }

    /**
     * <work>-<author>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    workId!: string

    @Index_()
    @StringColumn_({nullable: false})
    author!: string
}

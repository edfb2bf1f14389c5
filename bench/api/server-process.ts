/**
 * The benchmarks' API server (serve.ts) in a process of its own, as `npm start` runs it, on a
 * synthetic database; fresh per run, so that nothing is cached when a run begins.
 */
import { spawn } from 'node:child_process'
import readline from 'node:readline'
import { PROJECT_ROOT } from '../../src/config'
import { dbEnvVars } from '../../src/db/postgres'
import type { SyntheticDatabase } from '../analytics/database'

export async function startApiProcess(db: SyntheticDatabase): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api/serve.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...dbEnvVars(db.env), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`the API server exited with ${code}`)))
  })
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

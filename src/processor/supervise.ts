/**
 * Runs the processor as a child process (crash-only: it may die at any instant and resumes from
 * what Postgres committed), keeps its JSON log in a file, reports each batch, and restarts it after
 * a crash unless it keeps crashing.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { PROJECT_ROOT } from '../config'

export interface BatchReport {
  from: number
  to: number
  events: number
  quarantined: number
}

export interface SupervisorOptions {
  env: NodeJS.ProcessEnv
  logFile: string
  onBatch?: (batch: BatchReport) => void
  /** Warnings and errors of the processor, already formatted for a person. */
  onProblem?: (line: string) => void
  /** Restarts allowed within `restartWindowMs` before giving up. */
  maxRestarts?: number
  restartWindowMs?: number
}

export interface Supervisor {
  /** Resolves when the processor has stopped for good: after `stop()`, or after too many crashes (rejects). */
  done: Promise<void>
  stop(): Promise<void>
}

export const PROCESSOR_ENTRY = path.join(PROJECT_ROOT, 'src/processor/main.ts')
/**
 * Node arguments of the processor process. A 64 MB young generation (16 MB by default) halves the
 * time the processor spends collecting the short-lived objects of decoding and writing: about
 * 0.5 s of a 12 s ingest benchmark run.
 */
export const PROCESSOR_ARGS = ['--max-semi-space-size=64', '--import', 'tsx', PROCESSOR_ENTRY]

export function superviseProcessor(opts: SupervisorOptions): Supervisor {
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true })
  const logStream = fs.createWriteStream(opts.logFile, { flags: 'a' })
  const crashes: number[] = []
  let child: ChildProcess | undefined
  let stopping = false
  let resolveDone!: () => void
  let rejectDone!: (err: Error) => void
  const done = new Promise<void>((resolve, reject) => ((resolveDone = resolve), (rejectDone = reject)))
  let lastFatal = ''

  const launch = () => {
    // Its own process group: a Ctrl-C at the terminal reaches only the parent, which stops the
    // processor before the database.
    child = spawn(process.execPath, PROCESSOR_ARGS, { cwd: PROJECT_ROOT, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    child.stdout!.pipe(logStream, { end: false })
    readline.createInterface({ input: child.stderr! }).on('line', (line) => {
      logStream.write(`${line}\n`)
      let rec: Record<string, unknown>
      try {
        rec = JSON.parse(line) as Record<string, unknown>
      } catch {
        opts.onProblem?.(line)
        return
      }
      if (rec.msg === 'batch') opts.onBatch?.(rec as unknown as BatchReport)
      else if (typeof rec.level === 'number' && rec.level >= 40) {
        if (rec.level >= 60) lastFatal = String(rec.msg)
        opts.onProblem?.(`processor ${rec.level >= 60 ? 'fatal' : rec.level >= 50 ? 'error' : 'warning'}: ${String(rec.msg)}`)
      }
    })
    child.on('exit', (code, signal) => {
      child = undefined
      if (stopping) return resolveDone()
      const now = Date.now()
      crashes.push(now)
      while (crashes.length > 0 && crashes[0]! < now - (opts.restartWindowMs ?? 60_000)) crashes.shift()
      if (crashes.length > (opts.maxRestarts ?? 5)) {
        return rejectDone(new Error(`the processor keeps stopping (exit ${code ?? signal}); last fatal error: ${lastFatal || 'none'}; log: ${opts.logFile}`))
      }
      opts.onProblem?.(`processor exited (${code ?? signal}); restarting`)
      setTimeout(launch, 1_000)
    })
  }
  launch()
  return {
    done,
    async stop() {
      stopping = true
      if (!child) return resolveDone()
      child.kill('SIGTERM')
      const timer = setTimeout(() => child?.kill('SIGKILL'), 5_000)
      await done
      clearTimeout(timer)
      logStream.end()
    },
  }
}

/**
 * Starts a real anvil from its npm package (the binary ships in @foundry-rs/anvil-<platform>-<arch>)
 * on a loopback port, and stops it cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { createRpcClient, waitForRpc, type RpcClient } from '../chain/rpc'

export interface AnvilOptions {
  /** Loopback port; undefined picks a free one. */
  port?: number
  /** anvil --state: load the chain from this file at start and dump it on exit and every
   * `stateIntervalSeconds` (default 60: a dump writes the whole chain, so not too often), so block
   * hashes survive restarts. Undefined: in-memory chain. */
  stateFile?: string
  stateIntervalSeconds?: number
  /** anvil --load-state: start from this file and never write it (a fixture that must not change). */
  loadStateFile?: string
  /** Genesis block timestamp, unix seconds. Fixing it makes block hashes reproducible. */
  genesisTimestamp?: number
  chainId?: number
}

export interface Anvil {
  url: string
  port: number
  rpc: RpcClient
  process: ChildProcess
  /** SIGTERM (anvil dumps its state), then SIGKILL after `graceMs` (default 60 s: a long chain's
   * dump takes a while, and a kill during it leaves a truncated state file). */
  stop(graceMs?: number): Promise<void>
}

/** 2026-01-01T00:00:00Z: the devnet's genesis, so that runs with the same seed match block for block. */
export const DEFAULT_GENESIS_TIMESTAMP = 1_767_225_600
export const DEVNET_CHAIN_ID = 31337

/**
 * The anvil binary from its per-platform npm package. package.json lists linux-x64's as an optional
 * dependency (the registry reachable from this project's machines holds only that one; the
 * @foundry-rs/anvil wrapper names all platforms and so breaks `npm ci` here). Elsewhere, install
 * the matching @foundry-rs/anvil-<platform>-<arch> package.
 */
export function anvilBinary(): string {
  const platform = process.platform
  const arch = process.arch === 'x64' ? 'amd64' : process.arch
  const pkg = `@foundry-rs/anvil-${platform}-${arch}`
  let dir: string
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`))
  } catch {
    throw new Error(`no anvil binary for ${platform}-${arch}: install ${pkg}@1.7.1 (npm install --no-save ${pkg}@1.7.1)`)
  }
  const bin = path.join(dir, 'bin', platform === 'win32' ? 'anvil.exe' : 'anvil')
  if (!fs.existsSync(bin)) throw new Error(`anvil binary missing at ${bin}: reinstall with npm ci`)
  return bin
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export async function startAnvil(opts: AnvilOptions = {}): Promise<Anvil> {
  // A port found free can be taken by another process before anvil binds it (tests start anvils
  // in parallel): with no port asked for, try again on another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchAnvil(opts, opts.port ?? (await freePort()))
    } catch (err) {
      if (opts.port !== undefined || attempt >= 3 || !/exited at start/.test((err as Error).message)) throw err
    }
  }
}

async function launchAnvil(opts: AnvilOptions, port: number): Promise<Anvil> {
  const args = [
    '--host', '127.0.0.1',
    '--port', String(port),
    '--chain-id', String(opts.chainId ?? DEVNET_CHAIN_ID),
    '--timestamp', String(opts.genesisTimestamp ?? DEFAULT_GENESIS_TIMESTAMP),
    // Fees are irrelevant on a devnet; zero base fee lets simulated accounts transact unfunded.
    '--block-base-fee-per-gas', '0',
    '--gas-price', '0',
    // The simulator mines blocks of several transactions: keep them in the order sent, and let a
    // block hold as many as it is given.
    '--order', 'fifo',
    '--disable-block-gas-limit',
    // Keep the last 64 states in memory and none on disk: by default anvil writes every block's
    // state under ~/.foundry/anvil/tmp, which filled 80 GB here with a long simulation (and is left
    // behind when anvil is killed). 64 covers every rollback and trace the project makes.
    '--prune-history', '64',
    '--silent',
  ]
  if (opts.stateFile) {
    fs.mkdirSync(path.dirname(opts.stateFile), { recursive: true })
    args.push('--state', opts.stateFile, '--state-interval', String(opts.stateIntervalSeconds ?? 60))
  }
  if (opts.loadStateFile) args.push('--load-state', opts.loadStateFile)
  // Its own process group, so that a Ctrl-C at the terminal reaches only the parent, which stops
  // anvil after what depends on it; and killed with the parent if that exits without stopping it.
  const child = spawn(anvilBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true })
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  child.once('exit', () => process.removeListener('exit', killOnExit))
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const rpc = createRpcClient(url)
  try {
    await Promise.race([
      waitForRpc(rpc),
      exited.then(() => {
        throw new Error(`anvil exited at start (code ${child.exitCode}): ${stderr.trim()}`)
      }),
    ])
  } catch (err) {
    child.kill('SIGKILL')
    throw err
  }
  // Chain time moves one second per block, and jumps only when the simulator sets it: blocks and
  // their hashes then depend on what is sent, never on the wall clock.
  await rpc.call('anvil_setBlockTimestampInterval', [1])
  return {
    url,
    port,
    rpc,
    process: child,
    async stop(graceMs = 60_000) {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}

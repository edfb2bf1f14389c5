/**
 * The deployment file: what later stages (simulator, processor, API) read to find the protocol.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { DEPLOYED_CONTRACTS, type ContractName } from '../contracts/names'

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an 0x-prefixed 20-byte hex address')

export const deploymentSchema = z.strictObject({
  chainId: z.number().int().positive(),
  rpcUrl: z.string(),
  /** First block holding a protocol contract: where an indexer starts. */
  startBlock: z.number().int().nonnegative(),
  deployedAt: z.string(),
  /** Heartbeat epoch length of ComputeStaking, seconds. */
  epochSeconds: z.number().int().positive(),
  /** The account holding GOVERNANCE and the operational roles (coordinator, committee, scheduler, arbiter). */
  governance: address,
  contracts: z.strictObject(Object.fromEntries(DEPLOYED_CONTRACTS.map((n) => [n, address])) as Record<ContractName, typeof address>),
})

export type Deployment = z.infer<typeof deploymentSchema> & { contracts: Record<ContractName, `0x${string}`>; governance: `0x${string}` }

export function writeDeployment(file: string, deployment: Deployment): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(deployment, null, 2) + '\n')
  fs.renameSync(tmp, file)
}

export function readDeployment(file: string): Deployment {
  if (!fs.existsSync(file)) throw new Error(`no deployment file at ${file}: run npm run devnet first`)
  const parsed = deploymentSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`)
  }
  return parsed.data as Deployment
}

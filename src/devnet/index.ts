/**
 * The devnet: anvil with its chain state kept under the data folder, the protocol deployed once,
 * and the deployment file kept current (the RPC URL changes when anvil gets a new free port).
 */
import fs from 'node:fs'
import { createSender, type Sender } from '../chain/sender'
import type { DevnetConfig } from '../config'
import { startAnvil, type Anvil } from './anvil'
import { deployProtocol } from './deploy'
import { readDeployment, writeDeployment, type Deployment } from './deployment'

export interface Devnet {
  anvil: Anvil
  sender: Sender
  deployment: Deployment
  /** True when this start deployed the contracts (a fresh chain). */
  deployedNow: boolean
  stop(): Promise<void>
}

export async function startDevnet(config: DevnetConfig, log: (line: string) => void = () => {}): Promise<Devnet> {
  const resumed = fs.existsSync(config.stateFile)
  const anvil = await startAnvil({ port: config.port, stateFile: config.stateFile })
  try {
    const sender = await createSender(anvil.rpc)
    let deployment = fs.existsSync(config.deploymentFile) ? readDeployment(config.deploymentFile) : undefined
    const code = deployment ? await anvil.rpc.call<string>('eth_getCode', [deployment.contracts.TaskMarket, 'latest']) : '0x'
    const deployedNow = !deployment || code === '0x' || deployment.epochSeconds !== config.epochSeconds
    if (deployedNow) {
      if (resumed && deployment) log(`devnet: the kept chain does not hold the deployment in ${config.deploymentFile}; deploying anew`)
      deployment = { ...(await deployProtocol(sender, { epochSeconds: config.epochSeconds })), rpcUrl: anvil.url }
    } else {
      deployment = { ...deployment!, rpcUrl: anvil.url }
    }
    writeDeployment(config.deploymentFile, deployment)
    const head = Number(await anvil.rpc.call<string>('eth_blockNumber'))
    log(`devnet: anvil at ${anvil.url} (chain ${deployment.chainId}, block ${head}${resumed ? ', state restored' : ''}); ${deployedNow ? 'deployed' : 'deployment found'}: ${config.deploymentFile}`)
    return { anvil, sender, deployment, deployedNow, stop: () => anvil.stop() }
  } catch (err) {
    await anvil.stop()
    throw err
  }
}

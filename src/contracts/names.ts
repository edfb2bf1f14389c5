/** Contracts that are deployed, in deployment order; abstract bases are compiled but not emitted. */
export const DEPLOYED_CONTRACTS = [
  'ZooToken',
  'ReputationStaking',
  'WorkRegistry',
  'ReviewHub',
  'QualityScoring',
  'ReviewPayment',
  'CollusionRegistry',
  'ComputeStaking',
  'TaskMarket',
] as const
export type ContractName = (typeof DEPLOYED_CONTRACTS)[number]

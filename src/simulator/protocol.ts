/**
 * The protocol parameters the simulator plans with. They mirror the contracts' defaults (a test
 * reads each one back from a fresh deployment), so that planned actions meet every deadline and
 * eligibility rule the contracts enforce.
 */
const DAY = 86_400

export const PROTOCOL = {
  commitSeconds: 7 * DAY,
  revealSeconds: 3 * DAY,
  discussionSeconds: 7 * DAY,
  /** REP staked per assignment: standard, expedited, expert. */
  stakeByType: [10, 20, 30] as const,
  /** Dispute window after submission, seconds: standard, expedited, expert. */
  disputeSecondsByType: [30 * DAY, 14 * DAY, 60 * DAY] as const,
  minReputation: 20,
  tier3MinReputation: 150,
  decayBps: 300,
  quarterSeconds: 90 * DAY,
  collusionBanSeconds: 180 * DAY,
  maxTextBytes: 32_768,
  maxCitations: 32,
  panelSize: 3,
  /** Meta-review weights in percent: thoroughness, constructiveness, accuracy, timeliness, clarity. */
  qualityWeights: [25, 25, 20, 15, 15] as const,
  rep: { onTime: 10, qualityBonus: 5, citedInRevision: 3, appealLost: 20, missedDeadline: 15, collusion: 100, lowQuality: 10, identityReveal: 5 },
  // compute staking
  minProviderStake: 1_000n * 10n ** 18n,
  minVerifierStake: 500n * 10n ** 18n,
  unbondingSeconds: 7 * DAY,
  jailSeconds: 3 * DAY,
  livenessWindow: 10,
  minSignedPerWindow: 5,
  /** Slash rates in basis points: faulty result, liveness, double-sign, false attestation, false challenge. */
  slashBps: { faultyResult: 1_000n, liveness: 100n, doubleSign: 500n, falseAttestation: 200n, falseChallenge: 200n },
  taskTimeoutSeconds: 6 * 3_600,
  challengeWindowSeconds: DAY,
} as const

export const ReviewType = { Standard: 0, Expedited: 1, Expert: 2 } as const
export const Outcome = { None: 0, Funded: 1, Rejected: 2, Completed: 3, Failed: 4 } as const
export const CollusionSignal = { ScoreClustering: 0, TextSimilarity: 1, TimingCorrelation: 2, ReciprocalReview: 3, CitationCoercion: 4, Other: 5 } as const

/** Median of each meta-review dimension across the panel, then the weighted composite rounded half up. */
export function qualityOf(panel: readonly (readonly number[])[]): { medians: number[]; overall: number } {
  const medians = PROTOCOL.qualityWeights.map((_, d) => {
    const column = panel.map((dims) => dims[d]!).sort((a, b) => a - b)
    return column[Math.floor(column.length / 2)]!
  })
  const sum = medians.reduce((acc, m, d) => acc + m * PROTOCOL.qualityWeights[d]!, 0)
  return { medians, overall: Math.floor((sum + 50) / 100) }
}

/**
 * The detectors' thresholds, one object per detector, with units and defaults. The defaults are
 * ZIP-604 section 4.3's rules where the spec gives one; the rest are documented choices.
 */

export interface ScoreCorrelationConfig {
  /** Pearson r above which a pair is flagged (spec: 0.95). */
  minR: number
  /** Proposals the pair must both have scored (spec: 10). */
  minShared: number
  /**
   * Constant scores have no correlation (r is undefined when a reviewer's scores do not vary).
   * Two reviewers who give identical scores on every shared proposal agree perfectly, which is
   * what the rule is after, so a pair with identical score vectors is flagged as agreement 1.0
   * when at least `minShared` proposals back it; a constant reviewer beside a varying one is not.
   */
  identicalCountsAsAgreement: boolean
}

export interface TextSimilarityConfig {
  /** Cosine similarity (TF-IDF of stemmed tokens) above which two reviews are flagged (spec: 0.8). */
  minCosine: number
  /** Reviews with fewer distinct stemmed tokens than this are skipped (too short to compare). */
  minTokens: number
  /**
   * Idf is counted over every compared review while there are at most idfExactUpTo of them; past
   * that, over the first idfExactUpTo * idfBasisGrowth^k reviews in reveal order (the largest such
   * number not above the count), so it changes only when the corpus has grown by that factor. Idf
   * over all reviews would move every pair's cosine with every review revealed, and a run after a
   * batch would have to verify every candidate pair again; over 80 % of a corpus of thousands, the
   * weights are the same to a few parts in a thousand.
   */
  idfExactUpTo: number
  idfBasisGrowth: number
  /** MinHash signature length: slots of the one-permutation MinHash (text-features.ts), at most 65,536. */
  minhashSlots: number
  /**
   * LSH bands: a pair becomes a candidate when all `lshRows` slots of some band agree. More bands:
   * higher recall, more candidates. Bands beyond minhashSlots / lshRows reuse the slots in other
   * orders (text-features.ts). What was measured (bench/RESULTS.md, "analytics"): word-by-word
   * edits leave pairs above cosine 0.8 with as little as ~0.2-0.3 shingle Jaccard; bands of 4 rows
   * miss a third of them, 64 bands of 2 about 3 % of the pairs between 0.8 and 1.0 in an edited-copy
   * stress set, 128 bands of 2 about 1 %.
   */
  lshBands: number
  /** Slots per LSH band. */
  lshRows: number
  /**
   * Slots in which a candidate pair's whole signatures must agree before the exact cosine (an
   * estimated shingle Jaccard of at least minAgreeingSlots / minhashSlots). At 1M synthetic reviews
   * 99 % of the LSH candidates agreed in 2-5 of 128 slots (the band that paired them and chance),
   * pairs above cosine 0.8 in 29 or more; the recall measured in bench/RESULTS.md includes this step.
   */
  minAgreeingSlots: number
  /** Word shingle length for MinHash. */
  shingle: number
  /** Pairs of reviews by the same two reviewers needed before the pair is flagged. */
  minPairs: number
}

export interface TimingConfig {
  /** Commits this close together count as "the same minute", seconds (spec: same minute). */
  windowSeconds: number
  /** Distinct proposals on which the same reviewers must commit together (spec: multiple). */
  minProposals: number
}

export interface ReciprocalConfig {
  /** A reviews B's proposal and B reviews A's within this span, seconds (spec: 6 months). */
  windowSeconds: number
  /** Longest directed cycle searched in the reviewer-to-author graph. */
  maxCycleLength: number
  /** Score at or above which a review counts as favourable (1-10 scale). */
  favourableScore: number
  /**
   * Only favourable reviews make edges (true), or every review (false). A review swap is a trade of
   * favours; honest exchanges and cycles with mixed scores happen by chance among authors who
   * review (in the default scenario's 15 of them, a few honest rings per season with all reviews
   * counted, none with favourable ones only).
   */
  favourableOnly: boolean
  /**
   * Reciprocal pairs: exchanges (a review each way within the window) needed for a flag. One
   * favourable exchange happens by chance among authors who review (calibration on the honest
   * ICLR replay, 15 author-reviewers over a season: one honest pair); the signal is the repeated swap.
   */
  minExchanges: number
  /**
   * Dense groups are computed over the reviews made before the last multiple of this many seconds
   * (Unix time; default 86,400: UTC midnight): Louvain is global and takes seconds at 100,000
   * accounts, so it runs once a period, not after every batch (reciprocal.ts, denseGroupCutoff).
   */
  denseGroupPeriodSeconds: number
  /** Dense groups: minimum members of a Louvain community to consider. */
  minGroupSize: number
  /** Dense groups: minimum edge density (edges / possible directed edges) within the group. */
  minGroupDensity: number
}

export interface CitationConfig {
  /** Share of a reviewer's reviews that cite their own works above which they are flagged (spec: 0.5). */
  minShare: number
  /** Reviews a reviewer must have revealed before the share means anything. */
  minReviews: number
  /** Self-citing reviews with a favourable score before "self-citation followed by a favourable score" is flagged. */
  minFavourableSelfCitations: number
  /** Score at or above which a review counts as favourable (1-10 scale). */
  favourableScore: number
}

export interface UptimeConfig {
  /** Sliding window of epochs over which liveness is measured (Cosmos: signed blocks window). */
  windowEpochs: number
  /** Fraction of owed heartbeats in the window below which a provider is flagged (the SLA). */
  minSignedFraction: number
  /** Missed assigned tasks in the window at or above which a provider is flagged. */
  maxMissedTasks: number
  /** Faulty results in the window at or above which a provider is flagged. */
  maxFaultyResults: number
}

export interface DetectorConfig {
  scoreCorrelation: ScoreCorrelationConfig
  textSimilarity: TextSimilarityConfig
  timing: TimingConfig
  reciprocal: ReciprocalConfig
  citation: CitationConfig
  uptime: UptimeConfig
}

export const DETECTOR_DEFAULTS: DetectorConfig = {
  scoreCorrelation: { minR: 0.95, minShared: 10, identicalCountsAsAgreement: true },
  textSimilarity: { minCosine: 0.8, minTokens: 20, idfExactUpTo: 4_096, idfBasisGrowth: 1.25, minhashSlots: 128, lshBands: 128, lshRows: 2, minAgreeingSlots: 8, shingle: 3, minPairs: 1 },
  timing: { windowSeconds: 60, minProposals: 3 },
  reciprocal: { windowSeconds: 183 * 86_400, maxCycleLength: 5, favourableScore: 7, favourableOnly: true, minExchanges: 2, denseGroupPeriodSeconds: 86_400, minGroupSize: 3, minGroupDensity: 0.5 },
  citation: { minShare: 0.5, minReviews: 6, minFavourableSelfCitations: 3, favourableScore: 7 },
  uptime: { windowEpochs: 10, minSignedFraction: 0.5, maxMissedTasks: 3, maxFaultyResults: 2 },
}

/**
 * What the API serves, entity by entity: per field, the column it reads and the roles that may see
 * it; per role, the view in schema `api` it reads from (db/migrations/*-ApiAccess.js). This is the
 * API's one access list. Default deny: a role sees an entity only through a view named for it, and
 * a field only if the field names the role. A field that names none is in no schema (schema.ts
 * builds one schema per role from this list, so a hidden field cannot even be filtered or ordered by).
 */

export type Role = 'public' | 'analyst' | 'committee'

export const ROLES: readonly Role[] = ['public', 'analyst', 'committee']

const EVERYONE: readonly Role[] = ROLES
const ANALYSTS: readonly Role[] = ['analyst', 'committee']
const COMMITTEE: readonly Role[] = ['committee']

export type ScalarType = 'ID' | 'String' | 'Int' | 'Float' | 'Boolean' | 'DateTime' | 'BigInt' | 'JSON' | '[String!]' | '[Int!]'

export interface FieldSpec {
  column: string
  type: ScalarType
  nullable?: boolean
  roles: readonly Role[]
  doc: string
}

export interface RelationSpec {
  /** The related entity. */
  target: string
  /** one: this row's `from` column holds the target's `to` column; many: the targets whose `to` column holds this row's `from`. */
  kind: 'one' | 'many'
  from: string
  to: string
  roles: readonly Role[]
  doc: string
}

export interface EntitySpec {
  name: string
  /** Query field names: a list (and `<plural>Connection`) and one by id. */
  plural: string
  singular: string
  doc: string
  /** The view each role reads (a role without one does not see the entity). */
  views: Partial<Record<Role, string>>
  fields: Record<string, FieldSpec>
  relations?: Record<string, RelationSpec>
  /** Default order of lists: a unique column, so pages are stable. */
  defaultOrder: string
}

const field = (column: string, type: ScalarType, roles: readonly Role[], doc: string, nullable = false): FieldSpec => ({ column, type, roles, doc, nullable })

export const ENTITIES: readonly EntitySpec[] = [
  {
    name: 'Proposal',
    plural: 'proposals',
    singular: 'proposalById',
    doc: 'A proposal submitted for staked review (ZIP-604).',
    views: { public: 'api.proposal', analyst: 'api.proposal', committee: 'api.proposal' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', EVERYONE, 'proposal id'),
      author: field('author', 'String', EVERYONE, 'the submitting account (public on chain; ZIP-604 anonymizes reviewers, not authors)'),
      domain: field('domain', 'Int', EVERYONE, 'research domain'),
      reviewType: field('review_type', 'String', EVERYONE, 'STANDARD, EXPEDITED or ...'),
      reviewersWanted: field('reviewers_wanted', 'Int', EVERYONE, 'reviewers the proposal asked for'),
      phase: field('phase', 'String', EVERYONE, 'current phase'),
      outcome: field('outcome', 'String', EVERYONE, 'PENDING, FUNDED, REJECTED, ...'),
      rationale: field('rationale', 'String', EVERYONE, 'the decision rationale', true),
      submittedAt: field('submitted_at', 'DateTime', EVERYONE, 'when it was submitted'),
      submittedBlock: field('submitted_block', 'Int', EVERYONE, 'block it was submitted in'),
      decidedAt: field('decided_at', 'DateTime', EVERYONE, 'when it reached FUNDED or REJECTED', true),
      decidedBlock: field('decided_block', 'Int', EVERYONE, 'block of the decision', true),
      published: field('published', 'Boolean', EVERYONE, 'whether the decision is final, so that ZIP-604 section 6 publishes its reviews'),
      assigned: field('assigned', 'Int', EVERYONE, 'reviewers assigned'),
      committed: field('committed', 'Int', EVERYONE, 'reviews committed'),
      revealed: field('revealed', 'Int', EVERYONE, 'reviews revealed'),
    },
    relations: {
      reviews: { target: 'Review', kind: 'many', from: 'id', to: 'proposal_id', roles: EVERYONE, doc: 'its reviews, as the role may see them' },
    },
  },
  {
    name: 'Review',
    plural: 'reviews',
    singular: 'reviewById',
    doc: 'A review. The public sees it as ZIP-604 section 6 publishes it: before the decision is final no reviewer, text or score; after it text, score and quality without the reviewer unless they revealed their identity; and an id of its own (the chain id names the reviewer).',
    views: { public: 'api.public_review', analyst: 'api.review', committee: 'api.review' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', EVERYONE, 'for the public an unlinkable id of the API; for analysts the chain id'),
      proposalId: field('proposal_id', 'String', EVERYONE, 'the reviewed proposal'),
      status: field('status', 'String', EVERYONE, 'ASSIGNED, COMMITTED, REVEALED, ...'),
      published: field('published', 'Boolean', EVERYONE, 'whether its proposal\'s decision is final'),
      score: field('score', 'Int', EVERYONE, 'the reviewer\'s score, 1-10 (public: after the decision)', true),
      text: field('text', 'String', EVERYONE, 'the review text (public: after the decision)', true),
      quality: field('quality', 'Int', EVERYONE, 'meta-review quality score, 1-10 (public: after the decision)', true),
      qualityMedians: field('quality_medians', '[Int!]', EVERYONE, 'medians of the five quality dimensions (public: after the decision)', true),
      reviewer: field('reviewer', 'String', EVERYONE, 'the reviewer (public: only if they revealed their identity, after the decision)', true),
      did: field('did', 'String', EVERYONE, 'the DID a reviewer revealed', true),
      stake: field('stake', 'BigInt', ANALYSTS, 'REP staked on the assignment'),
      assignedAt: field('assigned_at', 'DateTime', ANALYSTS, 'when assigned'),
      committedAt: field('committed_at', 'DateTime', ANALYSTS, 'block time of the commit', true),
      committedBlock: field('committed_block', 'Int', ANALYSTS, 'block of the commit', true),
      revealedAt: field('revealed_at', 'DateTime', ANALYSTS, 'block time of the reveal', true),
      revealedBlock: field('revealed_block', 'Int', ANALYSTS, 'block of the reveal', true),
      citedWorks: field('cited_works', '[Int!]', ANALYSTS, 'registered works cited', true),
      identityRevealed: field('identity_revealed', 'Boolean', ANALYSTS, 'whether the reviewer revealed their identity'),
      annulledByCase: field('annulled_by_case', 'String', ANALYSTS, 'the collusion case that annulled it', true),
    },
    relations: {
      proposal: { target: 'Proposal', kind: 'one', from: 'proposal_id', to: 'id', roles: EVERYONE, doc: 'the reviewed proposal' },
    },
  },
  {
    name: 'Reviewer',
    plural: 'reviewers',
    singular: 'reviewerById',
    doc: 'A registered reviewer (its REP account). The public sees registration, REP and sanctions; activity counters and times move with the reviewer\'s reviews, so they are for analysts.',
    views: { public: 'api.public_reviewer', analyst: 'api.reviewer', committee: 'api.reviewer' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', EVERYONE, 'address'),
      domains: field('domains', '[Int!]', EVERYONE, 'research domains'),
      registeredAt: field('registered_at', 'DateTime', EVERYONE, 'when it registered'),
      registeredBlock: field('registered_block', 'Int', EVERYONE, 'block of registration'),
      reputation: field('reputation', 'BigInt', EVERYONE, 'REP balance, locked part included'),
      bannedUntil: field('banned_until', 'DateTime', EVERYONE, 'end of a temporary ban', true),
      permanentlyBanned: field('permanently_banned', 'Boolean', EVERYONE, 'banned for good'),
      confirmedOffences: field('confirmed_offences', 'Int', EVERYONE, 'offences the committee confirmed'),
      locked: field('locked', 'BigInt', ANALYSTS, 'REP locked in stakes'),
      assignments: field('assignments', 'Int', ANALYSTS, 'review assignments'),
      reviewsRevealed: field('reviews_revealed', 'Int', ANALYSTS, 'reviews revealed'),
      deadlinesMissed: field('deadlines_missed', 'Int', ANALYSTS, 'deadlines missed'),
      qualityScoreSum: field('quality_score_sum', 'Int', ANALYSTS, 'sum of meta-review quality scores'),
      qualityScoreCount: field('quality_score_count', 'Int', ANALYSTS, 'quality scores received'),
      earnings: field('earnings', 'BigInt', ANALYSTS, 'ZOO earned, token units'),
      lastActivityAt: field('last_activity_at', 'DateTime', ANALYSTS, 'last review completed on time', true),
    },
    relations: {
      repChanges: { target: 'RepChange', kind: 'many', from: 'id', to: 'reviewer', roles: ANALYSTS, doc: 'its REP ledger' },
    },
  },
  {
    name: 'RepChange',
    plural: 'repChanges',
    singular: 'repChangeById',
    doc: 'One change of a reviewer\'s REP, with its reason: the ledger behind Reviewer.reputation. Its refs name reviews, so it is for analysts.',
    views: { analyst: 'api.rep_change', committee: 'api.rep_change' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', ANALYSTS, '<block>-<logIndex>'),
      reviewer: field('reviewer', 'String', ANALYSTS, 'the reviewer'),
      reason: field('reason', 'String', ANALYSTS, 'why REP changed'),
      delta: field('delta', 'BigInt', ANALYSTS, 'the change'),
      balance: field('balance', 'BigInt', ANALYSTS, 'balance after it'),
      ref: field('ref', 'String', ANALYSTS, 'review id, case id or quarters of decay'),
      timestamp: field('timestamp', 'DateTime', ANALYSTS, 'block time'),
      block: field('block', 'Int', ANALYSTS, 'block'),
      txHash: field('tx_hash', 'String', ANALYSTS, 'transaction'),
    },
  },
  {
    name: 'Work',
    plural: 'works',
    singular: 'workById',
    doc: 'A registered work (what reviews cite).',
    views: { public: 'api.work', analyst: 'api.work', committee: 'api.work' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', EVERYONE, 'work id'),
      registrant: field('registrant', 'String', EVERYONE, 'who registered it'),
      authors: field('authors', '[String!]', EVERYONE, 'its authors'),
      title: field('title', 'String', EVERYONE, 'title'),
      contentHash: field('content_hash', 'String', EVERYONE, 'content hash'),
      registeredAt: field('registered_at', 'DateTime', EVERYONE, 'when registered'),
      registeredBlock: field('registered_block', 'Int', EVERYONE, 'block'),
    },
  },
  {
    name: 'Staker',
    plural: 'stakers',
    singular: 'stakerById',
    doc: 'A compute provider or verifier staked in ComputeStaking.',
    views: { public: 'api.staker', analyst: 'api.staker', committee: 'api.staker' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', EVERYONE, 'address'),
      kind: field('kind', 'String', EVERYONE, 'PROVIDER or VERIFIER'),
      status: field('status', 'String', EVERYONE, 'bonding status'),
      bonded: field('bonded', 'BigInt', EVERYONE, 'stake bonded'),
      unbonding: field('unbonding', 'BigInt', EVERYONE, 'stake unbonding'),
      jailedUntil: field('jailed_until', 'DateTime', EVERYONE, 'end of a jail term', true),
      registeredAt: field('registered_at', 'DateTime', EVERYONE, 'when registered'),
      registeredEpoch: field('registered_epoch', 'Int', EVERYONE, 'epoch of registration'),
      heartbeats: field('heartbeats', 'Int', EVERYONE, 'heartbeats sent'),
      lastHeartbeatEpoch: field('last_heartbeat_epoch', 'Int', EVERYONE, 'epoch of the last heartbeat', true),
      slashedTotal: field('slashed_total', 'BigInt', EVERYONE, 'stake slashed'),
      rewardsTotal: field('rewards_total', 'BigInt', EVERYONE, 'rewards paid'),
      tasksAssigned: field('tasks_assigned', 'Int', EVERYONE, 'tasks assigned'),
      tasksFinalized: field('tasks_finalized', 'Int', EVERYONE, 'tasks finalized'),
      tasksMissed: field('tasks_missed', 'Int', EVERYONE, 'tasks missed'),
      tasksFaulty: field('tasks_faulty', 'Int', EVERYONE, 'faulty results'),
    },
    relations: {
      slashes: { target: 'Slash', kind: 'many', from: 'id', to: 'account', roles: EVERYONE, doc: 'its slashes' },
    },
  },
  {
    name: 'Heartbeat',
    plural: 'heartbeats',
    singular: 'heartbeatById',
    doc: 'A provider\'s liveness heartbeat for one epoch.',
    views: { public: 'api.heartbeat', analyst: 'api.heartbeat', committee: 'api.heartbeat' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', EVERYONE, '<provider>-<epoch>'),
      provider: field('provider', 'String', EVERYONE, 'the provider'),
      epoch: field('epoch', 'Int', EVERYONE, 'compute epoch'),
      timestamp: field('timestamp', 'DateTime', EVERYONE, 'block time'),
      block: field('block', 'Int', EVERYONE, 'block'),
    },
  },
  {
    name: 'Task',
    plural: 'tasks',
    singular: 'taskById',
    doc: 'A compute task in the TaskMarket.',
    views: { public: 'api.task', analyst: 'api.task', committee: 'api.task' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', EVERYONE, 'task id'),
      client: field('client', 'String', EVERYONE, 'who asked for it'),
      provider: field('provider', 'String', EVERYONE, 'who was assigned', true),
      status: field('status', 'String', EVERYONE, 'task status'),
      bid: field('bid', 'BigInt', EVERYONE, 'the bid'),
      submittedAt: field('submitted_at', 'DateTime', EVERYONE, 'when submitted'),
      deadline: field('deadline', 'DateTime', EVERYONE, 'delivery deadline', true),
      resultAt: field('result_at', 'DateTime', EVERYONE, 'when the result came', true),
      closedAt: field('closed_at', 'DateTime', EVERYONE, 'when it closed', true),
      closedBlock: field('closed_block', 'Int', EVERYONE, 'block it closed in', true),
    },
  },
  {
    name: 'Slash',
    plural: 'slashes',
    singular: 'slashById',
    doc: 'A slash of a provider\'s or verifier\'s stake.',
    views: { public: 'api.slash', analyst: 'api.slash', committee: 'api.slash' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', EVERYONE, '<block>-<logIndex>'),
      account: field('account', 'String', EVERYONE, 'the slashed account'),
      reason: field('reason', 'String', EVERYONE, 'why'),
      amount: field('amount', 'BigInt', EVERYONE, 'stake taken'),
      ref: field('ref', 'String', EVERYONE, 'task id or window end epoch'),
      timestamp: field('timestamp', 'DateTime', EVERYONE, 'block time'),
      block: field('block', 'Int', EVERYONE, 'block'),
    },
  },
  {
    name: 'JailEvent',
    plural: 'jailEvents',
    singular: 'jailEventById',
    doc: 'A provider jailed or released.',
    views: { public: 'api.jail_event', analyst: 'api.jail_event', committee: 'api.jail_event' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', EVERYONE, '<block>-<logIndex>'),
      provider: field('provider', 'String', EVERYONE, 'the provider'),
      kind: field('kind', 'String', EVERYONE, 'JAILED or UNJAILED'),
      reason: field('reason', 'String', EVERYONE, 'why', true),
      until: field('until', 'DateTime', EVERYONE, 'end of the term', true),
      timestamp: field('timestamp', 'DateTime', EVERYONE, 'block time'),
      block: field('block', 'Int', EVERYONE, 'block'),
    },
  },
  {
    name: 'Flag',
    plural: 'flags',
    singular: 'flagById',
    doc: 'A detector\'s finding, as computed at the analytics watermark.',
    views: { analyst: 'api.flag', committee: 'api.flag' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', ANALYSTS, 'kind + subjects + window'),
      kind: field('kind', 'String', ANALYSTS, 'the detector\'s finding kind'),
      subjects: field('subjects', '[String!]', ANALYSTS, 'accounts the flag is about, sorted'),
      window: field('window', 'JSON', ANALYSTS, '{from, to}: Unix seconds, or epochs for provider flags', true),
      metric: field('metric', 'String', ANALYSTS, 'what value measures'),
      value: field('value', 'Float', ANALYSTS, 'the measured value'),
      threshold: field('threshold', 'Float', ANALYSTS, 'the rule\'s threshold'),
      comparison: field('comparison', 'String', ANALYSTS, 'how value compares with threshold'),
      evidence: field('evidence', 'JSON', ANALYSTS, 'the numbers a person needs to check the flag'),
      caseId: field('case_id', 'String', ANALYSTS, 'the case holding it', true),
      block: field('block', 'Int', ANALYSTS, 'the analytics watermark it was computed at'),
    },
    relations: {
      case: { target: 'InvestigationCase', kind: 'one', from: 'case_id', to: 'id', roles: ANALYSTS, doc: 'the case holding it' },
    },
  },
  {
    name: 'InvestigationCase',
    plural: 'investigationCases',
    singular: 'investigationCaseById',
    doc: 'Flags grouped by overlapping subjects, graded on ZIP-604 section 4.4\'s ladder.',
    views: { analyst: 'api.investigation_case', committee: 'api.investigation_case' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', ANALYSTS, 'case id'),
      severity: field('severity', 'String', ANALYSTS, 'SUSPECTED, PROBABLE, CONFIRMED or REPEAT'),
      subjects: field('subjects', '[String!]', ANALYSTS, 'accounts named by its flags'),
      flagIds: field('flag_ids', '[String!]', ANALYSTS, 'its flags'),
      grounds: field('grounds', 'JSON', ANALYSTS, 'signal families, corroborations, confirmations'),
      block: field('block', 'Int', ANALYSTS, 'the analytics watermark it was computed at'),
    },
    relations: {
      flags: { target: 'Flag', kind: 'many', from: 'id', to: 'case_id', roles: ANALYSTS, doc: 'its flags' },
      decisions: { target: 'CaseDecision', kind: 'many', from: 'id', to: 'case_id', roles: COMMITTEE, doc: 'the committee\'s decisions on it, oldest first' },
      notes: { target: 'CaseNote', kind: 'many', from: 'id', to: 'case_id', roles: COMMITTEE, doc: 'the committee\'s notes on it, oldest first' },
    },
  },
  {
    name: 'CaseDecision',
    plural: 'caseDecisions',
    singular: 'caseDecisionById',
    doc: 'A decision of the ethics committee on a case (mutation decideCase); the latest is the case\'s status. CONFIRMED counts as a confirmation of the case\'s subjects from effectiveBlock on.',
    views: { committee: 'api.case_decision' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', COMMITTEE, 'decision number'),
      caseId: field('case_id', 'String', COMMITTEE, 'the case'),
      status: field('status', 'String', COMMITTEE, 'INVESTIGATING, CONFIRMED or DISMISSED'),
      subjects: field('subjects', '[String!]', COMMITTEE, 'the case\'s subjects when decided'),
      reason: field('reason', 'String', COMMITTEE, 'why'),
      effectiveBlock: field('effective_block', 'Int', COMMITTEE, 'analytics count it from this block (the watermark when decided, plus one)'),
      decidedBy: field('decided_by', 'String', COMMITTEE, 'the key holder who decided'),
      decidedAt: field('decided_at', 'DateTime', COMMITTEE, 'when'),
    },
  },
  {
    name: 'CaseNote',
    plural: 'caseNotes',
    singular: 'caseNoteById',
    doc: 'A committee member\'s note on a case (mutation addCaseNote).',
    views: { committee: 'api.case_note' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', COMMITTEE, 'note number'),
      caseId: field('case_id', 'String', COMMITTEE, 'the case'),
      text: field('text', 'String', COMMITTEE, 'the note'),
      author: field('author', 'String', COMMITTEE, 'the key holder who wrote it'),
      createdAt: field('created_at', 'DateTime', COMMITTEE, 'when'),
    },
  },
  {
    name: 'AuditEntry',
    plural: 'auditEntries',
    singular: 'auditEntryById',
    doc: 'One write through the API: who, when, what, and the value before.',
    views: { committee: 'api.audit_log' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', COMMITTEE, 'entry number'),
      at: field('at', 'DateTime', COMMITTEE, 'when'),
      actor: field('actor', 'String', COMMITTEE, 'the key holder'),
      action: field('action', 'String', COMMITTEE, 'decide_case or add_case_note'),
      target: field('target', 'String', COMMITTEE, 'the case'),
      previous: field('previous', 'JSON', COMMITTEE, 'the decision before (null: none)', true),
      value: field('value', 'JSON', COMMITTEE, 'what was written'),
    },
  },
  {
    name: 'AnalyticsState',
    plural: 'analyticsStates',
    singular: 'analyticsStateById',
    doc: 'The analytics watermark: the last finalized block analysed.',
    views: { public: 'api.analytics_state', analyst: 'api.analytics_state', committee: 'api.analytics_state' },
    defaultOrder: 'id',
    fields: {
      id: field('id', 'ID', EVERYONE, '"analytics"'),
      block: field('block', 'Int', EVERYONE, 'the watermark'),
      blockTimestamp: field('block_timestamp', 'DateTime', EVERYONE, 'its time'),
      flags: field('flags', 'Int', ANALYSTS, 'flags at the watermark'),
      cases: field('cases', 'Int', ANALYSTS, 'cases at the watermark'),
      lastRunMs: field('last_run_ms', 'Int', EVERYONE, 'wall time of the last run, ms'),
      updatedAt: field('updated_at', 'DateTime', EVERYONE, 'when the last run committed'),
    },
  },
]

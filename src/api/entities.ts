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

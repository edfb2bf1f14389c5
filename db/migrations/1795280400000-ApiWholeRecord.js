/**
 * The rest of the indexed record for the API (see ApiAccess for how roles and views work).
 *
 * Public, as the chain has it: proposal phase history, authors and works, role grants, and the
 * compute-staking records (resources, unbondings, attestations, challenges, rewards), and the
 * per-event counts.
 *
 * Public after the decision only, ZIP-604 section 6: the discussion (reviewers' comments and the
 * author's rebuttal). A post's chain id is <block>-<logIndex>, and a reviewer's post's block names
 * the transaction that sent it, so the public gets an id of the API, the review's public id
 * (api.public_review's), and block and time for the author's posts alone.
 *
 * Analysts only, because each ties a reviewer to a review or proposal that ZIP-604 keeps
 * anonymous: meta-reviews (a meta-reviewer's scores of one review), stake locks (keyed by review
 * id), bans (their ref names the review or case), payments (recipient and review: section 5.2
 * claims payment by zk proof so that payment tracking cannot de-anonymize), conflicts of interest,
 * appeals (against a review), on-chain collusion cases (subjects and annulled reviews; an accusation
 * that may be dismissed), token transfers (payments to reviewers, by their timing), and
 * quarantined events (raw logs of any contract).
 */
const PUBLIC = ['phase_change', 'author', 'work_author', 'role_grant', 'resource', 'unbonding', 'attestation', 'challenge', 'reward', 'event_count']
const ANALYSTS = ['meta_review', 'stake_lock', 'reviewer_ban', 'payment', 'conflict_of_interest', 'appeal', 'collusion_case', 'token_transfer', 'quarantined_event', 'discussion_post']

module.exports = class ApiWholeRecord1795280400000 {
    name = 'ApiWholeRecord1795280400000'

    async up(db) {
        // The analysts' review view, with the rest of the review's columns (appended: a view keeps its columns' order).
        await db.query(`CREATE OR REPLACE VIEW api.review AS
            SELECT r.id, r.proposal_id, r.reviewer, r.status, r.stake, r.assigned_at, r.assigned_block, r.committed_at, r.committed_block,
                   r.score, r.text, r.cited_works, r.revealed_at, r.revealed_block, r.quality, r.quality_medians, r.identity_revealed, r.did,
                   r.missed_phase, r.annulled_by_case, p.published,
                   r.commitment, r.commit_tx_hash, r.scored_at, r.unlock_at, r.stake_released, r.acknowledged, r.identity_revealed_at, r.paid
              FROM public.review r JOIN api.proposal p ON p.id = r.proposal_id`)
        for (const table of [...PUBLIC, ...ANALYSTS]) await db.query(`CREATE VIEW api.${table} AS SELECT * FROM public.${table}`)
        await db.query(`CREATE VIEW api.public_discussion_post AS
            SELECT encode(sha256(convert_to(s.salt || d.id, 'UTF8')), 'hex') AS id, d.proposal_id,
                   CASE WHEN d.review_id IS NOT NULL THEN encode(sha256(convert_to(s.salt || d.review_id, 'UTF8')), 'hex') END AS review_id,
                   d.from_author, d.text,
                   CASE WHEN d.from_author THEN d.timestamp END AS timestamp,
                   CASE WHEN d.from_author THEN d.block END AS block
              FROM public.discussion_post d JOIN api.proposal p ON p.id = d.proposal_id CROSS JOIN public.api_secret s
             WHERE p.published`)
        await db.query(`GRANT SELECT ON ${[...PUBLIC.map((t) => `api.${t}`), 'api.public_discussion_post'].join(', ')} TO peerwatch_public`)
        await db.query(`GRANT SELECT ON ${ANALYSTS.map((t) => `api.${t}`).join(', ')} TO peerwatch_analyst`)
    }

    async down(db) {
        for (const view of [...PUBLIC, ...ANALYSTS, 'public_discussion_post']) await db.query(`DROP VIEW api.${view}`)
        // A view's columns can be added, not dropped: the review view as ApiAccess made it.
        await db.query('DROP VIEW api.review')
        await db.query(`CREATE VIEW api.review AS
            SELECT r.id, r.proposal_id, r.reviewer, r.status, r.stake, r.assigned_at, r.assigned_block, r.committed_at, r.committed_block,
                   r.score, r.text, r.cited_works, r.revealed_at, r.revealed_block, r.quality, r.quality_medians, r.identity_revealed, r.did,
                   r.missed_phase, r.annulled_by_case, p.published
              FROM public.review r JOIN api.proposal p ON p.id = r.proposal_id`)
        await db.query('GRANT SELECT ON api.review TO peerwatch_analyst')
    }
}

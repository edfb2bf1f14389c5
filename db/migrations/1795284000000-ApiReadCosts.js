/**
 * Two things the API's costly reads need.
 *
 * api.proposal's `published` compared each row's decision block with api.finalized_height(), a
 * plpgsql function that Postgres called once per row: over the million reviews that the review
 * views join to their proposals, ~5 s. As a scalar subquery it is an init plan, evaluated once per
 * statement. Same columns, same meaning; the views built on api.proposal follow it.
 *
 * api.review joined every review to its proposal for `published`, so that an aggregate over review
 * times joined a million rows it never read. As a scalar subquery, the proposal is looked up only
 * when a query reads `published`.
 *
 * api.data_version(): what the API's result cache (src/api/cache.ts) keys results by. The
 * processor's status row changes with every commit it makes (Subsquid's nonce, hot blocks
 * included), the analytics state with every run; nothing else the aggregates read changes.
 */
module.exports = class ApiReadCosts1795284000000 {
    name = 'ApiReadCosts1795284000000'

    async up(db) {
        await db.query(viewOfProposal('(SELECT api.finalized_height())'))
        await db.query(viewOfReview('coalesce((SELECT p.published FROM api.proposal p WHERE p.id = r.proposal_id), false)', ''))
        await db.query(`CREATE FUNCTION api.data_version() RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
            DECLARE processor text;
            BEGIN
              IF to_regclass('squid_processor.status') IS NOT NULL THEN
                EXECUTE 'SELECT row_to_json(s)::text FROM squid_processor.status s WHERE s.id = 0' INTO processor;
              END IF;
              RETURN coalesce(processor, '') || '|' || coalesce((SELECT row_to_json(a)::text FROM public.analytics_state a WHERE a.id = 'analytics'), '');
            END $$`)
        await db.query('GRANT EXECUTE ON FUNCTION api.data_version() TO peerwatch_public')
    }

    async down(db) {
        await db.query('DROP FUNCTION api.data_version()')
        await db.query(viewOfReview('p.published', 'JOIN api.proposal p ON p.id = r.proposal_id'))
        await db.query(viewOfProposal('api.finalized_height()'))
    }
}

function viewOfProposal(finalizedHeight) {
    return `CREATE OR REPLACE VIEW api.proposal AS
        SELECT id, author, domain, review_type, discussion, reviewers_wanted, content_hash, phase, phase_deadline, outcome, rationale,
               submitted_at, submitted_block, decided_at, decided_block, assigned, committed, revealed,
               (decided_block IS NOT NULL AND decided_block <= ${finalizedHeight}) AS published
          FROM public.proposal`
}

/** api.review as ApiWholeRecord made it, with `published` from `published` (joining `join`). */
function viewOfReview(published, join) {
    return `CREATE OR REPLACE VIEW api.review AS
        SELECT r.id, r.proposal_id, r.reviewer, r.status, r.stake, r.assigned_at, r.assigned_block, r.committed_at, r.committed_block,
               r.score, r.text, r.cited_works, r.revealed_at, r.revealed_block, r.quality, r.quality_medians, r.identity_revealed, r.did,
               r.missed_phase, r.annulled_by_case, ${published} AS published,
               r.commitment, r.commit_tx_hash, r.scored_at, r.unlock_at, r.stake_released, r.acknowledged, r.identity_revealed_at, r.paid
          FROM public.review r ${join}`
}

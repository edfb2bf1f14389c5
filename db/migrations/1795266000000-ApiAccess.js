/**
 * What the GraphQL API may read, enforced by Postgres underneath the resolvers (src/api): one
 * database role per API role, each allowed SELECT on views in schema `api` only, never on the
 * tables. A request runs in a read-only transaction under `SET LOCAL ROLE` its role, so a resolver
 * that reads a table or a view beyond its role fails instead of leaking.
 *
 * ZIP-604 section 6 is applied in the views the public role reads:
 * - api.public_review: before its proposal's decision is final, a review shows no reviewer, no text,
 *   no score and no quality; after it, text, score and quality without the reviewer, unless the
 *   reviewer revealed their identity on chain. No time or transaction of the commit or reveal
 *   (they name the sending account on chain), and an id of its own: a review's chain id is
 *   keccak256(proposal, reviewer), which anyone can test against the list of reviewers. The public
 *   id is sha256 of a secret salt and the chain id; the salt is in a table no API role can read.
 * - "final": decided at or below the processor's finalized height, so a decision in a block that a
 *   reorganisation can still remove publishes nothing.
 * API keys are stored as sha256 hashes; a SECURITY DEFINER function is the only way the API reads them.
 */
module.exports = class ApiAccess1795266000000 {
    name = 'ApiAccess1795266000000'

    async up(db) {
        // Roles are the cluster's, not the database's: another database of the cluster may be
        // migrating at the same moment (the tests run two processors side by side). Its uncommitted
        // role or grant makes ours wait, then fail as a unique violation rather than a duplicate.
        await db.query(`DO $$
            DECLARE statement text;
            BEGIN
              FOREACH statement IN ARRAY ARRAY[
                'CREATE ROLE peerwatch_public NOLOGIN', 'CREATE ROLE peerwatch_analyst NOLOGIN', 'CREATE ROLE peerwatch_committee NOLOGIN',
                'GRANT peerwatch_public TO peerwatch_analyst', 'GRANT peerwatch_analyst TO peerwatch_committee',
                -- the connecting user switches to them per request
                'GRANT peerwatch_public, peerwatch_analyst, peerwatch_committee TO CURRENT_USER'
              ] LOOP
                BEGIN
                  EXECUTE statement;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END;
              END LOOP;
            END $$`)

        await db.query(`CREATE TABLE "api_secret" ("id" integer PRIMARY KEY CHECK ("id" = 0), "salt" text NOT NULL)`)
        await db.query(`INSERT INTO "api_secret" VALUES (0, gen_random_uuid()::text || gen_random_uuid()::text)`)
        await db.query(`CREATE TABLE "api_key" (
            "id" text PRIMARY KEY,
            "name" text NOT NULL,
            "role" text NOT NULL CHECK ("role" IN ('analyst', 'committee')),
            "key_hash" text NOT NULL UNIQUE,
            "created_at" timestamptz NOT NULL DEFAULT now(),
            "revoked_at" timestamptz)`)

        await db.query('CREATE SCHEMA api')
        await db.query(`CREATE FUNCTION api.finalized_height() RETURNS integer LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
            DECLARE h integer;
            BEGIN
              IF to_regclass('squid_processor.status') IS NULL THEN RETURN -1; END IF;
              EXECUTE 'SELECT height FROM squid_processor.status WHERE id = 0' INTO h;
              RETURN coalesce(h, -1);
            END $$`)
        await db.query(`CREATE FUNCTION api.role_of_key(hash text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
            SELECT role FROM public.api_key WHERE key_hash = hash AND revoked_at IS NULL $$`)

        await db.query(`CREATE VIEW api.proposal AS
            SELECT id, author, domain, review_type, discussion, reviewers_wanted, content_hash, phase, phase_deadline, outcome, rationale,
                   submitted_at, submitted_block, decided_at, decided_block, assigned, committed, revealed,
                   (decided_block IS NOT NULL AND decided_block <= api.finalized_height()) AS published
              FROM public.proposal`)
        await db.query(`CREATE VIEW api.public_review AS
            SELECT encode(sha256(convert_to(s.salt || r.id, 'UTF8')), 'hex') AS id, r.proposal_id, r.status,
                   CASE WHEN p.published THEN r.score END AS score,
                   CASE WHEN p.published THEN r.text END AS text,
                   CASE WHEN p.published THEN r.quality END AS quality,
                   CASE WHEN p.published THEN r.quality_medians END AS quality_medians,
                   CASE WHEN p.published AND r.identity_revealed THEN r.reviewer END AS reviewer,
                   CASE WHEN p.published AND r.identity_revealed THEN r.did END AS did,
                   p.published
              FROM public.review r JOIN api.proposal p ON p.id = r.proposal_id CROSS JOIN public.api_secret s`)
        await db.query(`CREATE VIEW api.review AS
            SELECT r.id, r.proposal_id, r.reviewer, r.status, r.stake, r.assigned_at, r.assigned_block, r.committed_at, r.committed_block,
                   r.score, r.text, r.cited_works, r.revealed_at, r.revealed_block, r.quality, r.quality_medians, r.identity_revealed, r.did,
                   r.missed_phase, r.annulled_by_case, p.published
              FROM public.review r JOIN api.proposal p ON p.id = r.proposal_id`)
        await db.query('CREATE VIEW api.flag AS SELECT f.*, s.block FROM public.flag f CROSS JOIN public.analytics_state s WHERE s.id = \'analytics\'')
        await db.query('CREATE VIEW api.investigation_case AS SELECT c.*, s.block FROM public.investigation_case c CROSS JOIN public.analytics_state s WHERE s.id = \'analytics\'')
        await db.query('CREATE VIEW api.analytics_state AS SELECT * FROM public.analytics_state')

        await db.query('REVOKE ALL ON SCHEMA public FROM peerwatch_public, peerwatch_analyst, peerwatch_committee')
        await db.query('GRANT USAGE ON SCHEMA api TO peerwatch_public')
        await db.query('GRANT EXECUTE ON FUNCTION api.role_of_key(text), api.finalized_height() TO peerwatch_public')
        await db.query('GRANT SELECT ON api.proposal, api.public_review, api.analytics_state TO peerwatch_public')
        await db.query('GRANT SELECT ON api.review, api.flag, api.investigation_case TO peerwatch_analyst')
    }

    async down(db) {
        await db.query('DROP SCHEMA api CASCADE')
        await db.query('DROP TABLE "api_key"')
        await db.query('DROP TABLE "api_secret"')
    }
}

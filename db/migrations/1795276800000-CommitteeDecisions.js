/**
 * The ethics committee's decisions and notes on cases, written only through two functions that
 * also write the audit log (who, when, what, and the previous value) in the same statement; the
 * committee's database role may execute them and read these tables' views, nothing else writes.
 *
 * A decision takes effect from the block after the analytics watermark at which it was made
 * (effective_block): analytics at that block or later, incremental or full, count a CONFIRMED
 * decision as a confirmation of the case's subjects (the severity ladder's confirmed rung).
 */
module.exports = class CommitteeDecisions1795276800000 {
    name = 'CommitteeDecisions1795276800000'

    async up(db) {
        await db.query(`CREATE TABLE "case_decision" (
            "id" serial PRIMARY KEY,
            "case_id" text NOT NULL,
            "status" text NOT NULL CHECK ("status" IN ('INVESTIGATING', 'CONFIRMED', 'DISMISSED')),
            "subjects" text[] NOT NULL,
            "reason" text NOT NULL,
            "effective_block" integer NOT NULL,
            "decided_by" text NOT NULL,
            "decided_at" timestamptz NOT NULL DEFAULT now())`)
        await db.query('CREATE INDEX "case_decision_case" ON "case_decision" ("case_id", "id")')
        await db.query('CREATE INDEX "case_decision_effective" ON "case_decision" ("effective_block")')
        await db.query(`CREATE TABLE "case_note" (
            "id" serial PRIMARY KEY,
            "case_id" text NOT NULL,
            "text" text NOT NULL,
            "author" text NOT NULL,
            "created_at" timestamptz NOT NULL DEFAULT now())`)
        await db.query('CREATE INDEX "case_note_case" ON "case_note" ("case_id", "id")')
        await db.query(`CREATE TABLE "audit_log" (
            "id" serial PRIMARY KEY,
            "at" timestamptz NOT NULL DEFAULT now(),
            "actor" text NOT NULL,
            "action" text NOT NULL,
            "target" text NOT NULL,
            "previous" jsonb,
            "value" jsonb NOT NULL)`)

        // key_of tells the API who holds a key, not only its role.
        await db.query('DROP FUNCTION api.role_of_key(text)')
        await db.query(`CREATE FUNCTION api.key_of(hash text) RETURNS TABLE (id text, name text, role text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
            SELECT k.id, k.name, k.role FROM public.api_key k WHERE k.key_hash = hash AND k.revoked_at IS NULL $$`)
        await db.query(`CREATE FUNCTION api.decide_case(p_case text, p_status text, p_reason text, p_actor text) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
            DECLARE subjects text[]; previous jsonb; decision public.case_decision;
            BEGIN
              SELECT c.subjects INTO subjects FROM public.investigation_case c WHERE c.id = p_case;
              IF subjects IS NULL THEN RAISE EXCEPTION 'no case %', p_case USING ERRCODE = 'no_data_found'; END IF;
              IF length(trim(p_reason)) = 0 THEN RAISE EXCEPTION 'a decision needs a reason' USING ERRCODE = 'check_violation'; END IF;
              SELECT to_jsonb(d) INTO previous FROM public.case_decision d WHERE d.case_id = p_case ORDER BY d.id DESC LIMIT 1;
              INSERT INTO public.case_decision (case_id, status, subjects, reason, effective_block, decided_by)
                VALUES (p_case, p_status, subjects, p_reason, coalesce((SELECT s.block FROM public.analytics_state s WHERE s.id = 'analytics'), 0) + 1, p_actor)
                RETURNING * INTO decision;
              INSERT INTO public.audit_log (actor, action, target, previous, value) VALUES (p_actor, 'decide_case', p_case, previous, to_jsonb(decision));
              RETURN decision.id;
            END $$`)
        await db.query(`CREATE FUNCTION api.add_case_note(p_case text, p_text text, p_actor text) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
            DECLARE note public.case_note;
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM public.investigation_case c WHERE c.id = p_case) THEN RAISE EXCEPTION 'no case %', p_case USING ERRCODE = 'no_data_found'; END IF;
              IF length(trim(p_text)) = 0 THEN RAISE EXCEPTION 'a note needs text' USING ERRCODE = 'check_violation'; END IF;
              INSERT INTO public.case_note (case_id, text, author) VALUES (p_case, p_text, p_actor) RETURNING * INTO note;
              INSERT INTO public.audit_log (actor, action, target, previous, value) VALUES (p_actor, 'add_case_note', p_case, NULL, to_jsonb(note));
              RETURN note.id;
            END $$`)
        await db.query('CREATE VIEW api.case_decision AS SELECT * FROM public.case_decision')
        await db.query('CREATE VIEW api.case_note AS SELECT * FROM public.case_note')
        await db.query('CREATE VIEW api.audit_log AS SELECT * FROM public.audit_log')
        // Functions are executable by PUBLIC unless revoked.
        await db.query('REVOKE EXECUTE ON FUNCTION api.decide_case(text, text, text, text), api.add_case_note(text, text, text) FROM PUBLIC')
        await db.query('GRANT EXECUTE ON FUNCTION api.decide_case(text, text, text, text), api.add_case_note(text, text, text) TO peerwatch_committee')
        await db.query('GRANT SELECT ON api.case_decision, api.case_note, api.audit_log TO peerwatch_committee')
    }

    async down(db) {
        await db.query('DROP FUNCTION api.decide_case(text, text, text, text)')
        await db.query('DROP FUNCTION api.add_case_note(text, text, text)')
        await db.query('DROP FUNCTION api.key_of(text)')
        await db.query(`CREATE FUNCTION api.role_of_key(hash text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
            SELECT role FROM public.api_key WHERE key_hash = hash AND revoked_at IS NULL $$`)
        for (const v of ['case_decision', 'case_note', 'audit_log']) await db.query(`DROP VIEW api.${v}`)
        for (const t of ['case_decision', 'case_note', 'audit_log']) await db.query(`DROP TABLE "${t}"`)
    }
}

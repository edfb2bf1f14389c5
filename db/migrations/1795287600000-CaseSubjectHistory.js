/**
 * A case's history by its subjects. Cases are regrouped at every analytics run and named by their
 * lowest flag id, so a case can change its name (a new flag joins, two cases merge) and the
 * decisions and notes made under the old name would vanish from it. A decision already records the
 * subjects it was made on; a note now does too, and both are found again by any case naming one of
 * those subjects (`&&` on text arrays, through GIN indexes).
 */
module.exports = class CaseSubjectHistory1795287600000 {
    name = 'CaseSubjectHistory1795287600000'

    async up(db) {
        await db.query('ALTER TABLE "case_note" ADD COLUMN "subjects" text[]')
        await db.query('UPDATE "case_note" n SET "subjects" = c."subjects" FROM "investigation_case" c WHERE c."id" = n."case_id"')
        await db.query(`UPDATE "case_note" SET "subjects" = '{}' WHERE "subjects" IS NULL`)
        await db.query('ALTER TABLE "case_note" ALTER COLUMN "subjects" SET NOT NULL')
        await db.query('CREATE INDEX "case_note_subjects" ON "case_note" USING gin ("subjects")')
        await db.query('CREATE INDEX "case_decision_subjects" ON "case_decision" USING gin ("subjects")')
        await db.query(`CREATE OR REPLACE FUNCTION api.add_case_note(p_case text, p_text text, p_actor text) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
            DECLARE subjects text[]; note public.case_note;
            BEGIN
              SELECT c.subjects INTO subjects FROM public.investigation_case c WHERE c.id = p_case;
              IF subjects IS NULL THEN RAISE EXCEPTION 'no case %', p_case USING ERRCODE = 'no_data_found'; END IF;
              IF length(trim(p_text)) = 0 THEN RAISE EXCEPTION 'a note needs text' USING ERRCODE = 'check_violation'; END IF;
              INSERT INTO public.case_note (case_id, text, author, subjects) VALUES (p_case, p_text, p_actor, subjects) RETURNING * INTO note;
              INSERT INTO public.audit_log (actor, action, target, previous, value) VALUES (p_actor, 'add_case_note', p_case, NULL, to_jsonb(note));
              RETURN note.id;
            END $$`)
        // The view was made with the table's columns of then (SELECT * is expanded at creation).
        await db.query('CREATE OR REPLACE VIEW api.case_note AS SELECT * FROM public.case_note')
    }

    async down(db) {
        await db.query('DROP VIEW api.case_note')
        await db.query(`CREATE OR REPLACE FUNCTION api.add_case_note(p_case text, p_text text, p_actor text) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
            DECLARE note public.case_note;
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM public.investigation_case c WHERE c.id = p_case) THEN RAISE EXCEPTION 'no case %', p_case USING ERRCODE = 'no_data_found'; END IF;
              IF length(trim(p_text)) = 0 THEN RAISE EXCEPTION 'a note needs text' USING ERRCODE = 'check_violation'; END IF;
              INSERT INTO public.case_note (case_id, text, author) VALUES (p_case, p_text, p_actor) RETURNING * INTO note;
              INSERT INTO public.audit_log (actor, action, target, previous, value) VALUES (p_actor, 'add_case_note', p_case, NULL, to_jsonb(note));
              RETURN note.id;
            END $$`)
        await db.query('DROP INDEX "case_decision_subjects"')
        await db.query('DROP INDEX "case_note_subjects"')
        await db.query('ALTER TABLE "case_note" DROP COLUMN "subjects"')
        await db.query('CREATE VIEW api.case_note AS SELECT * FROM public.case_note')
        await db.query('GRANT SELECT ON api.case_note TO peerwatch_committee')
    }
}

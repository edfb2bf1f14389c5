/**
 * Flags by kind and cases by severity as each analytics run left them, a row whenever they change:
 * what the dashboard draws over time (the flag and case tables hold only the watermark's).
 * Analysts read it through api.analytics_history.
 */
module.exports = class AnalyticsHistory1795273200000 {
    name = 'AnalyticsHistory1795273200000'

    async up(db) {
        await db.query(`CREATE TABLE "analytics_history" (
            "block" integer PRIMARY KEY,
            "block_timestamp" timestamptz NOT NULL,
            "flags_by_kind" jsonb NOT NULL,
            "cases_by_severity" jsonb NOT NULL)`)
        await db.query('CREATE VIEW api.analytics_history AS SELECT * FROM public.analytics_history')
        await db.query('GRANT SELECT ON api.analytics_history TO peerwatch_analyst')
    }

    async down(db) {
        await db.query('DROP VIEW api.analytics_history')
        await db.query('DROP TABLE "analytics_history"')
    }
}

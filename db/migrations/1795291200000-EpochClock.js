/**
 * ComputeStaking's epoch clock on the analytics watermark: the epoch of the watermark (epochs before
 * it are complete) and the contract's genesis and epoch length, written by every analytics run. With
 * them the API places a provider's jail terms in epochs exactly as the downtime detector does, so a
 * provider's heartbeat record shows a jailed epoch as not owed rather than missed. Null until the
 * first run after this migration.
 */
module.exports = class EpochClock1795291200000 {
    name = 'EpochClock1795291200000'

    async up(db) {
        await db.query('ALTER TABLE "analytics_state" ADD "epoch" integer, ADD "epoch_genesis" TIMESTAMP WITH TIME ZONE, ADD "epoch_seconds" integer')
        // The view was made with the table's columns of then (SELECT * is expanded at creation).
        await db.query('CREATE OR REPLACE VIEW api.analytics_state AS SELECT * FROM public.analytics_state')
    }

    async down(db) {
        await db.query('DROP VIEW api.analytics_state')
        await db.query('ALTER TABLE "analytics_state" DROP COLUMN "epoch", DROP COLUMN "epoch_genesis", DROP COLUMN "epoch_seconds"')
        await db.query('CREATE VIEW api.analytics_state AS SELECT * FROM public.analytics_state')
        await db.query('GRANT SELECT ON api.analytics_state TO peerwatch_public')
    }
}

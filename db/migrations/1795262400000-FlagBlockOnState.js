/**
 * Flags and cases no longer carry a block of their own: the tables hold them as computed at the
 * analytics watermark (analytics_state.block), which a run writes in the same transaction. Stamping
 * every row with each run's block was most of a live run's write time (an UPDATE of every row).
 */
module.exports = class FlagBlockOnState1795262400000 {
    name = 'FlagBlockOnState1795262400000'

    async up(db) {
        await db.query("ALTER TABLE \"flag\" DROP COLUMN \"block\"")
        await db.query("ALTER TABLE \"investigation_case\" DROP COLUMN \"block\"")
    }

    async down(db) {
        await db.query("ALTER TABLE \"flag\" ADD \"block\" integer NOT NULL DEFAULT 0")
        await db.query("ALTER TABLE \"investigation_case\" ADD \"block\" integer NOT NULL DEFAULT 0")
        await db.query("UPDATE \"flag\" SET \"block\" = (SELECT \"block\" FROM \"analytics_state\" WHERE \"id\" = 'analytics')")
        await db.query("UPDATE \"investigation_case\" SET \"block\" = (SELECT \"block\" FROM \"analytics_state\" WHERE \"id\" = 'analytics')")
        await db.query("ALTER TABLE \"flag\" ALTER COLUMN \"block\" DROP DEFAULT")
        await db.query("ALTER TABLE \"investigation_case\" ALTER COLUMN \"block\" DROP DEFAULT")
    }
}

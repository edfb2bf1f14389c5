module.exports = class FlagBlockUnindexed1795250521671 {
    name = 'FlagBlockUnindexed1795250521671'

    async up(db) {
        await db.query("DROP INDEX \"public\".\"IDX_9414377246e96ff870ec4f16d8\"")
    }

    async down(db) {
        await db.query("CREATE INDEX \"IDX_9414377246e96ff870ec4f16d8\" ON \"flag\" (\"block\") ")
    }
}

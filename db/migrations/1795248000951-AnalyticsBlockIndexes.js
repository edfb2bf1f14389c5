module.exports = class AnalyticsBlockIndexes1795248000951 {
    name = 'AnalyticsBlockIndexes1795248000951'

    async up(db) {
        await db.query("CREATE INDEX \"IDX_2ae0875b07486d5dde9d9bb8cf\" ON \"work\" (\"registered_block\") ")
        await db.query("CREATE INDEX \"IDX_18434cae4d7da1e2f9a04502b5\" ON \"proposal\" (\"submitted_block\") ")
        await db.query("CREATE INDEX \"IDX_924c1f3bacaa0ffec6a9dc40e5\" ON \"proposal\" (\"decided_block\") ")
        await db.query("CREATE INDEX \"IDX_df18d3118bc5dfdefad444da72\" ON \"review\" (\"committed_block\") ")
        await db.query("CREATE INDEX \"IDX_83646394f21160ea2bb060677a\" ON \"review\" (\"revealed_block\") ")
        await db.query("CREATE INDEX \"IDX_d70af7709c63fb22e4face0bdf\" ON \"collusion_case\" (\"closed_block\") ")
        await db.query("CREATE INDEX \"IDX_aebc9398dc7599bd091157cd78\" ON \"staker\" (\"registered_block\") ")
        await db.query("CREATE INDEX \"IDX_557f2e219f0ca2d48cb778ac4f\" ON \"heartbeat\" (\"block\") ")
        await db.query("CREATE INDEX \"IDX_1ae8c8d3795f52293c373b6fc5\" ON \"task\" (\"closed_block\") ")
        await db.query("CREATE INDEX \"IDX_48de73c805a157bd4c67fe906e\" ON \"jail_event\" (\"block\") ")
    }

    async down(db) {
        await db.query("DROP INDEX \"public\".\"IDX_2ae0875b07486d5dde9d9bb8cf\"")
        await db.query("DROP INDEX \"public\".\"IDX_18434cae4d7da1e2f9a04502b5\"")
        await db.query("DROP INDEX \"public\".\"IDX_924c1f3bacaa0ffec6a9dc40e5\"")
        await db.query("DROP INDEX \"public\".\"IDX_df18d3118bc5dfdefad444da72\"")
        await db.query("DROP INDEX \"public\".\"IDX_83646394f21160ea2bb060677a\"")
        await db.query("DROP INDEX \"public\".\"IDX_d70af7709c63fb22e4face0bdf\"")
        await db.query("DROP INDEX \"public\".\"IDX_aebc9398dc7599bd091157cd78\"")
        await db.query("DROP INDEX \"public\".\"IDX_557f2e219f0ca2d48cb778ac4f\"")
        await db.query("DROP INDEX \"public\".\"IDX_1ae8c8d3795f52293c373b6fc5\"")
        await db.query("DROP INDEX \"public\".\"IDX_48de73c805a157bd4c67fe906e\"")
    }
}

/**
 * Analytics tables (flag, investigation_case, analytics_state) and the block columns the analytics
 * need to read only finalized facts (collusion_case.raised_block/closed_block,
 * staker.registered_block, task.closed_block). Rows indexed before this migration have no block
 * to fill those columns with: such an index is refused with a clear message; index the chain again
 * into an empty database (for npm start: delete .peerwatch/postgres).
 */
module.exports = class Analytics1795236197682 {
    name = 'Analytics1795236197682'

    async up(db) {
        await db.query(`DO $$ BEGIN
            IF EXISTS (SELECT 1 FROM collusion_case) OR EXISTS (SELECT 1 FROM staker) OR EXISTS (SELECT 1 FROM task) THEN
                RAISE EXCEPTION 'peerwatch: this index predates the block columns analytics need; index the chain again into an empty database (npm start: delete .peerwatch/postgres)';
            END IF;
        END $$`)
        await db.query("CREATE TABLE \"flag\" (\"id\" character varying NOT NULL, \"kind\" text NOT NULL, \"subjects\" text array NOT NULL, \"window\" jsonb, \"metric\" text NOT NULL, \"value\" numeric NOT NULL, \"threshold\" numeric NOT NULL, \"comparison\" text NOT NULL, \"evidence\" jsonb NOT NULL, \"block\" integer NOT NULL, \"case_id\" text, CONSTRAINT \"PK_17b74257294fdfd221178a132d4\" PRIMARY KEY (\"id\"))")
        await db.query("CREATE INDEX \"IDX_710816cde92f10ce38d46cddab\" ON \"flag\" (\"kind\") ")
        await db.query("CREATE INDEX \"IDX_9414377246e96ff870ec4f16d8\" ON \"flag\" (\"block\") ")
        await db.query("CREATE INDEX \"IDX_1978232f01fb557aa5f293615b\" ON \"flag\" (\"case_id\") ")
        await db.query("CREATE TABLE \"investigation_case\" (\"id\" character varying NOT NULL, \"severity\" character varying(9) NOT NULL, \"subjects\" text array NOT NULL, \"flag_ids\" text array NOT NULL, \"grounds\" jsonb NOT NULL, \"block\" integer NOT NULL, CONSTRAINT \"PK_9b7a3afbca78a5cb2c56c203598\" PRIMARY KEY (\"id\"))")
        await db.query("CREATE INDEX \"IDX_8e9d59b39ea2a6ef561e01f2b4\" ON \"investigation_case\" (\"severity\") ")
        await db.query("CREATE TABLE \"analytics_state\" (\"id\" character varying NOT NULL, \"block\" integer NOT NULL, \"block_timestamp\" TIMESTAMP WITH TIME ZONE NOT NULL, \"flags\" integer NOT NULL, \"cases\" integer NOT NULL, \"runs\" integer NOT NULL, \"last_run_ms\" integer NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_58911d6b9e88af59564926b282d\" PRIMARY KEY (\"id\"))")
        await db.query("ALTER TABLE \"collusion_case\" ADD \"raised_block\" integer NOT NULL")
        await db.query("ALTER TABLE \"collusion_case\" ADD \"closed_block\" integer")
        await db.query("ALTER TABLE \"staker\" ADD \"registered_block\" integer NOT NULL")
        await db.query("ALTER TABLE \"task\" ADD \"closed_block\" integer")
    }

    async down(db) {
        await db.query("DROP TABLE \"flag\"")
        await db.query("DROP TABLE \"investigation_case\"")
        await db.query("DROP TABLE \"analytics_state\"")
        await db.query("ALTER TABLE \"collusion_case\" DROP COLUMN \"raised_block\"")
        await db.query("ALTER TABLE \"collusion_case\" DROP COLUMN \"closed_block\"")
        await db.query("ALTER TABLE \"staker\" DROP COLUMN \"registered_block\"")
        await db.query("ALTER TABLE \"task\" DROP COLUMN \"closed_block\"")
    }
}

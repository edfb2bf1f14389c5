/**
 * More of the record for the API (see ApiAccess): reviewers, works, compute staking and the REP
 * ledger. Reviewers: the public sees an account's registration, domains, REP and sanctions, not its
 * activity counters and times, which move when its reviews do (watching a counter tick with a
 * proposal's would name the reviewer before publication). The REP ledger refers to reviews and
 * proposals: analysts only.
 */
module.exports = class ApiRecords1795269600000 {
    name = 'ApiRecords1795269600000'

    async up(db) {
        await db.query(`CREATE VIEW api.public_reviewer AS
            SELECT id, domains, registered_at, registered_block, reputation, banned_until, permanently_banned, confirmed_offences FROM public.reviewer`)
        await db.query('CREATE VIEW api.reviewer AS SELECT * FROM public.reviewer')
        await db.query('CREATE VIEW api.rep_change AS SELECT * FROM public.rep_change')
        for (const table of ['work', 'staker', 'heartbeat', 'task', 'slash', 'jail_event']) {
            await db.query(`CREATE VIEW api.${table} AS SELECT * FROM public.${table}`)
            await db.query(`GRANT SELECT ON api.${table} TO peerwatch_public`)
        }
        await db.query('GRANT SELECT ON api.public_reviewer TO peerwatch_public')
        await db.query('GRANT SELECT ON api.reviewer, api.rep_change TO peerwatch_analyst')
    }

    async down(db) {
        for (const view of ['public_reviewer', 'reviewer', 'rep_change', 'work', 'staker', 'heartbeat', 'task', 'slash', 'jail_event']) await db.query(`DROP VIEW api.${view}`)
    }
}

/**
 * Live updates as server-sent events (GET /events, analysts and the committee): one event per
 * analytics run that changed the flags or cases, naming what was added, removed or changed, so that
 * a dashboard fetches only those over GraphQL. One watcher per server polls the watermark
 * (analytics_state) and diffs digests of the rows, read under the analyst's database role like any
 * request, and fans each change out to every open stream.
 */
import type http from 'node:http'
import type pg from 'pg'

export interface ChangeEvent {
  /** The analytics watermark the change is at. */
  block: number
  flags: { added: string[]; removed: string[]; changed: string[] }
  cases: { added: string[]; removed: string[]; changed: string[] }
}

export interface EventHub {
  /** Serves one stream until the client goes away. */
  serve(req: http.IncomingMessage, res: http.ServerResponse): void
  close(): void
}

type Digests = Map<string, string>

function diff(before: Digests, now: Digests): ChangeEvent['flags'] {
  const added: string[] = []
  const changed: string[] = []
  for (const [id, digest] of now) {
    const was = before.get(id)
    if (was === undefined) added.push(id)
    else if (was !== digest) changed.push(id)
  }
  return { added, removed: [...before.keys()].filter((id) => !now.has(id)), changed }
}

/** Watches the watermark every `pollMs` (default 1,000 ms) while a stream is open. */
export function createEventHub(pool: pg.Pool, opts: { pollMs?: number; log?: (line: string) => void } = {}): EventHub {
  const streams = new Set<http.ServerResponse>()
  let last: { block: number; flags: Digests; cases: Digests } | null = null
  let timer: NodeJS.Timeout | null = null
  let polling = false

  const read = async () => {
    const c = await pool.connect()
    try {
      await c.query('BEGIN READ ONLY')
      await c.query('SET LOCAL ROLE peerwatch_analyst')
      const state = await c.query<{ block: number }>(`SELECT block FROM api.analytics_state WHERE id = 'analytics'`)
      const block = state.rows[0]?.block ?? -1
      if (last && last.block === block) return null
      const digests = async (view: string, columns: string) =>
        new Map((await c.query<{ id: string; d: string }>(`SELECT id, md5(${columns}) AS d FROM ${view}`)).rows.map((r) => [r.id, r.d]))
      const flags = await digests('api.flag', `value::text || evidence::text || coalesce(case_id, '')`)
      const cases = await digests('api.investigation_case', `severity || array_to_string(flag_ids, ',') || grounds::text`)
      return { block, flags, cases }
    } finally {
      await c.query('ROLLBACK').catch(() => {})
      c.release()
    }
  }

  const poll = async () => {
    if (polling) return
    polling = true
    try {
      const now = await read()
      if (!now) return
      const before = last
      last = now
      if (!before) return // the first look is the baseline
      const event: ChangeEvent = { block: now.block, flags: diff(before.flags, now.flags), cases: diff(before.cases, now.cases) }
      const empty = (d: ChangeEvent['flags']) => !d.added.length && !d.removed.length && !d.changed.length
      if (empty(event.flags) && empty(event.cases)) return
      const message = `event: analytics\ndata: ${JSON.stringify(event)}\n\n`
      for (const res of streams) res.write(message)
    } catch (err) {
      opts.log?.(`api: events: ${err instanceof Error ? err.message : String(err)}`)
    } finally {
      polling = false
    }
  }

  const stopIfIdle = () => {
    if (streams.size || !timer) return
    clearInterval(timer)
    timer = null
    last = null
  }

  return {
    serve(req, res) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
      res.write(': peerwatch analytics changes; one "analytics" event per run that changed flags or cases\n\n')
      streams.add(res)
      req.on('close', () => {
        streams.delete(res)
        stopIfIdle()
      })
      if (!timer) {
        void poll()
        timer = setInterval(() => void poll(), opts.pollMs ?? 1_000)
      }
    },
    close() {
      for (const res of streams) res.end()
      streams.clear()
      stopIfIdle()
    },
  }
}

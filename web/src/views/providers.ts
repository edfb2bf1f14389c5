/**
 * The compute network, public record: heartbeats per epoch across providers, providers with their
 * missed and faulty tasks and slashes (a page at a time), and one provider's heartbeats, tasks it
 * missed or got wrong, and slashes. Analysts also see the flags on a provider.
 */
import { epochColumns, heartbeatStrip, type EpochHeartbeat } from '../../../src/charts/svg'
import { ApiError, flagsWhere, gql } from '../api'
import { FLAG_HEAD, flagCells } from '../flags'
import { account, esc, figure, pageOf, pager, PAGE_SIZE, table, when } from '../html'
import type { View } from '../view'

/** Epochs the uptime charts cover, the latest. */
const EPOCHS = 60

/** ZOO in token units (18 decimals) as a number of ZOO. */
const zoo = (units: string) => (Number(BigInt(units) / 10n ** 14n) / 1e4).toLocaleString('en')

/** A slash's reference (a task id or an epoch, as a 32-byte word) as a number. */
const refOf = (ref: string) => (/^0x[0-9a-f]{1,64}$/i.test(ref) ? BigInt(ref).toString() : ref)

async function latestEpoch(): Promise<number> {
  const { heartbeats } = await gql<{ heartbeats: { epoch: number }[] }>('{ heartbeats(orderBy: [epoch_DESC], limit: 1) { epoch } }')
  return heartbeats[0]?.epoch ?? 0
}

interface Provider {
  id: string
  status: string
  bonded: string
  registeredEpoch: number
  heartbeats: number
  lastHeartbeatEpoch: number | null
  tasksAssigned: number
  tasksMissed: number
  tasksFaulty: number
  slashedTotal: string
  jailedUntil: string | null
}

interface ProviderEpochs {
  judgedBefore: number
  epochs: { epoch: number; status: 'SIGNED' | 'MISSED' | 'UNREGISTERED' | 'LEFT' | 'JAILED' | 'PENDING' }[]
}

/** An epoch of providerEpochs as the strip draws it (none before registration). */
function heartbeatOf({ epoch, status }: ProviderEpochs['epochs'][number]): EpochHeartbeat[] {
  switch (status) {
    case 'SIGNED': return [{ epoch, owed: true, signed: true }]
    case 'MISSED': return [{ epoch, owed: true, signed: false }]
    case 'JAILED': return [{ epoch, owed: false, signed: false, notOwed: 'jailed' }]
    case 'LEFT': return [{ epoch, owed: false, signed: false, notOwed: 'left' }]
    case 'PENDING': return [{ epoch, owed: false, signed: false, notOwed: 'not judged' }]
    case 'UNREGISTERED': return []
  }
}

const PROVIDER_FIELDS = 'id status bonded registeredEpoch heartbeats lastHeartbeatEpoch tasksAssigned tasksMissed tasksFaulty slashedTotal jailedUntil'

export const providers: View = async ({ params, path }) => {
  const page = pageOf(params)
  const to = await latestEpoch()
  const from = Math.max(0, to - EPOCHS + 1)
  const { providerUptime, stakers } = await gql<{ providerUptime: { epoch: number; providers: number; signed: number }[]; stakers: Provider[] }>(
    `query($from: Int!, $to: Int!, $limit: Int!, $offset: Int!) { providerUptime(fromEpoch: $from, toEpoch: $to) { epoch providers signed }
       stakers(where: { kind_eq: "PROVIDER" }, orderBy: [tasksMissed_DESC, id_ASC], limit: $limit, offset: $offset) { ${PROVIDER_FIELDS} } }`,
    { from, to, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE },
  )
  const latest = providerUptime[providerUptime.length - 1]
  return `<h1>Providers</h1>
    <section id="uptime"><p>Epochs ${esc(from)} to ${esc(to)}: providers that sent the epoch's heartbeat${latest ? `, of ${esc(latest.providers)} registered by epoch ${esc(to)}` : ''}.</p>
      ${figure(epochColumns('Providers signing a heartbeat, per epoch', providerUptime.map((u) => ({ epoch: u.epoch, value: u.signed })), 'providers', latest?.providers))}</section>
    <section id="provider-list"><h2>Providers, most missed tasks first</h2>
      ${table(['provider', 'status', 'bonded ZOO', 'heartbeats', 'tasks', 'missed', 'faulty', 'slashed ZOO'], stakers.slice(0, PAGE_SIZE).map((p) => [
        `<a href="#/provider/${encodeURIComponent(p.id)}">${account(p.id)}</a>`, esc(p.status), esc(zoo(p.bonded)), esc(p.heartbeats), esc(p.tasksAssigned), esc(p.tasksMissed), esc(p.tasksFaulty), esc(zoo(p.slashedTotal)),
      ]))}
      ${pager(path, params, page, stakers.length > PAGE_SIZE)}</section>`
}

export const provider: View = async ({ role, args, params, path }) => {
  const id = decodeURIComponent(args[0] ?? '').toLowerCase()
  const page = pageOf(params)
  const slashPage = pageOf(params, 'slashes')
  const { stakerById: p } = await gql<{ stakerById: Provider | null }>(`query($id: ID!) { stakerById(id: $id) { ${PROVIDER_FIELDS} } }`, { id })
  if (!p) return `<section class="error">No staker ${esc(id)}.</section>`
  const to = Math.max(await latestEpoch(), p.lastHeartbeatEpoch ?? 0)
  const from = Math.max(p.registeredEpoch, to - EPOCHS + 1)
  const [record, { tasks, slashes }, flags] = await Promise.all([
    gql<{ providerEpochs: ProviderEpochs }>(
      `query($id: String!, $from: Int!, $to: Int!) { providerEpochs(provider: $id, fromEpoch: $from, toEpoch: $to) { judgedBefore epochs { epoch status } } }`,
      { id, from, to },
    ).then(
      (r) => r.providerEpochs,
      // Before the analytics' first run the owed epochs are not known: the page says so instead.
      (err: unknown) => {
        if (err instanceof ApiError && err.codes.includes('NOT_READY')) return err
        throw err
      },
    ),
    gql<{
      tasks: { id: string; status: string; deadline: string | null; closedAt: string | null }[]
      slashes: { reason: string; amount: string; ref: string; timestamp: string }[]
    }>(
      `query($id: String!, $limit: Int!, $offset: Int!, $slashOffset: Int!) {
         tasks(where: { provider_eq: $id, status_in: ["MISSED", "FAULTY"] }, orderBy: [submittedAt_DESC], limit: $limit, offset: $offset) { id status deadline closedAt }
         slashes(where: { account_eq: $id }, orderBy: [block_DESC, id_DESC], limit: $limit, offset: $slashOffset) { reason amount ref timestamp } }`,
      { id, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE, slashOffset: (slashPage - 1) * PAGE_SIZE },
    ),
    role === 'public' ? [] : flagsWhere({ subjects_containsAny: [id] }),
  ])
  const strip = record instanceof ApiError
    ? `<p class="muted" id="heartbeats-pending">${esc(record.message)}</p>`
    : figure(heartbeatStrip(`Heartbeats, epochs ${from} to ${to}`, record.epochs.flatMap(heartbeatOf), undefined, `as the downtime detector counts them; epochs from ${record.judgedBefore} on are not judged yet`))
  return `<h1>Provider ${account(p.id)}</h1>
    <section id="provider"><div class="numbers">
      <div><strong>${esc(p.status)}</strong>status</div><div><strong>${esc(zoo(p.bonded))}</strong>ZOO bonded</div>
      <div><strong>${esc(p.tasksAssigned)}</strong>tasks</div><div><strong>${esc(p.tasksMissed)}</strong>missed</div><div><strong>${esc(p.tasksFaulty)}</strong>faulty</div>
      <div><strong>${esc(zoo(p.slashedTotal))}</strong>ZOO slashed</div></div>
      ${strip}</section>
    ${role === 'public' ? '' : `<section id="flags-here"><h2>Flags</h2>${table(FLAG_HEAD, flags.map(flagCells), 'none')}</section>`}
    <section id="missed-tasks"><h2>Tasks missed or faulty</h2>${table(['task', 'status', 'deadline', 'closed'], tasks.slice(0, PAGE_SIZE).map((t) => [esc(t.id), esc(t.status), when(t.deadline), when(t.closedAt)]))}
      ${pager(`${path}/${args.join('/')}`, params, page, tasks.length > PAGE_SIZE)}</section>
    <section id="slashes"><h2>Slashes, latest first</h2>${table(['when', 'reason', 'ZOO', 'task or epoch'], slashes.slice(0, PAGE_SIZE).map((s) => [when(s.timestamp), esc(s.reason), esc(zoo(s.amount)), esc(refOf(s.ref))]))}
      ${pager(`${path}/${args.join('/')}`, params, slashPage, slashes.length > PAGE_SIZE, 'slashes')}</section>`
}

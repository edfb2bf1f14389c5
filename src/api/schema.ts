/**
 * One GraphQL schema per role, generated from the access list (entities.ts): a role's schema holds
 * the entities it has a view for and, in them, the fields and relations that name it, and its
 * filter and order inputs are made of those fields alone. So a hidden field cannot be selected,
 * filtered on, ordered by or counted by any path, and introspection shows each role only its own.
 *
 * Aggregates (aggregates.ts) join the queries of the roles they name. Queries per entity:
 * `<plural>(where, orderBy, limit, offset)`, `<singular>(id)`, and
 * `<plural>Connection(where, orderBy, first, after)` with `totalCount` and `pageInfo` (cursors are
 * offsets, as in OpenReader). Relations are batched per request (DataLoader): a nested query costs
 * one statement per relation and level, not one per row.
 */
import DataLoader from 'dataloader'
import { GraphQLError, GraphQLScalarType, Kind, type FieldNode, type GraphQLFieldResolver, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql'
import { aggregatesFor } from './aggregates'
import { ENTITIES, type EntitySpec, type Role, type ScalarType } from './entities'
import { byKeysSql, countSql, limitOf, listSql, OPERATORS, ORDER_DIRECTIONS, orderable, overlapSql, PAGE, QueryArgumentError, RELATION_ROWS, visibleFields, type ListArgs, type Where } from './query'

/** What a resolver gets: the role and a way to run SQL in the request's read-only transaction under it. */
export interface ApiContext {
  role: Role
  /** Who holds the key ("name (key id)"), written into the audit log; null for the public. */
  actor: string | null
  query<T = Record<string, unknown>>(text: string, values: readonly unknown[]): Promise<T[]>
  /** A costly read (an aggregate, a total) through the result cache: computed once per data version (cache.ts). */
  cached<T>(key: string, compute: () => Promise<T>): Promise<T>
  /** SQL that writes (the committee's audited functions), in a read-write transaction. */
  write<T = Record<string, unknown>>(text: string, values: readonly unknown[]): Promise<T[]>
  loaders?: Map<string, DataLoader<unknown, Record<string, unknown>[]>>
}

const GRAPHQL_TYPE: Record<ScalarType, string> = { ID: 'ID', String: 'String', Int: 'Int', Float: 'Float', Boolean: 'Boolean', DateTime: 'DateTime', BigInt: 'BigInt', JSON: 'JSON', '[String!]': '[String!]', '[Int!]': '[Int!]' }

/** Argument type of an operator on a field of `type`. */
function operandType(op: string, type: ScalarType): string {
  const base = type.startsWith('[') ? type.slice(1, -2) : GRAPHQL_TYPE[type]
  if (op === 'isNull') return 'Boolean'
  if (op === 'in' || op === 'not_in' || op === 'containsAll' || op === 'containsAny') return `[${base}!]`
  return base
}

const doc = (text: string) => JSON.stringify(text)

export function entitiesFor(role: Role): EntitySpec[] {
  return ENTITIES.filter((e) => e.views[role])
}

/** The SDL of a role's schema. */
export function typeDefsFor(role: Role): string {
  const entities = entitiesFor(role)
  const names = new Set(entities.map((e) => e.name))
  const out: string[] = [
    '"ISO 8601 date and time"\nscalar DateTime',
    '"an integer of any size, as a decimal string"\nscalar BigInt',
    '"any JSON value"\nscalar JSON',
    'type PageInfo {\n  hasNextPage: Boolean!\n  hasPreviousPage: Boolean!\n  startCursor: String\n  endCursor: String\n}',
  ]
  const queries: string[] = []
  for (const e of entities) {
    const fields = visibleFields(e, role)
    const relations = Object.entries(e.relations ?? {}).filter(([, r]) => r.roles.includes(role) && names.has(r.target))
    out.push(
      `${doc(e.doc)}\ntype ${e.name} {\n${fields.map(([name, f]) => `  ${doc(f.doc)}\n  ${name}: ${GRAPHQL_TYPE[f.type]}${f.nullable ? '' : '!'}`).join('\n')}\n` +
        relations.map(([name, r]) => `  ${doc(r.kind === 'one' ? r.doc : `${r.doc} (the first ${RELATION_ROWS} by id)`)}\n  ${name}: ${r.kind === 'one' ? r.target : `[${r.target}!]!`}\n`).join('') +
        '}',
    )
    const filters = fields.flatMap(([name, f]) => Object.keys(OPERATORS).filter((op) => OPERATORS[op]!(f.type)).map((op) => `  ${name}_${op}: ${operandType(op, f.type)}`))
    out.push(`input ${e.name}WhereInput {\n  AND: [${e.name}WhereInput!]\n  OR: [${e.name}WhereInput!]\n${filters.join('\n')}\n}`)
    const orders = fields.filter(([, f]) => orderable(f)).flatMap(([name, f]) => Object.entries(ORDER_DIRECTIONS).filter(([, d]) => f.nullable || !d.nullableOnly).map(([d]) => `  ${name}_${d}`))
    out.push(`enum ${e.name}OrderByInput {\n${orders.join('\n')}\n}`)
    out.push(`type ${e.name}Edge {\n  node: ${e.name}!\n  cursor: String!\n}`)
    out.push(`type ${e.name}Connection {\n  edges: [${e.name}Edge!]!\n  pageInfo: PageInfo!\n  totalCount: Int!\n}`)
    queries.push(
      `  ${doc(`${e.doc} At most ${PAGE.max} a page (default ${PAGE.default}).`)}\n  ${e.plural}(where: ${e.name}WhereInput, orderBy: [${e.name}OrderByInput!], limit: Int, offset: Int): [${e.name}!]!`,
      `  ${e.singular}(id: ID!): ${e.name}`,
      `  ${e.plural}Connection(where: ${e.name}WhereInput, orderBy: [${e.name}OrderByInput!], first: Int, after: String): ${e.name}Connection!`,
    )
  }
  if (role === 'committee') {
    out.push('"what the committee decides on a case"\nenum CaseDecisionStatus {\n  INVESTIGATING\n  CONFIRMED\n  DISMISSED\n}')
    out.push(
      'type Mutation {\n' +
        `  ${doc('Records a decision on a case, audited. CONFIRMED raises the case\'s subjects to the confirmed rung from the next analytics run on.')}\n  decideCase(caseId: ID!, status: CaseDecisionStatus!, reason: String!): CaseDecision!\n` +
        `  ${doc('Adds a note to a case, audited.')}\n  addCaseNote(caseId: ID!, text: String!): CaseNote!\n}`,
    )
  }
  const aggregates = aggregatesFor(role)
  out.push(...new Set(aggregates.map((a) => a.types)))
  for (const a of aggregates) queries.push(`  ${doc(a.doc)}\n  ${a.field}`)
  out.push(`type Query {\n${queries.join('\n')}\n}`)
  return out.join('\n\n')
}

const scalars = {
  DateTime: new GraphQLScalarType({
    name: 'DateTime',
    serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
    parseValue: (v) => parseDateTime(v),
    parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
  }),
  BigInt: new GraphQLScalarType({
    name: 'BigInt',
    serialize: (v) => String(v),
    parseValue: (v) => parseBigInt(v),
    parseLiteral: (ast) => parseBigInt(ast.kind === Kind.STRING || ast.kind === Kind.INT ? ast.value : undefined),
  }),
  JSON: new GraphQLScalarType({ name: 'JSON', serialize: (v) => v }),
}

function parseDateTime(v: unknown): string {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw new GraphQLError('DateTime: an ISO 8601 string expected')
  return new Date(v).toISOString()
}

function parseBigInt(v: unknown): string {
  if (typeof v !== 'string' || !/^-?\d+$/.test(v)) throw new GraphQLError('BigInt: a decimal integer string expected')
  return v
}

/** Client mistakes the schema cannot catch become GraphQL errors with their message; others are masked by the server. */
async function asClientErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof QueryArgumentError) throw new GraphQLError(err.message, { extensions: { code: 'BAD_USER_INPUT' } })
    throw err
  }
}

/** Cursor of the row at `offset`: opaque to clients, an offset underneath. */
const cursorOf = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url')
function offsetOf(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0
  const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!m) throw new QueryArgumentError('after: not a cursor of this API')
  return Number(m[1]) + 1
}

/** The fields a resolver's selection asks for, at `path` below it (fragments included). */
function selectedFields(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  const fieldsIn = (set: SelectionSetNode | undefined): FieldNode[] =>
    (set?.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s] : fieldsIn(s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : info.fragments[s.name.value]?.selectionSet)))
  let nodes: readonly FieldNode[] = info.fieldNodes
  for (const step of path) nodes = nodes.flatMap((n) => fieldsIn(n.selectionSet).filter((f) => f.name.value === step))
  return new Set(nodes.flatMap((n) => fieldsIn(n.selectionSet).map((f) => f.name.value)))
}

/** Resolvers of a role's schema. */
export function resolversFor(role: Role): Record<string, Record<string, GraphQLFieldResolver<Record<string, unknown>, ApiContext>> | GraphQLScalarType> {
  const entities = entitiesFor(role)
  const byName = new Map(entities.map((e) => [e.name, e]))
  // Per entity once, not per row: a page is up to a thousand rows.
  const fieldsOf = new Map(entities.map((e) => [e, visibleFields(e, role)]))
  const toObject = (e: EntitySpec) => (row: Record<string, unknown>) => {
    const out: Record<string, unknown> = { __row: row }
    for (const [name, f] of fieldsOf.get(e)!) out[name] = row[f.column]
    return out
  }
  const list = async (e: EntitySpec, ctx: ApiContext, args: ListArgs, selected?: ReadonlySet<string>) => {
    const { text, values } = listSql(e, role, args, selected)
    return (await ctx.query(text, values)).map(toObject(e))
  }
  const query: Record<string, GraphQLFieldResolver<unknown, ApiContext>> = {}
  const types: Record<string, Record<string, GraphQLFieldResolver<Record<string, unknown>, ApiContext>>> = {}
  for (const e of entities) {
    query[e.plural] = (_, args: ListArgs, ctx, info) => asClientErrors(() => list(e, ctx, args, selectedFields(info)))
    query[e.singular] = (_, { id }: { id: string }, ctx, info) => asClientErrors(async () => (await list(e, ctx, { where: { id_eq: id } as Where, limit: 1 }, selectedFields(info)))[0] ?? null)
    query[`${e.plural}Connection`] = (_, args: { where?: Where; orderBy?: string[]; first?: number; after?: string }, ctx, info) =>
      asClientErrors(async () => {
        const offset = offsetOf(args.after)
        const first = limitOf(args.first)
        // One row more than asked tells whether there is a next page.
        const rows = await list(e, ctx, { where: args.where, orderBy: args.orderBy, limit: Math.min(first + 1, PAGE.max + 1), offset }, selectedFields(info, ['edges', 'node']))
        const page = rows.slice(0, first)
        const count = countSql(e, role, args.where)
        return {
          edges: page.map((node, i) => ({ node, cursor: cursorOf(offset + i) })),
          pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: offset > 0, startCursor: page.length ? cursorOf(offset) : null, endCursor: page.length ? cursorOf(offset + page.length - 1) : null },
          totalCount: () => ctx.cached(`${count.text}\u0000${JSON.stringify(count.values)}`, async () => (await ctx.query<{ n: number }>(count.text, count.values))[0]!.n),
        }
      })
    const relations: Record<string, GraphQLFieldResolver<Record<string, unknown>, ApiContext>> = {}
    for (const [name, r] of Object.entries(e.relations ?? {})) {
      const target = byName.get(r.target)
      if (!r.roles.includes(role) || !target) continue
      relations[name] = async (parent, _, ctx, info) => {
        const row = parent.__row as Record<string, unknown>
        // An overlap relation is looked up by the parent's id, through the parent's view.
        const key = r.kind === 'overlap' ? row[e.defaultOrder] : row[r.from]
        if (key === null || key === undefined) return r.kind === 'one' ? null : []
        const loaders = (ctx.loaders ??= new Map())
        // One loader per relation and selection: the parents of one list share it.
        const selected = selectedFields(info)
        const loaderKey = `${e.name}.${name}.${[...selected].sort().join(',')}`
        let loader = loaders.get(loaderKey)
        if (!loader) {
          const groupBy = r.kind === 'overlap' ? '__parent' : r.to
          loader = new DataLoader(async (keys) => {
            const { text, values } = r.kind === 'overlap' ? overlapSql(e, target, role, r, keys, selected) : byKeysSql(target, role, r.to, keys, selected)
            const rows = await ctx.query(text, values)
            const grouped = new Map<unknown, Record<string, unknown>[]>()
            for (const row of rows) (grouped.get(row[groupBy]) ?? grouped.set(row[groupBy], []).get(row[groupBy])!).push(row)
            return keys.map((k) => grouped.get(k) ?? [])
          })
          loaders.set(loaderKey, loader)
        }
        const rows = (await loader.load(key)).map(toObject(target))
        return r.kind === 'one' ? (rows[0] ?? null) : rows
      }
    }
    types[e.name] = relations
  }
  for (const a of aggregatesFor(role)) {
    const name = a.field.slice(0, a.field.indexOf('('))
    query[name] = (_, args: Record<string, unknown>, ctx) => ctx.cached(`${name}\u0000${JSON.stringify(args)}`, () => a.resolve(args, ctx))
  }
  if (role !== 'committee') return { Query: query as never, ...types, ...scalars }
  /** Calls an audited function (CommitteeDecisions migration) and reads back the row it wrote. */
  const audited = async (ctx: ApiContext, call: string, values: unknown[], entity: string) => {
    if (!ctx.actor) throw new Error('a committee write without a key holder')
    const [row] = await ctx.write<{ id: number }>(`SELECT ${call} AS id`, [...values, ctx.actor]).catch((err: { code?: string; message?: string }) => {
      // The function's own refusals (no such case, no reason) are the client's to read.
      if (err.code === 'P0002' || err.code === '23514') throw new GraphQLError(String(err.message), { extensions: { code: 'BAD_USER_INPUT' } })
      throw err
    })
    return (await list(byName.get(entity)!, ctx, { where: { id_eq: String(row!.id) } as Where, limit: 1 }))[0]
  }
  const mutation: Record<string, GraphQLFieldResolver<unknown, ApiContext>> = {
    decideCase: (_, a: { caseId: string; status: string; reason: string }, ctx) => audited(ctx, 'api.decide_case($1, $2, $3, $4)', [a.caseId, a.status, a.reason], 'CaseDecision'),
    addCaseNote: (_, a: { caseId: string; text: string }, ctx) => audited(ctx, 'api.add_case_note($1, $2, $3)', [a.caseId, a.text], 'CaseNote'),
  }
  return { Query: query as never, Mutation: mutation as never, ...types, ...scalars }
}

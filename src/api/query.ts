/**
 * The SQL of the API's list queries, in the conventions Subsquid's OpenReader users know: `where`
 * with `<field>_eq/_not_eq/_gt/_gte/_lt/_lte/_in/_not_in/_isNull` (and `_containsAll/_containsAny`
 * on lists) combined with AND/OR, `orderBy: [<field>_ASC | <field>_DESC]`, limit and offset.
 * Pure: from the arguments to one parameterised statement. Columns come from the entity list and
 * only for fields the role sees (the schema offers no others); values are always parameters.
 */
import type { EntitySpec, FieldSpec, Role, ScalarType } from './entities'

/** Page sizes: what a list returns without `limit`, and the most it returns. */
export const PAGE = { default: 100, max: 1_000 }

export type Where = { AND?: Where[]; OR?: Where[] } & Record<string, unknown>

export interface ListArgs {
  where?: Where | null
  orderBy?: readonly string[] | null
  limit?: number | null
  offset?: number | null
}

export const OPERATORS: Record<string, (type: ScalarType) => boolean> = {
  eq: (t) => t !== 'JSON' && !t.startsWith('['),
  not_eq: (t) => t !== 'JSON' && !t.startsWith('['),
  gt: ordered,
  gte: ordered,
  lt: ordered,
  lte: ordered,
  in: (t) => t !== 'JSON' && t !== 'Boolean' && !t.startsWith('['),
  not_in: (t) => t !== 'JSON' && t !== 'Boolean' && !t.startsWith('['),
  isNull: () => true,
  containsAll: (t) => t.startsWith('['),
  containsAny: (t) => t.startsWith('['),
}

function ordered(t: ScalarType): boolean {
  return t === 'ID' || t === 'String' || t === 'Int' || t === 'Float' || t === 'DateTime' || t === 'BigInt'
}

/** The fields of an entity a role sees. */
export function visibleFields(entity: EntitySpec, role: Role): [string, FieldSpec][] {
  return Object.entries(entity.fields).filter(([, f]) => f.roles.includes(role))
}

/** Thrown for arguments the schema lets through but the query cannot honour (a client error). */
export class QueryArgumentError extends Error {}

/** A statement with its parameters, built up as conditions are added. */
class Statement {
  readonly values: unknown[] = []
  param(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}

function whereSql(entity: EntitySpec, role: Role, where: Where | null | undefined, st: Statement): string {
  if (!where) return 'TRUE'
  const fields = new Map(visibleFields(entity, role))
  const parts: string[] = []
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue
    if (key === 'AND' || key === 'OR') {
      const list = (value as Where[] | null) ?? []
      if (list.length) parts.push(`(${list.map((w) => whereSql(entity, role, w, st)).join(key === 'AND' ? ' AND ' : ' OR ')})`)
      continue
    }
    const at = key.indexOf('_')
    const name = key.slice(0, at)
    const op = key.slice(at + 1)
    const spec = fields.get(name)
    if (!spec || !OPERATORS[op]?.(spec.type)) throw new QueryArgumentError(`unknown filter ${key}`)
    const column = `"${spec.column}"`
    if (op === 'isNull') {
      parts.push(`${column} IS ${value ? '' : 'NOT '}NULL`)
      continue
    }
    if (value === null) throw new QueryArgumentError(`filter ${key} needs a value (use ${name}_isNull for nulls)`)
    const cast = spec.type === 'BigInt' ? '::numeric' : spec.type === 'DateTime' ? '::timestamptz' : ''
    switch (op) {
      case 'eq': parts.push(`${column} = ${st.param(value)}${cast}`); break
      case 'not_eq': parts.push(`${column} IS DISTINCT FROM ${st.param(value)}${cast}`); break
      case 'gt': parts.push(`${column} > ${st.param(value)}${cast}`); break
      case 'gte': parts.push(`${column} >= ${st.param(value)}${cast}`); break
      case 'lt': parts.push(`${column} < ${st.param(value)}${cast}`); break
      case 'lte': parts.push(`${column} <= ${st.param(value)}${cast}`); break
      case 'in': parts.push(`${column} = ANY(${st.param(value)}${cast ? `${cast}[]` : ''})`); break
      case 'not_in': parts.push(`NOT (${column} = ANY(${st.param(value)}${cast ? `${cast}[]` : ''}))`); break
      case 'containsAll': parts.push(`${column} @> ${st.param(value)}`); break
      case 'containsAny': parts.push(`${column} && ${st.param(value)}`); break
    }
  }
  return parts.length ? parts.join(' AND ') : 'TRUE'
}

/**
 * Order terms as OpenReader spells them: `<field>_ASC` and `<field>_DESC` keep Postgres's null
 * placement (ascending: nulls last; descending: nulls first), so a btree index serves either
 * direction; a nullable field also has `_ASC_NULLS_FIRST` and `_DESC_NULLS_LAST`.
 */
export const ORDER_DIRECTIONS: Record<string, { sql: string; nullableOnly: boolean }> = {
  ASC: { sql: 'ASC', nullableOnly: false },
  DESC: { sql: 'DESC', nullableOnly: false },
  ASC_NULLS_FIRST: { sql: 'ASC NULLS FIRST', nullableOnly: true },
  DESC_NULLS_LAST: { sql: 'DESC NULLS LAST', nullableOnly: true },
}

/** Whether lists can be ordered by a field of this type (not JSON, not a list). */
export const orderable = (f: FieldSpec): boolean => f.type !== 'JSON' && !f.type.startsWith('[')

function orderSql(entity: EntitySpec, role: Role, orderBy: readonly string[] | null | undefined): string {
  const fields = new Map(visibleFields(entity, role))
  const terms = (orderBy ?? []).map((o) => {
    const m = /^([a-zA-Z0-9]+)_(ASC|DESC|ASC_NULLS_FIRST|DESC_NULLS_LAST)$/.exec(o)
    const spec = m && fields.get(m[1]!)
    const direction = m && ORDER_DIRECTIONS[m[2]!]
    if (!m || !spec || !direction || !orderable(spec) || (direction.nullableOnly && !spec.nullable)) throw new QueryArgumentError(`unknown order ${o}`)
    return `"${spec.column}" ${direction.sql}`
  })
  // A unique column last, so that equal keys page in one order.
  terms.push(`"${entity.defaultOrder}" ASC`)
  return terms.join(', ')
}

/**
 * The columns a statement reads: the fields asked for (all the role sees if `selected` is absent),
 * the columns the relations asked for join on, and the id. Reading only what a query selects keeps
 * a list of flags from parsing every flag's evidence when the query wants their ids.
 */
export function columnsOf(entity: EntitySpec, role: Role, selected?: ReadonlySet<string>): string[] {
  const columns = new Set([entity.defaultOrder])
  for (const [name, f] of visibleFields(entity, role)) if (!selected || selected.has(name)) columns.add(f.column)
  for (const [name, r] of Object.entries(entity.relations ?? {})) if (r.roles.includes(role) && (!selected || selected.has(name))) columns.add(r.from)
  return [...columns]
}

function viewOf(entity: EntitySpec, role: Role): string {
  const view = entity.views[role]
  if (!view) throw new Error(`${entity.name} has no view for ${role}`)
  return view
}

export function limitOf(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return PAGE.default
  if (!Number.isInteger(limit) || limit < 0 || limit > PAGE.max) throw new QueryArgumentError(`limit must be 0-${PAGE.max}`)
  return limit
}

export function listSql(entity: EntitySpec, role: Role, args: ListArgs, selected?: ReadonlySet<string>): { text: string; values: unknown[] } {
  const st = new Statement()
  const where = whereSql(entity, role, args.where, st)
  const offset = args.offset ?? 0
  if (!Number.isInteger(offset) || offset < 0) throw new QueryArgumentError('offset must be a whole number >= 0')
  const limit = st.param(limitOf(args.limit))
  const text = `SELECT ${columnsOf(entity, role, selected).map((c) => `"${c}"`).join(', ')} FROM ${viewOf(entity, role)} WHERE ${where} ORDER BY ${orderSql(entity, role, args.orderBy)} LIMIT ${limit} OFFSET ${st.param(offset)}`
  return { text, values: st.values }
}

export function countSql(entity: EntitySpec, role: Role, where: Where | null | undefined): { text: string; values: unknown[] } {
  const st = new Statement()
  return { text: `SELECT count(*)::int AS n FROM ${viewOf(entity, role)} WHERE ${whereSql(entity, role, where, st)}`, values: st.values }
}

/** Rows a relation gives one parent at most (in default order); more through the list query with a filter. */
export const RELATION_ROWS = 100

/**
 * The targets of an overlap relation for a batch of parents (`keys`: parent ids): rows of `target`
 * whose `to` array shares an element with the parent's `from` array, at most RELATION_ROWS per
 * parent, each with the parent's id as "__parent". Both sides read through the role's views.
 */
export function overlapSql(parent: EntitySpec, target: EntitySpec, role: Role, relation: { from: string; to: string }, keys: readonly unknown[], selected?: ReadonlySet<string>): { text: string; values: unknown[] } {
  const columns = columnsOf(target, role, selected).map((c) => `"${c}"`)
  const order = `"${target.defaultOrder}"`
  return {
    text:
      `SELECT ${columns.join(', ')}, "__parent" FROM (SELECT ${columns.map((c) => `t.${c}`).join(', ')}, p."${parent.defaultOrder}" AS "__parent", ` +
      `row_number() OVER (PARTITION BY p."${parent.defaultOrder}" ORDER BY t.${order}) AS "__n" ` +
      `FROM ${viewOf(parent, role)} p JOIN ${viewOf(target, role)} t ON t."${relation.to}" && p."${relation.from}" WHERE p."${parent.defaultOrder}" = ANY($1)) x ` +
      `WHERE "__n" <= ${RELATION_ROWS} ORDER BY ${order}`,
    values: [keys],
  }
}

/** Rows whose `column` is one of `keys` (a relation's batch), at most RELATION_ROWS per key. */
export function byKeysSql(entity: EntitySpec, role: Role, column: string, keys: readonly unknown[], selected?: ReadonlySet<string>): { text: string; values: unknown[] } {
  const columns = [...new Set([...columnsOf(entity, role, selected), column])].map((c) => `"${c}"`).join(', ')
  const order = `"${entity.defaultOrder}"`
  return {
    text: `SELECT ${columns} FROM (SELECT ${columns}, row_number() OVER (PARTITION BY "${column}" ORDER BY ${order}) AS "__n" FROM ${viewOf(entity, role)} WHERE "${column}" = ANY($1)) t WHERE "__n" <= ${RELATION_ROWS} ORDER BY ${order}`,
    values: [keys],
  }
}

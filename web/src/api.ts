/**
 * The dashboard's one way to the API: GraphQL over fetch, with the signed-in credential. The key is
 * kept in sessionStorage (gone with the tab), never in the page's code or a cookie, and sent as a
 * Bearer header; without one the page is the public's.
 */

import type { Role } from '../../src/api/entities'
import type { IndexerStatus } from '../../src/api/status'
import { FLAG_FIELDS, type FlagRow } from './flags'

const STORAGE = 'peerwatch.credential'

export type { Role }

export const credential = {
  get: (): string | null => sessionStorage.getItem(STORAGE),
  set: (key: string) => sessionStorage.setItem(STORAGE, key),
  clear: () => sessionStorage.removeItem(STORAGE),
}

export class ApiError extends Error {
  /** The errors' extensions.code, e.g. NOT_READY. */
  constructor(message: string, readonly codes: readonly string[] = []) {
    super(message)
  }
}

/** The signed-in credential as a request header; none for the public. */
export function authorization(): Record<string, string> {
  const key = credential.get()
  return key ? { authorization: `Bearer ${key}` } : {}
}

export async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization() },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] }
  if (!res.ok || body.errors?.length) {
    throw new ApiError(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`, body.errors?.flatMap((e) => e.extensions?.code ?? []) ?? [])
  }
  return body.data as T
}

/** Who the credential is, as the API sees it (a refused credential is an ApiError). */
export async function whoAmI(): Promise<{ role: Role; actor: string | null }> {
  const res = await fetch('/whoami', { headers: authorization() })
  const body = (await res.json().catch(() => ({}))) as { role?: Role; actor?: string | null; errors?: { message: string }[] }
  if (!res.ok || !body.role) throw new ApiError(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`)
  return { role: body.role, actor: body.actor ?? null }
}

/** GET /status: block heights of the chain, the indexer and the analytics (public, never cached). */
export async function indexerStatus(): Promise<IndexerStatus> {
  const res = await fetch('/status')
  if (!res.ok) throw new ApiError(`status: HTTP ${res.status}`)
  return (await res.json()) as IndexerStatus
}

/** The flags a view shows beside its own data (at most 100, by id): those matching `where`. */
export async function flagsWhere(where: Record<string, unknown>): Promise<FlagRow[]> {
  return (await gql<{ flags: FlagRow[] }>(`query($w: FlagWhereInput) { flags(where: $w, orderBy: [id_ASC], limit: 100) { ${FLAG_FIELDS} } }`, { w: where })).flags
}

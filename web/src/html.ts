/**
 * The pieces every view is drawn with. Everything the API returns reaches the page through `esc`:
 * review texts and case notes are written by people, and may hold markup.
 */

import { short } from '../../src/charts/common'

export const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** An account as 0x1234…abcd, the whole address in its tooltip. */
export const account = (address: string): string =>
  /^0x[0-9a-fA-F]{40}$/.test(address) ? `<span class="account" title="${esc(address)}">${esc(short(address))}</span>` : esc(address)

/** A table: header texts, and rows of cells that are already HTML. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], empty = 'none'): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
    ${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('') || `<tr><td colspan="${head.length}" class="muted">${esc(empty)}</td></tr>`}
    </tbody></table>`
}

/** Rows per page in every paginated table. */
export const PAGE_SIZE = 25

/** The page a table is on (`?page=` in the hash, or another name where a view pages two tables), from 1. */
export const pageOf = (params: URLSearchParams, name = 'page'): number => Math.max(1, Math.floor(Number(params.get(name) ?? 1)) || 1)

/**
 * Links to the previous and next page of a table. Views ask for PAGE_SIZE + 1 rows: one more than
 * shown tells there is a next page without counting a million rows.
 */
export function pager(path: string, params: URLSearchParams, page: number, hasNext: boolean, name = 'page'): string {
  const at = (p: number) => {
    const next = new URLSearchParams(params)
    next.set(name, String(p))
    return `#/${path}?${next}`
  }
  return `<p class="pager">${page > 1 ? `<a href="${at(page - 1)}" class="prev">← previous</a>` : ''} <span class="muted">page ${page}</span> ${hasNext ? `<a href="${at(page + 1)}" class="next">next →</a>` : ''}</p>`
}

/** A chart from src/charts (SVG text made from escaped values) in a figure. */
export const figure = (svg: string): string => `<figure class="chart">${svg}</figure>`

export const when = (iso: string | null | undefined): string => (iso ? esc(iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')) : '<span class="muted">-</span>')

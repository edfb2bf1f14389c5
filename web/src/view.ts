import type { Role } from './api'

/** Where a view is: the role, the rest of the hash path (`#/case/<id>` gives ['<id>']), and `?` parameters. */
export interface ViewContext {
  role: Role
  /** The view's name, the first segment of the hash path. */
  path: string
  args: string[]
  params: URLSearchParams
}

/**
 * What a view draws: HTML, or HTML and a step that brings part of it to life once it is in the page
 * (the review graph's canvas); the step returns how to tear that down when the page changes.
 */
export type Drawn = string | { html: string; mount(root: HTMLElement): () => void }

export type View = (ctx: ViewContext) => Promise<Drawn>

export const forAnalysts = '<section class="muted">This view is for analysts and the ethics committee: <a href="#/signin">sign in</a> with an API key.</section>'

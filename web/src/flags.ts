/**
 * Flags as the views list them, and which view shows each kind's evidence best: a pair's scores,
 * two texts side by side, commit times, the review graph, citation rates, a provider's record.
 */
import { account, esc } from './html'

export interface FlagRow {
  id: string
  kind: string
  subjects: string[]
  metric: string
  value: number
  threshold: number
  comparison: string
  evidence: Record<string, unknown>
  caseId?: string | null
}

/** The GraphQL selection a FlagRow needs. */
export const FLAG_FIELDS = 'id kind subjects metric value threshold comparison evidence caseId'

/** The view that draws a flag's evidence, as a hash route. */
export function flagView(flag: Pick<FlagRow, 'id' | 'kind' | 'subjects' | 'evidence'>): string | null {
  const [a = '', b = ''] = flag.subjects.map(encodeURIComponent)
  switch (flag.kind) {
    case 'score-correlation':
      return `#/pair/${a}/${b}`
    case 'text-similarity': {
      const first = (flag.evidence.pairs as { reviewIds: [string, string] }[] | undefined)?.[0]
      return first ? `#/text/${first.reviewIds.map(encodeURIComponent).join('/')}?flag=${encodeURIComponent(flag.id)}` : null
    }
    case 'timing-correlation':
      return `#/timing/${flag.subjects.map(encodeURIComponent).join(',')}`
    case 'review-ring':
    case 'reciprocal-review':
    case 'dense-review-group':
      return `#/ring/${encodeURIComponent(flag.id)}`
    case 'self-citation':
    case 'citation-score':
      return `#/citation?reviewer=${a}`
    case 'provider-downtime':
    case 'provider-missed-tasks':
    case 'provider-faulty-results':
      return `#/provider/${a}`
    default:
      return null
  }
}

const VIEW_NAMES: Record<string, string> = {
  pair: 'score pair',
  text: 'texts side by side',
  timing: 'commit times',
  ring: 'review graph',
  citation: 'citation rates',
  provider: 'provider record',
}

/** A link to the flag's view, named for what it shows. */
export function flagViewLink(flag: FlagRow): string {
  const href = flagView(flag)
  if (!href) return ''
  const name = VIEW_NAMES[href.replace(/^#\/([a-z]+).*$/, '$1')] ?? 'view'
  return `<a class="flag-view" href="${esc(href)}">${esc(name)}</a>`
}

/** One flag as a table row: kind, subjects, the measure against its threshold, its case and view. */
export const flagCells = (f: FlagRow): string[] => [
  esc(f.kind),
  f.subjects.map(account).join(' '),
  `${esc(f.metric)}: <strong>${esc(f.value)}</strong> ${esc(f.comparison)} ${esc(f.threshold)}`,
  f.caseId ? `<a href="#/case/${encodeURIComponent(f.caseId)}">${esc(f.caseId)}</a>` : '',
  flagViewLink(f),
]

export const FLAG_HEAD = ['kind', 'subjects', 'measure', 'case', 'evidence']

/** WorkRegistry: published works and their authors. */
import { Author, Work, WorkAuthor } from '../model'
import type { BatchState } from './state'
import { addr, defineMapping, textProblem } from './mapping'

/** The Author entity of an account, created on first sight. */
export function authorOf(s: BatchState, account: string, at: Date): Author {
  return s.edit(Author, account) ?? s.put(new Author({ id: account, proposals: 0, works: 0, firstSeenAt: at }))
}

export const works = defineMapping('WorkRegistry', {
  needs: {
    WorkRegistered: (e, n) => {
      n.add(Work, e.args.workId.toString())
      for (const a of e.args.authors) n.add(Author, addr(a))
    },
  },
  handle: {
    WorkRegistered(e, s) {
      const id = e.args.workId.toString()
      if (s.find(Work, id)) return `work ${id} already registered`
      if (e.args.authors.length === 0) return 'work without authors'
      const bad = textProblem('title', e.args.title, e.meta.data)
      if (bad) return bad
      const authors = [...new Set(e.args.authors.map(addr))]
      s.put(
        new Work({
          id, registrant: addr(e.args.registrant), authors, contentHash: e.args.contentHash, title: e.args.title,
          registeredAt: e.meta.timestamp, registeredBlock: e.meta.block,
        }),
      )
      for (const a of authors) {
        authorOf(s, a, e.meta.timestamp).works += 1
        s.append(new WorkAuthor({ id: `${id}-${a}`, workId: id, author: a }))
      }
    },
  },
})

/**
 * The passages two review texts share, for showing them side by side with the shared parts marked.
 * Pure: from two texts to each text cut into runs of shared and unshared words, the whitespace and
 * punctuation kept as written. A passage is shared when a run of at least `minWords` words (compared
 * lower-cased, punctuation aside) appears in both texts; runs that overlap join into one.
 */

export interface TextRun {
  text: string
  shared: boolean
}

export interface SharedText {
  a: TextRun[]
  b: TextRun[]
  /** Words of each text inside a shared passage, and the texts' word counts. */
  sharedWords: [number, number]
  words: [number, number]
}

interface Word {
  start: number
  end: number
  key: string
}

function wordsOf(text: string): Word[] {
  const out: Word[] = []
  for (const m of text.matchAll(/\S+/g)) {
    const key = m[0].toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
    if (key) out.push({ start: m.index, end: m.index + m[0].length, key })
  }
  return out
}

/** Cuts a text into runs by which of its words are marked, each run ending where the next begins. */
function runsOf(text: string, words: readonly Word[], marked: readonly boolean[]): TextRun[] {
  const runs: TextRun[] = []
  let from = 0
  let i = 0
  while (i < words.length) {
    const shared = marked[i]!
    let j = i
    while (j + 1 < words.length && marked[j + 1] === shared) j++
    // A shared run covers its words and the spaces between them; what lies around it stays unshared.
    const start = shared ? words[i]!.start : from
    const end = shared ? words[j]!.end : j + 1 < words.length ? words[j + 1]!.start : text.length
    if (start > from) runs.push({ text: text.slice(from, start), shared: false })
    runs.push({ text: text.slice(start, end), shared })
    from = end
    i = j + 1
  }
  if (from < text.length) runs.push({ text: text.slice(from), shared: false })
  // Neighbouring unshared pieces (the gap after a shared run, then the next unshared run) as one.
  return runs.reduce<TextRun[]>((out, r) => {
    const last = out[out.length - 1]
    if (last && last.shared === r.shared) last.text += r.text
    else if (r.text) out.push({ ...r })
    return out
  }, [])
}

export function sharedPassages(a: string, b: string, minWords = 5): SharedText {
  const wa = wordsOf(a)
  const wb = wordsOf(b)
  const markA = new Array<boolean>(wa.length).fill(false)
  const markB = new Array<boolean>(wb.length).fill(false)
  const gram = (words: readonly Word[], i: number) => words.slice(i, i + minWords).map((w) => w.key).join(' ')
  const inB = new Map<string, number[]>()
  for (let j = 0; j + minWords <= wb.length; j++) {
    const g = gram(wb, j)
    const at = inB.get(g)
    if (at) at.push(j)
    else inB.set(g, [j])
  }
  for (let i = 0; i + minWords <= wa.length; i++) {
    const at = inB.get(gram(wa, i))
    if (!at) continue
    for (let k = 0; k < minWords; k++) markA[i + k] = true
    for (const j of at) for (let k = 0; k < minWords; k++) markB[j + k] = true
  }
  const count = (marks: boolean[]) => marks.filter(Boolean).length
  return { a: runsOf(a, wa, markA), b: runsOf(b, wb, markB), sharedWords: [count(markA), count(markB)], words: [wa.length, wb.length] }
}

/**
 * One status line for long-running commands: redrawn in place on a terminal, printed every few
 * seconds otherwise (CI logs). Parts (e.g. "live", "indexer") are set independently.
 */
export interface StatusLine {
  set(part: string, text: string): void
  /** Prints a line above the status line. */
  log(line: string): void
  stop(): void
}

export function createStatusLine(enabled: boolean | undefined, out: NodeJS.WriteStream = process.stderr): StatusLine {
  const tty = enabled ?? Boolean(out.isTTY)
  const parts = new Map<string, string>()
  let drawn = false
  let lastPrint = 0
  const render = () => [...parts.entries()].map(([k, v]) => `${k}: ${v}`).join(' | ')
  const draw = () => {
    if (tty) {
      out.write(`\r\x1b[2K${render().slice(0, (out.columns ?? 160) - 1)}`)
      drawn = true
    } else if (Date.now() - lastPrint >= 5_000) {
      lastPrint = Date.now()
      out.write(`${render()}\n`)
    }
  }
  const timer = tty ? setInterval(draw, 250) : undefined
  timer?.unref()
  return {
    set(part, text) {
      parts.set(part, text)
      if (!tty) draw()
    },
    log(line) {
      if (tty && drawn) out.write('\r\x1b[2K')
      out.write(`${line}\n`)
      if (tty) draw()
    },
    stop() {
      if (timer) clearInterval(timer)
      if (tty && drawn) out.write(`\r\x1b[2K${render()}\n`)
      else if (!tty && parts.size > 0) out.write(`${render()}\n`)
    },
  }
}

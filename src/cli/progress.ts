/**
 * Progress for long runs: a bar on a terminal, a line every few seconds otherwise (CI logs).
 */
import cliProgress from 'cli-progress'

export interface Progress {
  update(done: number, detail: string): void
  stop(): void
}

export function createProgress(total: number, label: string, enabled: boolean | undefined): Progress {
  const tty = enabled ?? Boolean(process.stderr.isTTY)
  if (tty) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% {value}/{total} tx | {rate} tx/s | {detail}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    )
    const started = Date.now()
    bar.start(total, 0, { rate: '0', detail: '' })
    return {
      update(done, detail) {
        bar.update(done, { rate: ((done / Math.max(1, Date.now() - started)) * 1000).toFixed(0), detail })
      },
      stop: () => bar.stop(),
    }
  }
  let lastPrint = 0
  return {
    update(done, detail) {
      if (Date.now() - lastPrint < 5_000 && done < total) return
      lastPrint = Date.now()
      process.stderr.write(`${label}: ${done}/${total} transactions (${detail})\n`)
    },
    stop() {},
  }
}

/**
 * Keeps the analytics up with the indexer: a run whenever the processor reports a batch (`wake`)
 * and at least every `pollMs`, one run at a time. A failed run is reported and retried at the next
 * wake or poll; it never stops the pipeline.
 */
import type { AnalyticsRunner, RunReport } from './runner'

export interface AnalyticsWatch {
  /** Asks for a run soon (after the current one, if any). */
  wake(): void
  /** Resolves once `signal` aborted and the current run finished. */
  done: Promise<void>
}

export function watchAnalytics(runner: AnalyticsRunner, opts: { pollMs: number; signal: AbortSignal; onRun?: (r: RunReport) => void; onError?: (err: unknown) => void }): AnalyticsWatch {
  let wakeUp: (() => void) | undefined
  let pending = true
  const wake = () => {
    pending = true
    wakeUp?.()
  }
  opts.signal.addEventListener('abort', () => wakeUp?.(), { once: true })
  const done = (async () => {
    while (!opts.signal.aborted) {
      if (!pending) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, opts.pollMs)
          wakeUp = () => (clearTimeout(timer), resolve())
        })
        wakeUp = undefined
        if (opts.signal.aborted) break
      }
      pending = false
      try {
        const report = await runner.runOnce()
        if (report) opts.onRun?.(report)
      } catch (err) {
        opts.onError?.(err)
      }
    }
  })()
  return { wake, done }
}

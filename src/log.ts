/**
 * Structured JSON logs (pino) on stderr, one line per record. Subsquid's own loggers are routed
 * here too, so a process writes one log format.
 */
import pino from 'pino'

export type Logger = pino.Logger

export function createLogger(name: string): Logger {
  return pino({ name, level: process.env.PEERWATCH_LOG_LEVEL ?? 'info', base: { pid: process.pid } }, pino.destination({ fd: 2, sync: true }))
}

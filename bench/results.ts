/**
 * bench/RESULTS.md: one section per benchmark, each with what it measures, the command, the date
 * and machine, and a table of medians with min-max. A run replaces its own section.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PROJECT_ROOT } from '../src/config'

export interface ResultRow {
  metric: string
  values: number[]
  unit: string
}

export const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3))

export function recordResults(name: string, section: { what: string; command: string; runs: number; rows: ResultRow[]; notes?: string }): void {
  const file = path.join(PROJECT_ROOT, 'bench/RESULTS.md')
  const header = '# Benchmark results\n\nEach section: what it measures, the command that made it, when and where, and medians with min-max.\n'
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : header
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
  const body = [
    `## ${name}`,
    '',
    section.what,
    '',
    `Command: \`${section.command}\` (${section.runs} runs). Recorded ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
    '',
    '| metric | median | min-max | unit |',
    '|---|---:|---:|---|',
    ...section.rows.map((r) => `| ${r.metric} | ${fmt(median(r.values))} | ${fmt(Math.min(...r.values))}-${fmt(Math.max(...r.values))} | ${r.unit} |`),
    ...(section.notes ? ['', section.notes] : []),
    '',
  ].join('\n')
  const pattern = new RegExp(`## ${name}\\n[\\s\\S]*?(?=\\n## |$)`)
  const out = pattern.test(existing) ? existing.replace(pattern, body.trimEnd() + '\n') : `${existing.trimEnd()}\n\n${body}`
  fs.writeFileSync(file, out)
}

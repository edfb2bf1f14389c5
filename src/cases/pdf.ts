/**
 * A case file as PDF (pdfkit): the same content as the Markdown (casefile.ts), with each flag's
 * evidence charts drawn from the same SVG the dashboard shows (src/charts). Pure JavaScript, no
 * browser: `peerwatch case export --format pdf` works wherever peerwatch does.
 */
import PDFDocument from 'pdfkit'
import SVGtoPDF from 'svg-to-pdfkit'
import { evidenceCharts } from '../charts/svg'
import type { CaseFile } from './casefile'

/** Page layout, PDF points. */
const MARGIN = 50
const CHART = { width: 360, height: 240 }

/**
 * A chart's height at CHART.width, from its viewBox: charts are not all 3:2 (a heartbeat strip or
 * two rate bars are short), and a fixed box would leave blank space around the short ones.
 */
function chartHeight(svg: string): number {
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)
  const ratio = box ? Number(box[2]) / Number(box[1]) : NaN
  return Number.isFinite(ratio) && ratio > 0 ? Math.min(CHART.height * 1.5, CHART.width * ratio) : CHART.height
}

export function caseFilePdf(file: CaseFile): Promise<Buffer> {
  // A fixed creation date keeps the same case file's bytes the same.
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Case ${file.case.id}`, Creator: 'peerwatch', CreationDate: new Date(file.exportedAt) } })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  const width = doc.page.width - 2 * MARGIN
  const heading = (text: string, size: number) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text, { width }).font('Helvetica').fontSize(10)
  const line = (text: string) => doc.font('Helvetica').fontSize(10).text(text, { width })
  const small = (text: string) => doc.font('Courier').fontSize(7.5).text(text, { width }).font('Helvetica').fontSize(10)

  const c = file.case
  heading(`Case ${c.id}`, 18)
  line(`Severity ${c.severity} at analytics block ${file.watermark.block}${file.watermark.blockTimestamp ? ` (${file.watermark.blockTimestamp})` : ''}. Exported ${file.exportedAt}.`)
  line(`Subjects: ${c.subjects.join(', ')}`)
  heading('Grounds', 13)
  small(JSON.stringify(c.grounds, null, 1))
  heading(`Flags (${file.flags.length})`, 13)
  for (const f of file.flags) {
    heading(`${f.kind}: ${f.subjects.join(', ')}`, 11)
    small(f.id)
    line(`${f.metric}: ${f.value} ${f.comparison} ${f.threshold}${f.window ? `; window ${JSON.stringify(f.window)}` : ''}`)
    for (const svg of evidenceCharts(f)) {
      const height = chartHeight(svg)
      if (doc.y + height > doc.page.height - MARGIN) doc.addPage()
      SVGtoPDF(doc, svg, MARGIN, doc.y + 4, { width: CHART.width, height })
      doc.y += height + 8
      doc.x = MARGIN
    }
    for (const [key, value] of Object.entries(f.evidence)) {
      if (value === undefined || value === null) continue
      if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
        line(`${key} (${value.length}):`)
        for (const row of value) small(`  ${JSON.stringify(row)}`)
      } else line(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    }
  }
  heading(`Decisions (${file.decisions.length})`, 13)
  for (const d of file.decisions) line(`#${d.id} ${d.decidedAt}, ${d.decidedBy}, case ${d.caseId}: ${d.status} (effective from block ${d.effectiveBlock}). ${d.reason}`)
  if (!file.decisions.length) line('None.')
  heading(`Notes (${file.notes.length})`, 13)
  for (const n of file.notes) line(`#${n.id} ${n.createdAt}, ${n.author}, case ${n.caseId}: ${n.text}`)
  if (!file.notes.length) line('None.')
  heading(`Audit log (${file.audit.length})`, 13)
  for (const a of file.audit) small(`#${a.id} ${a.at} ${a.actor} ${a.action} ${a.target} previous=${JSON.stringify(a.previous)} value=${JSON.stringify(a.value)}`)
  if (!file.audit.length) line('None.')
  doc.end()
  return done
}

/**
 * Case files in each format the committee takes them: Markdown to read, JSON for machines, PDF for
 * the records (with the evidence charts).
 */
import { caseFileJson, caseFileMarkdown, type CaseFile } from './casefile'
import { caseFilePdf } from './pdf'

export { CaseNotFound, loadCaseFile, type CaseFile } from './casefile'

export const CASE_FILE_FORMATS = ['md', 'json', 'pdf'] as const
export type CaseFileFormat = (typeof CASE_FILE_FORMATS)[number]

export const isCaseFileFormat = (v: string): v is CaseFileFormat => (CASE_FILE_FORMATS as readonly string[]).includes(v)

export async function renderCaseFile(file: CaseFile, format: CaseFileFormat): Promise<{ body: string | Buffer; type: string }> {
  if (format === 'md') return { body: caseFileMarkdown(file), type: 'text/markdown; charset=utf-8' }
  if (format === 'json') return { body: caseFileJson(file), type: 'application/json' }
  return { body: await caseFilePdf(file), type: 'application/pdf' }
}

import { describe, expect, it } from 'vitest'
import { caseFilePdf } from './pdf'
import { file } from './testing'

describe('PDF case files', () => {
  it('are a PDF with the evidence charts drawn in, the same bytes for the same file', async () => {
    const pdf = await caseFilePdf(file)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.subarray(-6).toString()).toContain('%%EOF')
    expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(1)
    // The title is the case's, and a second rendering is identical (no clock, no random ids).
    expect(pdf.toString('latin1')).toContain('(Case case-1)')
    expect((await caseFilePdf(file)).equals(pdf)).toBe(true)
  })
})

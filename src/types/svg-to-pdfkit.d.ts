// svg-to-pdfkit ships no declarations: one CommonJS function drawing SVG text into a pdfkit document.
declare module 'svg-to-pdfkit' {
  function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: { width?: number; height?: number; preserveAspectRatio?: string }): void
  export = SVGtoPDF
}

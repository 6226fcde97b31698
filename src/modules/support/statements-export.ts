import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import { formatDays, formatPounds } from './money-domain.ts';
import { type Income, type Statement, termLabel } from './statements-domain.ts';

// Statements and income as files: CSV for finance systems (pence and pounds both given) and PDF to send.

export function statementCsv(s: Statement): string {
  const rows = s.items.flatMap((item) =>
    item.charge.lines.map((l) => [item.deploymentId, item.title, l.kind, l.description, l.pence, (l.pence / 100).toFixed(2)]),
  );
  return stringify([
    ['deployment_id', 'deployment', 'line', 'description', 'pence', 'pounds'],
    ...rows,
    ['', '', 'total', 'Total due', s.totalPence, (s.totalPence / 100).toFixed(2)],
  ]);
}

export function incomeCsv(rows: Income[]): string {
  return stringify([
    ['school_urn', 'school', 'days', 'pence', 'pounds'],
    ...rows.map((r) => [r.schoolUrn, r.schoolName, r.halfDays / 2, r.pence, (r.pence / 100).toFixed(2)]),
  ]);
}

function pdf(title: string, author: string, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Author: author } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

/** One row: text on the left, an amount right-aligned. */
function amountRow(doc: PDFKit.PDFDocument, text: string, amount: string, bold = false) {
  const y = doc.y;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
  doc.text(text, 50, y, { width: 380 });
  const after = doc.y;
  doc.text(amount, 430, y, { width: 115, align: 'right' });
  doc.y = Math.max(after, doc.y) + 2;
}

export function statementPdf(s: Statement, networkName: string): Promise<Buffer> {
  const title = `Statement for ${s.schoolName}, ${termLabel(s.term)}`;
  return pdf(title, networkName, (doc) => {
    doc.font('Helvetica-Bold').fontSize(16).text(networkName);
    doc.moveDown(0.5).fontSize(13).text(title);
    doc.moveDown();
    for (const item of s.items) {
      doc
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(`${item.title} (${formatDays(item.halfDays)})`, 50);
      for (const l of item.charge.lines) amountRow(doc, l.description, formatPounds(l.pence));
      doc.moveDown(0.5);
    }
    amountRow(doc, 'Total due', formatPounds(s.totalPence), true);
  });
}

export function incomePdf(rows: Income[], termText: string, networkName: string): Promise<Buffer> {
  const title = `Income due to releasing schools, ${termText}`;
  return pdf(title, networkName, (doc) => {
    doc.font('Helvetica-Bold').fontSize(16).text(networkName);
    doc.moveDown(0.5).fontSize(13).text(title);
    doc.moveDown();
    for (const r of rows) amountRow(doc, `${r.schoolName} (${formatDays(r.halfDays)})`, formatPounds(r.pence));
    amountRow(doc, 'Total', formatPounds(rows.reduce((a, r) => a + r.pence, 0)), true);
  });
}

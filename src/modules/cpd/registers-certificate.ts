import PDFDocument from 'pdfkit';
import type { Db } from '../../kernel/db/client.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import type { BookingRow } from './bookings-queries.ts';
import { type SessionSlot, slotDays } from './sessions-domain.ts';
import { findSession } from './sessions-queries.ts';

/** Write a one-page PDF in memory. */
export function pdfBytes(title: string, author: string, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: title, Author: author } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

/** A certificate of attendance, for a confirmed booking marked attended on the register; otherwise null. */
export async function certificatePdf(db: Db, network: { name: string }, b: BookingRow) {
  if (b.status !== 'confirmed' || b.attended !== true) return null;
  const session = await findSession(db, b.sessionId);
  const days = slotDays[session!.slot as SessionSlot];
  const bytes = await pdfBytes(`Certificate of attendance: ${b.fullName}`, network.name, (doc) => {
    const width = doc.page.width - 120;
    doc
      .rect(30, 30, doc.page.width - 60, doc.page.height - 60)
      .lineWidth(3)
      .stroke('#2b5f75');
    doc.moveDown(3).font('Helvetica').fontSize(16).fillColor('#505a5f').text(network.name, { align: 'center', width });
    doc.moveDown(1).font('Helvetica-Bold').fontSize(30).fillColor('#0b0c0c').text('Certificate of attendance', { align: 'center', width });
    doc.moveDown(1).font('Helvetica').fontSize(16).text('This certifies that', { align: 'center', width });
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(24).text(b.fullName, { align: 'center', width });
    if (b.schoolName) doc.moveDown(0.3).font('Helvetica').fontSize(14).text(b.schoolName, { align: 'center', width });
    doc.moveDown(1).font('Helvetica').fontSize(16).text('attended', { align: 'center', width });
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(20).text(b.sessionTitle, { align: 'center', width });
    doc.moveDown(0.3).font('Helvetica').fontSize(14).text(`part of ${b.programmeTitle}`, { align: 'center', width });
    doc
      .moveDown(1)
      .fontSize(14)
      .text(`on ${formatDate(b.startsAt)}  ·  ${days === 1 ? 'one day' : 'half a day'} of professional development`, {
        align: 'center',
        width,
      });
    if (session!.facilitators) doc.moveDown(0.5).text(`Led by ${session!.facilitators}`, { align: 'center', width });
  });
  return { bytes, fileName: `certificate-${b.id.slice(0, 8)}.pdf` };
}

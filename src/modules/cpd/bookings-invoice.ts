import type { Db } from '../../kernel/db/client.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import { formatPence } from './bookings-domain.ts';
import type { BookingRow } from './bookings-queries.ts';
import { pdfBytes } from './registers-certificate.ts';

/** The invoice of a charged booking (voided ones say so plainly); null when the booking has none. */
export async function invoicePdf(_db: Db, network: { name: string }, b: BookingRow) {
  if (b.invoiceNumber == null) return null;
  const number = `CPD-${String(b.invoiceNumber).padStart(6, '0')}`;
  const bytes = await pdfBytes(`Invoice ${number}`, network.name, (doc) => {
    doc.font('Helvetica-Bold').fontSize(22).text(network.name);
    doc.moveDown(0.5).font('Helvetica').fontSize(18).text(`Invoice ${number}`);
    if (b.invoiceVoided)
      doc.moveDown(0.5).font('Helvetica-Bold').fillColor('#d4351c').text('VOID: the booking was cancelled').fillColor('#0b0c0c');
    doc.moveDown(1).font('Helvetica').fontSize(12);
    doc.text(`Date: ${formatDate(b.createdAt)}`);
    doc.text(`To: ${b.schoolName ?? b.fullName}`);
    doc.text(`For: ${b.fullName}`);
    doc.moveDown(1).font('Helvetica-Bold').text('Description');
    doc.font('Helvetica').text(`${b.programmeTitle}: ${b.sessionTitle}, ${formatDate(b.startsAt)}`);
    doc
      .moveDown(1)
      .font('Helvetica-Bold')
      .fontSize(14)
      .text(`Amount due: ${formatPence(b.pricePence)}`);
    doc
      .moveDown(2)
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#505a5f')
      .text('Staff of the network’s member schools attend free; this charge keeps provision sustainable for everyone.');
  });
  return { bytes, fileName: `invoice-${number}.pdf` };
}

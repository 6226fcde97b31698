import PDFDocument from 'pdfkit';
import { formatDate } from '../../kernel/ui/format.ts';
import type { PublicCertificate } from './certificates-domain.ts';

export interface CertificatePdfInput extends PublicCertificate {
  networkName: string;
  publicId: string;
  verifyUrl: string;
}

/** The printable certificate: who, what, when, until when, and where to check it. Built in memory (one page). */
export function certificatePdf(c: CertificatePdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 60,
    info: { Title: `Lead Practitioner certificate: ${c.holderName}`, Author: c.networkName, Subject: c.frameworkName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 120;
  doc
    .rect(30, 30, doc.page.width - 60, doc.page.height - 60)
    .lineWidth(3)
    .stroke('#2b5f75');
  doc.moveDown(2).font('Helvetica').fontSize(16).fillColor('#505a5f').text(c.networkName, { align: 'center', width });
  doc.moveDown(1).font('Helvetica-Bold').fontSize(34).fillColor('#0b0c0c').text('Lead Practitioner', { align: 'center', width });
  doc.moveDown(0.5).font('Helvetica').fontSize(16).text('This certifies that', { align: 'center', width });
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(28).text(c.holderName, { align: 'center', width });
  doc.moveDown(0.5).font('Helvetica').fontSize(16).text(`has been accredited against ${c.frameworkName}`, { align: 'center', width });
  doc
    .moveDown(1.5)
    .fontSize(14)
    .text(`Accredited on ${formatDate(c.issuedOn)}  ·  Valid until ${formatDate(c.expiresOn)}`, {
      align: 'center',
      width,
    });
  doc
    .moveDown(2)
    .fontSize(11)
    .fillColor('#505a5f')
    .text(`Certificate ${c.publicId}. Check it at ${c.verifyUrl}`, { align: 'center', width, link: c.verifyUrl });
  doc.end();
  return done;
}

import ExcelJS from 'exceljs';

// Small real files for upload tests: their content is what the upload checks sniff.

export const samplePdf = () =>
  new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** A 1x1 PNG. */
export const samplePng = () =>
  Uint8Array.from(
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
  );

export const sampleHtml = () => new TextEncoder().encode('<!doctype html><html><body><script>alert(1)</script></body></html>\n');

export async function sampleXlsx(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Impact').addRow(['Before', 'After']);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A multipart form body as a browser sends it. */
export function multipart(
  fields: Record<string, string | string[]>,
  files: Record<string, { name: string; type: string; bytes: Uint8Array }>,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
  for (const [k, f] of Object.entries(files)) form.append(k, new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type }));
  return form;
}

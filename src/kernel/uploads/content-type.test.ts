import { describe, expect, it } from 'vitest';
import { sampleHtml, samplePdf, samplePng, sampleXlsx } from '../../../test/support/files.ts';
import { checkContentType } from './content-type.ts';
import { safeFileName } from './file-names.ts';

describe('checkContentType', () => {
  it('accepts a PDF, a PNG and a spreadsheet whose names match their content', async () => {
    expect(await checkContentType(samplePdf(), 'plan.pdf')).toMatchObject({ ok: true, mime: 'application/pdf' });
    expect(await checkContentType(samplePng(), 'photo.PNG')).toMatchObject({ ok: true, mime: 'image/png' });
    expect(await checkContentType(await sampleXlsx(), 'data.xlsx')).toMatchObject({
      ok: true,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });

  it('refuses an HTML file named .pdf, saying what its content is', async () => {
    expect(await checkContentType(sampleHtml(), 'report.pdf')).toEqual({
      ok: false,
      reason: 'The file is named .pdf but its content is text or HTML, not a PDF',
    });
  });

  it('refuses a PNG named .pdf and a type outside the allow-list', async () => {
    expect(await checkContentType(samplePng(), 'scan.pdf')).toMatchObject({ ok: false, reason: expect.stringContaining('PNG image') });
    expect(await checkContentType(sampleHtml(), 'page.html')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('.html cannot be uploaded'),
    });
    expect(await checkContentType(samplePdf(), 'noextension')).toMatchObject({ ok: false });
  });
});

describe('safeFileName', () => {
  it('keeps only the last segment of a path, so ../ can never reach storage or the header', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\leanne\\My plan.pdf')).toBe('My plan.pdf');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('.hidden..pdf')).toBe('hidden.pdf');
    expect(safeFileName('a"b\r\nc.pdf')).toBe('abc.pdf');
  });

  it('shortens a long name but keeps its extension', () => {
    const name = safeFileName(`${'x'.repeat(300)}.docx`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.docx')).toBe(true);
  });
});

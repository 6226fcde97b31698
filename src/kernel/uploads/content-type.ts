import { fileTypeFromBuffer } from 'file-type';
import { extensionOf } from './file-names.ts';

/** What may be uploaded: the type as sniffed from the content, its name, and the extensions a name may claim. */
export const allowedTypes = [
  { mime: 'application/pdf', label: 'PDF', extensions: ['pdf'] },
  { mime: 'image/png', label: 'PNG image', extensions: ['png'] },
  { mime: 'image/jpeg', label: 'JPEG image', extensions: ['jpg', 'jpeg'] },
  { mime: 'image/gif', label: 'GIF image', extensions: ['gif'] },
  { mime: 'image/webp', label: 'WebP image', extensions: ['webp'] },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document', extensions: ['docx'] },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel spreadsheet', extensions: ['xlsx'] },
  {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint presentation',
    extensions: ['pptx'],
  },
  { mime: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text', extensions: ['odt'] },
] as const;

export const allowedTypesText = 'a PDF, an image (PNG, JPEG, GIF, WebP) or an office document (docx, xlsx, pptx, odt)';

/** The `accept` attribute for a file input. */
export const acceptAttribute = allowedTypes.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(',');

export type SniffResult = { ok: true; mime: string; label: string } | { ok: false; reason: string };

/**
 * Decide from the bytes, not from what the browser says: the content must be an allowed type, and the name's
 * extension must agree with it (an HTML page named .pdf is refused, and so is a PDF named .docx).
 */
export async function checkContentType(bytes: Uint8Array, fileName: string): Promise<SniffResult> {
  const claimedExt = extensionOf(fileName);
  const claimed = allowedTypes.find((t) => (t.extensions as readonly string[]).includes(claimedExt));
  if (!claimed) return { ok: false, reason: `Files of type .${claimedExt || '(none)'} cannot be uploaded: upload ${allowedTypesText}` };
  const sniffed = await fileTypeFromBuffer(bytes);
  const actual = allowedTypes.find((t) => t.mime === sniffed?.mime);
  if (!actual) {
    const what = sniffed ? `a .${sniffed.ext} file` : looksLikeText(bytes) ? 'text or HTML' : 'not a file type we recognise';
    return { ok: false, reason: `The file is named .${claimedExt} but its content is ${what}, not a ${claimed.label}` };
  }
  if (actual !== claimed) {
    return {
      ok: false,
      reason: `The file is named .${claimedExt} but its content is a ${actual.label}: rename it or upload the right file`,
    };
  }
  return { ok: true, mime: actual.mime, label: actual.label };
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  return head.length > 0 && head.every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
}

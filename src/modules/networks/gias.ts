// Reading the DfE "Get Information About Schools" (GIAS) CSV: the full export and the reduced national file.
// Pure parsing: bytes in, schools and rejected rows out; nothing here touches the database.
import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';

export type GiasFormat = 'full' | 'reduced';

/** A school as the importer writes it to the `schools` table. */
export interface GiasSchool {
  urn: number;
  /** Null when the file has no names (reduced file): the importer keeps any real name already stored. */
  name: string | null;
  phase: string | null;
  type: string | null;
  localAuthority: string | null;
  region: string | null;
  postcode: string | null;
  easting: number | null;
  northing: number | null;
  ofstedRating: string | null;
  /** ISO yyyy-mm-dd */
  ofstedDate: string | null;
  isOpen: boolean;
}

export interface GiasRejection {
  /** Line where the row starts, counted as a text editor does (header = line 1). */
  line: number;
  /** The URN as written, when the row has one. */
  urn: string | null;
  reason: string;
}

export type GiasEvent = { kind: 'school'; line: number; school: GiasSchool } | { kind: 'rejected'; rejection: GiasRejection };

/** The file as a whole cannot be read: wrong header, or broken CSV. Nothing is imported. */
export class GiasFileError extends Error {
  constructor(
    message: string,
    readonly missingColumns: string[] = [],
  ) {
    super(message);
  }
}

type Field = keyof Omit<GiasSchool, 'isOpen'> | 'status';

/** Source column of each field, per format; a field absent from a format is not in its map. */
export const giasColumns: Record<GiasFormat, Partial<Record<Field, string>>> = {
  full: {
    urn: 'URN',
    name: 'EstablishmentName',
    type: 'TypeOfEstablishment (name)',
    phase: 'PhaseOfEducation (name)',
    localAuthority: 'LA (name)',
    region: 'GOR (name)',
    postcode: 'Postcode',
    easting: 'Easting',
    northing: 'Northing',
    ofstedRating: 'OfstedRating (name)',
    ofstedDate: 'OfstedLastInsp',
    status: 'EstablishmentStatus (name)',
  },
  reduced: {
    urn: 'urn',
    phase: 'phase',
    localAuthority: 'la_name',
    region: 'region',
    ofstedRating: 'ofsted_rating',
    ofstedDate: 'last_ofsted_date',
    easting: 'easting',
    northing: 'northing',
  },
};

/** Fields a format provides; on re-import only these are overwritten. */
export const giasFields = (format: GiasFormat): (keyof GiasSchool)[] => {
  const fields = Object.keys(giasColumns[format]).filter((f) => f !== 'status') as (keyof GiasSchool)[];
  return format === 'full' ? [...fields, 'isOpen'] : fields;
};

/** Name shown for a school imported without one (the reduced file has no names). */
export const placeholderName = (urn: number) => `School ${urn}`;

export interface HeaderMap {
  format: GiasFormat;
  index: Partial<Record<Field, number>>;
  width: number;
}

/** Recognise the format from the header row, or say which columns are missing. */
export function readHeader(header: string[]): HeaderMap {
  const names = header.map((h) => h.trim());
  const candidates = (['full', 'reduced'] as const).map((format) => {
    const wanted = Object.entries(giasColumns[format]) as [Field, string][];
    const missing = wanted.filter(([, col]) => !names.includes(col)).map(([, col]) => col);
    return { format, wanted, missing, found: wanted.length - missing.length };
  });
  const match = candidates.find((c) => c.missing.length === 0);
  if (match) {
    const index = Object.fromEntries(match.wanted.map(([field, col]) => [field, names.indexOf(col)]));
    return { format: match.format, index, width: names.length };
  }
  const closest = candidates.reduce((a, b) => (b.found > a.found ? b : a));
  const label = closest.format === 'full' ? 'the full GIAS export' : 'the reduced GIAS file';
  throw new GiasFileError(
    `The header is not a GIAS file: missing column${closest.missing.length === 1 ? '' : 's'} ${closest.missing.map((m) => `"${m}"`).join(', ')} (closest format: ${label}).`,
    closest.missing,
  );
}

const blank = (v: string | undefined) => {
  const t = v?.trim() ?? '';
  return t === '' ? null : t;
};

/** dd-mm-yyyy (GIAS) or yyyy-mm-dd to ISO; undefined when it is not a real date. */
export function giasDate(text: string): string | undefined {
  const dmy = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(text);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const parts: [string, string, string] | undefined = dmy ? [dmy[3]!, dmy[2]!, dmy[1]!] : ymd ? [ymd[1]!, ymd[2]!, ymd[3]!] : undefined;
  if (!parts) return undefined;
  const [y, m, d] = parts;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  // Date rolls 31-02 over into March: a round trip catches impossible days.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

const MAX_INT = 2_147_483_647;

/** One data row to a school, or the reason it cannot be imported. */
export function readRow(header: HeaderMap, row: string[], line: number): GiasEvent {
  const { index, format } = header;
  const cell = (f: Field) => (index[f] === undefined ? null : blank(row[index[f]!]));
  const urnText = cell('urn');
  const reject = (reason: string): GiasEvent => ({ kind: 'rejected', rejection: { line, urn: urnText, reason } });
  if (row.length !== header.width) return reject(`the row has ${row.length} fields; the header has ${header.width}`);
  if (urnText === null) return reject('missing URN');
  if (!/^\d+$/.test(urnText) || Number(urnText) < 1 || Number(urnText) > MAX_INT) return reject(`URN "${urnText}" is not a number`);
  const coordinates: Record<'easting' | 'northing', number | null> = { easting: null, northing: null };
  for (const axis of ['easting', 'northing'] as const) {
    const text = cell(axis);
    if (text === null) continue;
    if (!/^-?\d+(\.\d+)?$/.test(text)) return reject(`${giasColumns[format][axis]} "${text}" is not a number`);
    // GIAS writes 0 for "location not known".
    coordinates[axis] = Math.round(Number(text)) || null;
  }
  const dateText = cell('ofstedDate');
  const ofstedDate = dateText === null ? null : giasDate(dateText);
  if (ofstedDate === undefined) return reject(`${giasColumns[format].ofstedDate} "${dateText}" is not a date (expected dd-mm-yyyy)`);
  const status = cell('status');
  return {
    kind: 'school',
    line,
    school: {
      urn: Number(urnText),
      name: cell('name'),
      phase: cell('phase'),
      type: cell('type'),
      localAuthority: cell('localAuthority'),
      region: cell('region'),
      postcode: cell('postcode'),
      ...coordinates,
      ofstedRating: cell('ofstedRating'),
      ofstedDate,
      // The reduced file lists open schools only; GIAS statuses: Open, Open but proposed to close, Closed, Proposed to open.
      isOpen: format === 'reduced' || (status ?? '').startsWith('Open'),
    },
  };
}

export type GiasInput = string | Uint8Array | AsyncIterable<Uint8Array | string>;

/** GIAS downloads are Windows-1252; newer or edited files are UTF-8. Decide from the first bytes. */
export function sniffEncoding(bytes: Uint8Array): 'utf-8' | 'latin1' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20)), { stream: true });
    return 'utf-8';
  } catch {
    return 'latin1';
  }
}

async function* decoded(input: GiasInput): AsyncGenerator<string> {
  if (typeof input === 'string') {
    yield input;
    return;
  }
  const chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string> = input instanceof Uint8Array ? [input] : input;
  let decoder: TextDecoder | undefined;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    decoder ??= new TextDecoder(sniffEncoding(chunk) === 'utf-8' ? 'utf-8' : 'windows-1252');
    yield decoder.decode(chunk, { stream: true });
  }
  if (decoder) yield decoder.decode();
}

const newlines = (fields: string[]) => fields.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

/**
 * Stream a GIAS file: yields each school and each rejected row, in file order. A URN seen earlier in the
 * file is rejected (the first row wins). Throws GiasFileError for a wrong header or broken CSV.
 */
export async function* readGias(input: GiasInput, onHeader?: (format: GiasFormat) => void): AsyncGenerator<GiasEvent> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  // pipeline keeps back-pressure, and tears the source down when the reader stops early.
  pipeline(Readable.from(decoded(input), { objectMode: false }), parser, () => {});
  let header: HeaderMap | undefined;
  const seen = new Map<number, number>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // info.lines is where the record ends; a quoted field may span lines.
      const line = info.lines - newlines(record);
      if (!header) {
        header = readHeader(record);
        onHeader?.(header.format);
        continue;
      }
      const event = readRow(header, record, line);
      if (event.kind === 'school') {
        const first = seen.get(event.school.urn);
        if (first !== undefined) {
          yield {
            kind: 'rejected',
            rejection: { line, urn: String(event.school.urn), reason: `URN duplicated: first seen on line ${first}` },
          };
          continue;
        }
        seen.set(event.school.urn, line);
      }
      yield event;
    }
  } catch (err) {
    if (err instanceof GiasFileError) throw err;
    const e = err as { message?: string; lines?: number };
    throw new GiasFileError(`The file is not valid CSV${e.lines ? ` (near line ${e.lines})` : ''}: ${e.message ?? String(err)}`);
  } finally {
    parser.destroy();
  }
  if (!header) throw new GiasFileError('The file is empty: expected a GIAS header row.');
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type GiasEvent, GiasFileError, type GiasSchool, giasDate, readGias } from './gias.ts';

const REDUCED_HEADER = 'urn,laestab,num_pupils,phase,la_name,region,ofsted_rating,last_ofsted_date,easting,northing';

async function read(input: string | Uint8Array) {
  const events: GiasEvent[] = [];
  for await (const e of readGias(input)) events.push(e);
  return {
    schools: events.flatMap((e) => (e.kind === 'school' ? [e.school] : [])),
    rejections: events.flatMap((e) => (e.kind === 'rejected' ? [e.rejection] : [])),
  };
}

describe('GIAS full export', () => {
  it('reads every row of the real 139-column sample, mapping the columns the schools table holds', async () => {
    const { schools, rejections } = await read(readFileSync(new URL('../../../test/fixtures/gias_sample.csv', import.meta.url)));
    expect(rejections).toEqual([]);
    expect(schools).toHaveLength(99);
    expect(schools[0]).toEqual<GiasSchool>({
      urn: 100000,
      name: 'The Aldgate School',
      phase: 'Primary',
      type: 'Voluntary aided school',
      localAuthority: 'City of London',
      region: 'London',
      postcode: 'EC3A 5DE',
      easting: 533498,
      northing: 181201,
      ofstedRating: 'Outstanding',
      ofstedDate: '2013-04-19',
      isOpen: true,
    });
    // Quoted status with a comma still counts as open; closed schools are marked closed.
    expect(schools.find((s) => s.urn === 100012)?.isOpen).toBe(true);
    expect(schools.filter((s) => !s.isOpen).length).toBeGreaterThan(0);
  });

  it('reads a Windows-1252 file, as GIAS downloads are', async () => {
    const text = readFileSync(new URL('../../../test/fixtures/gias_sample.csv', import.meta.url), 'utf8');
    const [header] = text.split('\r\n');
    const row = text.split('\r\n')[1]!.replace('The Aldgate School', 'Ysgol Gynradd Llanfair Pwllgwyngyll â');
    const { schools } = await read(Buffer.from(`${header}\r\n${row}\r\n`, 'latin1'));
    expect(schools[0]?.name).toBe('Ysgol Gynradd Llanfair Pwllgwyngyll â');
  });
});

describe('GIAS reduced national file', () => {
  it('maps the columns it has and leaves name, type and postcode empty', async () => {
    const { schools, rejections } = await read(
      `"urn","laestab","num_pupils","phase","la_name","region","ofsted_rating","last_ofsted_date","easting","northing"\n"142205","3313511",210,"Primary","Coventry","West Midlands","Good","07-02-2018",433560,280120\n`,
    );
    expect(rejections).toEqual([]);
    expect(schools).toEqual([
      {
        urn: 142205,
        name: null,
        phase: 'Primary',
        type: null,
        localAuthority: 'Coventry',
        region: 'West Midlands',
        postcode: null,
        easting: 433560,
        northing: 280120,
        ofstedRating: 'Good',
        ofstedDate: '2018-02-07',
        isOpen: true,
      },
    ]);
  });

  it('reports each bad row with its line, URN and reason, and keeps the good rows', async () => {
    const csv = [
      REDUCED_HEADER,
      '100001,1,,Primary,Leeds,Yorkshire,,,430000,433000', // line 2: good
      ',1,,Primary,Leeds,Yorkshire,,,430000,433000', // line 3: no URN
      'X12,1,,Primary,Leeds,Yorkshire,,,430000,433000', // line 4: URN not a number
      '100004,1,,Primary,Leeds,Yorkshire,,,43x000,433000', // line 5: easting
      '100005,1,,Primary,Leeds,Yorkshire,,,430000,north', // line 6: northing
      '100006,1,,Primary,Leeds,Yorkshire,Good,31-02-2017,430000,433000', // line 7: no such date
      '100007,1,,Primary,Leeds,Yorkshire,Good,last year,430000,433000', // line 8: not a date
      '100001,1,,Secondary,Leeds,Yorkshire,,,430000,433000', // line 9: duplicate of line 2
      '100009,1,,Primary,Leeds', // line 10: short row
      '100010,1,,"Middle deemed',
      'primary",Leeds,Yorkshire,,,0,0', // lines 11-12: quoted field over two lines, good; 0 means not known
      '',
      '100013,1,,Primary,Leeds,Yorkshire,,,,', // line 14 (after a blank line): good
    ].join('\n');
    const { schools, rejections } = await read(csv);
    expect(rejections).toEqual([
      { line: 3, urn: null, reason: 'missing URN' },
      { line: 4, urn: 'X12', reason: 'URN "X12" is not a number' },
      { line: 5, urn: '100004', reason: 'easting "43x000" is not a number' },
      { line: 6, urn: '100005', reason: 'northing "north" is not a number' },
      { line: 7, urn: '100006', reason: 'last_ofsted_date "31-02-2017" is not a date (expected dd-mm-yyyy)' },
      { line: 8, urn: '100007', reason: 'last_ofsted_date "last year" is not a date (expected dd-mm-yyyy)' },
      { line: 9, urn: '100001', reason: 'URN duplicated: first seen on line 2' },
      { line: 10, urn: '100009', reason: 'the row has 5 fields; the header has 10' },
    ]);
    expect(schools.map((s) => s.urn)).toEqual([100001, 100010, 100013]);
    expect(schools[0]?.phase).toBe('Primary');
    expect(schools[1]).toMatchObject({ phase: 'Middle deemed\nprimary', easting: null, northing: null });
  });
});

describe('wrong files', () => {
  it('rejects a header that is neither format, naming the missing columns', async () => {
    const error = await read('urn,name,phase\n1,A,Primary\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GiasFileError);
    expect((error as GiasFileError).missingColumns).toEqual([
      'la_name',
      'region',
      'ofsted_rating',
      'last_ofsted_date',
      'easting',
      'northing',
    ]);
    expect((error as Error).message).toContain('"la_name"');
  });

  it('rejects an empty file and broken CSV as a whole', async () => {
    await expect(read('')).rejects.toThrow(/empty/);
    await expect(read(`${REDUCED_HEADER}\n"1,2\n`)).rejects.toThrow(GiasFileError);
  });
});

describe('giasDate', () => {
  it('reads dd-mm-yyyy and ISO dates, and refuses impossible ones', () => {
    expect(giasDate('07-02-2018')).toBe('2018-02-07');
    expect(giasDate('7/2/2018')).toBe('2018-02-07');
    expect(giasDate('2018-02-07')).toBe('2018-02-07');
    expect(giasDate('29-02-2019')).toBeUndefined();
    expect(giasDate('2018-13-01')).toBeUndefined();
  });
});

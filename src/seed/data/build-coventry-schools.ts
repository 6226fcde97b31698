/**
 * Builds src/seed/data/coventry-schools.csv, the schools of the demo network. Run by hand, never at
 * run time (the product cannot read ../shared):
 *
 *   node --import tsx src/seed/data/build-coventry-schools.ts [../shared/data]
 *
 * Source: the Coventry rows of national/gias_2018_open.csv (real URNs, phases, coordinates, Ofsted
 * ratings and dates, region), skipping children's centres (LAESTAB "331NA": not schools). That file
 * has no names, so each name comes from national/teaching_schools_2018.csv or gias/gias_sample.csv
 * when the URN is there (name_source=dataset), and otherwise is invented from a Coventry place name
 * and the phase (name_source=invented). Types are derived from the LAESTAB number range unless a
 * dataset gives them. The output is deterministic: re-running gives the same file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

type Row = Record<string, string>;

const dataDir = path.resolve(process.argv[2] ?? path.join(fileURLToPath(new URL('.', import.meta.url)), '../../../../shared/data'));
const outFile = fileURLToPath(new URL('./coventry-schools.csv', import.meta.url));

const read = (file: string): Row[] => {
  try {
    return parse(readFileSync(path.join(dataDir, file), 'latin1'), { columns: true, skip_empty_lines: true, bom: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
};

/** Names fixed by the brief (the two lead schools) win over everything else. */
const fixedNames = new Map<number, string>([
  [142205, 'Sacred Heart Catholic Primary School'],
  [139292, 'Caludon Castle School'],
]);
/** The demo's LP candidate works at "St Michael's": given to the first good voluntary primary. */
const stMichaels = "St Michael's Church of England Primary School";

const places = [
  'Allesley',
  'Earlsdon',
  'Stoke Heath',
  'Wyken',
  'Tile Hill',
  'Canley',
  'Binley',
  'Willenhall',
  'Radford',
  'Foleshill',
  'Holbrooks',
  'Keresley',
  'Whoberley',
  'Chapelfields',
  'Cheylesmore',
  'Styvechale',
  'Finham',
  'Walsgrave',
  'Bell Green',
  'Longford',
  'Hillfields',
  'Coundon',
  'Spon End',
  'Eastern Green',
  'Brownshill Green',
  'Ernesford Grange',
  'Potters Green',
  'Wood End',
  'Henley Green',
  'Upper Stoke',
  'Gibbet Hill',
  'Westwood Heath',
  'Mount Nod',
  'Aldermans Green',
  'Courthouse Green',
  'Edgwick',
  'Little Heath',
  'Hawkesbury',
  'Ball Hill',
  'Lower Stoke',
  'Pinley',
  'Copsewood',
  'Stivichall',
  'Lime Tree Park',
  'Hearsall',
  'Broad Lane',
  'Barrs Hill',
  'Daimler Green',
  'Gosford Green',
  'Harnall',
  'Sowe Valley',
  'Wyken Croft',
  'Cannon Park',
  'Swanswell',
  "Naul's Mill",
  'Radford Common',
  'Moat House',
  'Templars',
  'Sherbourne Valley',
  'Stoke Aldermoor',
  'Charterhouse',
  'Beechwood',
  'Green Lane',
  'Fenside',
  'Clifford Park',
  'Allesley Park',
  'Jardine Park',
  'Lentons Lane',
  'Parkside',
  'Whitmore Park',
  'Hen Lane',
  'Torbay',
  'Hollyfast',
  'Sewall Highway',
  'Wallace Road',
  'Burnaby',
  'Bishopgate Green',
  'Brookside',
  'Mercia Park',
  'Gulson',
  'Kingfield',
  'Rowley Green',
  'Cornstalk',
  'Friars Green',
  'Sowe Common',
  'Whitefriars',
  'Quinton Park',
  'Cromwell Lane',
  'Coat of Arms',
  'Fletchamstead',
  'Tanyard Farm',
  'Stonebridge',
  'Charter Avenue',
  'Ansty Road',
  'Wyken Grange',
  'Hipswell',
  'Frankpledge',
  'Goodyers End',
  'Sandpits',
  'Spencer Park',
  'Abbey Fields',
  'Howes Green',
  'Riverside',
  'Kirby Corner',
  'Bannerbrook',
  "Cash's Lane",
];
const saints = [
  "St Aidan's",
  "St Alban's",
  'St Barnabas',
  "St Cuthbert's",
  "St Dunstan's",
  "St Edmund's",
  "St Hilda's",
  "St Oswald's",
  "St Wilfrid's",
  "St Columba's",
  "St Bede's",
  "St Swithun's",
  "St Clement's",
  "St Stephen's",
  "St Mark's",
  "St Jude's",
  "St Anselm's",
  'St Boniface',
  "St Teresa's",
  "St Bernadette's",
  "St Winifred's",
  "St Margaret's",
  "St Chad's",
  "St Hugh's",
  "St Brigid's",
  "St Ninian's",
];

/** LAESTAB 331xxxx: the first digit of the establishment number says what kind of establishment it is. */
function kindOf(laestab: string, phase: string) {
  const k = laestab.slice(3, 4);
  if (k === '1') return phase === 'Nursery' ? 'nursery' : 'pru';
  if (k === '3') return 'voluntary';
  if (k === '6') return phase === 'Secondary' ? 'independent_secondary' : 'independent';
  if (k === '7') return 'special';
  if (k === '8') return 'college';
  if (k === '9') return 'other';
  if (k === '4' || k === '5') return phase === 'All through' ? 'all_through' : phase === 'Primary' ? 'academy_primary' : 'academy';
  return phase === 'Secondary' ? 'academy' : 'primary';
}

const derivedType: Record<string, string> = {
  nursery: 'Local authority nursery school',
  pru: 'Pupil referral unit',
  voluntary: 'Voluntary aided school',
  independent: 'Other independent school',
  independent_secondary: 'Other independent school',
  special: 'Community special school',
  college: 'Sixth form centre',
  other: 'Other independent special school',
  all_through: 'Academy sponsor led',
  academy: 'Academy converter',
  academy_primary: 'Academy converter',
  primary: 'Community school',
};

function inventName(kind: string, place: string, saint: string, i: number): string {
  switch (kind) {
    case 'nursery':
      return `${place} Nursery School`;
    case 'pru':
      return `${place} Education Centre`;
    case 'voluntary':
      return i % 2 === 0 ? `${saint} Catholic Primary School` : `${saint} Church of England Primary School`;
    case 'independent':
      return `${place} Independent School`;
    case 'independent_secondary':
      return `${place} Grammar School`;
    case 'special':
      return `${place} Special School`;
    case 'college':
      return `${place} Sixth Form College`;
    case 'other':
      return `${place} Learning Centre`;
    case 'all_through':
      return `${place} All-through Academy`;
    case 'academy':
      return i % 3 === 0 ? `${place} School` : `${place} Academy`;
    case 'academy_primary':
      return `${place} Primary Academy`;
    default:
      return i % 5 === 0 ? `${place} Junior School` : `${place} Primary School`;
  }
}

const isoDate = (d: string) => {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(d.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : '';
};
// Special measures and serious weaknesses are categories of an "Inadequate" judgement.
const rating = (r: string) => (/special measures|serious weaknesses/i.test(r) ? 'Inadequate' : r.trim());
const phaseName = (p: string) => (p === 'All through' ? 'All-through' : p);

const national = read('national/gias_2018_open.csv').filter((r) => r.la_name === 'Coventry' && !/NA$/.test(r.laestab ?? ''));
if (national.length === 0) throw new Error(`No Coventry rows in ${path.join(dataDir, 'national/gias_2018_open.csv')}`);
const teaching = new Map(read('national/teaching_schools_2018.csv').map((r) => [Number(r.urn), r]));
const sample = new Map(read('gias/gias_sample.csv').map((r) => [Number(r.URN), r]));

national.sort((a, b) => Number(a.urn) - Number(b.urn));
let placeIndex = 0;
let saintIndex = 0;
let stMichaelsGiven = false;
const out = national.map((r, i) => {
  const urn = Number(r.urn);
  const phase = r.phase ?? '';
  const kind = kindOf(r.laestab ?? '', phase);
  const fromTeaching = teaching.get(urn);
  const fromSample = sample.get(urn);
  let name = fixedNames.get(urn) ?? fromTeaching?.teaching_school ?? fromSample?.EstablishmentName;
  const source = name ? 'dataset' : 'invented';
  if (!name && !stMichaelsGiven && kind === 'voluntary' && r.ofsted_rating === 'Good') {
    name = stMichaels;
    stMichaelsGiven = true;
  }
  if (!name) {
    name = inventName(kind, places[placeIndex % places.length]!, saints[saintIndex % saints.length]!, i);
    if (kind === 'voluntary') saintIndex++;
    else placeIndex++;
  }
  return {
    urn,
    name,
    name_source: source,
    phase: phaseName(phase),
    type: fromTeaching?.type || fromSample?.['TypeOfEstablishment (name)'] || derivedType[kind]!,
    local_authority: 'Coventry',
    region: r.region ?? 'West Midlands',
    ofsted_rating: rating(r.ofsted_rating ?? ''),
    ofsted_date: isoDate(r.last_ofsted_date ?? ''),
    easting: r.easting ?? '',
    northing: r.northing ?? '',
  };
});
if (placeIndex > places.length) throw new Error('Not enough place names for unique invented names');

const names = new Set(out.map((r) => r.name));
if (names.size !== out.length) throw new Error('Invented names are not unique');

const quote = (v: unknown) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const header = Object.keys(out[0]!);
const csv = [header.join(','), ...out.map((r) => header.map((h) => quote(r[h as keyof typeof r])).join(','))].join('\n');
writeFileSync(outFile, `${csv}\n`);
console.log(`Wrote ${out.length} schools (${out.filter((r) => r.name_source === 'invented').length} invented names) to ${outFile}`);

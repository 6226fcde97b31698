import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { schools } from '../modules/networks/schema.ts';

export interface DemoSchool {
  urn: number;
  name: string;
  nameSource: 'dataset' | 'invented';
  phase: string;
  type: string;
  ofstedRating: string | null;
  ofstedDate: string | null;
  easting: number;
  northing: number;
}

/** The Coventry schools shipped with the repo (built by data/build-coventry-schools.ts). */
export function loadCoventrySchools(): DemoSchool[] {
  const text = readFileSync(new URL('./data/coventry-schools.csv', import.meta.url), 'utf8');
  const rows: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: true });
  return rows.map((r) => ({
    urn: Number(r.urn),
    name: r.name!,
    nameSource: r.name_source === 'dataset' ? 'dataset' : 'invented',
    phase: r.phase!,
    type: r.type!,
    ofstedRating: r.ofsted_rating || null,
    ofstedDate: r.ofsted_date || null,
    easting: Number(r.easting),
    northing: Number(r.northing),
  }));
}

export const toSchoolRow = (s: DemoSchool): typeof schools.$inferInsert => ({
  urn: s.urn,
  name: s.name,
  phase: s.phase,
  type: s.type,
  localAuthority: 'Coventry',
  region: 'West Midlands',
  easting: s.easting,
  northing: s.northing,
  ofstedRating: s.ofstedRating,
  ofstedDate: s.ofstedDate,
  isOpen: true,
});

export const distance = (a: DemoSchool, b: DemoSchool) => Math.hypot(a.easting - b.easting, a.northing - b.northing);

/** A short mail domain label for a school: "St Michael's Church of England Primary School" -> "st-michaels". */
export function schoolSlug(name: string): string {
  const generic = new Set(['school', 'primary', 'junior', 'infant', 'academy', 'catholic', 'church', 'of', 'england', 'nursery', 'the']);
  const words = name
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const kept = words.filter((w) => !generic.has(w));
  return (kept.length ? kept : words).join('-');
}

// School years and terms for statements and reports. A school year runs 1 September to 31 August and is
// named by the year it starts; its terms are taken as autumn (September to December), spring (January to
// March) and summer (April to August), so every date falls in exactly one term.

export const termNames = ['autumn', 'spring', 'summer'] as const;
export type TermName = (typeof termNames)[number];
export const termLabels: Record<TermName, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' };

export interface Term {
  startYear: number;
  name: TermName;
}

export const schoolYearOf = (isoDate: string) => {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1;
};
export const schoolYearLabel = (startYear: number) => `${startYear} to ${startYear + 1}`;

export function termOf(isoDate: string): Term {
  const month = Number(isoDate.slice(5, 7));
  return { startYear: schoolYearOf(isoDate), name: month >= 9 ? 'autumn' : month <= 3 ? 'spring' : 'summer' };
}

/** The term's dates: from its first day up to, not including, the day after its last. */
export function termRange(t: Term): { from: string; until: string } {
  const y = t.startYear;
  if (t.name === 'autumn') return { from: `${y}-09-01`, until: `${y + 1}-01-01` };
  if (t.name === 'spring') return { from: `${y + 1}-01-01`, until: `${y + 1}-04-01` };
  return { from: `${y + 1}-04-01`, until: `${y + 1}-09-01` };
}

/** "2025-autumn" in URLs. */
export const termId = (t: Term) => `${t.startYear}-${t.name}`;
export function parseTerm(id: string | undefined): Term | null {
  const m = /^(\d{4})-(autumn|spring|summer)$/.exec(id ?? '');
  if (!m) return null;
  const startYear = Number(m[1]);
  return startYear >= 2000 && startYear <= 2100 ? { startYear, name: m[2] as TermName } : null;
}
export const termLabel = (t: Term) => `${termLabels[t.name]} term ${t.name === 'autumn' ? t.startYear : t.startYear + 1}`;

/** The terms of a school year, in order. */
export const termsOf = (startYear: number): Term[] => termNames.map((name) => ({ startYear, name }));

/** This term and the ones before it, newest first: what a statement picker offers. */
export function recentTerms(today: string, count = 6): Term[] {
  const out: Term[] = [];
  let t = termOf(today);
  for (let i = 0; i < count; i++) {
    out.push(t);
    const prev = termNames.indexOf(t.name) - 1;
    t = prev >= 0 ? { startYear: t.startYear, name: termNames[prev]! } : { startYear: t.startYear - 1, name: 'summer' };
  }
  return out;
}

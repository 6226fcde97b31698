import type { DesignationKind } from './domain.ts';
import { type Charge, dayRatePence, type PaymentModel, priceSupport, rateTierLabels, rateTierOf } from './money-domain.ts';

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

// ---- Statements: what each paying school owes for a term, and what each releasing school is due ----

export interface DeploymentForCharging {
  id: string;
  payingSchoolUrn: number;
  payingSchoolName: string;
  /** The paying school is a current member of the network (member rates). */
  member: boolean;
  tier: DesignationKind;
  diagnostic: boolean;
  leaderName: string;
  releasingSchoolUrn: number | null;
  releasingSchoolName: string | null;
  supportedSchoolName: string;
  /** Every day logged, any term: [date, half days]. */
  days: { workedOn: string; halfDays: number }[];
}

export interface VoucherForCharging {
  id: string;
  schoolUrn: number;
  hours: number;
  issuedOn: string;
  expiresOn: string | null;
}

export interface StatementItem {
  deploymentId: string;
  title: string;
  halfDays: number;
  dayRatePence: number;
  voucherIds: string[];
  charge: Charge;
}

export interface Statement {
  schoolUrn: number;
  schoolName: string;
  term: Term;
  items: StatementItem[];
  totalPence: number;
}

export interface Income {
  schoolUrn: number;
  schoolName: string;
  halfDays: number;
  pence: number;
}

const sameTerm = (a: Term, b: Term) => a.startYear === b.startYear && a.name === b.name;

/**
 * Price every deployment's days in `term`: one charge per deployment, at its tier's member or non-member
 * rate (or the diagnostic price). A fixed fee falls in the term of a deployment's first logged day. Each
 * voucher goes to the paying school's first charge (by first day worked, in any term) on or after the day
 * it was given and before it expires, so a voucher is used once, whichever term is asked about.
 */
export function statementsFor(model: PaymentModel, deployments: DeploymentForCharging[], vouchers: VoucherForCharging[], term: Term) {
  // Slices: a deployment's days in one term.
  type Slice = {
    d: DeploymentForCharging;
    term: Term;
    first: string;
    halfDays: number;
    firstEver: boolean;
    voucherIds: string[];
    hours: number;
  };
  const slices: Slice[] = [];
  for (const d of deployments) {
    const byTerm = new Map<string, Slice>();
    const sorted = [...d.days].sort((a, b) => a.workedOn.localeCompare(b.workedOn));
    for (const day of sorted) {
      const t = termOf(day.workedOn);
      const key = termId(t);
      const s = byTerm.get(key) ?? { d, term: t, first: day.workedOn, halfDays: 0, firstEver: byTerm.size === 0, voucherIds: [], hours: 0 };
      s.halfDays += day.halfDays;
      byTerm.set(key, s);
    }
    slices.push(...byTerm.values());
  }
  slices.sort((a, b) => a.first.localeCompare(b.first) || a.d.id.localeCompare(b.d.id));
  for (const v of [...vouchers].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.id.localeCompare(b.id))) {
    const s = slices.find((x) => x.d.payingSchoolUrn === v.schoolUrn && x.first >= v.issuedOn && (!v.expiresOn || x.first <= v.expiresOn));
    if (s) {
      s.voucherIds.push(v.id);
      s.hours += v.hours;
    }
  }
  const statements = new Map<number, Statement>();
  const income = new Map<number, Income>();
  for (const s of slices.filter((x) => sameTerm(x.term, term))) {
    const rate = dayRatePence(model, s.d.tier, s.d.member, s.d.diagnostic);
    const what = s.d.diagnostic ? 'Diagnostic review' : `Support (${rateTierLabels[rateTierOf(s.d.tier)]})`;
    const charge = priceSupport({
      halfDays: s.halfDays,
      dayRatePence: rate,
      voucherHours: s.hours,
      chargeFixedFee: s.firstEver,
      model,
      label: what,
    });
    const statement = statements.get(s.d.payingSchoolUrn) ?? {
      schoolUrn: s.d.payingSchoolUrn,
      schoolName: s.d.payingSchoolName,
      term,
      items: [],
      totalPence: 0,
    };
    statement.items.push({
      deploymentId: s.d.id,
      title: `${s.d.leaderName} at ${s.d.supportedSchoolName}`,
      halfDays: s.halfDays,
      dayRatePence: rate,
      voucherIds: s.voucherIds,
      charge,
    });
    statement.totalPence += charge.totalPence;
    statements.set(s.d.payingSchoolUrn, statement);
    if (s.d.releasingSchoolUrn !== null) {
      const due = income.get(s.d.releasingSchoolUrn) ?? {
        schoolUrn: s.d.releasingSchoolUrn,
        schoolName: s.d.releasingSchoolName ?? '',
        halfDays: 0,
        pence: 0,
      };
      due.halfDays += s.halfDays;
      due.pence += charge.releasingSchoolPence;
      income.set(s.d.releasingSchoolUrn, due);
    }
  }
  const byName = <T extends { schoolName: string }>(a: T, b: T) => a.schoolName.localeCompare(b.schoolName);
  return { statements: [...statements.values()].sort(byName), income: [...income.values()].sort(byName) };
}

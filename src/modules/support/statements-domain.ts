import type { DesignationKind } from './domain.ts';
import { type AgreedPrice, agreedPrice, type Charge, type PaymentModel, priceSupport, rateTierLabels, rateTierOf } from './money-domain.ts';

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
  /** The paying school is a current member of the network (member rates); used only for a deployment not yet priced. */
  member: boolean;
  tier: DesignationKind;
  diagnostic: boolean;
  /** The rate, fee and VAT frozen when the school agreed; null only before agreement. */
  price: AgreedPrice | null;
  leaderName: string;
  releasingSchoolUrn: number | null;
  releasingSchoolName: string | null;
  supportedSchoolName: string;
  /** Every day logged, any term: [date, half days]. */
  days: { workedOn: string; halfDays: number }[];
  /** Vouchers redeemed against this deployment when it was agreed, with what each is worth. */
  vouchers: { id: string; hours: number; pence: number }[];
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
 * Price every deployment's days in `term`: one charge per deployment, at the rate, fee and VAT frozen when it
 * was agreed (the network's current model only for one not yet agreed). A fixed fee falls in the term of a
 * deployment's first logged day. Vouchers redeemed on a deployment are spent on its charges in date order,
 * each term taking what is left, so a voucher is never counted twice whichever term is asked about.
 */
export function statementsFor(model: PaymentModel, deployments: DeploymentForCharging[], term: Term) {
  const statements = new Map<number, Statement>();
  const income = new Map<number, Income>();
  for (const d of deployments) {
    const price = d.price ?? agreedPrice(model, d.tier, d.member, d.diagnostic);
    const what = d.diagnostic ? 'Diagnostic review' : `Support (${rateTierLabels[rateTierOf(d.tier)]})`;
    const hours = d.vouchers.reduce((n, v) => n + v.hours, 0);
    let voucherLeft = d.vouchers.reduce((n, v) => n + v.pence, 0);
    const byTerm = new Map<string, { term: Term; halfDays: number }>();
    for (const day of [...d.days].sort((a, b) => a.workedOn.localeCompare(b.workedOn))) {
      const t = termOf(day.workedOn);
      const slice = byTerm.get(termId(t)) ?? { term: t, halfDays: 0 };
      slice.halfDays += day.halfDays;
      byTerm.set(termId(t), slice);
    }
    let first = true;
    for (const slice of byTerm.values()) {
      const charge = priceSupport({
        halfDays: slice.halfDays,
        dayRatePence: price.dayRatePence,
        voucherPence: voucherLeft,
        voucherLabel: `Free support: ${hours} ${hours === 1 ? 'hour' : 'hours'} (voucher)`,
        chargeFixedFee: first,
        model: price,
        label: what,
      });
      first = false;
      voucherLeft -= charge.voucherPence;
      if (!sameTerm(slice.term, term)) continue;
      const statement = statements.get(d.payingSchoolUrn) ?? {
        schoolUrn: d.payingSchoolUrn,
        schoolName: d.payingSchoolName,
        term,
        items: [],
        totalPence: 0,
      };
      statement.items.push({
        deploymentId: d.id,
        title: `${d.leaderName} at ${d.supportedSchoolName}`,
        halfDays: slice.halfDays,
        dayRatePence: price.dayRatePence,
        voucherIds: charge.voucherPence > 0 ? d.vouchers.map((v) => v.id) : [],
        charge,
      });
      statement.totalPence += charge.totalPence;
      statements.set(d.payingSchoolUrn, statement);
      if (d.releasingSchoolUrn !== null) {
        const due = income.get(d.releasingSchoolUrn) ?? {
          schoolUrn: d.releasingSchoolUrn,
          schoolName: d.releasingSchoolName ?? '',
          halfDays: 0,
          pence: 0,
        };
        due.halfDays += slice.halfDays;
        due.pence += charge.releasingSchoolPence;
        income.set(d.releasingSchoolUrn, due);
      }
    }
  }
  for (const st of statements.values())
    st.items.sort((a, b) => a.title.localeCompare(b.title) || a.deploymentId.localeCompare(b.deploymentId));
  const byName = <T extends { schoolName: string }>(a: T, b: T) => a.schoolName.localeCompare(b.schoolName);
  return { statements: [...statements.values()].sort(byName), income: [...income.values()].sort(byName) };
}

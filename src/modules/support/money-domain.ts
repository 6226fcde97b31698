import type { FieldIssue } from '../../kernel/http/errors.ts';
import type { DesignationKind } from './domain.ts';

// The payment model and the pure pricing of support. Money is integer pence everywhere; days are
// counted in half days so that no float ever enters a sum.

export const feeKinds = ['percent', 'fixed'] as const;
export type FeeKind = (typeof feeKinds)[number];

/** The tiers that carry a day rate; the network's own designations (LP, AST, lead mentor) are charged at the SLE rate. */
export const rateTiers = ['sle', 'lle', 'nle'] as const;
export type RateTier = (typeof rateTiers)[number];
export const rateTierOf = (kind: DesignationKind): RateTier => (kind === 'lle' || kind === 'nle' ? kind : 'sle');
export const rateTierLabels: Record<RateTier, string> = { sle: 'SLE', lle: 'LLE', nle: 'NLE' };

export interface PaymentModel {
  sleMemberPence: number;
  sleNonMemberPence: number;
  lleMemberPence: number;
  lleNonMemberPence: number;
  nleMemberPence: number;
  nleNonMemberPence: number;
  diagnosticMemberPence: number;
  diagnosticNonMemberPence: number;
  feeKind: FeeKind;
  /** Basis points (percent) or pence per deployment (fixed). */
  feeValue: number;
  vatBasisPoints: number;
  hoursPerDay: number;
}

/** A network that has not set its model charges these (seed 004's rates; non-members 20% more). */
export const defaultPaymentModel: PaymentModel = {
  sleMemberPence: 35000,
  sleNonMemberPence: 42000,
  lleMemberPence: 45000,
  lleNonMemberPence: 54000,
  nleMemberPence: 55000,
  nleNonMemberPence: 66000,
  diagnosticMemberPence: 40000,
  diagnosticNonMemberPence: 48000,
  feeKind: 'percent',
  feeValue: 1000,
  vatBasisPoints: 2000,
  hoursPerDay: 6,
};

/** The day rate a school pays: by the leader's tier and whether the school is a member; a diagnostic has its own price. */
export function dayRatePence(model: PaymentModel, kind: DesignationKind, member: boolean, diagnostic: boolean): number {
  if (diagnostic) return member ? model.diagnosticMemberPence : model.diagnosticNonMemberPence;
  const tier = rateTierOf(kind);
  return model[`${tier}${member ? 'Member' : 'NonMember'}Pence`];
}

/** What a deployment keeps from the payment model when it is agreed: statements price it with these, whatever the model becomes. */
export interface AgreedPrice {
  dayRatePence: number;
  feeKind: FeeKind;
  feeValue: number;
  vatBasisPoints: number;
}

export function agreedPrice(model: PaymentModel, kind: DesignationKind, member: boolean, diagnostic: boolean): AgreedPrice {
  return {
    dayRatePence: dayRatePence(model, kind, member, diagnostic),
    feeKind: model.feeKind,
    feeValue: model.feeValue,
    vatBasisPoints: model.vatBasisPoints,
  };
}

/** What free hours are worth at a day rate, for a day of `hoursPerDay` hours (hours in tenths; no float in the sum). */
export function voucherValuePence(hours: number, ratePence: number, hoursPerDay: number): number {
  const hours10 = Math.round(hours * 10);
  return hours10 > 0 ? mulDivRound(hours10, ratePence, Math.round(hoursPerDay * 10)) : 0;
}

/** Integer a*b/c rounded half up, for non-negative integers (no float in the product). */
export function mulDivRound(a: number, b: number, c: number): number {
  return Math.floor((2 * a * b + c) / (2 * c));
}

export type LineKind = 'support' | 'voucher' | 'fee' | 'vat';
export interface ChargeLine {
  kind: LineKind;
  description: string;
  pence: number;
}
export interface Charge {
  lines: ChargeLine[];
  /** Always the sum of the lines. */
  totalPence: number;
  /** What the releasing school is owed: the support at the day rate (the network bears vouchers and keeps its fee). */
  releasingSchoolPence: number;
  /** What the network keeps: its fee less the vouchers it funds (VAT is passed on, not kept). */
  networkPence: number;
  /** How much of the voucher money offered this charge took. */
  voucherPence: number;
}

export interface PriceInput {
  /** Days as half days (3 days = 6): never a float. */
  halfDays: number;
  dayRatePence: number;
  /** Free support from redeemed vouchers to set against this charge, in pence (the charge takes what it can). */
  voucherPence: number;
  /** How the voucher line reads, e.g. "Free support: 2 hours". */
  voucherLabel?: string;
  /** Whether a fixed fee falls in this charge (a deployment pays it once, with its first charge). */
  chargeFixedFee: boolean;
  model: Pick<PaymentModel, 'feeKind' | 'feeValue' | 'vatBasisPoints'>;
  /** How the support line reads, e.g. "Maths support (SLE)". */
  label?: string;
}

export const formatPounds = (pence: number) =>
  `${pence < 0 ? '-' : ''}£${(Math.abs(pence) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
export const formatDays = (halfDays: number) => `${halfDays / 2} ${halfDays === 2 ? 'day' : 'days'}`;

/**
 * Price days of support as lines: the days at the rate, less free hours (never below zero), the brokerage
 * fee on what is left (or fixed), and VAT on the net. Each line is rounded once; the total is their sum.
 */
export function priceSupport(input: PriceInput): Charge {
  const { halfDays, dayRatePence: rate, model } = input;
  const support = mulDivRound(halfDays, rate, 2);
  const lines: ChargeLine[] = [
    { kind: 'support', description: `${input.label ?? 'Support'}: ${formatDays(halfDays)} at ${formatPounds(rate)} a day`, pence: support },
  ];
  const voucher = Math.min(support, Math.max(0, input.voucherPence));
  if (voucher > 0) lines.push({ kind: 'voucher', description: input.voucherLabel ?? 'Free support', pence: -voucher });
  const fee =
    model.feeKind === 'percent' ? mulDivRound(support - voucher, model.feeValue, 10000) : input.chargeFixedFee ? model.feeValue : 0;
  if (fee > 0)
    lines.push({
      kind: 'fee',
      description: model.feeKind === 'percent' ? `Brokerage fee (${model.feeValue / 100}%)` : 'Brokerage fee',
      pence: fee,
    });
  const net = support - voucher + fee;
  const vat = mulDivRound(net, model.vatBasisPoints, 10000);
  if (vat > 0) lines.push({ kind: 'vat', description: `VAT at ${model.vatBasisPoints / 100}%`, pence: vat });
  const totalPence = lines.reduce((sum, l) => sum + l.pence, 0);
  return { lines, totalPence, releasingSchoolPence: support, networkPence: fee - voucher, voucherPence: voucher };
}

/** The highest day rate or fixed fee the database accepts (£100,000). */
export const MAX_RATE_PENCE = 10_000_000;

/** The fields of a payment model that break its rules, by name (pounds and percentages already in pence and basis points). */
export function paymentModelIssues(m: PaymentModel): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fields = [
    'sleMember',
    'sleNonMember',
    'lleMember',
    'lleNonMember',
    'nleMember',
    'nleNonMember',
    'diagnosticMember',
    'diagnosticNonMember',
  ] as const;
  for (const f of fields)
    if (!(m[`${f}Pence`] >= 0 && m[`${f}Pence`] <= MAX_RATE_PENCE))
      issues.push({ path: f, message: 'A day rate must be from £0 to £100,000' });
  if (m.feeKind === 'fixed' && m.feeValue > MAX_RATE_PENCE)
    issues.push({ path: 'feeFixed', message: 'A fixed fee must be from £0 to £100,000' });
  for (const tier of rateTiers) {
    if (m[`${tier}NonMemberPence`] < m[`${tier}MemberPence`])
      issues.push({ path: `${tier}NonMember`, message: `The non-member ${rateTierLabels[tier]} rate cannot be less than the member rate` });
  }
  if (m.diagnosticNonMemberPence < m.diagnosticMemberPence)
    issues.push({ path: 'diagnosticNonMember', message: 'The non-member diagnostic price cannot be less than the member price' });
  if (m.feeKind === 'percent' && m.feeValue > 10000) issues.push({ path: 'feePercent', message: 'A percentage fee must be 100% or less' });
  return issues;
}

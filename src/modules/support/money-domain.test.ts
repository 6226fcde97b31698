import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreedPrice,
  dayRatePence,
  defaultPaymentModel,
  mulDivRound,
  paymentModelIssues,
  priceSupport,
  voucherValuePence,
} from './money-domain.ts';

const model = { feeKind: 'percent' as const, feeValue: 1000, vatBasisPoints: 2000, hoursPerDay: 6 };

describe('priceSupport', () => {
  it('prices 19 SLE days for a member with a 10% fee and VAT', () => {
    const charge = priceSupport({ halfDays: 38, dayRatePence: 35000, voucherPence: 0, chargeFixedFee: true, model });
    expect(charge.lines.map((l) => [l.kind, l.pence])).toEqual([
      ['support', 665000],
      ['fee', 66500],
      ['vat', 146300],
    ]);
    expect(charge.totalPence).toBe(877800);
    expect(charge.releasingSchoolPence).toBe(665000);
  });

  it("takes two hours' free support off a one-day diagnostic, and the fee is on what is left", () => {
    const charge = priceSupport({
      halfDays: 2,
      dayRatePence: 40000,
      voucherPence: voucherValuePence(2, 40000, 6),
      chargeFixedFee: true,
      model,
    });
    // Two hours of a six-hour day at £400 is £133.33.
    expect(charge.lines.find((l) => l.kind === 'voucher')?.pence).toBe(-13333);
    expect(charge.lines.find((l) => l.kind === 'fee')?.pence).toBe(2667);
    expect(charge.releasingSchoolPence).toBe(40000);
    expect(charge.networkPence).toBe(2667 - 13333);
  });

  it('never lets a voucher take a charge below zero, and charges a fixed fee only once', () => {
    const fixed = { ...model, feeKind: 'fixed' as const, feeValue: 5000 };
    const first = priceSupport({
      halfDays: 1,
      dayRatePence: 35000,
      voucherPence: voucherValuePence(20, 35000, 6),
      chargeFixedFee: true,
      model: fixed,
    });
    expect(first.lines.map((l) => [l.kind, l.pence])).toEqual([
      ['support', 17500],
      ['voucher', -17500],
      ['fee', 5000],
      ['vat', 1000],
    ]);
    const later = priceSupport({ halfDays: 1, dayRatePence: 35000, voucherPence: 0, chargeFixedFee: false, model: fixed });
    expect(later.lines.some((l) => l.kind === 'fee')).toBe(false);
  });

  it('always has lines that are whole pence and add up to the total, whatever the inputs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 380 }),
        fc.integer({ min: 0, max: 500000 }),
        fc.integer({ min: 0, max: 200 }).map((h) => h / 2),
        fc.constantFrom('percent' as const, 'fixed' as const),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 10, max: 120 }).map((h) => h / 10),
        fc.boolean(),
        (halfDays, rate, hours, feeKind, feeValue, vat, hoursPerDay, chargeFixedFee) => {
          const c = priceSupport({
            halfDays,
            dayRatePence: rate,
            voucherPence: voucherValuePence(hours, rate, hoursPerDay),
            chargeFixedFee,
            model: { feeKind, feeValue, vatBasisPoints: vat },
          });
          for (const l of c.lines) expect(Number.isInteger(l.pence)).toBe(true);
          expect(c.lines.reduce((s, l) => s + l.pence, 0)).toBe(c.totalPence);
          expect(c.totalPence).toBeGreaterThanOrEqual(0);
          // The support line is the days at the rate, to the nearest penny.
          expect(Math.abs(c.lines[0]!.pence - (halfDays * rate) / 2)).toBeLessThanOrEqual(0.5);
          // What the releasing school and the network get, plus VAT, is what the school pays.
          const vatLine = c.lines.find((l) => l.kind === 'vat')?.pence ?? 0;
          expect(c.releasingSchoolPence + c.networkPence + vatLine).toBe(c.totalPence);
        },
      ),
    );
  });
});

describe('the payment model', () => {
  it('charges the tier rate for members and non-members, and the diagnostic price for a diagnostic', () => {
    expect(dayRatePence(defaultPaymentModel, 'sle', true, false)).toBe(35000);
    expect(dayRatePence(defaultPaymentModel, 'nle', false, false)).toBe(66000);
    expect(dayRatePence(defaultPaymentModel, 'ast', true, false)).toBe(35000);
    expect(dayRatePence(defaultPaymentModel, 'lle', true, true)).toBe(40000);
  });

  it('freezes the rate, fee and VAT a deployment is agreed at', () => {
    expect(agreedPrice({ ...defaultPaymentModel, feeKind: 'fixed', feeValue: 5000 }, 'nle', false, false)).toEqual({
      dayRatePence: 66000,
      feeKind: 'fixed',
      feeValue: 5000,
      vatBasisPoints: 2000,
    });
  });

  it('refuses non-member rates below member rates', () => {
    expect(paymentModelIssues({ ...defaultPaymentModel, lleNonMemberPence: 100 }).map((i) => i.path)).toEqual(['lleNonMember']);
    expect(paymentModelIssues(defaultPaymentModel)).toEqual([]);
  });

  it('rounds halves up in integer arithmetic', () => {
    expect(mulDivRound(1, 35001, 2)).toBe(17501);
    expect(mulDivRound(3, 1, 4)).toBe(1);
    expect(mulDivRound(1, 1, 4)).toBe(0);
  });
});

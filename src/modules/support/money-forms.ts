import { z } from 'zod';
import { requiredText } from '../../kernel/http/forms.ts';
import { isValidReachKm, REACH_KM_MESSAGE } from './matching-domain.ts';
import { feeKinds } from './money-domain.ts';

// Money as people type it (pounds, percentages) turned into pence and basis points here, once.

/** "350", "350.5" or "£1,350.00" as pence; at most two decimal places. */
export const pounds = (label: string) =>
  z
    .string({ error: `Enter ${label} in pounds` })
    .trim()
    .transform((s) => s.replace(/^£/, '').replace(/,/g, ''))
    .refine((s) => /^\d{1,7}(\.\d{1,2})?$/.test(s), `Enter ${label} in pounds, like 350 or 350.50`)
    .transform((s) => {
      const [whole, frac = ''] = s.split('.');
      return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
    });

/** "20" or "12.5" (percent) as basis points; at most two decimal places, 0 to 100. */
const percent = (label: string) =>
  z
    .string({ error: `Enter ${label} as a percentage` })
    .trim()
    .transform((s) => s.replace(/%$/, ''))
    .refine((s) => /^\d{1,3}(\.\d{1,2})?$/.test(s) && Number(s) <= 100, `Enter ${label} as a percentage from 0 to 100, like 10 or 12.5`)
    .transform((s) => {
      const [whole, frac = ''] = s.split('.');
      return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
    });

export const paymentModelForm = z
  .object({
    sleMember: pounds('the SLE member rate'),
    sleNonMember: pounds('the SLE non-member rate'),
    lleMember: pounds('the LLE member rate'),
    lleNonMember: pounds('the LLE non-member rate'),
    nleMember: pounds('the NLE member rate'),
    nleNonMember: pounds('the NLE non-member rate'),
    diagnosticMember: pounds('the member diagnostic price'),
    diagnosticNonMember: pounds('the non-member diagnostic price'),
    feeKind: z.enum(feeKinds, { error: 'Choose a percentage or a fixed fee' }),
    feePercent: z.string().optional(),
    feeFixed: z.string().optional(),
    vat: percent('the VAT rate'),
    hoursPerDay: z.coerce
      .number({ error: 'Enter the hours in a support day' })
      .refine((n) => Number.isFinite(n) && n > 0 && n <= 24 && Number.isInteger(n * 10), 'Enter the hours in a support day, like 6 or 6.5'),
  })
  .transform((v, ctx) => {
    const fee =
      v.feeKind === 'percent'
        ? percent('the brokerage fee').safeParse(v.feePercent ?? '')
        : pounds('the brokerage fee').safeParse(v.feeFixed ?? '');
    if (!fee.success) {
      ctx.addIssue({ code: 'custom', path: [v.feeKind === 'percent' ? 'feePercent' : 'feeFixed'], message: fee.error.issues[0]!.message });
      return z.NEVER;
    }
    return {
      sleMemberPence: v.sleMember,
      sleNonMemberPence: v.sleNonMember,
      lleMemberPence: v.lleMember,
      lleNonMemberPence: v.lleNonMember,
      nleMemberPence: v.nleMember,
      nleNonMemberPence: v.nleNonMember,
      diagnosticMemberPence: v.diagnosticMember,
      diagnosticNonMemberPence: v.diagnosticNonMember,
      feeKind: v.feeKind,
      feeValue: fee.data,
      vatBasisPoints: v.vat,
      hoursPerDay: v.hoursPerDay,
    };
  });

export const voucherForm = z.object({
  schoolUrn: z.coerce.number({ error: 'Choose the school' }).int('Choose the school').positive('Choose the school'),
  hours: z.coerce
    .number({ error: 'Enter the free hours' })
    .refine(
      (n) => Number.isFinite(n) && n > 0 && n <= 100 && Number.isInteger(n * 2),
      'Enter the free hours in whole or half hours, up to 100',
    ),
  reason: requiredText('Say what the voucher is for', 'The reason'),
  issuedOn: z.iso.date({ error: 'Enter the date it was given' }),
  expiresOn: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.iso.date({ error: 'Enter the expiry as a date' }).nullable()),
});

export const targetForm = z.object({
  startYear: z.coerce
    .number({ error: 'Choose the school year' })
    .int()
    .min(2000, 'Choose the school year')
    .max(2100, 'Choose the school year'),
  days: z.coerce
    .number({ error: 'Enter the target days' })
    .refine((n) => Number.isFinite(n) && n >= 0 && n <= 99999 && Number.isInteger(n * 2), 'Enter the target days in whole or half days'),
  income: pounds('the income target'),
});

/** The network's reach as typed: whole kilometres ("50" or "50 km"). */
export const reachForm = z.object({
  reachKm: z
    .string({ error: REACH_KM_MESSAGE })
    .trim()
    .transform((s) => s.replace(/\s*km$/i, ''))
    .refine((s) => /^\d{1,3}$/.test(s) && isValidReachKm(Number(s)), REACH_KM_MESSAGE)
    .transform(Number),
});

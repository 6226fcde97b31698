import { Hono } from 'hono';
import type { z } from 'zod';
import { type CommandContext, inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { issueVoucher } from './commands/issue-voucher.ts';
import { setSupportTarget } from './commands/set-support-target.ts';
import { updatePaymentModel } from './commands/update-payment-model.ts';
import { updateSupportSettings } from './commands/update-support-settings.ts';
import { REACH_KM_RANGE } from './matching-domain.ts';
import { formatPounds, type PaymentModel } from './money-domain.ts';
import { paymentModelForm, reachForm, targetForm, voucherForm } from './money-forms.ts';
import { listTargets, listVouchers, memberSchools, paymentModelOf } from './money-queries.ts';
import { supportSettingsOf } from './settings-queries.ts';
import { schoolYearLabel, schoolYearOf } from './statements-domain.ts';
import { supportSubNav } from './support-nav.ts';

const path = (networkId: string) => `/networks/${networkId}/support/money`;
const poundsText = (pence: number) => (pence / 100).toFixed(2);
const percentText = (bp: number) => String(bp / 100);

/** The form's starting values for a saved (or default) model. */
const modelValues = (m: PaymentModel) => ({
  sleMember: poundsText(m.sleMemberPence),
  sleNonMember: poundsText(m.sleNonMemberPence),
  lleMember: poundsText(m.lleMemberPence),
  lleNonMember: poundsText(m.lleNonMemberPence),
  nleMember: poundsText(m.nleMemberPence),
  nleNonMember: poundsText(m.nleNonMemberPence),
  diagnosticMember: poundsText(m.diagnosticMemberPence),
  diagnosticNonMember: poundsText(m.diagnosticNonMemberPence),
  feeKind: m.feeKind,
  feePercent: m.feeKind === 'percent' ? percentText(m.feeValue) : '',
  feeFixed: m.feeKind === 'fixed' ? poundsText(m.feeValue) : '',
  vat: percentText(m.vatBasisPoints),
  hoursPerDay: String(m.hoursPerDay),
});

type Section = 'model' | 'reach' | 'voucher' | 'target';
async function moneyPage(c: AppContext, network: Network, form: FormState & { section?: Section } = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const [model, settings, vouchers, targets, schools] = await Promise.all([
    paymentModelOf(db, network.id),
    supportSettingsOf(db, network.id),
    listVouchers(db, network.id),
    listTargets(db, network.id),
    memberSchools(db, network.id),
  ]);
  const pick = (s: Section) =>
    form.section === s ? { values: form.values ?? {}, fieldErrors: form.fieldErrors ?? {} } : { values: {}, fieldErrors: {} };
  const modelForm = form.section === 'model' ? pick('model') : { values: modelValues(model), fieldErrors: {} };
  const reach = form.section === 'reach' ? pick('reach') : { values: { reachKm: String(settings.reachKm) }, fieldErrors: {} };
  const voucher = pick('voucher');
  const target = pick('target');
  const thisYear = schoolYearOf(todayIso());
  const done = c.req.query('done');
  return render(
    c,
    'money.njk',
    {
      title: 'Payment model',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      saved: model.saved,
      modelForm,
      reach,
      reachHint: `How far a leader may travel to a school, in a straight line: matching and “allocate all” leave out anyone further away. From ${REACH_KM_RANGE.min} to ${REACH_KM_RANGE.max} km.`,
      voucher,
      target,
      errors: form.errors,
      feeKind: modelForm.values.feeKind ?? 'percent',
      schoolItems: [
        { value: '', text: 'Choose a school' },
        ...schools.map((s) => ({ value: String(s.urn), text: s.name, selected: String(voucher.values.schoolUrn) === String(s.urn) })),
      ],
      yearItems: [thisYear - 1, thisYear, thisYear + 1].map((y) => ({
        value: String(y),
        text: schoolYearLabel(y),
        selected: String(target.values.startYear ?? thisYear) === String(y),
      })),
      voucherRows: vouchers.map((v) => [
        { text: v.schoolName },
        { text: `${v.hours}`, format: 'numeric' },
        { text: v.reason },
        { text: formatDate(v.issuedOn) },
        v.deploymentId && v.redeemedOn
          ? linkCell(
              `/networks/${network.id}/support/deployments/${v.deploymentId}`,
              `Used ${formatDate(v.redeemedOn)}, worth ${formatPounds(v.redeemedPence ?? 0)}`,
            )
          : { text: v.expiresOn ? `Unused, expires ${formatDate(v.expiresOn)}` : 'Unused' },
      ]),
      targetRows: targets.map((t) => [
        { text: schoolYearLabel(t.startYear) },
        { text: String(t.days), format: 'numeric' },
        { text: formatPounds(t.incomePence), format: 'numeric' },
      ]),
      flash: status === 200 && done ? { type: 'success', text: 'Saved' } : undefined,
    },
    status,
  );
}

/**
 * One of the page's forms: validate it, run its command in a transaction, and on bad input or a refusal show
 * the page again with that section's messages and what was typed; else back to the page, at the section.
 */
function moneyForm<S extends z.ZodType>(
  schema: S,
  section: Section,
  anchor: string,
  run: (ctx: CommandContext, networkId: string, data: z.infer<S>) => Promise<unknown>,
) {
  return async (c: AppContext) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'money.manage');
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(schema, body);
    if (!form.ok) return moneyPage(c, network, { values: body, ...form, section }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => run({ db, actor, mailer, config }, network.id, form.data));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return moneyPage(c, network, { values: body, ...failed, section }, status);
    }
    return c.redirect(`${path(network.id)}?done=saved${anchor}`, 303);
  };
}

export const moneyPages = new Hono<AppEnv>()
  .get('/networks/:networkId/support/money', async (c) => {
    signedIn(c);
    return moneyPage(c, await networkFor(c, 'money.manage'));
  })
  .post(
    '/networks/:networkId/support/money',
    moneyForm(paymentModelForm, 'model', '', (ctx, networkId, model) => updatePaymentModel(ctx, { networkId, model })),
  )
  .post(
    '/networks/:networkId/support/money/reach',
    moneyForm(reachForm, 'reach', '#reach', (ctx, networkId, data) => updateSupportSettings(ctx, { networkId, ...data })),
  )
  .post(
    '/networks/:networkId/support/money/vouchers',
    moneyForm(voucherForm, 'voucher', '#vouchers', (ctx, networkId, data) => issueVoucher(ctx, { networkId, ...data })),
  )
  .post(
    '/networks/:networkId/support/money/targets',
    moneyForm(targetForm, 'target', '#targets', (ctx, networkId, { startYear, days, income }) =>
      setSupportTarget(ctx, { networkId, startYear, days, incomePence: income }),
    ),
  );

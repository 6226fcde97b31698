import type { AppContext } from '../../kernel/http/context.ts';
import { render } from '../../kernel/http/render.ts';
import { type NetworkKind, networkKindLabels, networkKinds } from './domain.ts';
import type { networkFor } from './pages.ts';
import { networkNav } from './pages.ts';
import { listPartnershipsOf, otherNetworks } from './partnerships-queries.ts';
import { partnershipRows } from './partnerships-view.ts';
import { type StrategicPartnerKind, strategicPartnerKindLabels, strategicPartnerKinds } from './settings-domain.ts';
import { listStrategicPartners, schoolName } from './settings-queries.ts';

export type Network = Awaited<ReturnType<typeof networkFor>>;
export type FormState = { values?: Record<string, unknown>; errors?: unknown[]; fieldErrors?: Record<string, { text: string }> };

/** What `?done=` after a redirect says on the settings page. */
const doneMessages: Record<string, string> = {
  details: 'Network details saved',
  'partner-added': 'Strategic partner added',
  'partner-removed': 'Strategic partner removed',
  'partnership-proposed': 'Partnership proposed: their network admins have been emailed',
  'partnership-accept': 'Partnership accepted',
  'partnership-decline': 'Partnership proposal declined',
  'partnership-withdraw': 'Partnership proposal withdrawn',
  'partnership-end': 'Partnership ended',
};

/** The settings page: details, strategic partners and partnerships, each its own form. */
export async function settingsPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 403 | 409 = 200) {
  const db = c.var.deps.database.db;
  const [lead, partners, partnerships, others] = await Promise.all([
    schoolName(db, network.leadSchoolUrn),
    listStrategicPartners(db, network.id),
    listPartnershipsOf(db, network.id),
    otherNetworks(db, network.id),
  ]);
  const values: Record<string, unknown> = {
    name: network.name,
    kind: network.kind,
    leadSchoolUrn: network.leadSchoolUrn == null ? '' : String(network.leadSchoolUrn),
    ...form.values,
  };
  // A network with an open proposal or partnership is not offered again.
  const openPartners = new Set(partnerships.filter((p) => p.status === 'proposed' || p.status === 'active').map((p) => p.partnerNetworkId));
  const done = doneMessages[c.req.query('done') ?? ''];
  return render(
    c,
    'settings.njk',
    {
      title: 'Settings',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      flash: done && status === 200 ? { type: 'success', text: done } : undefined,
      values,
      leadSchoolHint: lead
        ? `Now ${lead}. Leave empty for none. It must be a current member school.`
        : 'The URN of a current member school, like 142205. Leave empty for none.',
      kindItems: networkKinds.map((k) => ({ value: k, text: networkKindLabels[k as NetworkKind], checked: values.kind === k })),
      partners: partners.map((p) => ({
        id: p.id,
        name: p.name,
        kind: strategicPartnerKindLabels[p.kind as StrategicPartnerKind] ?? p.kind,
      })),
      partnerKindItems: strategicPartnerKinds.map((k) => ({
        value: k,
        text: strategicPartnerKindLabels[k],
        checked: values.partnerKind === k,
      })),
      ...partnershipRows(partnerships, network.id),
      networkItems: [
        { value: '', text: 'Choose a network' },
        ...others
          .filter((n) => !openPartners.has(n.id))
          .map((n) => ({ value: n.id, text: n.name, selected: values.partnerNetworkId === n.id })),
      ],
      // Not `...form`: its values are one form's fields, merged into `values` above.
      errors: form.errors,
      fieldErrors: form.fieldErrors,
    },
    status,
  );
}

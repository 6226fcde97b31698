import { formatDate } from '../../kernel/ui/format.ts';
import { leadershipLevelLabels, type Phase, phaseLabels, phases } from '../networks/domain.ts';
import type { SpecialismRow } from '../networks/specialisms-queries.ts';
import type { DesignationRow } from './designations-queries.ts';
import {
  type DesignationKind,
  type DesignationStatus,
  designationKindLabels,
  designationKinds,
  designationStatusLabels,
} from './domain.ts';

// View-models shared by the designation pages: option lists and summary rows.

type Values = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? v : v ? [v] : []);

export const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

export function formItems(values: Values, specialisms: SpecialismRow[], people: { id: string; fullName: string }[] = []) {
  const chosen = list(values.specialismIds);
  return {
    personItems: [
      { value: '', text: 'Choose a person' },
      ...people.map((p) => ({ value: p.id, text: p.fullName, selected: values.personId === p.id })),
    ],
    kindItems: designationKinds.map((k) => ({ value: k, text: designationKindLabels[k], checked: values.kind === k })),
    phaseItems: [
      { value: '', text: 'Choose a phase' },
      ...phases.map((p) => ({ value: p, text: phaseLabels[p], selected: values.phase === p })),
    ],
    specialismItems: specialisms.map((s) => ({ value: s.id, text: s.name, checked: chosen.includes(s.id) })),
  };
}

/** The form's starting values for an existing designation. */
export const valuesOf = (d: DesignationRow): Values => ({
  kind: d.kind,
  phase: d.phase,
  releaseDays: String(d.releaseDays),
  startsOn: d.startsOn,
  endsOn: d.endsOn,
  reviewOn: d.reviewOn ?? '',
  specialismIds: d.specialismIds,
});

export function summaryRows(d: DesignationRow) {
  return [
    { key: { text: 'Person' }, value: { text: d.fullName } },
    { key: { text: 'School' }, value: { text: d.schoolName ?? 'None' } },
    { key: { text: 'Leadership level' }, value: { text: d.leadershipLevel ? leadershipLevelLabels[d.leadershipLevel] : 'Not recorded' } },
    { key: { text: 'Designation' }, value: { text: designationKindLabels[d.kind as DesignationKind] } },
    { key: { text: 'Phase' }, value: { text: phaseLabels[d.phase as Phase] } },
    { key: { text: 'Specialisms' }, value: { text: d.specialisms.join(', ') } },
    { key: { text: 'Release days a year' }, value: { text: days(d.releaseDays) } },
    { key: { text: 'Term' }, value: { text: `${formatDate(d.startsOn)} to ${formatDate(d.endsOn)}` } },
    { key: { text: 'Review date' }, value: { text: d.reviewOn ? formatDate(d.reviewOn) : 'Not set' } },
    { key: { text: 'Status' }, value: { text: designationStatusLabels[d.status as DesignationStatus] } },
  ];
}

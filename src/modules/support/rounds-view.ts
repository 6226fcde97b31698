import { formatDate } from '../../kernel/ui/format.ts';
import { type Phase, phaseLabels } from '../networks/domain.ts';
import { days } from './designations-view.ts';
import { designationKindLabels } from './domain.ts';
import { type ApplicationStatus, applicationStatusLabels, type RoundPhase, roundPhaseLabels } from './rounds-domain.ts';
import type { ApplicationDetail, RoundDetail } from './rounds-queries.ts';

// View-models shared by the round, money, statement and report pages.

export const roundStatusTag = (phase: RoundPhase) => ({
  text: roundPhaseLabels[phase],
  classes: phase === 'open' ? 'govuk-tag--green' : phase === 'upcoming' ? 'govuk-tag--blue' : 'govuk-tag--grey',
});

const statusClasses: Record<ApplicationStatus, string> = {
  submitted: 'govuk-tag--yellow',
  endorsed: 'govuk-tag--blue',
  not_endorsed: 'govuk-tag--red',
  designated: 'govuk-tag--green',
  declined: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};
export const applicationTag = (s: ApplicationStatus) => ({ text: applicationStatusLabels[s], classes: statusClasses[s] });

export function roundRows(r: RoundDetail) {
  return [
    { key: { text: 'Designation' }, value: { text: designationKindLabels[r.kind] } },
    { key: { text: 'Phases' }, value: { text: r.phases.map((p) => phaseLabels[p as Phase]).join(', ') } },
    { key: { text: 'Specialisms' }, value: { text: r.specialisms.length ? r.specialisms.join(', ') : 'Any specialism' } },
    { key: { text: 'Applications' }, value: { text: `${formatDate(r.opensOn)} to ${formatDate(r.closesOn)}` } },
    { key: { text: 'Designation term' }, value: { text: `${formatDate(r.termStartsOn)} to ${formatDate(r.termEndsOn)}` } },
  ];
}

export function applicationRows(a: ApplicationDetail) {
  const rows = [
    { key: { text: 'Applicant' }, value: { text: a.fullName } },
    { key: { text: 'School' }, value: { text: a.schoolName } },
    { key: { text: 'Phase' }, value: { text: phaseLabels[a.phase as Phase] } },
    { key: { text: 'Years in leadership' }, value: { text: String(a.leadershipYears) } },
    { key: { text: 'Specialisms' }, value: { text: a.specialisms.join(', ') } },
    { key: { text: 'Status' }, value: { text: applicationStatusLabels[a.status] } },
  ];
  if (a.releaseDays !== null) rows.push({ key: { text: 'Release days a year' }, value: { text: days(a.releaseDays) } });
  if (a.endorsementNote) rows.push({ key: { text: 'Headteacher’s note' }, value: { text: a.endorsementNote } });
  if (a.feedback) rows.push({ key: { text: 'Feedback' }, value: { text: a.feedback } });
  return rows;
}

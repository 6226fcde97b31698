import { formatDateTime } from '../../kernel/ui/format.ts';
import { escapeHtml, linkCell } from '../../kernel/ui/html.ts';
import { type SessionSlot, type SessionStatus, sessionSlotLabels, sessionStatusLabels } from './sessions-domain.ts';
import { type SessionRow, whereOf } from './sessions-queries.ts';
import { utcToLondon } from './sessions-time.ts';

// View-models shared by the session pages: table rows, summary rows and the form's values.

type Listed = Pick<
  SessionRow,
  | 'id'
  | 'title'
  | 'programmeTitle'
  | 'startsAt'
  | 'slot'
  | 'capacity'
  | 'placesTaken'
  | 'waiting'
  | 'status'
  | 'venue'
  | 'onlineUrl'
  | 'hostSchoolName'
>;

/** Places in words: "3 of 20 left", "Full (4 waiting)", or the status when not open. */
export function placesText(s: Pick<Listed, 'capacity' | 'placesTaken' | 'waiting' | 'status'>): string {
  if (s.status !== 'published') return sessionStatusLabels[s.status as SessionStatus];
  const left = s.capacity - s.placesTaken;
  if (left > 0) return `${left} of ${s.capacity} left`;
  return s.waiting > 0 ? `Full (${s.waiting} waiting)` : 'Full';
}

export function sessionTableRows(networkId: string, rows: Listed[], opts: { showProgramme: boolean }) {
  return rows.map((s) => [
    linkCell(`/networks/${networkId}/cpd/sessions/${s.id}`, s.title),
    ...(opts.showProgramme ? [{ text: s.programmeTitle }] : []),
    { text: formatDateTime(s.startsAt) },
    { text: sessionSlotLabels[s.slot as SessionSlot] },
    { text: whereOf(s) },
    { text: placesText(s) },
  ]);
}

export function sessionSummaryRows(s: SessionRow) {
  const when = `${formatDateTime(s.startsAt)} to ${utcToLondon(s.endsAt).time}`;
  const rows = [
    {
      key: { text: 'Programme' },
      value: { html: linkCell(`/networks/${s.networkId}/cpd/programmes/${s.programmeId}`, s.programmeTitle).html },
    },
    { key: { text: 'When' }, value: { text: `${when} (${sessionSlotLabels[s.slot as SessionSlot].toLowerCase()})` } },
    { key: { text: 'Where' }, value: { text: whereOf(s) } },
  ];
  if (s.onlineUrl)
    rows.push({
      key: { text: 'Online link' },
      value: { html: `<a class="govuk-link" href="${escapeHtml(s.onlineUrl)}">${escapeHtml(s.onlineUrl)}</a>` },
    });
  if (s.theme) rows.push({ key: { text: 'Theme' }, value: { text: s.theme } });
  const facilitators = [...s.facilitatorPeople.map((p) => p.fullName), ...(s.facilitators ? [s.facilitators] : [])];
  if (facilitators.length) rows.push({ key: { text: 'Facilitators' }, value: { text: facilitators.join('; ') } });
  rows.push({ key: { text: 'Places' }, value: { text: placesText(s) } });
  return rows;
}

/** The edit form's starting values. */
export function sessionValues(s: SessionRow): Record<string, unknown> {
  const start = utcToLondon(s.startsAt);
  return {
    title: s.title,
    theme: s.theme ?? '',
    slot: s.slot,
    date: start.date,
    startTime: start.time,
    endTime: utcToLondon(s.endsAt).time,
    venue: s.venue ?? '',
    hostSchoolUrn: s.hostSchoolUrn == null ? '' : String(s.hostSchoolUrn),
    onlineUrl: s.onlineUrl ?? '',
    facilitators: s.facilitators ?? '',
    facilitatorIds: s.facilitatorPeople.map((p) => p.personId),
    capacity: String(s.capacity),
    nextSteps: s.nextSteps ?? '',
  };
}

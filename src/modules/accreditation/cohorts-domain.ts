// Cohorts of Lead Practitioner candidates: stages, meetings and attendance. Pure.

/** Where a candidate is on the way to accreditation. */
export const candidateStages = ['enrolled', 'building', 'peer_review', 'submitted', 'accredited', 'resubmit', 'withdrawn'] as const;
export type CandidateStage = (typeof candidateStages)[number];

export const candidateStageLabels: Record<CandidateStage, string> = {
  enrolled: 'Enrolled',
  building: 'Building portfolio',
  peer_review: 'Peer review',
  submitted: 'Submitted',
  accredited: 'Accredited',
  resubmit: 'Resubmitting',
  withdrawn: 'Withdrawn',
};

export const attendanceStatuses = ['present', 'apologies', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const attendanceLabels: Record<AttendanceStatus, string> = {
  present: 'Present',
  apologies: 'Sent apologies',
  absent: 'Absent',
};

const DAY = 86_400_000;

/**
 * Half-termly network meetings: six a school year, so one about every six and a half weeks from the start,
 * on the same weekday, while before the end.
 */
export function halfTermlyDates(startsOn: string, endsOn: string): string[] {
  const start = Date.parse(`${startsOn}T00:00:00Z`);
  const end = Date.parse(`${endsOn}T00:00:00Z`);
  const step = 7 * 7 * DAY - 3.5 * DAY;
  const dates: string[] = [];
  for (let t = start + 7 * DAY; t <= end && dates.length < 12; t += step) {
    const d = new Date(t);
    // Keep the weekday of the first meeting.
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() - new Date(start + 7 * DAY).getUTCDay() + 7) % 7));
    dates.push(d.toISOString().slice(0, 10));
  }
  return dates;
}

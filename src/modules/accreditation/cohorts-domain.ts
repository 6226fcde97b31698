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

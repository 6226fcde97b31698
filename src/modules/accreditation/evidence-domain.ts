// Evidence items of a Lead Practitioner portfolio. Pure.

export const evidenceTypes = [
  'action_research',
  'cpd_delivered',
  'coaching',
  'team_teaching',
  'modelling_practice',
  'work_scrutiny',
  'data_intervention',
  'curriculum_development',
  'other',
] as const;
export type EvidenceType = (typeof evidenceTypes)[number];

export const evidenceTypeLabels: Record<EvidenceType, string> = {
  action_research: 'Action research',
  cpd_delivered: 'CPD delivered',
  coaching: 'Coaching',
  team_teaching: 'Team teaching',
  modelling_practice: 'Modelling good practice',
  work_scrutiny: 'Work scrutiny',
  data_intervention: 'Using data to inform intervention',
  curriculum_development: 'Developing curriculum',
  other: 'Other',
};

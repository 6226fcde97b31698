import { invalidField } from '../../kernel/http/errors.ts';

export const networkKinds = ['teaching_school_alliance', 'teaching_school_hub', 'trust', 'local_authority_network'] as const;
export type NetworkKind = (typeof networkKinds)[number];
export const networkKindLabels: Record<NetworkKind, string> = {
  teaching_school_alliance: 'Teaching school alliance',
  teaching_school_hub: 'Teaching school hub',
  trust: 'Multi-academy trust',
  local_authority_network: 'Local-authority network',
};

export const leadershipLevels = ['teacher', 'middle_leader', 'senior_leader', 'headteacher', 'executive_leader'] as const;
export type LeadershipLevel = (typeof leadershipLevels)[number];
export const leadershipLevelLabels: Record<LeadershipLevel, string> = {
  teacher: 'Teacher',
  middle_leader: 'Middle leader',
  senior_leader: 'Senior leader',
  headteacher: 'Headteacher',
  executive_leader: 'Executive leader',
};

/** Phases used by search, requests and matching (GIAS phases mapped onto these). */
export const phases = ['nursery', 'primary', 'middle', 'secondary', 'all_through', 'special', 'post_16', 'alternative_provision'] as const;
export type Phase = (typeof phases)[number];
export const phaseLabels: Record<Phase, string> = {
  nursery: 'Nursery',
  primary: 'Primary',
  middle: 'Middle',
  secondary: 'Secondary',
  all_through: 'All-through',
  special: 'Special',
  post_16: '16 plus',
  alternative_provision: 'Alternative provision',
};

export const ofstedRatings = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] as const;

/** A school is a current member on a date when it joined on or before it and had not left by it. */
export function isCurrentMember(m: { joinedOn: string; leftOn: string | null }, today: string): boolean {
  return m.joinedOn <= today && (m.leftOn === null || m.leftOn > today);
}

/** A URN given for a person or a school that is not in the schools register. */
export const noSuchSchool = (urn: number) => invalidField('schoolUrn', `There is no school with URN ${urn}`);

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

export interface Claim {
  standardId: string;
  level: number;
}

/**
 * Claims against the cohort's framework version: at least one, each a standard of that version at one of
 * its levels, each standard once. Returns the first problem as a message, or null.
 */
export function checkClaims(
  claims: readonly Claim[],
  framework: { standards: readonly { id: string; code: string }[]; levels: readonly { level: number }[] },
): string | null {
  if (claims.length === 0) return 'Map the evidence to at least one standard, with the level you claim';
  const levels = framework.levels.map((l) => l.level);
  const seen = new Set<string>();
  for (const claim of claims) {
    const standard = framework.standards.find((s) => s.id === claim.standardId);
    if (!standard) return 'Choose standards of the cohort’s framework';
    if (seen.has(claim.standardId)) return `${standard.code} is claimed twice: claim each standard once`;
    seen.add(claim.standardId);
    if (!levels.includes(claim.level)) {
      return `Level ${claim.level} is not a level of this framework: choose a level from ${Math.min(...levels)} to ${Math.max(...levels)} for ${standard.code}`;
    }
  }
  return null;
}

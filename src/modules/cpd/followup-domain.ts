// The impact follow-up: what attendees changed after a session, and its effect on pupils.

export const followUpImpacts = ['none', 'some', 'strong'] as const;
export type FollowUpImpact = (typeof followUpImpacts)[number];

export const followUpImpactLabels: Record<FollowUpImpact, string> = {
  strong: 'A clear effect on pupils',
  some: 'Some effect on pupils',
  none: 'No effect on pupils yet',
};

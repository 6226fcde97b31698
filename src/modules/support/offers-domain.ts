export const offerStatuses = ['published', 'withdrawn'] as const;
export type OfferStatus = (typeof offerStatuses)[number];
export const offerStatusLabels: Record<OfferStatus, string> = { published: 'Published', withdrawn: 'Withdrawn' };

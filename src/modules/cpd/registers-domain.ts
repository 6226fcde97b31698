// The register and what follows it: attendance, certificates and feedback.

/** The register opens on the day (from an hour before the start) and stays open afterwards for late marking. */
export function registerRefusal(session: { status: string; startsAt: Date }, now: Date): string | null {
  if (session.status !== 'published') return 'The register can only be taken for a published session';
  if (now.getTime() < session.startsAt.getTime() - 3_600_000) return 'The register opens on the day, an hour before the session starts';
  return null;
}

/** Feedback comes from people who attended, once the session has ended. */
export function feedbackRefusal(booking: { status: string; attended: boolean | null; endsAt: Date }, now: Date): string | null {
  if (booking.status !== 'confirmed' || booking.attended !== true) return 'Only people who attended can give feedback';
  if (now.getTime() < booking.endsAt.getTime()) return 'Feedback opens when the session has ended';
  return null;
}

/** Ratings 4 and 5 (of 5) count as positive for the network's target. */
export const isPositive = (rating: number) => rating >= 4;

export const ratingLabels: Record<number, string> = {
  5: 'Very useful',
  4: 'Useful',
  3: 'Partly useful',
  2: 'Not very useful',
  1: 'Not useful',
};

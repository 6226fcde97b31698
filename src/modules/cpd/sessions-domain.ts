// Sessions of a CPD programme: when they run, and the rules that decide whether one may still be booked.

export const sessionSlots = ['twilight', 'breakfast', 'half_day', 'day'] as const;
export type SessionSlot = (typeof sessionSlots)[number];

export const sessionSlotLabels: Record<SessionSlot, string> = {
  twilight: 'Twilight (after school)',
  breakfast: 'Breakfast (before school)',
  half_day: 'Half day',
  day: 'Full day',
};

/** Days of CPD a session counts for in the network's target (a past national KPI counted days delivered). */
export const slotDays: Record<SessionSlot, number> = { twilight: 0.5, breakfast: 0.5, half_day: 0.5, day: 1 };

export const sessionStatuses = ['draft', 'published', 'cancelled'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

export const sessionStatusLabels: Record<SessionStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  cancelled: 'Cancelled',
};

export interface SessionState {
  status: string;
  startsAt: Date;
}

/** Why a session cannot take a booking now, or null when it can. */
export function bookingRefusal(session: SessionState, now: Date): string | null {
  if (session.status === 'cancelled') return 'This session has been cancelled';
  if (session.status !== 'published') return 'This session is not open for booking yet';
  if (session.startsAt.getTime() <= now.getTime()) return 'This session has already started, so it can no longer be booked';
  return null;
}

/** A new capacity may not fall below the places already taken (confirmed or offered). */
export function capacityRefusal(capacity: number, placesTaken: number): string | null {
  if (capacity < placesTaken) {
    return `${placesTaken} ${placesTaken === 1 ? 'place is' : 'places are'} already taken: capacity cannot be less than ${placesTaken}`;
  }
  return null;
}

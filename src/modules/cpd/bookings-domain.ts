// Bookings and their lifecycle: a place is held while confirmed or offered; the waiting list is in arrival order.

export const bookingStatuses = ['confirmed', 'waiting', 'offered', 'cancelled', 'declined', 'expired'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const bookingStatusLabels: Record<BookingStatus, string> = {
  confirmed: 'Confirmed',
  waiting: 'On the waiting list',
  offered: 'Place offered',
  cancelled: 'Cancelled',
  declined: 'Offer declined',
  expired: 'Offer expired',
};

/** Statuses that hold one of the session's places (the database counts these against capacity). */
export const holdsPlace = (status: string) => status === 'confirmed' || status === 'offered';
/** Statuses in which a person counts as booked: a second booking for the same session is refused. */
export const isOpen = (status: string) => status === 'confirmed' || status === 'waiting' || status === 'offered';

/** Who may cancel: an open booking of a session that has not started. */
export function cancelRefusal(status: string, startsAt: Date, now: Date): string | null {
  if (!isOpen(status)) return 'This booking is not open';
  if (startsAt.getTime() <= now.getTime()) return 'This session has already started';
  return null;
}

export function offerRefusal(status: string, expiresAt: Date | null, now: Date): string | null {
  if (status !== 'offered') return 'There is no place on offer for this booking';
  if (expiresAt && expiresAt.getTime() <= now.getTime()) return 'The offer of a place has expired';
  return null;
}

/** Price rules: staff of the network's member schools come free; others pay the programme's charge. */
export function priceFor(isMemberStaff: boolean, prices: { memberPricePence: number; otherPricePence: number }): number {
  return isMemberStaff ? prices.memberPricePence : prices.otherPricePence;
}

export const formatPence = (pence: number) => `£${(pence / 100).toFixed(2)}`;

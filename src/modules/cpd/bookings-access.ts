import { type Actor, actorPersonId } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/client.ts';
import { authorize, can } from '../../policy.ts';
import { findBookablePerson } from './bookings-queries.ts';

/** Own bookings use cpd.book; anyone else's, cpd.bookStaff (admins, and leaders of the person's school). */
export const bookingAction = (actor: Actor, b: { personId: string }) =>
  actorPersonId(actor) === b.personId ? 'cpd.book' : 'cpd.bookStaff';

/** May the actor book `personId` (themself, or a member of staff) onto a session of the network? Refusals are audited. */
export async function authorizeBooking(db: Db, actor: Actor, networkId: string, personId: string) {
  if (actorPersonId(actor) === personId) return authorize(db, actor, 'cpd.book', { networkId, personId });
  const person = await findBookablePerson(db, networkId, personId);
  return authorize(db, actor, 'cpd.bookStaff', { networkId, personId, schoolUrn: person?.schoolUrn ?? null });
}

/** Whose bookings the actor sees in the network's list: admins every booking, school leaders their school's, anyone else their own. */
export function visibleBookings(actor: Actor, networkId: string) {
  const mayManage = can(actor, 'cpd.manage', { networkId });
  const school = actor.kind === 'person' ? actor.schoolUrn : null;
  const leader = !mayManage && school != null && can(actor, 'cpd.bookStaff', { networkId, schoolUrn: school });
  const filter: { personId?: string; schoolUrn?: number } = mayManage
    ? {}
    : leader
      ? { schoolUrn: school! }
      : { personId: actorPersonId(actor) ?? '' };
  return { scope: mayManage ? ('all' as const) : leader ? ('school' as const) : ('own' as const), filter };
}

import type { Actor } from '../../kernel/auth/actor.ts';
import { hasRole, isMember, type Rule, type Subject } from '../../kernel/policy/policy.ts';

// Trios, the leadership framework and 360s, and heads' peer review. Pure: the grid test reads it.
// A shared record (a trio, a review group) concerns each of its participants: routes pass the subject
// built by `participantSubject`, and rules marked "participants" allow only when it names the actor.

const concernsActor: Rule = (actor, s) => isMember(actor, s.networkId) && s.personId != null && s.personId === actor.personId;
const admin: Rule = (actor, s) => hasRole(actor, s.networkId, 'network_admin');

export const developmentRules = {
  /** Trios and the sign-up list are open to the network, as the alliance's shared CPD. */
  'trio.view': (actor, s) => isMember(actor, s.networkId),
  /** Sign oneself up (or withdraw). */
  'trio.signup': concernsActor,
  /** Propose trios, adjust them, give them an SLE. */
  'trio.manage': admin,
  /** Record the trio's cycles and evaluation: its members, its SLE, and the admin. */
  'trio.record': (actor, s) => admin(actor, s) || concernsActor(actor, s),
  'leadership.view': (actor, s) => isMember(actor, s.networkId),
  /** Edit the framework and the menu of development options. */
  'leadership.manage': admin,
  /** A leader's own 360 and pathway: only the leader, never the admin (the raters were promised confidence). */
  'feedback360.own': concernsActor,
  /** Form review groups and their rotation; the admin does not see what the groups find. */
  'peerReview.manage': admin,
  /** Visits, findings and agreed actions: the group's heads only (the reviewed head is one of them). */
  'peerReview.take_part': concernsActor,
} satisfies Record<string, Rule>;

/** The subject of a shared record: it names the actor when they take part in it, and nobody otherwise. */
export function participantSubject(networkId: string, participantIds: string[], actor: Actor | null): Subject {
  const me = actor?.kind === 'person' ? actor.personId : null;
  return { networkId, personId: me && participantIds.includes(me) ? me : null };
}

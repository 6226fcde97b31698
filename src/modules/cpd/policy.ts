import { hasRole, isMember, type Rule } from '../../kernel/policy/policy.ts';

const ownRecord: Rule = (actor, s) => isMember(actor, s.networkId) && s.personId != null && s.personId === actor.personId;

/** Who may do what with CPD programmes, sessions and bookings. Pure: the grid test reads it. */
export const cpdRules = {
  /** Programmes and published sessions are open to every member. */
  'cpd.view': (actor, s) => isMember(actor, s.networkId),
  /** Programmes, sessions, prices and bookings of anyone: network admins. */
  'cpd.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  /** Book, see, cancel and accept one's own place. */
  'cpd.book': (actor, s) => hasRole(actor, s.networkId, 'network_admin') || ownRecord(actor, s),
  /** Book for someone else (and see, cancel or accept it): admins, and school leaders for their own school's staff. */
  'cpd.bookStaff': (actor, s) =>
    hasRole(actor, s.networkId, 'network_admin') ||
    (hasRole(actor, s.networkId, 'school_leader') && s.schoolUrn != null && s.schoolUrn === actor.schoolUrn),
  /**
   * Take the register on the day: admins, and the session's facilitator (the subject's person, set by the route
   * only when the actor facilitates that session), who may belong to a partner network.
   */
  'cpd.register': (actor, s) =>
    hasRole(actor, s.networkId, 'network_admin') ||
    ((isMember(actor, s.networkId) || actor.partnerNetworkIds.includes(s.networkId)) &&
      s.personId != null &&
      s.personId === actor.personId),
  /** Feedback on a session is the attendee's own. */
  'cpd.feedback': ownRecord,
  'cpd.report': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
} satisfies Record<string, Rule>;

import { hasRole, isMember, type Rule } from '../../kernel/policy/policy.ts';

/** A school leader of the school the record concerns. */
const ownSchoolLeader: Rule = (actor, s) =>
  hasRole(actor, s.networkId, 'school_leader') && s.schoolUrn != null && actor.schoolUrn === s.schoolUrn;

/** A member acting on their own record (the subject's person is the actor). */
const ownRecord: Rule = (actor, s) => isMember(actor, s.networkId) && s.personId != null && s.personId === actor.personId;

/** Who may see and manage designations and the directory of expertise. Pure: the grid test reads it. */
export const supportRules = {
  'designation.view': (actor, s) => isMember(actor, s.networkId),
  'designation.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  /** The directory is shared with partner networks: their members see who holds what expertise here. */
  'directory.view': (actor, s) => isMember(actor, s.networkId) || actor.partnerNetworkIds.includes(s.networkId),
  // Designation rounds: members read the criteria and apply; the applicant's own head endorses; admins and assessors score.
  'round.view': (actor, s) => isMember(actor, s.networkId),
  'round.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  'round.apply': (actor, s) => isMember(actor, s.networkId),
  'application.view': (actor, s) => hasRole(actor, s.networkId, 'network_admin', 'assessor') || ownSchoolLeader(actor, s),
  /** The applicant's own application (the subject's person is the actor). */
  'application.own': (actor, s) => isMember(actor, s.networkId) && s.personId === actor.personId,
  // Nobody endorses or scores their own application: the commands refuse that (a conflict of interest).
  'application.endorse': (actor, s) => ownSchoolLeader(actor, s),
  'application.score': (actor, s) => hasRole(actor, s.networkId, 'network_admin', 'assessor'),
  'application.decide': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  // Money stays inside the network (partner networks never see it): admins see all, a school leader their own school's statements.
  'money.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  'statement.list': (actor, s) => hasRole(actor, s.networkId, 'network_admin', 'school_leader'),
  'statement.view': (actor, s) => hasRole(actor, s.networkId, 'network_admin') || ownSchoolLeader(actor, s),
  'report.view': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  // Brokerage. Offers are shared with partner networks like the directory; requests and deployments never are.
  'offer.view': (actor, s) => isMember(actor, s.networkId) || actor.partnerNetworkIds.includes(s.networkId),
  'offer.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  /** Lists are scoped by the page: admins see all requests, a school leader their own school's. */
  'request.list': (actor, s) => hasRole(actor, s.networkId, 'network_admin', 'school_leader'),
  'request.view': (actor, s) => hasRole(actor, s.networkId, 'network_admin') || ownSchoolLeader(actor, s),
  'request.raise': (actor, s) => hasRole(actor, s.networkId, 'network_admin') || ownSchoolLeader(actor, s),
  'request.broker': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  /** Scoped by the page: a leader sees their own deployments, a school leader their school's (supported or releasing). */
  'deployment.list': (actor, s) => hasRole(actor, s.networkId, 'network_admin', 'school_leader', 'system_leader'),
  'deployment.view': (actor, s) => hasRole(actor, s.networkId, 'network_admin') || ownRecord(actor, s) || ownSchoolLeader(actor, s),
  'deployment.consent': (actor, s) => ownRecord(actor, s),
  /** The leader's own head (a school leader of the leader's school) releases them. */
  'deployment.release': (actor, s) => ownSchoolLeader(actor, s),
  'deployment.agree': (actor, s) => hasRole(actor, s.networkId, 'network_admin') || ownSchoolLeader(actor, s),
  'deployment.log': (actor, s) => hasRole(actor, s.networkId, 'network_admin') || ownRecord(actor, s),
  'deployment.evaluate': (actor, s) => hasRole(actor, s.networkId, 'network_admin') || ownSchoolLeader(actor, s),
  'deployment.reflect': (actor, s) => ownRecord(actor, s),
  'deployment.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
} satisfies Record<string, Rule>;

import { hasRole, isMember, type Rule } from '../../kernel/policy/policy.ts';

/** A school leader of the school the record concerns. */
const ownSchoolLeader: Rule = (actor, s) =>
  hasRole(actor, s.networkId, 'school_leader') && s.schoolUrn != null && actor.schoolUrn === s.schoolUrn;

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
} satisfies Record<string, Rule>;

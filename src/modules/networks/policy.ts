import { hasRole, isMember, type Rule } from '../../kernel/policy/policy.ts';

/** Who may do what with networks, their schools, people and roles. Pure: the grid test reads it. */
export const networkRules = {
  'network.view': (actor, s) => isMember(actor, s.networkId),
  'network.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  'school.view': (actor, s) => isMember(actor, s.networkId),
  'school.import': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  'person.list': (actor, s) => isMember(actor, s.networkId),
  'person.view': (actor, s) => isMember(actor, s.networkId),
  /** Admins add anyone; a school leader adds staff of their own school. */
  'person.create': (actor, s) =>
    hasRole(actor, s.networkId, 'network_admin') ||
    (hasRole(actor, s.networkId, 'school_leader') && s.schoolUrn != null && s.schoolUrn === actor.schoolUrn),
  /** A bulk read of personal data (audited by the export command). */
  'person.export': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  /** Grant and revoke any role; a school leader gives staff roles only through person.create / invitation.create. */
  'membership.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  'invitation.create': (actor, s) =>
    hasRole(actor, s.networkId, 'network_admin') ||
    (hasRole(actor, s.networkId, 'school_leader') && s.schoolUrn != null && s.schoolUrn === actor.schoolUrn),
  'invitation.list': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  'invitation.revoke': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  'audit.view': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  /** The shared taxonomy plus the network's own additions; only admins add or remove the network's own. */
  'specialism.view': (actor, s) => isMember(actor, s.networkId),
  'specialism.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
} satisfies Record<string, Rule>;

import { hasRole, isMember, type Rule } from '../../kernel/policy/policy.ts';

/** Who may see and manage designations and the directory of expertise. Pure: the grid test reads it. */
export const supportRules = {
  'designation.view': (actor, s) => isMember(actor, s.networkId),
  'designation.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  /** The directory is shared with partner networks: their members see who holds what expertise here. */
  'directory.view': (actor, s) => isMember(actor, s.networkId) || actor.partnerNetworkIds.includes(s.networkId),
} satisfies Record<string, Rule>;

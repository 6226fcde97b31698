import { hasRole, type Rule } from '../../kernel/policy/policy.ts';

/**
 * UK GDPR requests handled by a network: its admins export a member's data, erase a member and set
 * how long former members' data is kept. A person exports their own data from Your account (no rule:
 * it is their own). Pure: the grid test reads it.
 */
export const privacyRules = {
  'privacy.export': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  'privacy.erase': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  'privacy.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
} satisfies Record<string, Rule>;

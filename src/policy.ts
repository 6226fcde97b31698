// The one place that decides who may do what, for pages, API and CLI alike.
import { recordAudit } from './kernel/audit/audit.ts';
import type { Actor } from './kernel/auth/actor.ts';
import type { Db } from './kernel/db/client.ts';
import { forbidden, unauthorized } from './kernel/http/errors.ts';
import { noteDecision } from './kernel/policy/decisions.ts';
import { makeCan, type Subject } from './kernel/policy/policy.ts';
import { accreditationRules } from './modules/accreditation/policy.ts';
import { outcomeRules } from './modules/accreditation/review-policy.ts';
import { developmentRules } from './modules/cpd/development-policy.ts';
import { cpdRules } from './modules/cpd/policy.ts';
import { networkRules } from './modules/networks/policy.ts';
import { privacyRules } from './modules/privacy/policy.ts';
import { supportRules } from './modules/support/policy.ts';

export const rules = {
  ...networkRules,
  ...supportRules,
  ...developmentRules,
  ...cpdRules,
  ...accreditationRules,
  ...outcomeRules,
  ...privacyRules,
};
export type Action = keyof typeof rules;
export const can = makeCan<Action>(rules);

/** Throw 401/403 unless allowed; every refusal is written to the audit log of the network asked about. */
export async function authorize(db: Db, actor: Actor | null, action: Action, subject: Subject): Promise<void> {
  if (!actor) throw unauthorized();
  if (can(actor, action, subject)) {
    noteDecision({ kind: 'allowed', action, networkId: subject.networkId, audited: false });
    return;
  }
  await recordAudit(db, actor, {
    action: 'access.refused',
    subjectType: action,
    subjectId: subject.personId ?? subject.schoolUrn ?? null,
    networkId: subject.networkId,
    detail: { action },
  });
  noteDecision({ kind: 'refused', action, networkId: subject.networkId, audited: true });
  throw forbidden();
}

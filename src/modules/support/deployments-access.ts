import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/client.ts';
import type { Subject } from '../../kernel/policy/policy.ts';
import { type Action, authorize, can } from '../../policy.ts';
import type { DeploymentRow } from './deployments-queries.ts';

// A deployment concerns three parties: the leader, the supported school and the leader's own school
// (which releases them). Each rule is asked about the subject that fits it.

const subjects = (d: DeploymentRow): Record<string, Subject> => ({
  supported: { networkId: d.networkId, schoolUrn: d.schoolUrn, personId: d.leaderId },
  releasing: { networkId: d.networkId, schoolUrn: d.leaderSchoolUrn },
});

/** The subject each action is decided on. */
const subjectFor: Partial<Record<Action, 'supported' | 'releasing'>> = { 'deployment.release': 'releasing' };

function subjectsFor(action: Action, d: DeploymentRow): Subject[] {
  const s = subjects(d);
  if (action === 'deployment.view') return [s.supported!, s.releasing!];
  return [s[subjectFor[action] ?? 'supported']!];
}

export function mayOnDeployment(actor: Actor | null, action: Action, d: DeploymentRow): boolean {
  return subjectsFor(action, d).some((s) => can(actor, action, s));
}

/** Throw 403 (audited) unless the actor may do `action` on this deployment. */
export async function authorizeOnDeployment(db: Db, actor: Actor | null, action: Action, d: DeploymentRow) {
  const list = subjectsFor(action, d);
  await authorize(db, actor, action, list.find((s) => can(actor, action, s)) ?? list[0]!);
}

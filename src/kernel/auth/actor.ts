export const roles = [
  'network_admin',
  'school_leader',
  'system_leader',
  'lp_candidate',
  'mentor',
  'assessor',
  'trainee',
  'participant',
  'he_partner',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  network_admin: 'Network admin',
  school_leader: 'School leader',
  system_leader: 'System leader (SLE, LLE, NLE)',
  lp_candidate: 'Lead Practitioner candidate',
  mentor: 'Mentor or coach',
  assessor: 'Assessor or moderator',
  trainee: 'Trainee',
  participant: 'Teacher or participant',
  he_partner: 'Higher education partner',
};

export interface Membership {
  networkId: string;
  role: Role;
}

/** Who is acting: a signed-in person (by session or API token), or an operator at the CLI. */
export type Actor =
  | {
      kind: 'person';
      personId: string;
      name: string;
      email: string;
      schoolUrn: number | null;
      memberships: Membership[];
      /** Networks in partnership with one of the actor's networks (directory and offers only). */
      partnerNetworkIds: string[];
      via: 'session' | 'token';
    }
  | { kind: 'operator'; label: string };

export function actorLabel(actor: Actor | null): string {
  if (!actor) return 'anonymous';
  return actor.kind === 'operator' ? `operator:${actor.label}` : actor.email;
}

export function actorPersonId(actor: Actor | null): string | null {
  return actor?.kind === 'person' ? actor.personId : null;
}

export const operatorActor = (label = process.env.USER ?? 'cli'): Actor => ({ kind: 'operator', label });

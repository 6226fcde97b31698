import type { Actor, Role } from '../auth/actor.ts';
import { noteDecision } from './decisions.ts';

/** What a rule looks at: the network the record belongs to, and who or which school it concerns. */
export interface Subject {
  networkId: string;
  schoolUrn?: number | null;
  personId?: string | null;
}

export type Rule = (actor: Extract<Actor, { kind: 'person' }>, subject: Subject) => boolean;

export function rolesIn(actor: Actor, networkId: string): Role[] {
  if (actor.kind !== 'person') return [];
  return actor.memberships.filter((m) => m.networkId === networkId).map((m) => m.role);
}

export function hasRole(actor: Actor, networkId: string, ...wanted: Role[]): boolean {
  return rolesIn(actor, networkId).some((r) => wanted.includes(r));
}

export function isMember(actor: Actor, networkId: string): boolean {
  return rolesIn(actor, networkId).length > 0;
}

/** Network ids whose records the actor may list; operators (the CLI) see all, so `null`. */
export function networkScope(actor: Actor): string[] | null {
  noteDecision({ kind: 'scoped' });
  if (actor.kind === 'operator') return null;
  return [...new Set(actor.memberships.map((m) => m.networkId))];
}

/** Builds `can` from a table of rules: an action with no rule is refused. Operators at the CLI may do anything. */
export function makeCan<A extends string>(rules: Record<A, Rule>) {
  return function can(actor: Actor | null, action: A, subject: Subject): boolean {
    if (!actor) return false;
    if (actor.kind === 'operator') return true;
    const rule = rules[action];
    return rule ? rule(actor, subject) : false;
  };
}

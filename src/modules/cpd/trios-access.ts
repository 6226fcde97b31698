import type { AppContext } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize } from '../../policy.ts';
import type { Network } from '../networks/pages.ts';
import { participantSubject } from './development-policy.ts';
import { findSignup, findTrio, membersOf, trioParticipants } from './trios-queries.ts';

// Who may open a trio or a sign-up, for pages and API alike (refusals audited in the record's network).

/** The trio in the path; the subject names the actor when they take part in it (a member or its SLE). */
export async function trioFor(c: AppContext, network: Network, action: 'trio.view' | 'trio.record' | 'trio.manage') {
  const db = c.var.deps.database.db;
  const trio = await findTrio(db, c.req.param('trioId') ?? '');
  if (!trio) throw notFound('Trio');
  const members = await membersOf(db, [trio.id]);
  await authorize(db, c.var.actor, action, participantSubject(trio.networkId, trioParticipants(trio, members), c.var.actor));
  if (trio.networkId !== network.id) throw notFound('Trio');
  return { trio, members };
}

/** The sign-up in the path, for the person who signed up. */
export async function signupFor(c: AppContext, network: Network) {
  const db = c.var.deps.database.db;
  const signup = await findSignup(db, c.req.param('signupId') ?? '');
  if (!signup) throw notFound('Sign-up');
  await authorize(db, c.var.actor, 'trio.signup', { networkId: signup.networkId, personId: signup.personId });
  if (signup.networkId !== network.id) throw notFound('Sign-up');
  return signup;
}

import { describe, expect, it } from 'vitest';
import { type Actor, type Role, roles } from './kernel/auth/actor.ts';
import type { Subject } from './kernel/policy/policy.ts';
import { type Action, can, rules } from './policy.ts';

// Who may do what: every action in `rules` x every role, for a record of the actor's own network.
// Y = allowed; S = allowed only for a record of the actor's own school; P = only the actor's own record; N = refused.
// B = S or P (own school's records, and the actor's own record even without a school).
// For any network the actor is not a member of, every cell is N (tested below for all of them).
// Adding an action to `rules` without a row here fails this test: decide its row deliberately.
const Y = 'Y';
const S = 'S';
const N = 'N';
const P = 'P';
/** S or P: the actor's own school's records, and their own record even without a school. */
const B = 'B';
type Cell = typeof Y | typeof S | typeof N | typeof P | typeof B;

const columns = [
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

// biome-ignore format: laid out as a table to read
const grid: Record<Action, [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell]> = {
  //                     admin leader system lp   mentor assessor trainee partic. he
  'network.view':        [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'network.manage':      [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'school.view':         [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'school.import':       [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'person.list':         [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'person.view':         [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'person.create':       [Y,    S,     N,     N,   N,     N,       N,      N,      N],
  'person.export':       [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'membership.manage':   [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'invitation.create':   [Y,    S,     N,     N,   N,     N,       N,      N,      N],
  'invitation.list':     [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'invitation.revoke':   [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'audit.view':          [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'specialism.view':     [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'specialism.manage':   [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'designation.view':    [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'designation.manage':  [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'directory.view':      [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'accreditation.view':  [Y,    N,     N,     Y,   Y,     Y,       N,      N,      N],
  'lpFramework.view':    [Y,    N,     N,     Y,   Y,     Y,       N,      N,      N],
  'lpFramework.manage':  [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'lpCohort.view':       [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'lpCohort.manage':     [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'lpPortfolio.view':    [Y,    N,     N,     P,   N,     N,       N,      N,      N],
  'lpPortfolio.edit':    [N,    N,     N,     P,   N,     N,       N,      N,      N],
  'lpPortfolio.mentor':  [N,    N,     N,     N,   P,     N,       N,      N,      N],
  'lpSharedEvidence.view': [N, N,     N,     P,   N,     N,       N,      N,      N],
  'lpOutcome.manage':    [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'lpReview.take_part':  [N,    N,     N,     P,   N,     N,       N,      N,      N],
  'lpSubmission.submit': [N,    N,     N,     P,   N,     N,       N,      N,      N],
  'lpAssessment.record': [N,    N,     N,     N,   N,     P,       N,      N,      N],
  'lpModeration.sample': [N,    N,     N,     N,   N,     Y,       N,      N,      N],
  'lpModeration.record': [N,    N,     N,     N,   N,     P,       N,      N,      N],
  'lpCertificate.view':  [Y,    P,     P,     P,   P,     P,       P,      P,      P],
  'lpSupportDay.log':    [Y,    P,     P,     P,   P,     P,       P,      P,      P],
  'lpReport.view':       [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'cpd.view':            [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'cpd.manage':          [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'cpd.book':            [Y,    P,     P,     P,   P,     P,       P,      P,      P],
  'cpd.bookStaff':       [Y,    S,     N,     N,   N,     N,       N,      N,      N],
  'cpd.register':        [Y,    P,     P,     P,   P,     P,       P,      P,      P],
  'cpd.feedback':        [P,    P,     P,     P,   P,     P,       P,      P,      P],
  'cpd.report':          [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'trio.view':           [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'trio.signup':         [P,    P,     P,     P,   P,     P,       P,      P,      P],
  'trio.manage':         [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'trio.record':         [Y,    P,     P,     P,   P,     P,       P,      P,      P],
  'leadership.view':     [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'leadership.manage':   [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'feedback360.own':     [P,    P,     P,     P,   P,     P,       P,      P,      P],
  'peerReview.manage':   [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'peerReview.take_part':[P,    P,     P,     P,   P,     P,       P,      P,      P],
  'round.view':          [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'round.manage':        [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'round.apply':         [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'application.view':    [Y,    S,     N,     N,   N,     Y,       N,      N,      N],
  'application.own':     [P,    P,     P,     P,   P,     P,       P,      P,      P],
  'application.endorse': [N,    S,     N,     N,   N,     N,       N,      N,      N],
  'application.score':   [Y,    N,     N,     N,   N,     Y,       N,      N,      N],
  'application.decide':  [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'money.manage':        [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'statement.list':      [Y,    Y,     N,     N,   N,     N,       N,      N,      N],
  'statement.view':      [Y,    S,     N,     N,   N,     N,       N,      N,      N],
  'report.view':         [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'offer.view':          [Y,    Y,     Y,     Y,   Y,     Y,       Y,      Y,      Y],
  'offer.manage':        [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'request.list':        [Y,    Y,     N,     N,   N,     N,       N,      N,      N],
  'request.view':        [Y,    S,     N,     N,   N,     N,       N,      N,      N],
  'request.raise':       [Y,    S,     N,     N,   N,     N,       N,      N,      N],
  'request.broker':      [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'deployment.list':     [Y,    Y,     Y,     N,   N,     N,       N,      N,      N],
  'deployment.view':     [Y,    B,     P,     P,   P,     P,       P,      P,      P],
  'deployment.consent':  [P,    P,     P,     P,   P,     P,       P,      P,      P],
  'deployment.release':  [N,    S,     N,     N,   N,     N,       N,      N,      N],
  'deployment.agree':    [Y,    S,     N,     N,   N,     N,       N,      N,      N],
  'deployment.log':      [Y,    P,     P,     P,   P,     P,       P,      P,      P],
  'deployment.evaluate': [Y,    S,     N,     N,   N,     N,       N,      N,      N],
  'deployment.reflect':  [P,    P,     P,     P,   P,     P,       P,      P,      P],
  'deployment.manage':   [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'privacy.export':      [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'privacy.erase':       [Y,    N,     N,     N,   N,     N,       N,      N,      N],
  'privacy.manage':      [Y,    N,     N,     N,   N,     N,       N,      N,      N],
};

// What a member of a partner network (no role here, the partnership only) may do in this network.
const partnerMay: Action[] = ['directory.view', 'offer.view'];

const OWN = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const OWN_SCHOOL = 100001;
const OTHER_SCHOOL = 200002;
const SELF = '00000000-0000-4000-8000-0000000000f1';

const person = (
  memberships: { networkId: string; role: Role }[],
  schoolUrn: number | null = OWN_SCHOOL,
  partnerNetworkIds: string[] = [],
): Actor => ({
  kind: 'person',
  personId: SELF,
  name: 'Grid Person',
  email: 'grid@example.org',
  schoolUrn,
  memberships,
  partnerNetworkIds,
  via: 'session',
});

/** Every shape of subject a rule might look at, in one network. */
const subjectsIn = (networkId: string): Record<string, Subject> => ({
  'own school': { networkId, schoolUrn: OWN_SCHOOL },
  'other school': { networkId, schoolUrn: OTHER_SCHOOL },
  'no school': { networkId, schoolUrn: null },
  'no school given': { networkId },
  'the actor themself': { networkId, personId: SELF, schoolUrn: OWN_SCHOOL },
});

const expected = (cell: Cell, subject: string) =>
  cell === Y ||
  ((cell === S || cell === B) && (subject === 'own school' || subject === 'the actor themself')) ||
  (cell === P && subject === 'the actor themself');

const actions = Object.keys(rules) as Action[];

describe('policy grid', () => {
  it('has one row for every action in rules and one column for every role', () => {
    expect(Object.keys(grid).sort()).toEqual([...actions].sort());
    expect([...columns].sort()).toEqual([...roles].sort());
  });

  describe.each(actions)('%s', (action) => {
    it.each(columns.map((role, i) => [role, i] as const))('as %s in their own network', (role, i) => {
      const cell = grid[action]?.[i];
      expect(cell, `no row in the grid for ${action}`).toBeDefined();
      const actor = person([{ networkId: OWN, role }]);
      for (const [name, subject] of Object.entries(subjectsIn(OWN))) {
        expect(can(actor, action, subject), `${role} ${action} (${name})`).toBe(expected(cell!, name));
      }
      // A rule limited to the actor's own school allows nothing to someone with no school.
      const schoolless = person([{ networkId: OWN, role }], null);
      for (const [name, subject] of Object.entries(subjectsIn(OWN))) {
        expect(can(schoolless, action, subject), `${role} without a school, ${action} (${name})`).toBe(
          cell === Y || ((cell === P || cell === B) && name === 'the actor themself'),
        );
      }
    });
  });

  it('allows nothing in a network the actor is not a member of, whatever roles they hold elsewhere', () => {
    const everything = person(roles.map((role) => ({ networkId: OWN, role })));
    const allowed = actions.flatMap((action) =>
      Object.entries(subjectsIn(OTHER))
        .filter(([, subject]) => can(everything, action, subject))
        .map(([name]) => `${action} (${name})`),
    );
    expect(allowed).toEqual([]);
  });

  it('lets a partner network’s member see the directory and nothing else', () => {
    const partner = person([{ networkId: OTHER, role: 'network_admin' }], OWN_SCHOOL, [OWN]);
    const allowed = actions.filter((action) => Object.values(subjectsIn(OWN)).every((subject) => can(partner, action, subject)));
    expect(allowed.sort()).toEqual([...partnerMay].sort());
    const stranger = person([{ networkId: OTHER, role: 'network_admin' }]);
    expect(can(stranger, 'directory.view', { networkId: OWN })).toBe(false);
  });

  it('refuses an anonymous actor everything', () => {
    for (const action of actions) {
      for (const subject of Object.values(subjectsIn(OWN))) expect(can(null, action, subject), action).toBe(false);
    }
  });

  it('allows an operator at the CLI everything', () => {
    const operator: Actor = { kind: 'operator', label: 'grid' };
    for (const action of actions) {
      for (const subject of [...Object.values(subjectsIn(OWN)), ...Object.values(subjectsIn(OTHER))])
        expect(can(operator, action, subject), action).toBe(true);
    }
  });
});

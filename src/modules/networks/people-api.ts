import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { roles } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize } from '../../policy.ts';
import { createPerson } from './commands/create-person.ts';
import { grantRole } from './commands/grant-role.ts';
import { revokeRole } from './commands/revoke-role.ts';
import { leadershipLevels } from './domain.ts';
import { networkFor } from './pages.ts';
import { authorizeAdding, schoolOfNewPerson } from './people-access.ts';
import { alreadyMember } from './people-domain.ts';
import { findMembership, findPersonInNetwork, listMemberships, listPeople, type PersonRow } from './people-queries.ts';

const Role = z.enum(roles).openapi('Role');
const Person = z
  .object({
    id: z.string().uuid(),
    fullName: z.string(),
    email: z.string(),
    schoolUrn: z.number().int().nullable(),
    schoolName: z.string().nullable(),
    jobTitle: z.string().nullable(),
    leadershipLevel: z.enum(leadershipLevels).nullable(),
    roles: z.array(Role).openapi({ description: 'Roles in this network only' }),
  })
  .openapi('Person');
const NewPerson = z
  .object({
    fullName: z.string().trim().min(1).max(200),
    email: z.email().max(254),
    schoolUrn: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .openapi({ description: "The employing school's URN; a school leader may leave it out (their own school)" }),
    jobTitle: z.string().trim().max(200).nullable().optional(),
    leadershipLevel: z.enum(leadershipLevels).nullable().optional(),
    role: Role,
  })
  .openapi('NewPerson');
const Membership = z
  .object({ id: z.string().uuid(), networkId: z.string().uuid(), personId: z.string().uuid(), role: Role, createdAt: z.string() })
  .openapi('Membership');
const MembershipListItem = Membership.omit({ networkId: true }).extend({ fullName: z.string() });
const NewMembership = z.object({ personId: Uuid, role: Role }).openapi('NewMembership');

const NetworkParams = z.object({ networkId: Uuid });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

const presentPerson = (p: PersonRow) => ({
  id: p.id,
  fullName: p.fullName,
  email: p.email,
  schoolUrn: p.schoolUrn,
  schoolName: p.schoolName,
  jobTitle: p.jobTitle,
  leadershipLevel: p.leadershipLevel,
  roles: p.roles,
});

export const peopleApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/people',
      tags: ['People'],
      summary: 'Members of a network, by name',
      request: {
        params: NetworkParams,
        query: PageQuery.extend({
          q: z.string().max(200).optional().openapi({ description: 'Name or email contains' }),
          role: Role.optional(),
        }),
      },
      responses: { 200: json(z.object({ data: z.array(Person), meta: pageMeta }), 'A page of people'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'person.list');
      const { page, perPage, q, role } = c.req.valid('query');
      const { rows, total } = await listPeople(c.var.deps.database.db, network.id, { q, role }, { page, perPage });
      return c.json({ data: rows.map(presentPerson), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/people/{personId}',
      tags: ['People'],
      summary: 'One member of a network',
      request: { params: NetworkParams.extend({ personId: Uuid }) },
      responses: { 200: json(Person, 'The person'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'person.view');
      const person = await findPersonInNetwork(c.var.deps.database.db, network.id, c.req.valid('param').personId);
      if (!person) throw notFound('Person');
      return c.json(presentPerson(person), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/people',
      tags: ['People'],
      summary: 'Add a person with a role (an existing email gets the role instead)',
      request: { params: NetworkParams, body: { content: { 'application/json': { schema: NewPerson } }, required: true } },
      responses: {
        201: json(Person, 'Added'),
        409: json(z.object({}).passthrough(), 'Already a member with that role'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'person.list');
      const body = c.req.valid('json');
      const input = {
        networkId: network.id,
        fullName: body.fullName,
        email: body.email,
        schoolUrn: schoolOfNewPerson(actor, 'person.create', network.id, body.schoolUrn),
        jobTitle: body.jobTitle ?? null,
        leadershipLevel: body.leadershipLevel ?? null,
        role: body.role,
      };
      const { database, mailer, config } = c.var.deps;
      await authorizeAdding(database.db, actor, 'person.create', network.id, input);
      const { personId } = await inTransaction(database, (db) => createPerson({ db, actor, mailer, config }, input));
      const person = await findPersonInNetwork(database.db, network.id, personId);
      return c.json(presentPerson(person!), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/memberships',
      tags: ['Memberships'],
      summary: "The network's memberships (person x role)",
      request: { params: NetworkParams, query: PageQuery },
      responses: {
        200: json(z.object({ data: z.array(MembershipListItem), meta: pageMeta }), 'A page of memberships'),
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'person.list');
      const { page, perPage } = c.req.valid('query');
      const { rows, total } = await listMemberships(c.var.deps.database.db, network.id, { page, perPage });
      return c.json({ data: rows.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/memberships',
      tags: ['Memberships'],
      summary: 'Give a member of the network another role',
      request: { params: NetworkParams, body: { content: { 'application/json': { schema: NewMembership } }, required: true } },
      responses: { 201: json(Membership, 'Granted'), 409: json(z.object({}).passthrough(), 'Role already held'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'membership.manage');
      const { personId, role } = c.req.valid('json');
      const { database, mailer, config } = c.var.deps;
      const person = await findPersonInNetwork(database.db, network.id, personId);
      if (!person) throw notFound('Person');
      const granted = await inTransaction(database, (db) =>
        grantRole({ db, actor, mailer, config }, { networkId: network.id, personId, role }),
      );
      if (!granted) throw alreadyMember(person.email, role, 'role');
      const created = await findMembership(database.db, granted.membershipId);
      return c.json({ ...created!, createdAt: created!.createdAt.toISOString() }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/networks/{networkId}/memberships/{membershipId}',
      tags: ['Memberships'],
      summary: 'Take a role away',
      request: { params: NetworkParams.extend({ membershipId: Uuid }) },
      responses: { 204: { description: 'Removed' }, 409: json(z.object({}).passthrough(), 'The last network admin'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'membership.manage');
      const { database, mailer, config } = c.var.deps;
      const membership = await findMembership(database.db, c.req.valid('param').membershipId);
      if (!membership) throw notFound('Membership');
      // Another network's membership: refused and audited, unless the actor manages that network too.
      await authorize(database.db, actor, 'membership.manage', { networkId: membership.networkId });
      if (membership.networkId !== network.id) throw notFound('Membership');
      await inTransaction(database, (db) =>
        revokeRole({ db, actor, mailer, config }, { networkId: network.id, personId: membership.personId, role: membership.role }),
      );
      return c.body(null, 204);
    },
  );

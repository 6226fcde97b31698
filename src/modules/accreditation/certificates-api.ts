import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize, can } from '../../policy.ts';
import { networkFor } from '../networks/pages.ts';
import { badgeKey, signCredential } from './badge-signing.ts';
import { badgeOf, certificateFor as certificateOfPage } from './certificates-pages.ts';
import { type CertificateRow, findCertificate, listCertificates } from './certificates-queries.ts';
import { logSupportDay } from './commands/log-support-day.ts';
import { forbiddenSupportKinds, supportDayKinds } from './support-days-domain.ts';

const IsoDate = z.iso.date().openapi({ example: '2026-03-12' });
const Certificate = z
  .object({
    id: z.string().uuid(),
    publicId: z.string().openapi({ description: 'The number printed on the certificate; /verify/{publicId} is its public page' }),
    personId: z.string().uuid(),
    holderName: z.string(),
    frameworkName: z.string(),
    issuedOn: IsoDate,
    expiresOn: IsoDate,
  })
  .openapi('LpCertificate');
const NewSupportDay = z
  .object({
    givenOn: IsoDate,
    days: z.number().positive().max(10).multipleOf(0.5).openapi({ description: 'Whole or half days' }),
    kind: z.enum([...supportDayKinds, ...forbiddenSupportKinds]).openapi({
      description: 'Formal lesson observation, interviews and capability work are named so that they are refused with the reason',
    }),
    schoolUrn: z.number().int().min(100000).max(999999).nullable().default(null),
    note: z.string().trim().max(1000).nullable().default(null),
    deploymentId: Uuid.nullable().default(null).openapi({ description: 'The support deployment the days were given under, if any' }),
  })
  .openapi('NewLpSupportDay');
const SupportDay = z
  .object({ id: z.string().uuid(), certificateId: z.string().uuid(), givenOn: IsoDate, days: z.number(), kind: z.enum(supportDayKinds) })
  .openapi('LpSupportDay');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const present = (r: CertificateRow) => ({
  id: r.id,
  publicId: r.publicId,
  personId: r.personId,
  holderName: r.holderName,
  frameworkName: r.frameworkName,
  issuedOn: r.issuedOn,
  expiresOn: r.expiresOn,
});

async function certificateFor(c: AppContext, networkId: string, certificateId: string) {
  const db = c.var.deps.database.db;
  const cert = await findCertificate(db, certificateId);
  if (!cert) throw notFound('Certificate');
  await authorize(db, c.var.actor, 'lpSupportDay.log', { networkId: cert.networkId, personId: cert.personId });
  if (cert.networkId !== networkId) throw notFound('Certificate');
  return cert;
}

export const certificatesApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/certificates',
      tags: ['Accreditation'],
      summary: 'Lead Practitioner certificates: all of the network’s for its admins, otherwise your own',
      request: { params: z.object({ networkId: Uuid }), query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Certificate), meta: pageMeta }), 'A page of certificates'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'accreditation.view');
      const { page, perPage } = c.req.valid('query');
      const holder = can(actor, 'lpCertificate.view', { networkId: network.id }) || actor.kind !== 'person' ? null : actor.personId;
      const { rows, total } = await listCertificates(c.var.deps.database.db, network.id, holder, { page, perPage });
      return c.json({ data: rows.map(present), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/certificates/{certificateId}/support-days',
      tags: ['Accreditation'],
      summary: 'Log support given by an accredited Lead Practitioner (at most 10 days an academic year, allowed kinds only)',
      request: {
        params: z.object({ networkId: Uuid, certificateId: Uuid }),
        body: { content: { 'application/json': { schema: NewSupportDay } }, required: true },
      },
      responses: { 201: json(SupportDay, 'Logged'), ...problemResponses, 409: problemResponses[400] },
    }),
    async (c) => {
      const actor = signedIn(c);
      const { networkId, certificateId } = c.req.valid('param');
      const network = await networkFor(c, 'accreditation.view');
      const certificate = await certificateFor(c, network.id, certificateId);
      if (networkId !== network.id) throw notFound();
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) =>
        logSupportDay({ db, actor, mailer, config }, { certificate, ...c.req.valid('json') }),
      );
      return c.json({ id: row.id, certificateId: row.certificateId, givenOn: row.givenOn, days: Number(row.days), kind: row.kind }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/certificates/{certificateId}/badge',
      tags: ['Accreditation'],
      summary: 'The holder’s Open Badges 3.0 credential, readable and signed as a VC-JWT (public key at /.well-known/jwks.json)',
      request: { params: z.object({ networkId: Uuid, certificateId: Uuid }) },
      responses: {
        200: json(
          z.object({
            credential: z.record(z.string(), z.unknown()).openapi({ description: 'The OpenBadgeCredential as JSON' }),
            jwt: z.string().openapi({ description: 'The same credential as a compact VC-JWT (OB 3.0 section 8.2)' }),
          }),
          'The badge',
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'accreditation.view');
      const cert = await certificateOfPage(c, network);
      const credential = await badgeOf(c, cert);
      return c.json({ credential, jwt: signCredential(credential, badgeKey(c.var.deps.config)) }, 200);
    },
  );

import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, optionalText, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { authorize, can } from '../../policy.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { findSubmission, frameworkOf, passRuleText } from './assessment-queries.ts';
import { badgeKey, signCredential } from './badge-signing.ts';
import { certificateIdPattern, certificateState, openBadgeCredential } from './certificates-domain.ts';
import { certificatePdf } from './certificates-pdf.ts';
import {
  type CertificateRow,
  deploymentsOfHolder,
  findCertificate,
  findPublicCertificate,
  listCertificates,
  supportDaysOf,
} from './certificates-queries.ts';
import { areaNav } from './cohorts-access.ts';
import { logSupportDay } from './commands/log-support-day.ts';
import {
  academicYearLabel,
  academicYearOf,
  fromHalves,
  SUPPORT_DAYS_PER_YEAR,
  type SupportDayKind,
  supportDayKindLabels,
  supportDayKinds,
  toHalves,
} from './support-days-domain.ts';

const PER_PAGE = 25;
const base = (networkId: string) => `/networks/${networkId}/accreditation`;

/** The support-day form. Kind is checked by the domain (a forbidden kind is refused with its reason). */
export const supportDayForm = z.object({
  givenOn: z.iso.date({ error: 'Enter the date as yyyy-mm-dd, such as 2026-03-12' }),
  days: z.coerce.number({ error: 'Enter whole or half days, such as 1 or 0.5' }).finite('Enter whole or half days, such as 1 or 0.5'),
  kind: z.string({ error: 'Choose the kind of support given' }).trim().min(1, 'Choose the kind of support given').max(60),
  schoolUrn: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, 'Enter a URN of 6 digits, or leave it empty')
    .optional()
    .transform((v) => (v ? Number(v) : null)),
  note: optionalText('Note', 1000),
  deploymentId: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(z.string().uuid('Choose one of the deployments listed, or none').nullable()),
});

export async function certificateFor(c: AppContext, network: Network) {
  const db = c.var.deps.database.db;
  const cert = await findCertificate(db, c.req.param('certificateId') ?? '');
  if (!cert) throw notFound('Certificate');
  await authorize(db, c.var.actor, 'lpCertificate.view', { networkId: cert.networkId, personId: cert.personId });
  if (cert.networkId !== network.id) throw notFound('Certificate');
  return cert;
}

async function certificatePage(c: AppContext, network: Network, cert: CertificateRow, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const [days, holderDeployments] = await Promise.all([supportDaysOf(db, cert.id), deploymentsOfHolder(db, cert.networkId, cert.personId)]);
  const thisYear = academicYearOf(todayIso());
  const halvesThisYear = days.filter((d) => d.academicYear === thisYear).reduce((sum, d) => sum + toHalves(Number(d.days)), 0);
  const values = (form.values ?? {}) as Record<string, string>;
  const url = `${base(network.id)}/certificates/${cert.id}`;
  return render(
    c,
    'certificates-certificate.njk',
    {
      title: `Certificate: ${cert.holderName}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: areaNav(c, network),
      cert,
      url,
      verifyUrl: `/verify/${cert.publicId}`,
      rows: [
        { key: { text: 'Name' }, value: { text: cert.holderName } },
        { key: { text: 'Framework' }, value: { text: cert.frameworkName } },
        { key: { text: 'Accredited on' }, value: { text: formatDate(cert.issuedOn) } },
        { key: { text: 'Valid until' }, value: { text: formatDate(cert.expiresOn) } },
        { key: { text: 'Certificate number' }, value: { text: cert.publicId } },
        { key: { text: 'Status' }, value: { text: certificateState(cert.expiresOn, todayIso()) === 'current' ? 'Current' : 'Expired' } },
      ],
      yearText: `${fromHalves(halvesThisYear)} of ${SUPPORT_DAYS_PER_YEAR} days logged in ${academicYearLabel(thisYear)}`,
      dayRows: days.map((d) => [
        { text: formatDate(d.givenOn) },
        { text: supportDayKindLabels[d.kind as SupportDayKind] },
        { text: d.days, format: 'numeric' },
        { text: d.schoolName ?? '' },
        { text: d.note ?? '' },
      ]),
      mayLog: can(c.var.actor, 'lpSupportDay.log', { networkId: cert.networkId, personId: cert.personId }),
      deploymentItems: holderDeployments.length
        ? [
            { value: '', text: 'Not under a deployment' },
            ...holderDeployments.map((d) => ({
              value: d.id,
              text: `${d.schoolName}, from ${formatDate(d.startsOn)}`,
              selected: values.deploymentId === d.id,
            })),
          ]
        : [],
      kindItems: supportDayKinds.map((k) => ({ value: k, text: supportDayKindLabels[k], checked: values.kind === k })),
      values,
      flash: c.req.query('done') === 'logged' && status === 200 ? { type: 'success', text: 'Support logged' } : undefined,
      ...form,
    },
    status,
  );
}

const listQuery = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1).default(1) });

/** The public verification page: a route outside /networks, no sign-in, nothing but name, framework and dates. */
/** The holder's Open Badges 3.0 credential, as the JSON download shows it and the VC-JWT signs it. */
export async function badgeOf(c: AppContext, cert: CertificateRow) {
  const db = c.var.deps.database.db;
  const submission = await findSubmission(db, cert.submissionId);
  const framework = await frameworkOf(db, submission!.frameworkVersionId);
  return openBadgeCredential({ ...cert, holderEmail: cert.email, appUrl: c.var.deps.config.appUrl, passRuleText: passRuleText(framework) });
}

export const verificationPages = new Hono<AppEnv>()
  // The public key that signs the badges, so that anyone can verify one (public data, no sign-in).
  .get('/.well-known/jwks.json', (c) =>
    c.json({ keys: [badgeKey(c.var.deps.config).jwk] }, 200, { 'Cache-Control': 'public, max-age=3600' }),
  )
  .get('/verify/:certificateId', async (c) => {
    const id = c.req.param('certificateId');
    const cert = certificateIdPattern.test(id) ? await findPublicCertificate(c.var.deps.database.db, id) : null;
    if (!cert) throw notFound('Certificate');
    const current = certificateState(cert.expiresOn, todayIso()) === 'current';
    return render(c, 'certificates-verify.njk', {
      title: `Certificate ${id}`,
      id,
      current,
      rows: [
        { key: { text: 'Name' }, value: { text: cert.holderName } },
        { key: { text: 'Framework' }, value: { text: cert.frameworkName } },
        { key: { text: 'Accredited on' }, value: { text: formatDate(cert.issuedOn) } },
        { key: { text: current ? 'Valid until' : 'Expired on' }, value: { text: formatDate(cert.expiresOn) } },
      ],
    });
  });

export const certificatePages = new Hono<AppEnv>()
  .get('/networks/:networkId/accreditation/certificates', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const query = listQuery.parse(c.req.query());
    // Admins see the network's certificates; anyone else their own.
    const all = can(actor, 'lpCertificate.view', { networkId: network.id });
    const holder = all || actor.kind !== 'person' ? null : actor.personId;
    const { rows, total } = await listCertificates(c.var.deps.database.db, network.id, holder, { page: query.page, perPage: PER_PAGE });
    const paging = paginationView({ page: query.page, perPage: PER_PAGE, total }, `${base(network.id)}/certificates`, {});
    const today = todayIso();
    return render(c, 'certificates-list.njk', {
      title: 'Certificates',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: areaNav(c, network),
      ...paging,
      tableRows: rows.map((r) => [
        linkCell(`${base(network.id)}/certificates/${r.id}`, r.holderName),
        { text: r.frameworkName },
        { text: formatDate(r.issuedOn) },
        { text: formatDate(r.expiresOn) },
        { text: certificateState(r.expiresOn, today) === 'current' ? 'Current' : 'Expired' },
      ]),
    });
  })
  .get('/networks/:networkId/accreditation/certificates/:certificateId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    return certificatePage(c, network, await certificateFor(c, network));
  })
  .get('/networks/:networkId/accreditation/certificates/:certificateId/certificate.pdf', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const cert = await certificateFor(c, network);
    const pdf = await certificatePdf({ ...cert, verifyUrl: `${c.var.deps.config.appUrl}/verify/${cert.publicId}` });
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="lead-practitioner-certificate-${cert.publicId}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
    });
  })
  .get('/networks/:networkId/accreditation/certificates/:certificateId/badge.json', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const cert = await certificateFor(c, network);
    return c.body(JSON.stringify(await badgeOf(c, cert), null, 2), 200, {
      'Content-Type': 'application/ld+json; charset=utf-8',
      'Content-Disposition': `attachment; filename="lead-practitioner-badge-${cert.publicId}.json"`,
    });
  })
  .get('/networks/:networkId/accreditation/certificates/:certificateId/badge.jwt', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const cert = await certificateFor(c, network);
    const jwt = signCredential(await badgeOf(c, cert), badgeKey(c.var.deps.config));
    return c.body(jwt, 200, {
      'Content-Type': 'application/vc+jwt',
      'Content-Disposition': `attachment; filename="lead-practitioner-badge-${cert.publicId}.jwt"`,
    });
  })
  .post('/networks/:networkId/accreditation/certificates/:certificateId/support-days', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const cert = await certificateFor(c, network);
    await authorize(c.var.deps.database.db, actor, 'lpSupportDay.log', { networkId: cert.networkId, personId: cert.personId });
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(supportDayForm, body);
    if (!form.ok) return certificatePage(c, network, cert, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => logSupportDay({ db, actor, mailer, config }, { certificate: cert, ...form.data }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return certificatePage(c, network, cert, { values: body, ...failed }, status);
    }
    return c.redirect(`${base(network.id)}/certificates/${cert.id}?done=logged`, 303);
  });

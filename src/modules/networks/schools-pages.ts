import { parse as parseCsv } from 'csv-parse/sync';
import { Hono } from 'hono';
import { z } from 'zod';
import { type CommandContext, inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formErrors, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { uploadLimit } from '../../kernel/uploads/body-limit.ts';
import { authorize, can } from '../../policy.ts';
import { addMemberSchool } from './commands/add-member-school.ts';
import { beginSchoolImport, estimateRows, importSchools } from './commands/import-schools.ts';
import { removeMemberSchool } from './commands/remove-member-school.ts';
import { isCurrentMember } from './domain.ts';
import { GiasFileError, type GiasRejection, readHeader } from './gias.ts';
import { type Network, networkFor, networkNav } from './pages.ts';
import { joinForm, leaveForm } from './schools-forms.ts';
import {
  findSchool,
  findSchoolImport,
  type SchoolRow,
  schoolFilterOptions,
  schoolMembershipHistory,
  searchSchools,
} from './schools-queries.ts';

const PER_PAGE = 50;
export const MAX_UPLOAD_BYTES = 60 * 1024 * 1024;

const listQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  phase: z.string().max(100).optional().catch(undefined),
  la: z.string().max(100).optional().catch(undefined),
  ofsted: z.string().max(100).optional().catch(undefined),
  scope: z.enum(['members', 'all']).catch('members').default('members'),
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});

const urnParam = (c: AppContext) => {
  const urn = Number(c.req.param('urn'));
  if (!Number.isSafeInteger(urn)) throw notFound('School');
  return urn;
};
const choices = (values: string[], selected: string | undefined, any: string) => [
  { value: '', text: any },
  ...values.map((v) => ({ value: v, text: v, selected: v === selected })),
];

/** Refuse an over-large upload before anything reads it (mounted ahead of the CSRF check, which parses the body). */
export const importBodyLimit = uploadLimit(MAX_UPLOAD_BYTES, 'GIAS file');

async function schoolPage(c: AppContext, network: Network, school: SchoolRow, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const history = await schoolMembershipHistory(c.var.deps.database.db, network.id, school.urn);
  const member = history.some((m) => isCurrentMember(m, todayIso()));
  const open = history.find((m) => m.leftOn === null);
  const membership = history.length
    ? history.map((m) => `Joined ${formatDate(m.joinedOn)}${m.leftOn ? `, left ${formatDate(m.leftOn)}` : ''}`).join('; ')
    : 'Never a member';
  const notKnown = 'Not known';
  return render(
    c,
    'school.njk',
    {
      title: school.name,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      breadcrumbs: [{ text: 'Schools', href: `/networks/${network.id}/schools` }, { text: school.name }],
      school,
      member,
      rows: [
        { key: { text: 'URN' }, value: { text: String(school.urn) } },
        { key: { text: 'Phase' }, value: { text: school.phase ?? notKnown } },
        { key: { text: 'Type' }, value: { text: school.type ?? notKnown } },
        { key: { text: 'Local authority' }, value: { text: school.localAuthority ?? notKnown } },
        { key: { text: 'Region' }, value: { text: school.region ?? notKnown } },
        { key: { text: 'Postcode' }, value: { text: school.postcode ?? notKnown } },
        {
          key: { text: 'Ofsted rating' },
          value: {
            text: school.ofstedRating
              ? `${school.ofstedRating}${school.ofstedDate ? ` (inspected ${formatDate(school.ofstedDate)})` : ''}`
              : 'None on record',
          },
        },
        { key: { text: 'Status' }, value: { text: school.isOpen ? 'Open' : 'Closed' } },
        { key: { text: `Membership of ${network.name}` }, value: { text: membership } },
      ],
      mayManage: can(c.var.actor, 'network.manage', { networkId: network.id }),
      openSpell: open ?? null,
      values: { joinedOn: todayIso(), leftOn: todayIso(), ...form.values },
      ...form,
    },
    status,
  );
}

function importForm(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 = 200) {
  return render(
    c,
    'schools-import.njk',
    {
      title: 'Import schools',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      backLink: `/networks/${network.id}/schools`,
      maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
      ...form,
    },
    status,
  );
}

/** The header row of an upload, checked before the work starts so the form can say what is wrong. */
function checkHeader(bytes: Uint8Array): string | null {
  const end = bytes.indexOf(10);
  const first = new TextDecoder().decode(bytes.subarray(0, end === -1 ? Math.min(bytes.length, 1 << 16) : end));
  try {
    const [header] = parseCsv(first, { bom: true, relax_quotes: true }) as string[][];
    if (!header) return 'The file is empty: choose a GIAS CSV file';
    readHeader(header);
    return null;
  } catch (err) {
    return err instanceof GiasFileError ? err.message : 'The file is not a CSV file: choose a GIAS CSV file';
  }
}

/** A school joins or leaves on a date: the form's date goes to the command; a refusal comes back on the school page. */
async function changeMembership<S extends z.ZodType<Record<string, string>>>(
  c: AppContext,
  form: S,
  command: (ctx: CommandContext, input: { networkId: string; urn: number } & z.infer<S>) => Promise<unknown>,
) {
  const actor = signedIn(c);
  const network = await networkFor(c, 'network.manage');
  const { deps } = c.var;
  const school = await findSchool(deps.database.db, urnParam(c));
  if (!school) throw notFound('School');
  const fields = formFields(await c.req.parseBody());
  const parsed = validateForm(form, fields);
  if (!parsed.ok) return schoolPage(c, network, school, { ...parsed, values: fields }, 400);
  try {
    await inTransaction(deps.database, (db) =>
      command({ db, actor, mailer: deps.mailer, config: deps.config }, { networkId: network.id, urn: school.urn, ...parsed.data }),
    );
  } catch (err) {
    const refused = commandFormErrors(err);
    return schoolPage(c, network, school, { ...refused.form, values: fields }, refused.status);
  }
  return c.redirect(`/networks/${network.id}/schools/${school.urn}`, 303);
}

export const schoolPages = new Hono<AppEnv>()
  .get('/networks/:networkId/schools', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'school.view');
    const db = c.var.deps.database.db;
    const query = listQuery.parse(c.req.query());
    const [{ rows, total }, options] = await Promise.all([
      searchSchools(db, {
        q: query.q,
        phase: query.phase || undefined,
        localAuthority: query.la || undefined,
        ofstedRating: query.ofsted || undefined,
        memberOf: query.scope === 'members' ? network.id : undefined,
        markMembersOf: network.id,
        page: query.page,
        perPage: PER_PAGE,
      }),
      schoolFilterOptions(db),
    ]);
    const base = `/networks/${network.id}/schools`;
    const paging = paginationView({ page: query.page, perPage: PER_PAGE, total }, base, {
      q: query.q,
      phase: query.phase,
      la: query.la,
      ofsted: query.ofsted,
      scope: query.scope === 'all' ? 'all' : undefined,
    });
    return render(c, 'schools.njk', {
      title: 'Schools',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      query,
      ...paging,
      mayImport: can(c.var.actor, 'school.import', { networkId: network.id }),
      scopeItems: [
        { value: 'members', text: `Member schools of ${network.name}`, checked: query.scope === 'members' },
        { value: 'all', text: 'All schools', checked: query.scope === 'all' },
      ],
      phaseItems: choices(options.phases, query.phase, 'Any phase'),
      laItems: choices(options.localAuthorities, query.la, 'Any local authority'),
      ofstedItems: choices(options.ofstedRatings, query.ofsted, 'Any rating'),
      tableRows: rows.map((s) => [
        linkCell(`${base}/${s.urn}`, s.name),
        { text: String(s.urn) },
        { text: s.phase ?? '' },
        { text: s.localAuthority ?? '' },
        { text: s.ofstedRating ?? '' },
        { text: s.isMember ? 'Member' : '' },
      ]),
    });
  })
  .get('/networks/:networkId/schools/import', async (c) => {
    signedIn(c);
    return importForm(c, await networkFor(c, 'school.import'));
  })
  .post('/networks/:networkId/schools/import', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'school.import');
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) {
      return importForm(c, network, formErrors([{ path: 'file', message: 'Select a GIAS CSV file' }]), 400);
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const headerProblem = checkHeader(bytes);
    if (headerProblem) return importForm(c, network, formErrors([{ path: 'file', message: headerProblem }]), 400);
    const { deps } = c.var;
    const ctx = { db: deps.database.db, actor, mailer: deps.mailer, config: deps.config };
    const fileName = file.name || 'upload.csv';
    const estimatedRows = estimateRows(bytes);
    const importId = await beginSchoolImport(ctx, { fileName, networkId: network.id, estimatedRows });
    // The work goes on after the redirect; the result page follows its progress.
    const job: Promise<unknown> = importSchools(ctx, { source: bytes, fileName, networkId: network.id, importId, estimatedRows })
      .catch((err) => deps.log.error('school import failed', { importId, error: String(err) }))
      .finally(() => deps.background.delete(job));
    deps.background.add(job);
    return c.redirect(`/networks/${network.id}/schools/imports/${importId}`, 303);
  })
  .get('/networks/:networkId/schools/imports/:importId', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'school.import');
    const db = c.var.deps.database.db;
    const run = await findSchoolImport(db, c.req.param('importId'));
    if (!run?.networkId) throw notFound('Import');
    // Another network's import: refused and audited.
    if (run.networkId !== network.id) await authorize(db, actor, 'school.import', { networkId: run.networkId });
    const running = run.status === 'running';
    const rejections = JSON.parse(run.rejections) as GiasRejection[];
    return render(c, 'schools-import-result.njk', {
      title: running ? 'Importing schools' : run.status === 'failed' ? 'Import failed' : 'Schools imported',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      breadcrumbs: [{ text: 'Schools', href: `/networks/${network.id}/schools` }, { text: 'Import' }],
      run,
      running,
      percent: run.totalRows ? Math.min(100, Math.floor((run.processedRows / run.totalRows) * 100)) : 0,
      rejectionRows: rejections.map((r) => [{ text: String(r.line), format: 'numeric' }, { text: r.urn ?? '' }, { text: r.reason }]),
      moreRejected: Math.max(0, run.rejectedRows - rejections.length),
    });
  })
  .get('/networks/:networkId/schools/:urn{[0-9]+}', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'school.view');
    const school = await findSchool(c.var.deps.database.db, urnParam(c));
    if (!school) throw notFound('School');
    return schoolPage(c, network, school);
  })
  .post('/networks/:networkId/schools/:urn{[0-9]+}/join', (c) => changeMembership(c, joinForm, addMemberSchool))
  .post('/networks/:networkId/schools/:urn{[0-9]+}/leave', (c) => changeMembership(c, leaveForm, removeMemberSchool));

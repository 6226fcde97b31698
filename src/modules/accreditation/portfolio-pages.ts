import { Hono } from 'hono';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { HttpError, notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formErrors, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import { megabytes } from '../../kernel/uploads/body-limit.ts';
import { acceptAttribute, allowedTypesText } from '../../kernel/uploads/content-type.ts';
import { sendUpload } from '../../kernel/uploads/download.ts';
import { uploadLimitsOf } from '../../kernel/uploads/store.ts';
import { areaBase, areaPage, frameworkOf, type PortfolioAccess, portfolioFor } from './cohorts-access.ts';
import { cohortGroups, currentMentors, isUuid } from './cohorts-queries.ts';
import { addEvidence, type NewFile, type PortfolioRef } from './commands/add-evidence.ts';
import { attachEvidenceFile, markEvidenceReady } from './commands/change-evidence.ts';
import { editEvidence, removeEvidence, removeEvidenceFile } from './commands/edit-evidence.ts';
import { giveFeedback } from './commands/give-feedback.ts';
import { shareEvidence, useSharedEvidence } from './commands/share-evidence.ts';
import { evidenceTypeLabels, evidenceTypes } from './evidence-domain.ts';
import { claimsFromFields, evidenceForm, feedbackForm } from './evidence-forms.ts';
import { coverage } from './framework-domain.ts';
import { ctxOf } from './framework-pages.ts';
import type { LoadedFramework } from './framework-queries.ts';
import { isPortfolioOpen, portfolioStatusLabels } from './portfolio-domain.ts';
import { coverageInputs, type EvidenceItem, findAttachment, portfolioEvidence } from './portfolio-queries.ts';
import { coverageTable, evidenceRows, evidenceSummary, passText } from './portfolio-view.ts';
import { groupIdOf, shareChoices, sharedSection, shareItems } from './sharing-pages.ts';
import { type SharedItem, sharedItemFor, sharedWithCandidate } from './sharing-queries.ts';

type Status = 200 | 400 | 409 | 413;
const doneText: Record<string, string> = {
  feedback: 'Feedback sent',
  changed: 'Evidence changed',
  removed: 'Evidence removed',
  file_removed: 'File removed',
  shared: 'Evidence shared with your group',
  unshared: 'Evidence no longer shared',
};
const portfolioBase = (a: PortfolioAccess) => `${areaBase(a.network.id)}/portfolios/${a.portfolio.candidate.id}`;

export function refOf(a: PortfolioAccess, framework: LoadedFramework): PortfolioRef {
  return {
    portfolioId: a.portfolio.portfolio.id,
    networkId: a.portfolio.candidate.networkId,
    candidatePersonId: a.portfolio.candidate.personId,
    framework,
  };
}

/** The uploaded file of a form, if one was chosen. */
export function chosenFile(value: unknown): NewFile | Promise<NewFile> | null {
  if (!(value instanceof File) || (value.size === 0 && !value.name)) return null;
  return value.arrayBuffer().then((b) => ({ fileName: value.name, bytes: new Uint8Array(b) }));
}

function heading(a: PortfolioAccess) {
  return a.mayEdit ? 'Your portfolio' : `Portfolio: ${a.portfolio.fullName}`;
}

async function portfolioPage(c: AppContext, a: PortfolioAccess, form: FormState = {}, status: Status = 200) {
  const db = c.var.deps.database.db;
  const [framework, { items, overallFeedback }, mentors, groups, shared] = await Promise.all([
    frameworkOf(c, a.cohort.frameworkVersionId),
    portfolioEvidence(db, a.portfolio.portfolio.id),
    currentMentors(db, a.cohort.id, todayIso()),
    cohortGroups(db, a.cohort.id),
    // Only the candidate sees what their group shared: the files are for the group's members.
    a.mayEdit ? sharedWithCandidate(db, a.portfolio.candidate.id) : [],
  ]);
  const candidateId = a.portfolio.candidate.id;
  const myGroups = groups.filter((g) => g.members.some((m) => m.candidateId === candidateId));
  const { claims, comments } = coverageInputs(items);
  const grid = coverage(framework.standards, framework.levels, framework.passRule, claims, comments);
  const base = portfolioBase(a);
  const href = (id: string) => `${base}/evidence/${id}`;
  const { status: pstatus, version } = a.portfolio.portfolio;
  return render(
    c,
    'lp-portfolio.njk',
    {
      title: heading(a),
      ...areaPage(c, a.network, 'home'),
      heading: heading(a),
      base,
      mayEdit: a.mayEdit && isPortfolioOpen(pstatus),
      mayMentor: a.mayMentor,
      locked: !isPortfolioOpen(pstatus),
      submissionHref: a.mayEdit ? `${areaBase(a.network.id)}/candidates/${a.portfolio.candidate.id}/submission` : null,
      flash:
        c.req.query('done') && status === 200
          ? { type: 'success', text: doneText[c.req.query('done') ?? ''] ?? 'Evidence saved' }
          : undefined,
      summaryRows: [
        { key: { text: 'Candidate' }, value: { text: a.portfolio.fullName } },
        { key: { text: 'Cohort' }, value: { text: a.cohort.name } },
        { key: { text: 'Status' }, value: { text: `${portfolioStatusLabels[pstatus]} (version ${version})` } },
        { key: { text: 'Mentor now' }, value: { text: mentors.get(a.portfolio.candidate.id)?.name ?? 'None' } },
        ...myGroups.map((g) => ({
          key: { text: 'Small group' },
          value: {
            text: `${g.name}${g.focus ? ` (${g.focus})` : ''}, with ${
              g.members
                .filter((m) => m.candidateId !== candidateId)
                .map((m) => m.fullName)
                .join(', ') || 'no one else yet'
            }`,
          },
        })),
      ],
      coverage: coverageTable(grid, href),
      passText: passText(grid, framework),
      passMet: grid.pass.met,
      readyText: `Counting only items marked ready: ${grid.passOnReady.standardsAtLevel} of ${grid.passOnReady.needed} standards.`,
      evidenceRows: evidenceRows(items, framework, href),
      inGroup: a.mayEdit && myGroups.length > 0,
      shared: sharedSection(shared, items, base, isPortfolioOpen(pstatus)),
      overallFeedback: overallFeedback.map((f) => ({
        author: f.authorName ?? 'A former mentor',
        at: formatDate(f.createdAt),
        body: f.body,
      })),
      values: form.values ?? {},
      ...form,
    },
    status,
  );
}

/** The evidence form: a new item (with an optional file), or an item being changed (`item`, files kept apart). */
async function evidenceFormPage(
  c: AppContext,
  a: PortfolioAccess,
  form: FormState = {},
  status: Status = 200,
  item?: EvidenceItem,
  from?: SharedItem | null,
) {
  const [framework, myGroups] = await Promise.all([frameworkOf(c, a.cohort.frameworkVersionId), shareChoices(c, a)]);
  const values = (form.values ?? (item ? itemValues(item) : from ? sharedValues(from) : {})) as Record<string, unknown>;
  const base = portfolioBase(a);
  return render(
    c,
    'lp-evidence-new.njk',
    {
      title: item ? `Change ${item.title}` : 'Add evidence',
      heading: item ? 'Change evidence' : 'Add evidence',
      editing: Boolean(item),
      ...areaPage(c, a.network, 'home'),
      backLink: item ? `${base}/evidence/${item.id}` : base,
      action: item ? `${base}/evidence/${item.id}/edit` : `${base}/evidence`,
      typeItems: [
        { value: '', text: 'Choose a type' },
        ...evidenceTypes.map((t) => ({ value: t, text: evidenceTypeLabels[t], selected: values.type === t })),
      ],
      groups: framework.groups.map((g) => ({
        name: g.name,
        standards: g.standards.map((s) => ({
          id: `level.${s.id}`,
          label: `${s.code} ${s.title}`,
          items: [
            { value: '', text: 'Not claimed' },
            ...framework.levels.map((l) => ({
              value: String(l.level),
              text: `${l.level} ${l.name} (${l.description.toLowerCase()})`,
              selected: values[`level.${s.id}`] === String(l.level),
            })),
          ],
        })),
      })),
      accept: acceptAttribute,
      fileHint: `Optional. ${fileHintOf(c)}`,
      shareItems: myGroups.length ? shareItems(myGroups, values.groupId as string | undefined) : null,
      from: from ? { id: from.id, title: from.title, authorName: from.authorName } : null,
      values,
      ...form,
    },
    status,
  );
}

/** An item as the form shows it. */
function itemValues(item: EvidenceItem): Record<string, string> {
  return {
    title: item.title,
    type: item.type,
    whatWasDone: item.whatWasDone,
    withWhom: item.withWhom ?? '',
    occurredOn: item.occurredOn,
    impact: item.impact,
    impactMeasure: item.impactMeasure ?? '',
    links: item.links.map((l) => l.url).join('\n'),
    groupId: item.groupId ?? '',
    ...Object.fromEntries(item.claims.map((cl) => [`level.${cl.standardId}`, String(cl.claimedLevel)])),
  };
}

/** A shared item as the form starts it for a group member who took part: their own account to adjust. */
function sharedValues(from: SharedItem): Record<string, string> {
  return {
    title: from.title,
    type: from.type,
    whatWasDone: from.whatWasDone,
    withWhom: [from.authorName, from.withWhom].filter(Boolean).join(', ').slice(0, 500),
    occurredOn: from.occurredOn,
    impact: from.impact,
    impactMeasure: from.impactMeasure ?? '',
    links: from.links.map((l) => l.url).join('\n'),
    sharedFromId: from.id,
  };
}

/** The item in the path, of the portfolio in the path. */
async function itemOfPath(c: AppContext, a: PortfolioAccess) {
  const { items } = await portfolioEvidence(c.var.deps.database.db, a.portfolio.portfolio.id);
  const item = items.find((i) => i.id === c.req.param('evidenceId'));
  if (!item) throw notFound('Evidence');
  return item;
}

/** What an open portfolio's form says of files: the allowed types and this installation's size limit. */
function fileHintOf(c: AppContext) {
  return `${allowedTypesText[0]!.toUpperCase()}${allowedTypesText.slice(1)}, up to ${megabytes(uploadLimitsOf(c.var.deps.config).maxFileBytes)}.`;
}

const lockedForm = () =>
  formErrors([{ path: 'main-content', message: 'The portfolio is submitted: its evidence can no longer be changed.' }]);

async function evidencePage(c: AppContext, a: PortfolioAccess, form: FormState = {}, status: Status = 200) {
  const db = c.var.deps.database.db;
  const [framework, { items }, myGroups] = await Promise.all([
    frameworkOf(c, a.cohort.frameworkVersionId),
    portfolioEvidence(db, a.portfolio.portfolio.id),
    shareChoices(c, a),
  ]);
  const item = items.find((i) => i.id === c.req.param('evidenceId'));
  if (!item) throw notFound('Evidence');
  const sharedWith = myGroups.find((g) => g.id === item.groupId);
  const base = portfolioBase(a);
  return render(
    c,
    'lp-evidence.njk',
    {
      title: item.title,
      ...areaPage(c, a.network, 'home'),
      breadcrumbs: [{ text: heading(a), href: base }, { text: item.title }],
      item,
      action: `${base}/evidence/${item.id}`,
      summaryRows: evidenceSummary(item, framework),
      links: item.links,
      files: item.files.map((f) => ({
        href: `${base}/files/${f.id}`,
        removeAction: `${base}/evidence/${item.id}/files/${f.id}/remove`,
        name: f.fileName,
        size: `${Math.max(1, Math.round(f.sizeBytes / 1024))} KB`,
      })),
      feedback: item.feedback.map((f) => ({ author: f.authorName ?? 'A former mentor', at: formatDate(f.createdAt), body: f.body })),
      mayEdit: a.mayEdit && isPortfolioOpen(a.portfolio.portfolio.status),
      mayMentor: a.mayMentor,
      sharedWith: sharedWith?.name ?? null,
      shareItems: myGroups.length ? shareItems(myGroups, (form.values?.groupId as string | undefined) ?? item.groupId) : null,
      accept: acceptAttribute,
      fileHint: fileHintOf(c),
      values: form.values ?? {},
      flash: c.req.query('done') && status === 200 ? { type: 'success', text: doneText[c.req.query('done') ?? ''] ?? 'Saved' } : undefined,
      ...form,
    },
    status,
  );
}

/** Run a portfolio command; a refusal (locked, bad file, bad level) comes back on `again` with its reason. */
async function attempt(
  c: AppContext,
  work: () => Promise<unknown>,
  again: (form: FormState, status: Status) => Promise<Response>,
  fields: Record<string, unknown>,
  next: string,
) {
  try {
    await work();
  } catch (err) {
    const refused = refusalOf(err);
    return again({ ...refused.form, values: fields }, refused.status);
  }
  return c.redirect(next, 303);
}

function refusalOf(err: unknown) {
  // The lock (409 naming no field) and an over-size file (413) are shown on the form too.
  if (err instanceof HttpError && (err.status === 409 || err.status === 413)) {
    return {
      status: err.status,
      form: formErrors(err.fields?.length ? err.fields : [{ path: 'main-content', message: err.detail ?? err.title }]),
    };
  }
  return commandFormErrors(err);
}

export const portfolioPages = new Hono<AppEnv>()
  .get('/networks/:networkId/accreditation/portfolios/:candidateId', async (c) => {
    signedIn(c);
    return portfolioPage(c, await portfolioFor(c, 'view'));
  })
  .post('/networks/:networkId/accreditation/portfolios/:candidateId/feedback', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'mentor');
    const fields = formFields(await c.req.parseBody());
    const parsed = validateForm(feedbackForm, fields);
    if (!parsed.ok) return portfolioPage(c, a, { ...parsed, values: fields }, 400);
    const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
    return attempt(
      c,
      () =>
        inTransaction(c.var.deps.database, (db) =>
          giveFeedback(ctxOf(c)(db), refOf(a, framework), { evidenceId: null, body: parsed.data.body }),
        ),
      (form, status) => portfolioPage(c, a, form, status),
      fields,
      `${portfolioBase(a)}?done=feedback`,
    );
  })
  .get('/networks/:networkId/accreditation/portfolios/:candidateId/evidence/new', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'edit');
    if (!isPortfolioOpen(a.portfolio.portfolio.status)) return portfolioPage(c, a, lockedForm(), 409);
    const fromId = c.req.query('from');
    const from = fromId ? await sharedItemFor(c.var.deps.database.db, a.portfolio.candidate.id, fromId) : null;
    if (fromId && !from) throw notFound('Shared evidence');
    return evidenceFormPage(c, a, {}, 200, undefined, from);
  })
  .post('/networks/:networkId/accreditation/portfolios/:candidateId/evidence', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'edit');
    const body = await c.req.parseBody();
    const fields = formFields(body);
    const parsed = validateForm(evidenceForm, fields);
    if (!parsed.ok) return evidenceFormPage(c, a, { ...parsed, values: fields }, 400);
    const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
    const file = await chosenFile(body.file);
    const ref = { ...refOf(a, framework), candidateId: a.portfolio.candidate.id };
    const sharedFromId = groupIdOf(fields.sharedFromId);
    const groupId = groupIdOf(fields.groupId);
    return attempt(
      c,
      () =>
        inTransaction(c.var.deps.database, async (db) => {
          const ctx = ctxOf(c)(db);
          const input = { ...parsed.data, claims: claimsFromFields(fields), links: parsed.data.links.map((url) => ({ url, label: null })) };
          const item = sharedFromId
            ? await useSharedEvidence(ctx, ref, sharedFromId, input, file ? [file] : [])
            : await addEvidence(ctx, ref, input, file ? [file] : []);
          if (groupId) await shareEvidence(ctx, ref, item.id, groupId);
        }),
      (form, status) => evidenceFormPage(c, a, form, status),
      fields,
      `${portfolioBase(a)}?done=evidence`,
    );
  })
  .get('/networks/:networkId/accreditation/portfolios/:candidateId/evidence/:evidenceId', async (c) => {
    signedIn(c);
    return evidencePage(c, await portfolioFor(c, 'view'));
  })
  .post('/networks/:networkId/accreditation/portfolios/:candidateId/evidence/:evidenceId/files', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'edit');
    const body = await c.req.parseBody();
    const file = await chosenFile(body.file);
    if (!file) return evidencePage(c, a, formErrors([{ path: 'file', message: 'Choose a file to attach' }]), 400);
    const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
    const evidenceId = c.req.param('evidenceId');
    return attempt(
      c,
      () => inTransaction(c.var.deps.database, (db) => attachEvidenceFile(ctxOf(c)(db), refOf(a, framework), evidenceId, file)),
      (form, status) => evidencePage(c, a, form, status),
      {},
      `${portfolioBase(a)}/evidence/${evidenceId}?done=file`,
    );
  })
  .post('/networks/:networkId/accreditation/portfolios/:candidateId/evidence/:evidenceId/ready', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'edit');
    const fields = formFields(await c.req.parseBody());
    const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
    const evidenceId = c.req.param('evidenceId');
    return attempt(
      c,
      () =>
        inTransaction(c.var.deps.database, (db) => markEvidenceReady(ctxOf(c)(db), refOf(a, framework), evidenceId, fields.ready !== 'no')),
      (form, status) => evidencePage(c, a, form, status),
      {},
      `${portfolioBase(a)}/evidence/${evidenceId}?done=ready`,
    );
  })
  .post('/networks/:networkId/accreditation/portfolios/:candidateId/evidence/:evidenceId/sharing', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'edit');
    const fields = formFields(await c.req.parseBody());
    const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
    const evidenceId = c.req.param('evidenceId');
    const groupId = groupIdOf(fields.groupId);
    const ref = { ...refOf(a, framework), candidateId: a.portfolio.candidate.id };
    return attempt(
      c,
      () => inTransaction(c.var.deps.database, (db) => shareEvidence(ctxOf(c)(db), ref, evidenceId, groupId)),
      (form, status) => evidencePage(c, a, form, status),
      fields,
      `${portfolioBase(a)}/evidence/${evidenceId}?done=${groupId ? 'shared' : 'unshared'}`,
    );
  })
  .post('/networks/:networkId/accreditation/portfolios/:candidateId/evidence/:evidenceId/feedback', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'mentor');
    const fields = formFields(await c.req.parseBody());
    const parsed = validateForm(feedbackForm, fields);
    if (!parsed.ok) return evidencePage(c, a, { ...parsed, values: fields }, 400);
    const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
    const evidenceId = c.req.param('evidenceId');
    return attempt(
      c,
      () =>
        inTransaction(c.var.deps.database, (db) => giveFeedback(ctxOf(c)(db), refOf(a, framework), { evidenceId, body: parsed.data.body })),
      (form, status) => evidencePage(c, a, form, status),
      fields,
      `${portfolioBase(a)}/evidence/${evidenceId}?done=feedback`,
    );
  })
  .get('/networks/:networkId/accreditation/portfolios/:candidateId/evidence/:evidenceId/edit', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'edit');
    const item = await itemOfPath(c, a);
    if (!isPortfolioOpen(a.portfolio.portfolio.status)) return evidencePage(c, a, lockedForm(), 409);
    return evidenceFormPage(c, a, {}, 200, item);
  })
  .post('/networks/:networkId/accreditation/portfolios/:candidateId/evidence/:evidenceId/edit', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'edit');
    const item = await itemOfPath(c, a);
    const fields = formFields(await c.req.parseBody());
    const parsed = validateForm(evidenceForm, fields);
    if (!parsed.ok) return evidenceFormPage(c, a, { ...parsed, values: fields }, 400, item);
    const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
    const ref = { ...refOf(a, framework), candidateId: a.portfolio.candidate.id };
    return attempt(
      c,
      () =>
        inTransaction(c.var.deps.database, async (db) => {
          const ctx = ctxOf(c)(db);
          await editEvidence(ctx, ref, item.id, {
            ...parsed.data,
            claims: claimsFromFields(fields),
            links: parsed.data.links.map((url) => ({ url, label: null })),
          });
          // The choice is on the form only for a candidate in a group; its absence leaves the sharing as it is.
          if ('groupId' in fields) await shareEvidence(ctx, ref, item.id, groupIdOf(fields.groupId));
        }),
      (form, status) => evidenceFormPage(c, a, form, status, item),
      fields,
      `${portfolioBase(a)}/evidence/${item.id}?done=changed`,
    );
  })
  .get('/networks/:networkId/accreditation/portfolios/:candidateId/evidence/:evidenceId/remove', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'edit');
    const item = await itemOfPath(c, a);
    if (!isPortfolioOpen(a.portfolio.portfolio.status)) return evidencePage(c, a, lockedForm(), 409);
    return render(c, 'lp-evidence-remove.njk', {
      title: `Remove ${item.title}`,
      ...areaPage(c, a.network, 'home'),
      backLink: `${portfolioBase(a)}/evidence/${item.id}`,
      item,
      action: `${portfolioBase(a)}/evidence/${item.id}/remove`,
      files: item.files.length,
      feedback: item.feedback.length,
    });
  })
  .post('/networks/:networkId/accreditation/portfolios/:candidateId/evidence/:evidenceId/remove', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'edit');
    const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
    const evidenceId = c.req.param('evidenceId');
    return attempt(
      c,
      () => inTransaction(c.var.deps.database, (db) => removeEvidence(ctxOf(c)(db), refOf(a, framework), evidenceId)),
      (form, status) => evidencePage(c, a, form, status),
      {},
      `${portfolioBase(a)}?done=removed`,
    );
  })
  .post('/networks/:networkId/accreditation/portfolios/:candidateId/evidence/:evidenceId/files/:uploadId/remove', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'edit');
    const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
    const evidenceId = c.req.param('evidenceId');
    const uploadId = c.req.param('uploadId');
    if (!isUuid(uploadId)) throw notFound('File');
    return attempt(
      c,
      () => inTransaction(c.var.deps.database, (db) => removeEvidenceFile(ctxOf(c)(db), refOf(a, framework), evidenceId, uploadId)),
      (form, status) => evidencePage(c, a, form, status),
      {},
      `${portfolioBase(a)}/evidence/${evidenceId}?done=file_removed`,
    );
  })
  .get('/networks/:networkId/accreditation/portfolios/:candidateId/files/:uploadId', async (c) => {
    signedIn(c);
    const a = await portfolioFor(c, 'view');
    const db = c.var.deps.database.db;
    const found = await findAttachment(db, c.req.param('uploadId'));
    if (!found || found.candidateId !== a.portfolio.candidate.id) throw notFound('File');
    return sendUpload(c, db, found.upload);
  });

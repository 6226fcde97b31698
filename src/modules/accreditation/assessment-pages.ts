import { and, asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, optionalText, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { sendUpload } from '../../kernel/uploads/download.ts';
import { findUpload } from '../../kernel/uploads/store.ts';
import { authorize, can } from '../../policy.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { memberships, people } from '../networks/schema.ts';
import {
  effectiveLevel,
  type JudgementInput,
  maySample,
  type Outcome,
  outcomeLabels,
  type SubmissionStatus,
  submissionStatuses,
  submissionStatusLabels,
} from './assessment-domain.ts';
import {
  type CandidateRow,
  type EvidenceSnapshot,
  type FrameworkView,
  findCandidate,
  findSubmission,
  frameworkOf,
  judgementsOf,
  latestSubmission,
  listSubmissions,
  passRuleText,
  type SubmissionRow,
  snapshotHasFile,
} from './assessment-queries.ts';
import { areaNav } from './cohorts-access.ts';
import { assignAssessor } from './commands/assign-assessor.ts';
import { recordAssessment } from './commands/record-assessment.ts';
import { recordModeration } from './commands/record-moderation.ts';
import { sampleSubmission } from './commands/sample-submission.ts';
import { submitPortfolio } from './commands/submit-portfolio.ts';
import { portfolioStatusLabels } from './portfolio-domain.ts';

const PER_PAGE = 25;
const base = (networkId: string) => `/networks/${networkId}/accreditation`;

/** Evidence as the shared partial shows it: claims as one line ("S1 level 3, S4 level 2"). */
export const evidenceView = (evidence: EvidenceSnapshot) =>
  evidence.map((e) => ({
    ...e,
    claimsText: e.claims.map((c) => `${c.code} level ${c.level}`).join(', ') || 'None',
    files: (e.files ?? []).map((f) => ({ ...f, sizeKb: Math.max(1, Math.round(f.sizeBytes / 1024)) })),
  }));

function levelText(f: FrameworkView, level: number | null | undefined) {
  if (level == null) return 'Not evidenced';
  return `${level} ${f.levels.find((l) => l.level === level)?.name ?? ''}`.trim();
}

// ---- The candidate's own view: submit, then follow the outcome ----

export async function candidateFor(c: AppContext, network: Network) {
  const db = c.var.deps.database.db;
  const candidate = await findCandidate(db, c.req.param('candidateId') ?? '');
  if (!candidate) throw notFound('Candidate');
  await authorize(db, c.var.actor, 'lpPortfolio.view', { networkId: candidate.networkId, personId: candidate.personId });
  if (candidate.networkId !== network.id) throw notFound('Candidate');
  return candidate;
}

async function candidatePage(
  c: AppContext,
  network: Network,
  candidate: CandidateRow,
  form: FormState = {},
  status: 200 | 400 | 409 = 200,
) {
  const db = c.var.deps.database.db;
  const submission = await latestSubmission(db, candidate.id);
  const framework = await frameworkOf(db, candidate.frameworkVersionId);
  const judgements = submission?.status === 'decided' ? await judgementsOf(db, submission.id) : [];
  const byStandard = new Map(judgements.map((j) => [j.standardId, j]));
  const open = candidate.portfolioStatus === 'draft' || candidate.portfolioStatus === 'resubmit';
  return render(
    c,
    'assessment-candidate.njk',
    {
      title: `${candidate.fullName}: submission`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: areaNav(c, network),
      candidate,
      portfolioStatus: candidate.portfolioStatus ? portfolioStatusLabels[candidate.portfolioStatus] : 'Not started',
      maySubmit: open && can(c.var.actor, 'lpSubmission.submit', { networkId: network.id, personId: candidate.personId }),
      passRule: passRuleText(framework),
      submission: submission && {
        ...submission,
        statusText: submissionStatusLabels[submission.status],
        outcomeText: submission.outcome ? outcomeLabels[submission.outcome as Outcome] : null,
      },
      judgementRows: framework.standards.map((s) => {
        const j = byStandard.get(s.id);
        return [{ text: `${s.code} ${s.title}` }, { text: j ? levelText(framework, effectiveLevel(j)) : '' }, { text: j?.feedback ?? '' }];
      }),
      flash: c.req.query('done') === 'submitted' && status === 200 ? { type: 'success', text: 'Portfolio submitted' } : undefined,
      ...form,
    },
    status,
  );
}

// ---- Submissions: the manager, assessors and moderators ----

/** May the actor open this submission, and in which part? */
function partsOf(c: AppContext, s: SubmissionRow) {
  const actor = c.var.actor;
  const subject = { networkId: s.networkId };
  const manage = can(actor, 'lpOutcome.manage', subject);
  const assess = can(actor, 'lpAssessment.record', { ...subject, personId: s.assessorId });
  const moderate = can(actor, 'lpModeration.record', { ...subject, personId: s.moderatorId });
  const sample =
    can(actor, 'lpModeration.sample', subject) &&
    maySample(s.status) &&
    !s.moderatorId &&
    actor?.kind === 'person' &&
    actor.personId !== s.assessorId &&
    actor.personId !== s.candidatePersonId;
  return { manage, assess, moderate, sample };
}

export async function submissionFor(c: AppContext, network: Network) {
  const db = c.var.deps.database.db;
  const s = await findSubmission(db, c.req.param('submissionId') ?? '');
  if (!s) throw notFound('Submission');
  const parts = partsOf(c, s);
  // Nobody with a part here: refuse (audited) as an assessor of someone else's submission would be.
  if (!Object.values(parts).some(Boolean))
    await authorize(db, c.var.actor, 'lpAssessment.record', { networkId: s.networkId, personId: s.assessorId });
  if (s.networkId !== network.id) throw notFound('Submission');
  return { submission: s, parts };
}

async function assessorsOf(c: AppContext, networkId: string) {
  return c.var.deps.database.db
    .select({ id: people.id, fullName: people.fullName })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, 'assessor')))
    .orderBy(asc(people.fullName));
}

async function submissionPage(
  c: AppContext,
  network: Network,
  loaded: Awaited<ReturnType<typeof submissionFor>>,
  form: FormState = {},
  status: 200 | 400 | 409 = 200,
) {
  const db = c.var.deps.database.db;
  const { submission: s, parts } = loaded;
  const framework = await frameworkOf(db, s.frameworkVersionId);
  const judgements = new Map((await judgementsOf(db, s.id)).map((j) => [j.standardId, j]));
  const values = (form.values ?? {}) as Record<string, string>;
  const levelItems = (chosen: string | undefined) => [
    ...framework.levels.map((l) => ({
      value: String(l.level),
      text: `${l.level} ${l.name}`,
      hint: { text: l.description },
      checked: chosen === String(l.level),
    })),
    { value: 'none', text: 'Not evidenced', checked: chosen === 'none' },
  ];
  const asValue = (level: number | null | undefined) => (level === undefined ? undefined : level === null ? 'none' : String(level));
  const assessing = parts.assess && s.status === 'in_assessment';
  const moderating = parts.moderate && s.status === 'in_moderation';
  const standards = framework.standards.map((st) => {
    const j = judgements.get(st.id);
    const levelName = `level-${st.id}`;
    return {
      ...st,
      levelName,
      feedbackName: `feedback-${st.id}`,
      feedback: values[`feedback-${st.id}`] ?? j?.feedback ?? '',
      assessorLevel: j ? levelText(framework, j.level) : 'Not judged yet',
      assessorFeedback: j?.feedback ?? '',
      outcomeLevel: j ? levelText(framework, effectiveLevel(j)) : '',
      overturned: j?.overturned ?? false,
      items: levelItems(values[levelName] ?? (moderating ? asValue(j?.level ?? null) : asValue(j?.level))),
    };
  });
  const assessors =
    parts.manage && (s.status === 'awaiting_assessor' || s.status === 'in_assessment') ? await assessorsOf(c, network.id) : [];
  return render(
    c,
    'assessment-submission.njk',
    {
      title: `${s.candidateName}: portfolio version ${s.portfolioVersion}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: areaNav(c, network),
      breadcrumbs:
        parts.manage || parts.sample
          ? [{ text: 'Submissions', href: `${base(network.id)}/submissions` }, { text: s.candidateName }]
          : undefined,
      submission: s,
      base: `${base(network.id)}/submissions/${s.id}`,
      rows: [
        { key: { text: 'Candidate' }, value: { text: s.candidateName } },
        { key: { text: 'Cohort' }, value: { text: s.cohortName } },
        { key: { text: 'Framework' }, value: { text: `${framework.name} (version ${framework.version})` } },
        { key: { text: 'Pass rule' }, value: { text: passRuleText(framework) } },
        { key: { text: 'Status' }, value: { text: submissionStatusLabels[s.status] } },
        { key: { text: 'Assessor' }, value: { text: s.assessorName ?? 'Not assigned' } },
        { key: { text: 'Moderator' }, value: { text: s.moderatorName ?? 'Not sampled' } },
        ...(s.outcome ? [{ key: { text: 'Outcome' }, value: { text: outcomeLabels[s.outcome as Outcome] } }] : []),
        ...(s.toWorkOn.length ? [{ key: { text: 'Standards to work on' }, value: { text: s.toWorkOn.join(', ') } }] : []),
      ],
      evidence: evidenceView(s.snapshot),
      fileBase: `${base(network.id)}/submissions/${s.id}/files`,
      standards,
      assessing,
      moderating,
      maySample: parts.sample,
      assessorItems: assessors.length
        ? [
            { value: '', text: 'Choose an assessor' },
            ...assessors.map((a) => ({ value: a.id, text: a.fullName, selected: (values.assessorId ?? s.assessorId) === a.id })),
          ]
        : [],
      decided: s.status === 'decided',
      decidedRows: standards.map((st) => [
        { text: `${st.code} ${st.title}` },
        { text: st.overturned ? `${st.outcomeLevel} (moderated; assessor: ${st.assessorLevel})` : st.outcomeLevel },
        { text: st.assessorFeedback },
      ]),
      note: values.note ?? s.moderationNote ?? '',
      flash: c.req.query('done') && status === 200 ? { type: 'success', text: doneText[c.req.query('done') ?? ''] ?? 'Saved' } : undefined,
      ...form,
    },
    status,
  );
}

const doneText: Record<string, string> = {
  assigned: 'Assessor assigned',
  sampled: 'Added to your moderation sample',
  saved: 'Assessment saved',
  decided: 'Outcome decided',
  moderating: 'Assessment finished: it now waits for the moderator',
};

/** The judgements posted by the assessment or moderation form: `level-<standardId>` and `feedback-<standardId>`. */
function postedJudgements(f: FrameworkView, body: Record<string, string | string[]>): JudgementInput[] {
  const one = (k: string) => {
    const v = body[k];
    return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
  };
  return f.standards.map((s) => {
    const raw = one(`level-${s.id}`);
    const level = raw === '' ? undefined : raw === 'none' ? null : /^\d{1,2}$/.test(raw) ? Number(raw) : -1;
    return { standardId: s.id, level, feedback: one(`feedback-${s.id}`).slice(0, 5000) || null };
  });
}

const listQuery = z.object({
  status: z.enum(submissionStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});

const assessorForm = z.object({ assessorId: z.string({ error: 'Choose an assessor' }).uuid('Choose an assessor') });
const noteForm = z.object({ note: optionalText('Note', 2000) });

export const assessmentPages = new Hono<AppEnv>()
  .get('/networks/:networkId/accreditation/candidates/:candidateId/submission', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    return candidatePage(c, network, await candidateFor(c, network));
  })
  .post('/networks/:networkId/accreditation/candidates/:candidateId/submission', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const candidate = await candidateFor(c, network);
    await authorize(c.var.deps.database.db, actor, 'lpSubmission.submit', { networkId: candidate.networkId, personId: candidate.personId });
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => submitPortfolio({ db, actor, mailer, config }, { candidate }));
    } catch (err) {
      const { status, form } = commandFormErrors(err);
      return candidatePage(c, network, candidate, form, status);
    }
    return c.redirect(`${base(network.id)}/candidates/${candidate.id}/submission?done=submitted`, 303);
  })
  .get('/networks/:networkId/accreditation/submissions', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const manage = can(actor, 'lpOutcome.manage', { networkId: network.id });
    // Assessors (and moderators) see their own and those open to sampling; others have nothing here.
    if (!manage) await authorize(c.var.deps.database.db, actor, 'lpModeration.sample', { networkId: network.id });
    const query = listQuery.parse(c.req.query());
    const forPerson = manage || actor.kind !== 'person' ? undefined : { personId: actor.personId, mayModerate: true };
    const { rows, total } = await listSubmissions(
      c.var.deps.database.db,
      network.id,
      { status: query.status, forPerson },
      { page: query.page, perPage: PER_PAGE },
    );
    const paging = paginationView({ page: query.page, perPage: PER_PAGE, total }, `${base(network.id)}/submissions`, {
      status: query.status,
    });
    return render(c, 'assessment-submissions.njk', {
      title: 'Submissions',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: areaNav(c, network),
      ...paging,
      statusItems: [
        { value: '', text: 'Any status' },
        ...submissionStatuses.map((s) => ({ value: s, text: submissionStatusLabels[s], selected: query.status === s })),
      ],
      tableRows: rows.map((s) => [
        linkCell(`${base(network.id)}/submissions/${s.id}`, s.candidateName),
        { text: s.cohortName },
        { text: String(s.portfolioVersion) },
        { text: submissionStatusLabels[s.status as SubmissionStatus] },
        { text: s.assessorName ?? 'Not assigned' },
        { text: s.outcome ? outcomeLabels[s.outcome as Outcome] : '' },
      ]),
    });
  })
  .get('/networks/:networkId/accreditation/submissions/:submissionId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    return submissionPage(c, network, await submissionFor(c, network));
  })
  .get('/networks/:networkId/accreditation/submissions/:submissionId/files/:uploadId', async (c) => {
    // Whoever has a part in the submission (its assessor, moderator, a moderator sampling, the manager)
    // downloads the files of the version submitted; anyone else is refused by submissionFor.
    signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const { submission } = await submissionFor(c, network);
    const db = c.var.deps.database.db;
    const uploadId = c.req.param('uploadId');
    const upload = snapshotHasFile(submission.snapshot, uploadId) ? await findUpload(db, uploadId) : null;
    if (!upload) throw notFound('File');
    return sendUpload(c, db, upload);
  })
  .post('/networks/:networkId/accreditation/submissions/:submissionId/assessor', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'lpOutcome.manage');
    const loaded = await submissionFor(c, network);
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(assessorForm, body);
    if (!form.ok) return submissionPage(c, network, loaded, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) =>
        assignAssessor({ db, actor, mailer, config }, { submission: loaded.submission, assessorId: form.data.assessorId }),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return submissionPage(c, network, loaded, { values: body, ...failed }, status);
    }
    return c.redirect(`${base(network.id)}/submissions/${loaded.submission.id}?done=assigned`, 303);
  })
  .post('/networks/:networkId/accreditation/submissions/:submissionId/sample', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'lpModeration.sample');
    const loaded = await submissionFor(c, network);
    if (actor.kind !== 'person') throw notFound();
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) =>
        sampleSubmission({ db, actor, mailer, config }, { submission: loaded.submission, moderatorId: actor.personId }),
      );
    } catch (err) {
      const { status, form } = commandFormErrors(err);
      return submissionPage(c, network, loaded, form, status);
    }
    return c.redirect(`${base(network.id)}/submissions/${loaded.submission.id}?done=sampled`, 303);
  })
  .post('/networks/:networkId/accreditation/submissions/:submissionId/assessment', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const loaded = await submissionFor(c, network);
    const s = loaded.submission;
    await authorize(c.var.deps.database.db, actor, 'lpAssessment.record', { networkId: s.networkId, personId: s.assessorId });
    const body = formFields(await c.req.parseBody({ all: true }));
    const framework = await frameworkOf(c.var.deps.database.db, s.frameworkVersionId);
    const finish = body.action === 'finish';
    const { database, mailer, config } = c.var.deps;
    let result: Awaited<ReturnType<typeof recordAssessment>>;
    try {
      result = await inTransaction(database, (db) =>
        recordAssessment({ db, actor, mailer, config }, { submission: s, judgements: postedJudgements(framework, body), finish }),
      );
    } catch (err) {
      const { status, form } = commandFormErrors(err);
      return submissionPage(c, network, loaded, { values: body, ...form }, status);
    }
    const done = !finish ? 'saved' : result.decided ? 'decided' : 'moderating';
    return c.redirect(`${base(network.id)}/submissions/${s.id}?done=${done}`, 303);
  })
  .post('/networks/:networkId/accreditation/submissions/:submissionId/moderation', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'lpModeration.sample');
    const loaded = await submissionFor(c, network);
    const s = loaded.submission;
    await authorize(c.var.deps.database.db, actor, 'lpModeration.record', { networkId: s.networkId, personId: s.moderatorId });
    const body = formFields(await c.req.parseBody({ all: true }));
    const note = validateForm(noteForm, body);
    if (!note.ok) return submissionPage(c, network, loaded, { values: body, ...note }, 400);
    const framework = await frameworkOf(c.var.deps.database.db, s.frameworkVersionId);
    const levels = postedJudgements(framework, body).map((j) => ({ standardId: j.standardId, level: j.level }));
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) =>
        recordModeration({ db, actor, mailer, config }, { submission: s, levels, note: note.data.note }),
      );
    } catch (err) {
      const { status, form } = commandFormErrors(err);
      return submissionPage(c, network, loaded, { values: body, ...form }, status);
    }
    return c.redirect(`${base(network.id)}/submissions/${s.id}?done=decided`, 303);
  });

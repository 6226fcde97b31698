import { Hono } from 'hono';
import { z } from 'zod';
import type { Actor } from '../../kernel/auth/actor.ts';
import { type CommandContext, inTransaction } from '../../kernel/commands.ts';
import type { Db } from '../../kernel/db/client.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDate, formatDateTime } from '../../kernel/ui/format.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { type Action, can } from '../../policy.ts';
import { phaseLabels, phases } from '../networks/domain.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { listSpecialisms } from '../networks/specialisms-queries.ts';
import {
  agreeForm,
  answerForm,
  cancelForm,
  dayLogForm,
  evaluationForm,
  findingsForm,
  milestoneForm,
  noteForm,
  reflectionForm,
} from './brokerage-forms.ts';
import { progressSteps, statusTag } from './brokerage-view.ts';
import { addDeploymentMilestone } from './commands/add-deployment-milestone.ts';
import { addDeploymentNote } from './commands/add-deployment-note.ts';
import { agreeDeployment } from './commands/agree-deployment.ts';
import { cancelDeployment } from './commands/cancel-deployment.ts';
import { completeDeployment } from './commands/complete-deployment.ts';
import { consentToDeployment } from './commands/consent-to-deployment.ts';
import { evaluateDeployment } from './commands/evaluate-deployment.ts';
import { logDeploymentDay } from './commands/log-deployment-day.ts';
import { recordDiagnosticFindings } from './commands/record-diagnostic-findings.ts';
import { reflectOnDeployment } from './commands/reflect-on-deployment.ts';
import { releaseLeader } from './commands/release-leader.ts';
import { authorizeOnDeployment, mayOnDeployment } from './deployments-access.ts';
import {
  type DeploymentEvent,
  type DeploymentStatus,
  daysText,
  deploymentEventLabels,
  deploymentStatuses,
  deploymentStatusLabels,
  eventRefusal,
  fromHalves,
  type SupportRating,
  supportRatingLabels,
  supportRatings,
} from './deployments-domain.ts';
import { type DeploymentRow, deploymentDetail, findDeployment, followUpOf, listDeployments } from './deployments-queries.ts';
import { designationKindShort } from './domain.ts';
import { type AgreedPrice, agreedPrice, formatPounds } from './money-domain.ts';
import { paymentModelOf } from './money-queries.ts';
import { isMemberSchool, vouchersOnDeployment } from './money-vouchers.ts';
import { supportSubNav } from './support-nav.ts';

const PER_PAGE = 25;
const base = (networkId: string) => `/networks/${networkId}/support/deployments`;

async function deploymentFor(c: AppContext, network: Network, action: Action = 'deployment.view') {
  const d = await findDeployment(c.var.deps.database.db, c.req.param('deploymentId') ?? '');
  if (!d) throw notFound('Deployment');
  await authorizeOnDeployment(c.var.deps.database.db, c.var.actor, action, d);
  if (d.networkId !== network.id) throw notFound('Deployment');
  return d;
}

/** What this actor may do on this deployment now: the forms their page shows. */
function actionsFor(actor: Actor, d: DeploymentRow) {
  const may = (action: Action, event?: DeploymentEvent) => mayOnDeployment(actor, action, d) && (!event || eventRefusal(d, event) === null);
  return {
    consent: may('deployment.consent', 'consent'),
    release: may('deployment.release', 'release'),
    agree: may('deployment.agree', 'agree'),
    waitingForAgreement: d.status === 'proposed' && mayOnDeployment(actor, 'deployment.agree', d) && eventRefusal(d, 'agree') !== null,
    log: may('deployment.log') && (d.status === 'agreed' || d.status === 'active'),
    complete: may('deployment.log', 'complete'),
    evaluate: may('deployment.evaluate', 'evaluate'),
    reflect: may('deployment.reflect') && (d.status === 'completed' || d.status === 'evaluated'),
    cancel: may('deployment.manage', 'cancel'),
    milestone: may('deployment.manage') && !['declined', 'cancelled', 'evaluated'].includes(d.status),
    findings: may('deployment.evaluate') && d.kind === 'diagnostic' && ['completed', 'evaluated'].includes(d.status) && !d.requestFindings,
  };
}

/** The price agreed, or (before agreement) what today's payment model would freeze. */
async function priceOf(db: Db, d: DeploymentRow): Promise<AgreedPrice> {
  if (d.dayRatePence !== null && d.feeKind !== null && d.feeValue !== null && d.vatBasisPoints !== null)
    return { dayRatePence: d.dayRatePence, feeKind: d.feeKind, feeValue: d.feeValue, vatBasisPoints: d.vatBasisPoints };
  const [model, member] = await Promise.all([paymentModelOf(db, d.networkId), isMemberSchool(db, d.networkId, d.payingSchoolUrn)]);
  return agreedPrice(model, d.tier, member, d.kind === 'diagnostic');
}

const priceText = (p: AgreedPrice, agreed: boolean) =>
  `${formatPounds(p.dayRatePence)} a day, brokerage fee ${p.feeKind === 'percent' ? `${p.feeValue / 100}%` : formatPounds(p.feeValue)}, VAT ${p.vatBasisPoints / 100}%` +
  (agreed ? ' (fixed when agreed)' : ' (today’s rates: fixed when the school agrees)');

async function deploymentPage(
  c: AppContext,
  network: Network,
  d: DeploymentRow,
  form: FormState & { formName?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const actor = signedIn(c);
  const db = c.var.deps.database.db;
  const [detail, followUpId, { rows: specialisms }, price, vouchers] = await Promise.all([
    deploymentDetail(db, d.id),
    d.requestFindings ? followUpOf(db, d.requestId) : Promise.resolve(null),
    d.kind === 'diagnostic' ? listSpecialisms(db, network.id) : Promise.resolve({ rows: [] }),
    priceOf(db, d),
    vouchersOnDeployment(db, d.id),
  ]);
  const values = form.values ?? {
    objectives: d.objectives,
    days: String(d.days),
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    payingSchoolUrn: String(d.payingSchoolUrn),
  };
  const logged = detail.logs.reduce((n, l) => n + l.halfDays, 0);
  return render(
    c,
    'deployments-show.njk',
    {
      title: `Deployment: ${d.leaderName} at ${d.schoolName}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      breadcrumbs: [{ text: 'Deployments', href: base(network.id) }, { text: `${d.leaderName} at ${d.schoolName}` }],
      d,
      here: `${base(network.id)}/${d.id}`,
      tag: statusTag(d.status as DeploymentStatus),
      steps: progressSteps(d.status as DeploymentStatus),
      rows: [
        {
          key: { text: 'Leader' },
          value: { text: `${d.leaderName}, ${designationKindShort[d.tier]}${d.leaderSchoolName ? ` (${d.leaderSchoolName})` : ''}` },
        },
        { key: { text: 'Supported school' }, value: { text: d.schoolName } },
        { key: { text: 'Specialism' }, value: { text: d.specialismName ?? (d.kind === 'diagnostic' ? 'Diagnostic review' : 'Not set') } },
        { key: { text: 'Objectives' }, value: { text: d.objectives } },
        { key: { text: 'Days' }, value: { text: `${daysText(d.days)} (${daysText(fromHalves(logged))} logged)` } },
        { key: { text: 'Dates' }, value: { text: `${formatDate(d.startsOn)} to ${formatDate(d.endsOn)}` } },
        {
          key: { text: 'Leader’s consent' },
          value: { text: d.leaderConsentAt ? `Given ${formatDateTime(d.leaderConsentAt)}` : 'Not yet' },
        },
        {
          key: { text: 'Release by the leader’s school' },
          value: { text: d.releasedAt ? `Given ${formatDateTime(d.releasedAt)}` : 'Not yet' },
        },
        { key: { text: 'Agreed by the school' }, value: { text: d.agreedAt ? formatDateTime(d.agreedAt) : 'Not yet' } },
        { key: { text: 'Who pays' }, value: { text: d.payingSchoolName } },
        { key: { text: 'Price' }, value: { text: priceText(price, d.dayRatePence !== null) } },
        ...(vouchers.length
          ? [
              {
                key: { text: 'Vouchers' },
                value: {
                  text: vouchers
                    .map(
                      (v) =>
                        `${v.hours} free hours (${v.reason}), worth ${formatPounds(v.redeemedPence ?? 0)}, used ${formatDate(v.redeemedOn!)}`,
                    )
                    .join('; '),
                },
              },
            ]
          : []),
        ...(d.closedReason ? [{ key: { text: 'Reason' }, value: { text: d.closedReason } }] : []),
      ],
      criteriaRows: detail.criteria.map((k) => [
        { text: k.description },
        { text: k.baseline },
        { text: k.target ?? '' },
        { text: k.endMeasure ?? 'Not yet' },
      ]),
      criteria: detail.criteria,
      logRows: detail.logs.map((l) => [
        { text: formatDate(l.workedOn) },
        { text: l.halfDays === 2 ? 'Full day' : 'Half day' },
        { text: l.activity },
      ]),
      milestoneRows: detail.milestones.map((m) => [
        { text: m.title },
        { text: formatDate(m.dueOn) },
        { text: m.doneOn ? formatDate(m.doneOn) : 'Open' },
      ]),
      notes: detail.notes.map((n) => ({ body: n.body, by: n.author ?? 'Someone', at: formatDateTime(n.createdAt) })),
      evaluation: detail.evaluation
        ? {
            rating: detail.evaluation.schoolRating ? supportRatingLabels[detail.evaluation.schoolRating as SupportRating] : null,
            comment: detail.evaluation.schoolComment,
            reflection: detail.evaluation.leaderReflection,
          }
        : null,
      timeline: detail.events.map((e) => ({
        label: { text: e.event === 'propose' ? 'Proposed' : (deploymentEventLabels[e.event as DeploymentEvent] ?? e.event) },
        text: e.note ?? '',
        datetime: { timestamp: e.at.toISOString(), type: 'datetime' },
        byline: { text: e.actor ?? 'The system' },
      })),
      may: actionsFor(actor, d),
      followUpHref: followUpId ? `/networks/${network.id}/support/requests/${followUpId}` : null,
      specialismItems: [
        { value: '', text: 'Choose a specialism' },
        ...specialisms.map((s) => ({ value: s.id, text: s.name, selected: form.values?.specialismId === s.id })),
      ],
      phaseItems: phases.map((p) => ({ value: p, text: phaseLabels[p], selected: (form.values?.phase ?? d.requestPhase) === p })),
      ratingItems: supportRatings.map((r) => ({ value: r, text: supportRatingLabels[r], checked: form.values?.rating === r })),
      halfDayItems: [
        { value: '2', text: 'Full day', checked: form.values?.halfDays !== '1' },
        { value: '1', text: 'Half day', checked: form.values?.halfDays === '1' },
      ],
      values,
      ...form,
    },
    status,
  );
}

/** One POST route per action: authorize on the deployment, validate, run the command, back to the page. */
function actionRoute<S extends z.ZodType>(
  action: Action,
  schema: S | null,
  run: (ctx: CommandContext, d: DeploymentRow, data: z.infer<S>) => Promise<unknown>,
) {
  return async (c: AppContext) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'deployment.list');
    const d = await deploymentFor(c, network, action);
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = schema ? validateForm(schema, body) : ({ ok: true, data: {} } as const);
    if (!form.ok) return deploymentPage(c, network, d, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => run({ db, actor, mailer, config }, d, form.data as z.infer<S>));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return deploymentPage(c, network, d, { values: body, ...failed }, status);
    }
    return c.redirect(`${base(network.id)}/${d.id}`, 303);
  };
}

export const deploymentPages = new Hono<AppEnv>()
  .get('/networks/:networkId/support/deployments', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'deployment.list');
    const query = z
      .object({
        status: z.enum(deploymentStatuses).optional().catch(undefined),
        page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
      })
      .parse(c.req.query());
    const all = can(actor, 'deployment.manage', { networkId: network.id });
    const partyOf = all || actor.kind !== 'person' ? undefined : { personId: actor.personId, schoolUrn: actor.schoolUrn };
    const { rows, total } = await listDeployments(
      c.var.deps.database.db,
      network.id,
      { status: query.status, partyOf },
      { page: query.page, perPage: PER_PAGE },
    );
    return render(c, 'deployments.njk', {
      title: 'Deployments',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      ...paginationView({ page: query.page, perPage: PER_PAGE, total }, base(network.id), { status: query.status }),
      statusItems: [
        { value: '', text: 'Any status' },
        ...deploymentStatuses.map((s) => ({ value: s, text: deploymentStatusLabels[s], selected: query.status === s })),
      ],
      tableRows: rows.map((d) => [
        linkCell(`${base(network.id)}/${d.id}`, d.leaderName),
        { text: d.schoolName },
        { text: d.specialismName ?? (d.kind === 'diagnostic' ? 'Diagnostic' : '') },
        { text: daysText(d.days) },
        { text: `${formatDate(d.startsOn)} to ${formatDate(d.endsOn)}` },
        {
          html: `<strong class="govuk-tag ${statusTag(d.status as DeploymentStatus).classes}">${deploymentStatusLabels[d.status as DeploymentStatus]}</strong>`,
        },
      ]),
      calendarHref: '/calendar',
    });
  })
  .get('/networks/:networkId/support/deployments/:deploymentId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'deployment.list');
    return deploymentPage(c, network, await deploymentFor(c, network));
  })
  .post(
    '/networks/:networkId/support/deployments/:deploymentId/consent',
    actionRoute('deployment.consent', answerForm, (ctx, deployment, f) =>
      consentToDeployment(ctx, { deployment, consent: f.answer === 'yes', reason: f.reason }),
    ),
  )
  .post(
    '/networks/:networkId/support/deployments/:deploymentId/release',
    actionRoute('deployment.release', answerForm, (ctx, deployment, f) =>
      releaseLeader(ctx, { deployment, release: f.answer === 'yes', reason: f.reason }),
    ),
  )
  .post(
    '/networks/:networkId/support/deployments/:deploymentId/agree',
    actionRoute('deployment.agree', agreeForm, (ctx, deployment, f) =>
      agreeDeployment(ctx, {
        deployment,
        objectives: f.objectives,
        days: f.days,
        startsOn: f.startsOn,
        endsOn: f.endsOn,
        payingSchoolUrn: f.payingSchoolUrn,
        criteria: [
          { description: f.criterion1, baseline: f.baseline1, target: f.target1 },
          ...(f.criterion2 ? [{ description: f.criterion2, baseline: f.baseline2 ?? 'Not measured', target: f.target2 }] : []),
        ],
      }),
    ),
  )
  .post(
    '/networks/:networkId/support/deployments/:deploymentId/days',
    actionRoute('deployment.log', dayLogForm, (ctx, deployment, f) => logDeploymentDay(ctx, { deployment, ...f })),
  )
  .post(
    '/networks/:networkId/support/deployments/:deploymentId/complete',
    actionRoute('deployment.log', null, (ctx, deployment) => completeDeployment(ctx, { deployment })),
  )
  .post(
    '/networks/:networkId/support/deployments/:deploymentId/cancel',
    actionRoute('deployment.manage', cancelForm, (ctx, deployment, f) => cancelDeployment(ctx, { deployment, reason: f.reason })),
  )
  .post('/networks/:networkId/support/deployments/:deploymentId/evaluate', async (c) => {
    // End measures are one field per criterion (endMeasure-<id>): read them beside the fixed fields.
    const body = formFields(await c.req.parseBody({ all: true }));
    const endMeasures = Object.fromEntries(
      Object.entries(body)
        .filter(([k]) => k.startsWith('endMeasure-'))
        .map(([k, v]) => [k.slice('endMeasure-'.length), String(v)]),
    );
    return actionRoute('deployment.evaluate', evaluationForm, (ctx, deployment, f) =>
      evaluateDeployment(ctx, { deployment, rating: f.rating, comment: f.comment, endMeasures }),
    )(c);
  })
  .post(
    '/networks/:networkId/support/deployments/:deploymentId/findings',
    actionRoute('deployment.evaluate', findingsForm, (ctx, deployment, f) => recordDiagnosticFindings(ctx, { deployment, ...f })),
  )
  .post(
    '/networks/:networkId/support/deployments/:deploymentId/reflection',
    actionRoute('deployment.reflect', reflectionForm, (ctx, deployment, f) =>
      reflectOnDeployment(ctx, { deployment, reflection: f.reflection }),
    ),
  )
  .post(
    '/networks/:networkId/support/deployments/:deploymentId/notes',
    actionRoute('deployment.view', noteForm, (ctx, deployment, f) => addDeploymentNote(ctx, { deployment, body: f.body })),
  )
  .post(
    '/networks/:networkId/support/deployments/:deploymentId/milestones',
    actionRoute('deployment.manage', milestoneForm, (ctx, deployment, f) => addDeploymentMilestone(ctx, { deployment, ...f })),
  );

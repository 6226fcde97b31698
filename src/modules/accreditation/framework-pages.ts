import { Hono } from 'hono';
import { z } from 'zod';
import { actorPersonId } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { can } from '../../policy.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { areaBase, areaPage } from './cohorts-access.ts';
import { candidateStageLabels } from './cohorts-domain.ts';
import { listCohorts } from './cohorts-queries.ts';
import { ensureFramework, saveFrameworkVersion } from './commands/save-framework.ts';
import type { FrameworkContent } from './framework-domain.ts';
import { contentOf, frameworkVersions, type LoadedFramework } from './framework-queries.ts';
import { portfolioStatusLabels } from './portfolio-domain.ts';
import { candidaciesOf, menteesOf } from './portfolio-queries.ts';

const ctxOf = (c: AppContext) => {
  const { deps } = c.var;
  return (db: typeof deps.database.db) => ({ db, actor: signedIn(c), mailer: deps.mailer, config: deps.config });
};

/** The network's framework, made from the SSAT default the first time anyone opens it. */
async function frameworkFor(c: AppContext, network: Network) {
  return inTransaction(c.var.deps.database, (db) => ensureFramework(ctxOf(c)(db), network.id));
}

const text = (label: string, max: number) =>
  z.string().trim().min(1, `Enter the ${label}`).max(max, `The ${label} must be ${max} characters or fewer`);

/** The edit form: names and descriptions of levels and standards, the pass rule and the term (the shape stays). */
function editForm(f: LoadedFramework) {
  const shape: Record<string, z.ZodType> = {
    passMinLevel: z.coerce.number({ error: 'Enter the pass level as a whole number' }).int('Enter the pass level as a whole number'),
    passMinStandards: z.coerce
      .number({ error: 'Enter the number of standards as a whole number' })
      .int('Enter the number of standards as a whole number'),
    validityYears: z.coerce.number({ error: 'Enter the years as a whole number' }).int('Enter the years as a whole number'),
    changeNote: text('note of what changed', 500),
  };
  for (const l of f.levels) {
    shape[`levelName.${l.level}`] = text(`name of level ${l.level}`, 100);
    shape[`levelDescription.${l.level}`] = z.string().trim().max(500).default('');
  }
  for (const s of f.standards) {
    shape[`title.${s.code}`] = text(`title of ${s.code}`, 200);
    shape[`description.${s.code}`] = z.string().trim().max(2000).default('');
  }
  return z.object(shape);
}

function editedContent(f: LoadedFramework, v: Record<string, unknown>): FrameworkContent {
  const base = contentOf(f);
  return {
    levels: base.levels.map((l) => ({
      ...l,
      name: v[`levelName.${l.level}`] as string,
      description: v[`levelDescription.${l.level}`] as string,
    })),
    groups: base.groups.map((g) => ({
      ...g,
      standards: g.standards.map((s) => ({
        ...s,
        title: v[`title.${s.code}`] as string,
        description: v[`description.${s.code}`] as string,
      })),
    })),
    passRule: { minLevel: v.passMinLevel as number, minStandards: v.passMinStandards as number },
    validityYears: v.validityYears as number,
  };
}

async function frameworkPage(
  c: AppContext,
  network: Network,
  framework: LoadedFramework,
  form: FormState = {},
  status: 200 | 400 | 409 = 200,
) {
  const versions = await frameworkVersions(c.var.deps.database.db, framework.frameworkId);
  const values: Record<string, unknown> = form.values ?? {
    passMinLevel: framework.passRule.minLevel,
    passMinStandards: framework.passRule.minStandards,
    validityYears: framework.validityYears,
    ...Object.fromEntries(
      framework.levels.flatMap((l) => [
        [`levelName.${l.level}`, l.name],
        [`levelDescription.${l.level}`, l.description],
      ]),
    ),
    ...Object.fromEntries(
      framework.standards.flatMap((s) => [
        [`title.${s.code}`, s.title],
        [`description.${s.code}`, s.description],
      ]),
    ),
  };
  return render(
    c,
    'lp-framework.njk',
    {
      title: 'Standards framework',
      ...areaPage(c, network, 'framework'),
      framework,
      mayEdit: can(c.var.actor, 'lpFramework.manage', { networkId: network.id }),
      flash:
        c.req.query('done') === 'saved' && status === 200 ? { type: 'success', text: `Version ${framework.version} saved` } : undefined,
      levelRows: framework.levels.map((l) => [{ text: String(l.level) }, { text: l.name }, { text: l.description }]),
      versionRows: versions.map((v) => [
        { text: String(v.version) },
        { text: v.changeNote ?? '' },
        { text: v.createdAt.toISOString().slice(0, 10) },
      ]),
      values,
      ...form,
    },
    status,
  );
}

export const frameworkPages = new Hono<AppEnv>()
  .get('/networks/:networkId/accreditation', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const db = c.var.deps.database.db;
    const base = areaBase(network.id);
    const personId = actorPersonId(actor);
    const mayCohorts = can(actor, 'lpCohort.view', { networkId: network.id });
    const [cohorts, candidacies, mentees] = await Promise.all([
      mayCohorts ? listCohorts(db, network.id, 1, 10) : { rows: [], total: 0 },
      personId ? candidaciesOf(db, personId) : [],
      personId ? menteesOf(db, personId, todayIso()) : [],
    ]);
    return render(c, 'lp-home.njk', {
      title: 'Accreditation',
      ...areaPage(c, network, 'home'),
      mayCohorts,
      mayCreate: can(actor, 'lpCohort.manage', { networkId: network.id }),
      cohortRows: cohorts.rows.map((r) => [linkCell(`${base}/cohorts/${r.id}`, r.name), { text: `${r.candidates}` }]),
      mayAssess: can(actor, 'lpModeration.sample', { networkId: network.id }),
      candidacies: candidacies.map((p) => ({
        href: `${base}/portfolios/${p.candidateId}`,
        submissionHref: `${base}/candidates/${p.candidateId}/submission`,
        cohortName: p.cohortName,
        text: `Your portfolio: ${p.cohortName}`,
        status: `${candidateStageLabels[p.stage]}, portfolio ${portfolioStatusLabels[p.status].toLowerCase()}`,
      })),
      menteeRows: mentees.map((m) => [linkCell(`${base}/portfolios/${m.candidateId}`, m.fullName), { text: m.cohortName }]),
    });
  })
  .get('/networks/:networkId/accreditation/framework', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpFramework.view');
    return frameworkPage(c, network, await frameworkFor(c, network));
  })
  .post('/networks/:networkId/accreditation/framework', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpFramework.manage');
    const framework = await frameworkFor(c, network);
    const fields = formFields(await c.req.parseBody());
    const parsed = validateForm(editForm(framework), fields);
    if (!parsed.ok) return frameworkPage(c, network, framework, { ...parsed, values: fields }, 400);
    try {
      await inTransaction(c.var.deps.database, (db) =>
        saveFrameworkVersion(ctxOf(c)(db), {
          networkId: network.id,
          content: editedContent(framework, parsed.data),
          changeNote: parsed.data.changeNote as string,
        }),
      );
    } catch (err) {
      const refused = commandFormErrors(err);
      return frameworkPage(c, network, framework, { ...refused.form, values: fields }, refused.status);
    }
    return c.redirect(`${areaBase(network.id)}/framework?done=saved`, 303);
  });

export { ctxOf, frameworkFor };

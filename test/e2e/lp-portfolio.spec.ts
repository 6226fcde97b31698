import { afterAll, beforeAll, expect, it } from 'vitest';
import { operatorActor } from '../../src/kernel/auth/actor.ts';
import type { CommandContext } from '../../src/kernel/commands.ts';
import { loadCohort } from '../../src/modules/accreditation/cohorts-queries.ts';
import { addEvidence } from '../../src/modules/accreditation/commands/add-evidence.ts';
import { assignMentors } from '../../src/modules/accreditation/commands/assign-mentor.ts';
import { createCohort } from '../../src/modules/accreditation/commands/create-cohort.ts';
import { createGroup } from '../../src/modules/accreditation/commands/create-group.ts';
import { enrolCandidate } from '../../src/modules/accreditation/commands/enrol-candidate.ts';
import { loadFrameworkVersion } from '../../src/modules/accreditation/framework-queries.ts';
import { loadCandidatePortfolio } from '../../src/modules/accreditation/portfolio-queries.ts';
import { makeMember, makeNetwork } from '../../src/seed/factories.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { samplePdf } from '../support/files.ts';

let e2e: E2E;
let networkId: string;
let cohortId: string;
const ids: Record<string, string> = {};
// Many pages, each checked with axe: slow on a busy machine.

beforeAll(async () => {
  e2e = await startE2E();
  networkId = (await makeNetwork(e2e.db, { name: 'Blue Sky Teaching School Alliance' })).id;
  ids.admin = (await makeMember(e2e.db, networkId, 'network_admin', { fullName: 'Helen Barker' })).id;
  ids.leanne = (await makeMember(e2e.db, networkId, 'participant', { fullName: 'Leanne Casey' })).id;
  ids.tom = (await makeMember(e2e.db, networkId, 'participant', { fullName: 'Tom Whitfield' })).id;
  ids.priya = (await makeMember(e2e.db, networkId, 'participant', { fullName: 'Priya Shah' })).id;
  const ctx: CommandContext = { db: e2e.db, actor: operatorActor('spec'), mailer: e2e.deps.mailer, config: e2e.deps.config };
  const cohort = await createCohort(ctx, {
    networkId,
    name: 'Coventry LP cohort',
    startsOn: '2025-09-01',
    endsOn: '2026-07-17',
    partnerNetworkIds: [],
    leadId: ids.admin!,
    maxMenteesPerMentor: 2,
    halfTermlyMeetings: true,
  });
  cohortId = cohort.id;
  const detail = (await loadCohort(e2e.db, cohortId))!;
  const candidate = await enrolCandidate(ctx, detail, {
    personId: ids.leanne!,
    headConsentName: 'Rachel Hughes',
    headConsentOn: '2025-09-01',
  });
  const today = new Date().toISOString().slice(0, 10);
  const endsOn = today > '2026-07-17' ? today : '2026-07-17';
  const longer = { ...detail, endsOn };
  await assignMentors(ctx, longer, [{ candidateId: candidate.id, mentorId: ids.tom!, startsOn: '2025-09-01', endsOn }]);
  ids.leanneCandidate = candidate.id;
});
afterAll(() => e2e?.close());

it('a candidate adds evidence with an attachment, the mentor comments, and the coverage grid shows both', async () => {
  const leanne = await e2e.newPageSignedInAs(ids.leanne!);
  await leanne.goto(`/networks/${networkId}`);
  await e2e.checkPage(leanne);
  await leanne.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Accreditation' }).click();
  await leanne.getByRole('heading', { level: 1, name: 'Lead Practitioner accreditation' }).waitFor();
  await e2e.checkPage(leanne);
  await leanne.getByRole('link', { name: 'Your portfolio: Coventry LP cohort' }).click();
  await leanne.getByRole('heading', { level: 1, name: 'Your portfolio' }).waitFor();
  await e2e.checkPage(leanne);
  await leanne.getByRole('button', { name: 'Add evidence' }).click();
  await leanne.getByRole('heading', { level: 1, name: 'Add evidence' }).waitFor();
  await e2e.checkPage(leanne);

  await leanne.getByLabel('Title').fill('Singapore maths pilot across the cluster');
  await leanne.getByLabel('Type').selectOption({ label: 'Action research' });
  await leanne.getByLabel('What was done').fill('Trialled and modelled bar models in Year 3, then trained four schools.');
  await leanne.getByLabel('When').fill('2025-10-15');
  await leanne.getByLabel('Impact', { exact: true }).fill('Pupils at the expected standard rose from 58% to 79%.');
  await leanne.getByLabel('S5 Undertaking research to improve specialist knowledge').selectOption('3');
  await leanne.getByLabel('S10 Networking to lead').selectOption('3');
  await leanne
    .getByLabel('Attachment (optional)')
    .setInputFiles({ name: 'impact.pdf', mimeType: 'application/pdf', buffer: Buffer.from(samplePdf()) });
  await leanne.getByRole('button', { name: 'Save evidence' }).click();
  await leanne.getByText('Evidence saved').waitFor();
  await e2e.checkPage(leanne);
  const grid = leanne.getByRole('table', { name: 'Coverage of the standards by level' });
  await grid.getByRole('link', { name: 'Singapore maths pilot across the cluster' }).first().waitFor();
  expect(await grid.getByRole('link', { name: 'Singapore maths pilot across the cluster' }).count()).toBe(2);

  const tom = await e2e.newPageSignedInAs(ids.tom!);
  await tom.goto(`/networks/${networkId}/accreditation`);
  await e2e.checkPage(tom);
  await tom.getByRole('table', { name: 'Candidates you mentor' }).getByRole('link', { name: 'Leanne Casey' }).click();
  await tom.getByRole('heading', { level: 1, name: 'Portfolio: Leanne Casey' }).waitFor();
  await e2e.checkPage(tom);
  await tom.getByRole('table', { name: 'Evidence items' }).getByRole('link', { name: 'Singapore maths pilot across the cluster' }).click();
  await tom.getByRole('heading', { level: 1, name: 'Singapore maths pilot across the cluster' }).waitFor();
  await tom.getByRole('link', { name: 'impact.pdf' }).waitFor();
  await e2e.checkPage(tom);
  await tom.getByLabel('Your feedback on this item').fill('Strong data: say how you will sustain it.');
  await tom.getByRole('button', { name: 'Send feedback' }).click();
  await tom.getByText('Feedback sent').waitFor();
  await e2e.checkPage(tom);

  await leanne.reload();
  await leanne
    .getByRole('table', { name: 'Coverage of the standards by level' })
    .getByText('Tom Whitfield: Strong data: say how you will sustain it.')
    .first()
    .waitFor();
  await e2e.checkPage(leanne);

  // While the portfolio is open the candidate changes the item, then removes a second one.
  await leanne
    .getByRole('table', { name: 'Evidence items' })
    .getByRole('link', { name: 'Singapore maths pilot across the cluster' })
    .click();
  await leanne.getByRole('button', { name: 'Change this evidence' }).click();
  await leanne.getByRole('heading', { level: 1, name: 'Change evidence' }).waitFor();
  await e2e.checkPage(leanne);
  await leanne.getByLabel('Title').fill('Singapore maths across the cluster');
  await leanne.getByRole('button', { name: 'Save changes' }).click();
  await leanne.getByText('Evidence changed').waitFor();
  await leanne.getByRole('heading', { level: 1, name: 'Singapore maths across the cluster' }).waitFor();
  await e2e.checkPage(leanne);
  await leanne.getByRole('button', { name: 'Remove this evidence' }).click();
  await leanne.getByRole('heading', { level: 1, name: 'Remove Singapore maths across the cluster?' }).waitFor();
  await e2e.checkPage(leanne);
  await leanne.getByRole('link', { name: 'Keep it' }).click();
  await leanne.getByRole('heading', { level: 1, name: 'Singapore maths across the cluster' }).waitFor();
}, 240_000);

it('the LP manager opens the cohort, its mentors, a meeting and the framework', async () => {
  const admin = await e2e.newPageSignedInAs(ids.admin!);
  await admin.goto(`/networks/${networkId}/accreditation`);
  await e2e.checkPage(admin);
  await admin.getByRole('navigation', { name: 'Accreditation' }).getByRole('link', { name: 'Cohorts' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Cohorts' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('link', { name: 'Coventry LP cohort' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Coventry LP cohort' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('link', { name: 'Network meeting 1' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Network meeting 1' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('radio', { name: 'Present' }).check();
  await admin.getByRole('button', { name: 'Save attendance' }).click();
  await admin.getByText('Attendance saved').waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('link', { name: 'Mentors and rotation' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Mentors: Coventry LP cohort' }).waitFor();
  await e2e.checkPage(admin);
  await admin.goto(`/networks/${networkId}/accreditation/cohorts/new`);
  await e2e.checkPage(admin);
  await admin.getByRole('navigation', { name: 'Accreditation' }).getByRole('link', { name: 'Standards framework' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Standards framework' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('button', { name: 'Add a standard' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Add a standard' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('radio', { name: 'Process and impact on others' }).check();
  await admin.getByLabel('Title').fill('Leading inclusion');
  await admin.getByRole('button', { name: 'Add and save as a new version' }).click();
  await admin.getByText('Version 2 saved').waitFor();
  await admin.getByText('Leading inclusion').first().waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('link', { name: 'Remove S11 Leading inclusion' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Remove S11 Leading inclusion?' }).waitFor();
  await e2e.checkPage(admin);
  await admin.getByRole('button', { name: 'Remove and save as a new version' }).click();
  await admin.getByText('Version 3 saved').waitFor();
}, 240_000);

it('a group member shares an item; the other sees it under "Shared by your group" and makes it their own', async () => {
  const ctx: CommandContext = { db: e2e.db, actor: operatorActor('spec'), mailer: e2e.deps.mailer, config: e2e.deps.config };
  const detail = (await loadCohort(e2e.db, cohortId))!;
  const priya = await enrolCandidate(ctx, detail, { personId: ids.priya!, headConsentName: 'Sam Patel', headConsentOn: '2025-09-01' });
  await createGroup(ctx, detail, { name: 'Maths subject knowledge', focus: null, candidateIds: [ids.leanneCandidate!, priya.id] });
  const framework = (await loadFrameworkVersion(e2e.db, detail.frameworkVersionId))!;
  const portfolio = (await loadCandidatePortfolio(e2e.db, priya.id))!;
  await addEvidence(
    ctx,
    { portfolioId: portfolio.portfolio.id, networkId, candidatePersonId: ids.priya!, framework },
    {
      title: 'Bar model lesson study',
      whatWasDone: 'Planned, taught and reviewed three bar model lessons with the group.',
      withWhom: null,
      occurredOn: '2025-11-05',
      impact: 'Pupils explain their models in full sentences.',
      impactMeasure: null,
      type: 'team_teaching',
      claims: [{ standardId: framework.standards[6]!.id, level: 3 }],
      links: [],
    },
    [{ fileName: 'lesson-study.pdf', bytes: samplePdf() }],
  );

  const author = await e2e.newPageSignedInAs(ids.priya!);
  await author.goto(`/networks/${networkId}/accreditation/portfolios/${priya.id}`);
  await author.getByRole('table', { name: 'Evidence items' }).getByRole('link', { name: 'Bar model lesson study' }).click();
  await author.getByRole('heading', { level: 1, name: 'Bar model lesson study' }).waitFor();
  await e2e.checkPage(author);
  await author.getByRole('radio', { name: 'Share with Maths subject knowledge' }).check();
  await author.getByRole('button', { name: 'Save sharing' }).click();
  await author.getByText('Evidence shared with your group').waitFor();
  await e2e.checkPage(author);

  const leanne = await e2e.newPageSignedInAs(ids.leanne!);
  await leanne.goto(`/networks/${networkId}/accreditation/portfolios/${ids.leanneCandidate}`);
  await leanne.getByRole('heading', { level: 2, name: 'Shared by your group' }).waitFor();
  await leanne.getByRole('heading', { level: 3, name: 'Bar model lesson study' }).waitFor();
  await leanne.getByRole('link', { name: 'lesson-study.pdf' }).waitFor();
  await e2e.checkPage(leanne);
  await leanne.getByRole('button', { name: /^Use in my portfolio\s*: Bar model lesson study$/ }).click();
  await leanne.getByRole('heading', { level: 1, name: 'Add evidence' }).waitFor();
  expect(await leanne.getByLabel('Title').inputValue()).toBe('Bar model lesson study');
  await e2e.checkPage(leanne);
  await leanne.getByLabel('Title').fill('My part in the bar model lesson study');
  await leanne.getByLabel('S2 Negotiating and influencing').selectOption('2');
  await leanne.getByRole('button', { name: 'Save evidence' }).click();
  await leanne.getByText('Evidence saved').waitFor();
  await leanne.getByRole('link', { name: /^In your portfolio\s*: Bar model lesson study$/ }).waitFor();
  await e2e.checkPage(leanne);
}, 240_000);

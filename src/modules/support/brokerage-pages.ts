import { type Context, Hono } from 'hono';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { formFields } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { phaseLabels } from '../networks/domain.ts';
import { networkFor, networkNav } from '../networks/pages.ts';
import { type AllocationProgress, proposeAllocation } from './brokerage-allocation.ts';
import { type AllocationProposal, BACKGROUND_FROM_REQUESTS, findAllocationRun, startAllocationRun } from './brokerage-allocation-runs.ts';
import { proposeDeployment } from './commands/propose-deployment.ts';
import { daysText } from './deployments-domain.ts';
import { designationKindShort } from './domain.ts';
import { requestKindLabels } from './requests-domain.ts';
import { ALLOCATE_AT_MOST, countUnallocatedRequests, findRequest } from './requests-queries.ts';
import { supportSubNav } from './support-nav.ts';

// The whole allocation: proposed line by line; the broker keeps, changes or rejects each line, and each kept
// line is proposed in its own transaction (one refused line leaves the others saved, and itself unsaved).

type Network = Awaited<ReturnType<typeof networkFor>>;

const allocationChrome = (c: Context<AppEnv>, network: Network) => ({
  title: 'Allocate all open requests',
  currentNetwork: network,
  nav: networkNav(c, network.id),
  subNav: supportSubNav(c, network.id),
});

/** The optimiser's stages, in the order it reports them, as the progress page names them. */
const solvingSteps = {
  split: 'a first estimate, with requests shared between leaders',
  round: 'giving each request to one leader',
  improve: 'improving the allocation',
  prove: 'checking that no allocation is better',
} as const;

function progressText(progress: AllocationProgress): string {
  if (progress.stage === 'reading')
    return progress.total === 0
      ? 'Counting the open requests.'
      : `Reading the eligible leaders of each open request: ${progress.done} of ${progress.total} (${Math.floor((progress.done / progress.total) * 100)}%).`;
  if (!progress.step) return 'All requests read; finding the best allocation (a few seconds).';
  const steps = Object.keys(solvingSteps);
  return `All requests read; finding the best allocation: ${solvingSteps[progress.step]} (step ${steps.indexOf(progress.step) + 1} of ${steps.length}, a few seconds in all).`;
}

/** The proposed allocation, line by line, for the broker to keep, change or reject. */
function allocationPage(c: Context<AppEnv>, network: Network, { lines, optimal, fromLastRun, reachKm }: AllocationProposal) {
  return render(c, 'brokerage-allocate.njk', {
    ...allocationChrome(c, network),
    optimal,
    fromLastRun,
    reachKm,
    lines: lines.map((l) => ({
      id: l.request.id,
      heading: `${l.request.schoolName}: ${l.request.specialismName ?? requestKindLabels[l.request.kind]}, ${phaseLabels[l.request.phase]}, ${daysText(l.request.days)}`,
      reasons: l.proposed?.reasons.join('. ') ?? l.unservedReason ?? '',
      items: [
        ...l.eligible.map((m) => ({
          value: m.candidate.designationId,
          text: `${m.candidate.fullName} (${designationKindShort[m.candidate.kind]}, ${m.candidate.schoolName ?? 'no school'}, score ${m.score})${m === l.proposed ? ': proposed' : ''}`,
          selected: m === l.proposed,
        })),
        { value: '', text: 'Reject: propose nobody', selected: !l.proposed },
      ],
    })),
  });
}

export const brokeragePages = new Hono<AppEnv>()
  .get('/networks/:networkId/support/allocate', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'request.broker');
    const db = c.var.deps.database.db;
    const openCount = await countUnallocatedRequests(db, network.id);
    // A large network's allocation runs in the background, from a button, with its progress shown.
    if (openCount >= BACKGROUND_FROM_REQUESTS)
      return render(c, 'brokerage-allocate.njk', {
        ...allocationChrome(c, network),
        start: true,
        openCount,
        perRun: Math.min(openCount, ALLOCATE_AT_MOST),
      });
    return allocationPage(c, network, await proposeAllocation(db, network.id));
  })
  .post('/networks/:networkId/support/allocate/runs', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'request.broker');
    const run = startAllocationRun(c.var.deps, network.id);
    return c.redirect(`/networks/${network.id}/support/allocate/runs/${run.id}`, 303);
  })
  .get('/networks/:networkId/support/allocate/runs/:runId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'request.broker');
    const run = findAllocationRun(network.id, c.req.param('runId'));
    // Runs live in the server's memory: one lost to a restart (or past its hour) is started again, not a 500.
    if (!run)
      return render(
        c,
        'brokerage-allocate-run.njk',
        { ...allocationChrome(c, network), title: 'This allocation is no longer available' },
        404,
      );
    if (run.status === 'finished') return allocationPage(c, network, run.proposal!);
    return render(c, 'brokerage-allocate-run.njk', {
      ...allocationChrome(c, network),
      title: run.status === 'failed' ? 'The allocation failed' : 'Finding the best allocation',
      run,
      progressText: progressText(run.progress),
    });
  })
  .post('/networks/:networkId/support/allocate', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'request.broker');
    const body = formFields(await c.req.parseBody({ all: true }));
    const { database, mailer, config } = c.var.deps;
    const outcomes: { text: string; ok: boolean }[] = [];
    for (const [field, value] of Object.entries(body)) {
      if (!field.startsWith('line-') || typeof value !== 'string' || value === '') continue;
      const request = await findRequest(database.db, field.slice('line-'.length));
      if (!request || request.networkId !== network.id) continue;
      try {
        const d = await inTransaction(database, (db) =>
          proposeDeployment({ db, actor, mailer, config }, { request, designationId: value }),
        );
        outcomes.push({ ok: true, text: `${request.schoolName}: proposed ${d.leaderName}` });
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        outcomes.push({ ok: false, text: `${request.schoolName}: not proposed. ${err.detail ?? err.title}` });
      }
    }
    return render(c, 'brokerage-allocated.njk', {
      title: 'Allocation proposed',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      proposedRows: outcomes.filter((o) => o.ok).map((o) => [{ text: o.text }]),
      refusedRows: outcomes.filter((o) => !o.ok).map((o) => [{ text: o.text }]),
    });
  });

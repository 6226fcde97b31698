import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testTarget } from '../../../test/support/database.ts';
import { auditEvents } from '../../kernel/audit/schema.ts';
import { addSchoolToNetwork, makeDesignation, makeMember, makeNetwork, makeSchool, makeSupportRequest } from '../../seed/factories.ts';
import { type AllocationProgress, proposeAllocation } from './brokerage-allocation.ts';
import { BACKGROUND_FROM_REQUESTS } from './brokerage-allocation-runs.ts';
import { deployments } from './brokerage-schema.ts';
import { countUnallocatedRequests, unallocatedRequests } from './requests-queries.ts';

// A network with as many open requests as start the background run: the page offers a button, the run's
// progress page is followed by its "Check progress" link (no JavaScript), and the proposal is then kept.

let t: TestApp;
let net: string;
let base: string;
let adminId: string;
const requestCount = BACKGROUND_FROM_REQUESTS + 2;
/** Release days of each of the three eligible leaders: fewer in all than the requests' days, so some go unserved. */
const leaderDays = 15;
const leaderNames = ['Priya Sharma', 'Tom Reid', 'Ama Boateng'];

beforeAll(async () => {
  t = await createTestApp();
  net = (await makeNetwork(t.db)).id;
  base = `/networks/${net}/support`;
  const leadersSchool = await makeSchool(t.db, { name: 'Vale Primary', easting: 436000, northing: 279000 });
  await addSchoolToNetwork(t.db, net, leadersSchool.urn);
  const schools = [];
  for (let i = 0; i < 6; i++) {
    const s = await makeSchool(t.db, { name: `Hill Primary ${i + 1}`, easting: 430000 + i * 1000, northing: 279000 });
    await addSchoolToNetwork(t.db, net, s.urn);
    schools.push(s);
  }
  adminId = (await makeMember(t.db, net, 'network_admin', { fullName: 'Ann Broker' })).id;
  const maths = (await makeSupportRequest(t.db, net, schools[0]!.urn, { days: '1' })).specialismId!;
  for (let i = 1; i < requestCount; i++) await makeSupportRequest(t.db, net, schools[i % schools.length]!.urn, { days: '1' });
  for (const fullName of leaderNames) {
    const leader = await makeMember(t.db, net, 'system_leader', { fullName, schoolUrn: leadersSchool.urn });
    await makeDesignation(t.db, net, leader.id, { releaseDays: String(leaderDays), specialismIds: [maths] });
  }
});
afterAll(() => t.close());

/** Run `work` while another session holds the designations table (PostgreSQL only), so a run waits to read them. */
const whileLeadersAreHeld = <T>(work: () => Promise<T>): Promise<T> =>
  testTarget === 'postgresql'
    ? t.db.transaction(async (tx) => {
        await tx.execute(sql`lock table designations in access exclusive mode`);
        return work();
      })
    : work();
const checkProgressLink = (page: string) => page.match(/<a class="govuk-link" href="([^"]+)">Check progress<\/a>/)?.[1];
/** What a browser without JavaScript submits from the proposal: each line's selected option. */
const keptLines = (page: string) =>
  Object.fromEntries(
    [...page.matchAll(/<select[^>]*name="(line-[^"]+)"[^>]*>([\s\S]*?)<\/select>/g)].map(([, name, options]) => [
      name!,
      options!.match(/<option value="([^"]*)" selected>/)?.[1] ?? '',
    ]),
  );

describe(`allocating all open requests from ${BACKGROUND_FROM_REQUESTS} open requests`, () => {
  it('counts every open request, while one run takes at most its limit, oldest first', async () => {
    expect(await countUnallocatedRequests(t.db, net)).toBe(requestCount);
    const all = await unallocatedRequests(t.db, net);
    const firstFive = await unallocatedRequests(t.db, net, 5);
    expect(all).toHaveLength(requestCount);
    expect(firstFive.map((r) => r.id)).toEqual(all.slice(0, 5).map((r) => r.id));
  });

  it('reports reading each request, then the optimiser’s own stages while it solves', async () => {
    const seen: AllocationProgress[] = [];
    const proposal = await proposeAllocation(t.db, net, (p) => seen.push(p));
    expect(proposal.lines).toHaveLength(requestCount);
    const reading = seen.filter((p) => p.stage === 'reading');
    expect(reading.at(-1)).toEqual({ stage: 'reading', done: requestCount, total: requestCount });
    const solving = seen.slice(reading.length);
    expect(solving[0]).toEqual({ stage: 'solving' });
    const steps = solving.slice(1).map((p) => (p.stage === 'solving' ? p.step : p.stage));
    expect(steps.filter((s, i) => s !== steps[i - 1])).toEqual(['split', 'round', 'improve', 'prove']);
  });

  it('a run again starts from the last proposal and keeps its lines where nothing cheaper exists', async () => {
    const first = await proposeAllocation(t.db, net);
    const again = await proposeAllocation(t.db, net);
    expect(again.fromLastRun).toBe(true);
    expect(first.optimal && again.optimal).toBe(true);
    const proposed = (p: typeof first) => p.lines.map((l) => [l.request.id, l.proposed?.candidate.designationId ?? null]);
    expect(proposed(again)).toEqual(proposed(first));
  });

  it('offers a button, shows the run’s progress with a link to check it, then the proposal to keep', async () => {
    const admin = await t.signIn(adminId);
    const start = await t.app.request(`${base}/allocate`, { headers: admin.headers });
    expect(start.status).toBe(200);
    const startPage = await start.text();
    expect(startPage).toContain(`There are ${requestCount} open requests.`);
    expect(startPage).toContain(`action="${base}/allocate/runs"`);
    expect(startPage).toContain('Find the best allocation');
    expect(startPage).not.toContain('name="line-');

    // PostgreSQL reads the open requests and leaders in milliseconds: holding the leaders' table for a moment
    // shows the run at its start for certain. (PGlite has one session, which a lock cannot hold back; there
    // the run gives the server a turn per request, a hundred turns in which these pages are answered.)
    const { runUrl, firstLook } = await whileLeadersAreHeld(async () => {
      const started = await t.post(`${base}/allocate/runs`, admin, {});
      expect(started.status).toBe(303);
      const runUrl = started.headers.get('location')!;
      if (testTarget !== 'postgresql') return { runUrl, firstLook: null };
      // The run counts the open requests first (a moment on a busy machine), then waits for the leaders' table.
      let firstLook = '';
      for (let i = 0; i < 200 && !firstLook.includes(` of ${requestCount} (`); i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 10));
        firstLook = await (await t.app.request(runUrl, { headers: admin.headers })).text();
      }
      return { runUrl, firstLook };
    });
    expect(runUrl).toMatch(new RegExp(`^${base}/allocate/runs/[0-9a-f-]{36}$`));
    if (firstLook !== null) {
      expect(firstLook).toContain('<h1 class="govuk-heading-l">Finding the best allocation</h1>');
      expect(firstLook).toContain(`Reading the eligible leaders of each open request: 0 of ${requestCount} (0%).`);
      expect(checkProgressLink(firstLook)).toBe(runUrl);
    }

    // Follow the page as a browser without JavaScript would: by its "Check progress" link.
    let url = runUrl;
    let page = '';
    let progressPagesSeen = firstLook === null ? 0 : 1;
    let solvingPagesSeen = 0;
    for (let i = 0; i < 600; i++) {
      const res = await t.app.request(url, { headers: admin.headers });
      expect(res.status).toBe(200);
      page = await res.text();
      const next = checkProgressLink(page);
      if (!next) break;
      progressPagesSeen++;
      if (
        /All requests read; finding the best allocation(: [^(]+ \(step [1-4] of 4, a few seconds in all\)| \(a few seconds\))\./.test(page)
      )
        solvingPagesSeen++;
      else
        expect(page).toMatch(
          new RegExp(
            `Counting the open requests\\.|Reading the eligible leaders of each open request: \\d+ of ${requestCount} \\(\\d+%\\)\\.`,
          ),
        );
      url = next;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(progressPagesSeen).toBeGreaterThan(0);
    // The optimiser solves in a worker thread (starting it alone takes a tenth of a second or more): meanwhile
    // the server still answers, and the page says the requests are read and the allocation is being found.
    expect(solvingPagesSeen).toBeGreaterThan(0);
    expect(url).toBe(runUrl);
    expect(page).toContain('<h1 class="govuk-heading-l">Allocate all open requests</h1>');
    expect(page).toContain('Propose the kept lines');

    // One line per open request; no leader past their release days; the rest say why nobody is proposed.
    const lines = keptLines(page);
    expect(Object.keys(lines)).toHaveLength(requestCount);
    const kept = Object.values(lines).filter((v) => v !== '');
    const daysPerLeader = new Map<string, number>();
    for (const leader of kept) daysPerLeader.set(leader, (daysPerLeader.get(leader) ?? 0) + 1);
    expect(daysPerLeader.size).toBe(leaderNames.length);
    for (const days of daysPerLeader.values()) expect(days).toBeLessThanOrEqual(leaderDays);
    expect(kept).toHaveLength(leaderNames.length * leaderDays);
    expect(page).toMatch(/Every eligible leader’s days go to \d+ other requests that they fit better/);

    const proposed = await t.post(`${base}/allocate`, admin, lines);
    expect(proposed.status).toBe(200);
    const outcome = await proposed.text();
    expect(outcome).toContain('Allocation proposed');
    expect(outcome.match(/: proposed (Priya Sharma|Tom Reid|Ama Boateng)/g)).toHaveLength(kept.length);
    const saved = await t.db.select().from(deployments).where(eq(deployments.networkId, net));
    expect(saved).toHaveLength(kept.length);
    expect(saved.every((d) => d.status === 'proposed')).toBe(true);

    // Fewer open requests than the threshold now: the proposal is shown at once, without a run.
    const after = await (await t.app.request(`${base}/allocate`, { headers: admin.headers })).text();
    expect(after).not.toContain('Find the best allocation');
    expect(Object.keys(keptLines(after))).toHaveLength(requestCount - kept.length);
  });

  it('another network’s admin cannot see or start a run: not found under their network, refused (and audited) under this one', async () => {
    const admin = await t.signIn(adminId);
    const runUrl = (await t.post(`${base}/allocate/runs`, admin, {})).headers.get('location')!;
    const runId = runUrl.split('/').pop()!;
    const other = (await makeNetwork(t.db)).id;
    const outsider = await makeMember(t.db, other, 'network_admin');
    const otherAdmin = await t.signIn(outsider.id);

    const underOwnNetwork = await t.app.request(`/networks/${other}/support/allocate/runs/${runId}`, { headers: otherAdmin.headers });
    expect(underOwnNetwork.status).toBe(404);
    expect(await underOwnNetwork.text()).not.toContain('Hill Primary');

    const underThisNetwork = await t.app.request(runUrl, { headers: otherAdmin.headers });
    expect(underThisNetwork.status).toBe(403);
    expect(await underThisNetwork.text()).not.toContain('Hill Primary');
    const starting = await t.post(`${base}/allocate/runs`, otherAdmin, {});
    expect(starting.status).toBe(403);
    const refusals = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'access.refused'), eq(auditEvents.networkId, net), eq(auditEvents.actorId, outsider.id)));
    expect(refusals.map((r) => r.detail)).toEqual([{ action: 'request.broker' }, { action: 'request.broker' }]);
  });

  it('a run the server no longer holds (restarted, or kept past its hour) is not found, with a link to start again', async () => {
    const admin = await t.signIn(adminId);
    const res = await t.app.request(`${base}/allocate/runs/${crypto.randomUUID()}`, { headers: admin.headers });
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).toContain('This allocation is no longer available');
    expect(page).toContain('lost when the service restarts');
    expect(page).toContain(`<a class="govuk-link" href="${base}/allocate">Start the allocation again</a>`);
  });
});

import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { todayIso } from '../../kernel/dates.ts';
import type { Db } from '../../kernel/db/client.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { HttpError, invalidField } from '../../kernel/http/errors.ts';
import { formErrors } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { type Phase, phaseLabels, phases } from '../networks/domain.ts';
import { networkFor, networkNav } from '../networks/pages.ts';
import { schools } from '../networks/schema.ts';
import { listSpecialisms } from '../networks/specialisms-queries.ts';
import { type DirectoryEntry, type DirectoryFilter, searchDirectory } from './directory-queries.ts';
import { designationKindLabels, designationKindShort, designationKinds } from './domain.ts';
import { supportSubNav } from './support-nav.ts';

const PER_PAGE = 20;

export const directoryQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  specialism: z.string().uuid().optional().catch(undefined),
  phase: z.enum(phases).optional().catch(undefined),
  kind: z.enum(designationKinds).optional().catch(undefined),
  urn: z.coerce.number().int().positive().max(99999999).optional().catch(undefined),
  available: z.coerce
    .number()
    .min(0.5)
    .max(190)
    .refine((n) => Number.isInteger(n * 2))
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});

/** The grid reference of the school to measure from; refused (400, naming `urn`) when unknown or unplaced. */
export async function originOf(db: Db, urn: number | undefined) {
  if (urn === undefined) return undefined;
  const [school] = await db.select().from(schools).where(eq(schools.urn, urn));
  if (!school) throw invalidField('urn', `There is no school with URN ${urn}`);
  if (school.easting === null || school.northing === null)
    throw invalidField('urn', `${school.name} has no location in the schools register: distances cannot be measured from it`);
  return { easting: school.easting, northing: school.northing, name: school.name };
}

const designationText = (e: DirectoryEntry) =>
  e.designations
    .map((d) => `${designationKindShort[d.kind]} (${phaseLabels[d.phase]}, ${d.daysLeft} of ${d.releaseDays} days left this year)`)
    .join('; ');

export const directoryPages = new Hono<AppEnv>().get('/networks/:networkId/directory', async (c) => {
  signedIn(c);
  const network = await networkFor(c, 'directory.view');
  const db = c.var.deps.database.db;
  const query = directoryQuery.parse(c.req.query());
  const { rows: specialisms } = await listSpecialisms(db, network.id);
  let origin: Awaited<ReturnType<typeof originOf>>;
  let problem: ReturnType<typeof formErrors> | undefined;
  try {
    origin = await originOf(db, query.urn);
  } catch (err) {
    if (!(err instanceof HttpError && err.fields)) throw err;
    problem = formErrors(err.fields);
  }
  const filter: DirectoryFilter = {
    q: query.q,
    specialismId: query.specialism,
    phase: query.phase,
    kind: query.kind,
    minDaysLeft: query.available,
    from: origin,
  };
  const { entries, total } = problem
    ? { entries: [], total: 0 }
    : await searchDirectory(db, network.id, todayIso(), filter, { page: query.page, perPage: PER_PAGE });
  const path = `/networks/${network.id}/directory`;
  const paging = paginationView({ page: query.page, perPage: PER_PAGE, total }, path, {
    q: query.q,
    specialism: query.specialism,
    phase: query.phase,
    kind: query.kind,
    urn: query.urn,
    available: query.available,
  });
  return render(
    c,
    'directory.njk',
    {
      title: 'Directory of expertise',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      query: { ...query, urn: c.req.query('urn') ?? '', available: c.req.query('available') ?? '' },
      origin,
      ...paging,
      specialismItems: [
        { value: '', text: 'Any specialism' },
        ...specialisms.map((s) => ({ value: s.id, text: s.name, selected: query.specialism === s.id })),
      ],
      phaseItems: [
        { value: '', text: 'Any phase' },
        ...phases.map((p) => ({ value: p, text: phaseLabels[p as Phase], selected: query.phase === p })),
      ],
      kindItems: [
        { value: '', text: 'Any designation' },
        ...designationKinds.map((k) => ({ value: k, text: designationKindLabels[k], selected: query.kind === k })),
      ],
      results: entries.map((e) => ({
        name: e.fullName,
        profileHref: `/networks/${network.id}/directory/${e.personId}`,
        school: e.schoolName ?? 'No school given',
        designations: designationText(e),
        specialisms: e.specialisms.join(', '),
        distance: e.distanceKm === null ? null : `${e.distanceKm.toFixed(1)} km`,
      })),
      ...(problem ?? {}),
    },
    problem ? 400 : 200,
  );
});

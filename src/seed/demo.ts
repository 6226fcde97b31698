import { count } from 'drizzle-orm';
import { type Role, roleLabels } from '../kernel/auth/actor.ts';
import { hashPassword } from '../kernel/auth/passwords.ts';
import { inTransaction } from '../kernel/commands.ts';
import type { Deps } from '../kernel/http/context.ts';
import type { LeadershipLevel } from '../modules/networks/domain.ts';
import { networks, type people } from '../modules/networks/schema.ts';
import { seedAccreditation } from './accreditation.ts';
import { seedAccreditationOutcomes, seedSubmissionToAssess } from './accreditation-outcomes.ts';
import { type DemoSchool, distance, loadCoventrySchools, schoolSlug, toSchoolRow } from './coventry.ts';
import { seedCpdBookings } from './cpd.ts';
import { seedCpdDevelopment } from './cpd-development.ts';
import { type DesignationPlan, ensureDemoDesignations } from './designations.ts';
import {
  ensureNetwork,
  ensureNetworkSchools,
  ensurePartnership,
  ensurePeople,
  ensureSchools,
  ensureStrategicPartner,
  grantRoles,
} from './factories.ts';
import { mailLocalPart, prng, staffFor } from './staff.ts';
import { seedSupportBrokerage } from './support-brokerage.ts';
import { seedSupportRounds } from './support-rounds.ts';

// The demo network of seed 000: Blue Sky Teaching School Alliance in Coventry, led by Sacred Heart,
// in partnership with Castle Phoenix (Caludon Castle School). Safe to re-run: everything is found
// by its natural key (school URN, network name, person email) before it is created.

export const DEMO_PASSWORD = 'alliance-demo';
export const BLUE_SKY = 'Blue Sky Teaching School Alliance';
export const CASTLE_PHOENIX = 'Castle Phoenix Teaching School Alliance';
export const SACRED_HEART_URN = 142205;
export const CALUDON_CASTLE_URN = 139292;
const ST_MICHAELS = "St Michael's Church of England Primary School";
/** Fixed, so that every run generates the same staff (and a re-run inserts none). */
const STAFF_SEED = 20130901;

export interface Persona {
  name: string;
  role: Role;
  roleLabel: string;
  network: string;
  jobTitle: string;
  school: string;
  email: string;
  password: string;
}

interface MemberPlan {
  schoolUrn: number;
  joinedOn: string;
  leftOn?: string | null;
}

const memberPhases = new Set(['Primary', 'Secondary', 'Nursery', 'All-through']);
const eligible = (s: DemoSchool) => memberPhases.has(s.phase) || s.type === 'Community special school';

/** Which schools belong to which network: the schools nearest each lead school, chosen deterministically. */
export function planMemberships(schools: DemoSchool[]) {
  const r = prng(STAFF_SEED);
  const byUrn = new Map(schools.map((s) => [s.urn, s]));
  const sacredHeart = byUrn.get(SACRED_HEART_URN)!;
  const caludon = byUrn.get(CALUDON_CASTLE_URN)!;
  const stMichaels = schools.find((s) => s.name === ST_MICHAELS)!;
  const joined = () => `${r.int(2014, 2023)}-09-01`;

  const nearSacredHeart = schools
    .filter((s) => eligible(s) && ![SACRED_HEART_URN, CALUDON_CASTLE_URN, stMichaels.urn].includes(s.urn))
    .sort((a, b) => distance(a, sacredHeart) - distance(b, sacredHeart));
  const blueSky: MemberPlan[] = [
    { schoolUrn: SACRED_HEART_URN, joinedOn: '2013-09-01' },
    { schoolUrn: stMichaels.urn, joinedOn: '2014-09-01' },
    ...nearSacredHeart.slice(0, 28).map((s) => ({ schoolUrn: s.urn, joinedOn: joined() })),
  ];
  // One school left the alliance when it joined a trust.
  const leaver = nearSacredHeart[28]!;
  blueSky.push({ schoolUrn: leaver.urn, joinedOn: '2015-09-01', leftOn: '2019-08-31' });

  const inBlueSky = new Set(blueSky.map((m) => m.schoolUrn));
  const nearCaludon = (s: DemoSchool[]) => [...s].sort((a, b) => distance(a, caludon) - distance(b, caludon));
  const sharedSchool = nearCaludon(schools.filter((s) => inBlueSky.has(s.urn) && s.urn !== SACRED_HEART_URN && s !== leaver))[0]!;
  const castlePhoenix: MemberPlan[] = [
    { schoolUrn: CALUDON_CASTLE_URN, joinedOn: '2014-09-01' },
    ...nearCaludon(schools.filter((s) => eligible(s) && !inBlueSky.has(s.urn) && s.urn !== CALUDON_CASTLE_URN))
      .slice(0, 11)
      .map((s) => ({ schoolUrn: s.urn, joinedOn: joined() })),
    // A school may belong to both alliances.
    { schoolUrn: sharedSchool.urn, joinedOn: '2017-09-01' },
  ];
  return { blueSky, castlePhoenix, stMichaels, sacredHeart, caludon };
}

type PersonRow = typeof people.$inferInsert;
interface PlannedPerson {
  row: PersonRow;
  roles: { network: 'blueSky' | 'castlePhoenix'; role: Role }[];
}

interface PersonaSpec {
  name: string;
  role: Role;
  network: 'blueSky' | 'castlePhoenix';
  jobTitle: string;
  level: LeadershipLevel;
  school: DemoSchool;
}

export async function seedDemo(deps: Pick<Deps, 'config' | 'database'>): Promise<Persona[]> {
  if (deps.config.NODE_ENV === 'production') {
    throw new Error('Refusing to seed the demo network: NODE_ENV is production. Demo people share a known password.');
  }
  const schools = loadCoventrySchools();
  const byUrn = new Map(schools.map((s) => [s.urn, s]));
  const plan = planMemberships(schools);
  const firstBlueSkySecondary = plan.blueSky
    .filter((m) => !m.leftOn)
    .map((m) => byUrn.get(m.schoolUrn)!)
    .find((s) => s.phase === 'Secondary')!;

  const personaSpecs: PersonaSpec[] = [
    {
      name: 'Helen Barker',
      role: 'network_admin',
      network: 'blueSky',
      jobTitle: 'Director, Blue Sky Teaching School Alliance',
      level: 'executive_leader',
      school: plan.sacredHeart,
    },
    {
      name: 'Rachel Hughes',
      role: 'school_leader',
      network: 'blueSky',
      jobTitle: 'Headteacher',
      level: 'headteacher',
      school: plan.stMichaels,
    },
    {
      name: 'Priya Sharma',
      role: 'system_leader',
      network: 'blueSky',
      jobTitle: 'Assistant Headteacher, Specialist Leader of Education (maths)',
      level: 'senior_leader',
      school: firstBlueSkySecondary,
    },
    {
      name: 'Leanne Casey',
      role: 'lp_candidate',
      network: 'blueSky',
      jobTitle: 'Deputy Headteacher',
      level: 'senior_leader',
      school: plan.stMichaels,
    },
    {
      name: 'Tom Whitfield',
      role: 'mentor',
      network: 'blueSky',
      jobTitle: 'Advanced Skills Teacher (English)',
      level: 'teacher',
      school: plan.sacredHeart,
    },
    {
      name: 'Ayesha Khan',
      role: 'assessor',
      network: 'blueSky',
      jobTitle: 'Lead Practitioner assessor',
      level: 'senior_leader',
      school: firstBlueSkySecondary,
    },
    {
      name: 'Jack Reynolds',
      role: 'trainee',
      network: 'blueSky',
      jobTitle: 'Trainee teacher (School Direct)',
      level: 'teacher',
      school: plan.sacredHeart,
    },
    {
      name: 'Gareth Lloyd',
      role: 'network_admin',
      network: 'castlePhoenix',
      jobTitle: 'Director, Castle Phoenix Teaching School Alliance',
      level: 'executive_leader',
      school: plan.caludon,
    },
  ];

  // Mail domains per school, unique even if two names shorten to the same label.
  const domains = new Map<number, string>();
  const usedSlugs = new Set<string>();
  for (const s of schools) {
    let slug = schoolSlug(s.name);
    for (let n = 2; usedSlugs.has(slug); n++) slug = `${schoolSlug(s.name)}-${n}`;
    usedSlugs.add(slug);
    domains.set(s.urn, `${slug}.example.org`);
  }
  const usedEmails = new Set<string>();
  const emailFor = (fullName: string, urn: number) => {
    const local = mailLocalPart(fullName);
    let email = `${local}@${domains.get(urn)}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domains.get(urn)}`;
    usedEmails.add(email);
    return email;
  };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const planned: PlannedPerson[] = [];
  const personas: Persona[] = personaSpecs.map((p) => {
    const email = emailFor(p.name, p.school.urn);
    planned.push({
      row: { fullName: p.name, email, schoolUrn: p.school.urn, jobTitle: p.jobTitle, leadershipLevel: p.level, passwordHash },
      roles: [{ network: p.network, role: p.role }],
    });
    return {
      name: p.name,
      role: p.role,
      roleLabel: roleLabels[p.role],
      network: p.network === 'blueSky' ? BLUE_SKY : CASTLE_PHOENIX,
      jobTitle: p.jobTitle,
      school: p.school.name,
      email,
      password: DEMO_PASSWORD,
    };
  });

  // Staff of every current member school, members of each network their school belongs to.
  const current = new Map<number, ('blueSky' | 'castlePhoenix')[]>();
  for (const [network, members] of [
    ['blueSky', plan.blueSky],
    ['castlePhoenix', plan.castlePhoenix],
  ] as const) {
    for (const m of members) if (!m.leftOn) current.set(m.schoolUrn, [...(current.get(m.schoolUrn) ?? []), network]);
  }
  const r = prng(STAFF_SEED);
  for (const [urn, networksOfSchool] of [...current].sort(([a], [b]) => a - b)) {
    const school = byUrn.get(urn)!;
    const skipTitles = personaSpecs.filter((p) => p.school.urn === urn).map((p) => p.jobTitle);
    for (const member of staffFor(school.phase, r, { skipTitles })) {
      planned.push({
        row: {
          fullName: member.fullName,
          email: emailFor(member.fullName, urn),
          schoolUrn: urn,
          jobTitle: member.jobTitle,
          leadershipLevel: member.leadershipLevel,
        },
        roles: networksOfSchool.map((network) => ({ network, role: member.role })),
      });
    }
  }

  await inTransaction(deps.database, async (db) => {
    await ensureSchools(db, schools.map(toSchoolRow));
    const ids = {
      blueSky: (await ensureNetwork(db, { name: BLUE_SKY, kind: 'teaching_school_alliance', leadSchoolUrn: SACRED_HEART_URN })).id,
      castlePhoenix: (
        await ensureNetwork(db, { name: CASTLE_PHOENIX, kind: 'teaching_school_alliance', leadSchoolUrn: CALUDON_CASTLE_URN })
      ).id,
    };
    await ensureNetworkSchools(db, ids.blueSky, plan.blueSky);
    await ensureNetworkSchools(db, ids.castlePhoenix, plan.castlePhoenix);
    await ensureStrategicPartner(db, ids.blueSky, 'University of Warwick', 'university');
    await ensureStrategicPartner(db, ids.blueSky, 'Coventry University', 'university');
    await ensureStrategicPartner(db, ids.blueSky, 'Coventry City Council', 'local_authority');
    await ensureStrategicPartner(db, ids.castlePhoenix, 'Coventry University', 'university');
    await ensureStrategicPartner(db, ids.castlePhoenix, 'Coventry City Council', 'local_authority');
    await ensurePartnership(db, ids.blueSky, ids.castlePhoenix, '2016-09-01');

    const personIds = await ensurePeople(
      db,
      planned.map((p) => p.row),
    );
    await grantRoles(
      db,
      planned.flatMap((p) => {
        const personId = personIds.get(p.row.email.toLowerCase())!;
        return p.roles.map((x) => ({ networkId: ids[x.network], personId, role: x.role }));
      }),
    );
    // Priya is the SLE persona (maths); Tom keeps his advanced skills teacher title as a designation.
    const personaEmail = (name: string) => personas.find((p) => p.name === name)!.email.toLowerCase();
    const designated = new Map<string, DesignationPlan>([
      [personaEmail('Priya Sharma'), { kind: 'sle', codes: ['maths', 'leadership_of_curriculum'], releaseDays: 15 }],
      [personaEmail('Tom Whitfield'), { kind: 'ast', codes: ['english'], releaseDays: 10 }],
    ]);
    await ensureDemoDesignations(db, ids.blueSky, designated, { sles: 15, schools: 6 });
    await seedSupportBrokerage(db, ids.blueSky, personaEmail('Priya Sharma'));
    await seedSupportRounds(db, ids.blueSky, { admin: personaEmail('Helen Barker'), head: personaEmail('Rachel Hughes') });
    await seedCpdDevelopment(db, ids.blueSky, { sle: personaEmail('Priya Sharma'), head: personaEmail('Rachel Hughes') });
    await seedCpdBookings(db, ids.blueSky, plan.stMichaels.urn, {
      literacy: personaEmail('Tom Whitfield'),
      aspiring: personaEmail('Helen Barker'),
    });
    await ensureDemoDesignations(db, ids.castlePhoenix, new Map());
    await seedAccreditation(db, ids, {
      candidate: personaEmail('Leanne Casey'),
      mentor: personaEmail('Tom Whitfield'),
      secondMentor: personaEmail('Priya Sharma'),
      lead: personaEmail('Helen Barker'),
      head: personaEmail('Rachel Hughes'),
    });
    await seedAccreditationOutcomes(db, ids.blueSky, { assessor: personaEmail('Ayesha Khan') });
    await seedSubmissionToAssess(db, ids.blueSky, { assessor: personaEmail('Ayesha Khan'), exceptCandidate: personaEmail('Leanne Casey') });
  });
  return personas;
}

/** The personas as a plain-text table for the terminal. */
export function formatPersonas(personas: Persona[], appUrl?: string): string {
  const header = ['Name', 'Role', 'Network', 'Email', 'Password'];
  const rows = personas.map((p) => [p.name, p.roleLabel, p.network, p.email, p.password]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const intro = `Demo personas${appUrl ? ` (sign in at ${appUrl}/sign-in with a password or an emailed link)` : ''}:`;
  return [intro, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Seed the demo network only into a database that has no networks yet (first `npm start`). */
export async function seedDemoIfEmpty(
  deps: Pick<Deps, 'config' | 'database'>,
  print: (text: string) => void = console.log,
): Promise<Persona[] | null> {
  const [row] = await deps.database.db.select({ n: count() }).from(networks);
  if ((row?.n ?? 0) > 0) return null;
  if (deps.config.NODE_ENV === 'production') {
    print('The database has no networks; the demo network is not seeded in production.');
    return null;
  }
  const personas = await seedDemo(deps);
  print(`\nSeeded the demo network "${BLUE_SKY}".\n${formatPersonas(personas, deps.config.appUrl)}\n`);
  return personas;
}

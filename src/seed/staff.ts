import type { Role } from '../kernel/auth/actor.ts';
import type { LeadershipLevel } from '../modules/networks/domain.ts';

// Generated staff for the demo: deterministic (a fixed seed), so that re-running the seed
// produces the same people and therefore inserts nothing new.

/** mulberry32: a tiny, well-mixed 32-bit PRNG; enough for believable demo data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}
export type Prng = ReturnType<typeof prng>;

const firstNames = [
  'Oliver',
  'Amelia',
  'Jack',
  'Olivia',
  'Harry',
  'Isla',
  'George',
  'Emily',
  'Noah',
  'Poppy',
  'Charlie',
  'Ava',
  'Thomas',
  'Sophie',
  'James',
  'Jessica',
  'William',
  'Lily',
  'Daniel',
  'Grace',
  'Samuel',
  'Hannah',
  'Joseph',
  'Chloe',
  'Matthew',
  'Lucy',
  'Ryan',
  'Ellie',
  'Adam',
  'Megan',
  'Mohammed',
  'Aisha',
  'Arjun',
  'Priya',
  'Imran',
  'Fatima',
  'Harpreet',
  'Simran',
  'Kwame',
  'Abena',
  'Tomasz',
  'Zofia',
  'Rhys',
  'Bethan',
  'Callum',
  'Eilidh',
  'Sean',
  'Niamh',
  'David',
  'Sarah',
  'Paul',
  'Claire',
  'Mark',
  'Joanne',
  'Andrew',
  'Nicola',
  'Stephen',
  'Rachel',
  'Richard',
  'Karen',
  'Michael',
  'Emma',
  'Peter',
  'Louise',
  'Gareth',
  'Helen',
  'Neil',
  'Kirsty',
  'Ian',
  'Amy',
  'Ravi',
  'Sunita',
  'Yusuf',
  'Maryam',
  'Dominic',
  'Hollie',
  'Jamal',
  'Nadia',
  'Lewis',
  'Zara',
];
const lastNames = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Patel',
  'Khan',
  'Singh',
  'Kaur',
  'Ahmed',
  'Hussain',
  'Begum',
  'Sharma',
  'Mistry',
  'Chauhan',
  'Turner',
  'Hill',
  'Moore',
  'Cooper',
  'Ward',
  'Morris',
  'King',
  'Watson',
  'Harris',
  'Baker',
  'Harrison',
  'Morgan',
  'Lewis',
  'Young',
  'Allen',
  'Mitchell',
  'Kelly',
  'Hughes',
  'Edwards',
  'Bennett',
  'Murphy',
  'Nowak',
  'Kowalski',
  'Mensah',
  'Okafor',
  'Campbell',
  'Stewart',
  'Griffiths',
  'Owen',
  'Lloyd',
  'Bailey',
  'Price',
  'Shaw',
  'Fletcher',
  'Marsh',
  'Holmes',
  'Chapman',
  'Webb',
  'Rogers',
  'Gill',
  'Sandhu',
  'Bains',
  'Dhillon',
  'Reid',
  'Foster',
  'Barnes',
];

export interface StaffMember {
  fullName: string;
  jobTitle: string;
  leadershipLevel: LeadershipLevel;
  role: Role;
}

type Post = { title: string; level: LeadershipLevel };

const primarySubjects = ['English', 'Maths', 'Science', 'Computing', 'PE', 'Music', 'Art', 'RE', 'Phonics', 'Early Years'];
const secondarySubjects = [
  'English',
  'Maths',
  'Science',
  'History',
  'Geography',
  'Modern Foreign Languages',
  'Computing',
  'Art',
  'Drama',
  'Music',
  'PE',
  'Design and Technology',
  'RE',
  'Physics',
  'Chemistry',
  'Biology',
];

/** The posts of a school of this phase: a head, a senior team, middle leaders and teachers. */
function postsFor(phase: string, r: Prng): Post[] {
  if (phase === 'Secondary' || phase === 'All-through') {
    const subjects = r.shuffle(secondarySubjects);
    const posts: Post[] = [
      { title: 'Headteacher', level: 'headteacher' },
      { title: 'Deputy Headteacher', level: 'senior_leader' },
      { title: 'Assistant Headteacher', level: 'senior_leader' },
      { title: 'Assistant Headteacher', level: 'senior_leader' },
      { title: 'SENCo', level: 'middle_leader' },
      { title: `Head of ${subjects[0]}`, level: 'middle_leader' },
      { title: `Head of ${subjects[1]}`, level: 'middle_leader' },
      { title: `Head of Year ${r.int(7, 11)}`, level: 'middle_leader' },
    ];
    const teachers = r.int(4, 7);
    for (let i = 0; i < teachers; i++) posts.push({ title: `Teacher of ${subjects[2 + i]}`, level: 'teacher' });
    return posts;
  }
  if (phase === 'Primary') {
    const subject = r.pick(primarySubjects);
    const posts: Post[] = [
      { title: 'Headteacher', level: 'headteacher' },
      { title: 'Deputy Headteacher', level: 'senior_leader' },
      { title: r.chance(0.5) ? 'Key Stage 1 Leader' : 'Key Stage 2 Leader', level: 'middle_leader' },
      { title: r.chance(0.5) ? 'SENCo' : `${subject} Lead`, level: 'middle_leader' },
    ];
    const teachers = r.int(3, 5);
    for (let i = 0; i < teachers; i++) posts.push({ title: `Year ${r.int(1, 6)} Teacher`, level: 'teacher' });
    return posts;
  }
  return [
    { title: 'Headteacher', level: 'headteacher' },
    { title: 'Deputy Headteacher', level: 'senior_leader' },
    { title: 'SENCo', level: 'middle_leader' },
    ...Array.from({ length: r.int(2, 3) }, () => ({ title: 'Class Teacher', level: 'teacher' as const })),
  ];
}

/** Network roles: each head leads their school; a few leaders are SLEs, a few teachers mentor. */
function roleFor(post: Post, r: Prng): Role {
  if (post.level === 'headteacher') return 'school_leader';
  if ((post.level === 'senior_leader' || post.level === 'middle_leader') && r.chance(0.1)) return 'system_leader';
  if (post.level === 'teacher' && r.chance(0.08)) return 'mentor';
  return 'participant';
}

/** The staff of one school, without the posts that named personas hold there (`skipTitles`). */
export function staffFor(phase: string, r: Prng, options: { skipTitles?: string[] } = {}): StaffMember[] {
  const staff = postsFor(phase, r)
    .filter((p) => !options.skipTitles?.includes(p.title))
    .map((p) => ({
      fullName: `${r.pick(firstNames)} ${r.pick(lastNames)}`,
      jobTitle: p.title,
      leadershipLevel: p.level,
      role: roleFor(p, r),
    }));
  if (phase === 'Primary' || phase === 'Secondary') {
    if (r.chance(0.3))
      staff.push({
        fullName: `${r.pick(firstNames)} ${r.pick(lastNames)}`,
        jobTitle: 'Trainee teacher (School Direct)',
        leadershipLevel: 'teacher',
        role: 'trainee',
      });
  }
  return staff;
}

/** firstname.lastname, as a mail local part ("Mohammed O'Neil" -> "mohammed.oneil"). */
export const mailLocalPart = (fullName: string) =>
  fullName
    .toLowerCase()
    .replace(/[^a-z\s-]/g, '')
    .trim()
    .split(/\s+/)
    .join('.');

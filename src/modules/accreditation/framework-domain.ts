// Standards frameworks: the shipped SSAT default, the pass rule and coverage at a glance. Pure.

export interface FrameworkLevel {
  level: number;
  name: string;
  description: string;
}

export interface FrameworkStandard {
  id: string;
  code: string;
  title: string;
  description: string;
  groupName: string;
}

export interface PassRule {
  /** At least this level... */
  minLevel: number;
  /** ...on at least this many standards. */
  minStandards: number;
}

export interface FrameworkContent {
  levels: FrameworkLevel[];
  groups: { name: string; standards: { code: string; title: string; description: string }[] }[];
  passRule: PassRule;
  validityYears: number;
}

/** SSAT's Lead Practitioner skills: ten standards in three groups, four levels, pass at level 3 on 7 of 10, for 3 years. */
export const ssatDefaultFramework: FrameworkContent = {
  levels: [
    { level: 1, name: 'Beginning', description: 'With a colleague' },
    { level: 2, name: 'Developing', description: 'With your team' },
    { level: 3, name: 'Extending', description: 'Beyond your team' },
    { level: 4, name: 'Transforming and leading', description: 'Regionally or further' },
  ],
  groups: [
    {
      name: 'Personal skills',
      standards: [
        { code: 'S1', title: 'Communication and presenting', description: '' },
        { code: 'S2', title: 'Negotiating and influencing', description: '' },
        { code: 'S3', title: 'Challenging, developing and innovating', description: '' },
        { code: 'S4', title: 'Always a learner', description: '' },
      ],
    },
    {
      name: 'Professional knowledge',
      standards: [
        { code: 'S5', title: 'Undertaking research to improve specialist knowledge', description: '' },
        { code: 'S6', title: 'Knowing how all learners, practitioners and students, learn and progress', description: '' },
        { code: 'S7', title: 'Transferring specialist expertise, knowledge and pedagogy', description: '' },
      ],
    },
    {
      name: 'Process and impact on others',
      standards: [
        { code: 'S8', title: 'Coaching to lead', description: '' },
        { code: 'S9', title: 'Negotiating to lead', description: '' },
        { code: 'S10', title: 'Networking to lead', description: '' },
      ],
    },
  ],
  passRule: { minLevel: 3, minStandards: 7 },
  validityYears: 3,
};

export type FrameworkProblem = { path: string; message: string };

/** A framework a network may save: levels 1..n without gaps, standards with unique codes, a pass rule it can meet. */
export function checkFramework(content: FrameworkContent): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const levels = content.levels.map((l) => l.level);
  if (levels.length < 2 || levels.length > 9 || levels.some((l, i) => l !== i + 1)) {
    problems.push({ path: 'levels', message: 'Levels must be numbered 1, 2, 3 ... with no gaps (2 to 9 levels)' });
  }
  if (content.levels.some((l) => !l.name.trim())) problems.push({ path: 'levels', message: 'Give every level a name' });
  const standards = content.groups.flatMap((g) => g.standards);
  if (standards.length === 0) problems.push({ path: 'groups', message: 'Add at least one standard' });
  if (content.groups.some((g) => !g.name.trim())) problems.push({ path: 'groups', message: 'Give every group a name' });
  if (standards.some((s) => !s.title.trim())) problems.push({ path: 'groups', message: 'Give every standard a title' });
  const codes = standards.map((s) => s.code);
  if (new Set(codes).size !== codes.length) problems.push({ path: 'groups', message: 'Standard codes must be unique' });
  const { minLevel, minStandards } = content.passRule;
  if (!Number.isInteger(minLevel) || minLevel < 1 || minLevel > levels.length) {
    problems.push({ path: 'passMinLevel', message: `The pass level must be between 1 and ${levels.length}` });
  }
  if (!Number.isInteger(minStandards) || minStandards < 1 || minStandards > standards.length) {
    problems.push({ path: 'passMinStandards', message: `The number of standards to pass must be between 1 and ${standards.length}` });
  }
  if (!Number.isInteger(content.validityYears) || content.validityYears < 1 || content.validityYears > 10) {
    problems.push({ path: 'validityYears', message: 'Accreditation must last between 1 and 10 years' });
  }
  return problems;
}

/** Whether `level` is one of the framework's levels. */
export function isFrameworkLevel(levels: readonly Pick<FrameworkLevel, 'level'>[], level: number): boolean {
  return levels.some((l) => l.level === level);
}

/** Level per standard id (missing = not reached). */
export type LevelsByStandard = ReadonlyMap<string, number>;

export interface PassResult {
  met: boolean;
  /** Standards at or above the pass level. */
  standardsAtLevel: number;
  needed: number;
  /** Standards still below the pass level (to work on), in framework order. */
  below: string[];
}

/** The pass rule: at least `minLevel` on at least `minStandards` of the standards. */
export function checkPassRule(standardIds: readonly string[], levels: LevelsByStandard, rule: PassRule): PassResult {
  const below = standardIds.filter((id) => (levels.get(id) ?? 0) < rule.minLevel);
  const standardsAtLevel = standardIds.length - below.length;
  return { met: standardsAtLevel >= rule.minStandards, standardsAtLevel, needed: rule.minStandards, below };
}

/** The date an accreditation ends: the same day `years` later (29 February becomes 28 February). */
export function accreditationExpiry(accreditedOn: string, years: number): string {
  const [y, m, d] = accreditedOn.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0);
  return end.toISOString().slice(0, 10);
}

/** One claim of an evidence item against a standard. */
export interface CoverageClaim {
  evidenceId: string;
  evidenceTitle: string;
  standardId: string;
  claimedLevel: number;
  ready: boolean;
}

/** A mentor comment on an evidence item. */
export interface CoverageComment {
  evidenceId: string;
  author: string;
  body: string;
}

export interface CoverageCell {
  level: number;
  evidence: { id: string; title: string; ready: boolean }[];
  evidenced: boolean;
}

export interface CoverageRow {
  standard: FrameworkStandard;
  cells: CoverageCell[];
  /** The highest level claimed by any item (0 if none). */
  highestClaimed: number;
  /** Mentor comments on items that claim this standard. */
  comments: CoverageComment[];
}

export interface Coverage {
  levels: FrameworkLevel[];
  rows: CoverageRow[];
  /** The pass rule applied to the highest claimed levels: would it be met if the claims were upheld? */
  pass: PassResult;
  /** The same, counting only items the candidate has marked ready. */
  passOnReady: PassResult;
}

/** Standards x levels: which are evidenced (by which items), the mentor's comments, and whether the pass rule would be met. */
export function coverage(
  standards: readonly FrameworkStandard[],
  levels: readonly FrameworkLevel[],
  rule: PassRule,
  claims: readonly CoverageClaim[],
  comments: readonly CoverageComment[] = [],
): Coverage {
  const highest = new Map<string, number>();
  const highestReady = new Map<string, number>();
  const rows = standards.map((standard) => {
    const mine = claims.filter((c) => c.standardId === standard.id);
    const top = Math.max(0, ...mine.map((c) => c.claimedLevel));
    const topReady = Math.max(0, ...mine.filter((c) => c.ready).map((c) => c.claimedLevel));
    if (top) highest.set(standard.id, top);
    if (topReady) highestReady.set(standard.id, topReady);
    const evidenceIds = new Set(mine.map((c) => c.evidenceId));
    return {
      standard,
      highestClaimed: top,
      cells: levels.map((l) => {
        const evidence = mine
          .filter((c) => c.claimedLevel === l.level)
          .map((c) => ({ id: c.evidenceId, title: c.evidenceTitle, ready: c.ready }));
        return { level: l.level, evidence, evidenced: evidence.length > 0 };
      }),
      comments: comments.filter((c) => evidenceIds.has(c.evidenceId)),
    };
  });
  const ids = standards.map((s) => s.id);
  return {
    levels: [...levels],
    rows,
    pass: checkPassRule(ids, highest, rule),
    passOnReady: checkPassRule(ids, highestReady, rule),
  };
}

/** The content with a standard added at the end of its group (a new group at the end if none has that name). */
export function withStandardAdded(
  content: FrameworkContent,
  groupName: string,
  standard: { code: string; title: string; description: string },
): FrameworkContent {
  const known = content.groups.some((g) => g.name === groupName);
  const groups = known
    ? content.groups.map((g) => (g.name === groupName ? { ...g, standards: [...g.standards, standard] } : g))
    : [...content.groups, { name: groupName, standards: [standard] }];
  return { ...content, groups };
}

/** The content without the standard of that code; a group left empty goes too. */
export function withStandardRemoved(content: FrameworkContent, code: string): FrameworkContent {
  const groups = content.groups
    .map((g) => ({ ...g, standards: g.standards.filter((s) => s.code !== code) }))
    .filter((g) => g.standards.length > 0);
  return { ...content, groups };
}

/** The next free code in the S1, S2 ... series. */
export function nextStandardCode(content: FrameworkContent): string {
  const numbers = content.groups.flatMap((g) => g.standards.map((s) => /^S(\d+)$/.exec(s.code)?.[1])).map(Number);
  return `S${Math.max(0, ...numbers.filter(Number.isFinite)) + 1}`;
}

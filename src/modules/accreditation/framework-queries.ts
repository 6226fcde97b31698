import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import type { FrameworkContent, FrameworkLevel, FrameworkStandard, PassRule } from './framework-domain.ts';
import { lpFrameworks, lpFrameworkVersions, lpLevels, lpStandardGroups, lpStandards } from './schema.ts';

/** Framework order: by group, then by place within the group (positions restart in each group). Join lpStandardGroups to use it. */
export const standardOrder = [asc(lpStandardGroups.position), asc(lpStandards.position)] as const;

export interface LoadedFramework {
  versionId: string;
  frameworkId: string;
  networkId: string;
  name: string;
  version: number;
  createdAt: Date;
  levels: FrameworkLevel[];
  standards: FrameworkStandard[];
  groups: { name: string; standards: FrameworkStandard[] }[];
  passRule: PassRule;
  validityYears: number;
}

/** One version with its levels and standards in framework order. */
export async function loadFrameworkVersion(db: Db, versionId: string): Promise<LoadedFramework | null> {
  const [v] = await db
    .select({ version: lpFrameworkVersions, name: lpFrameworks.name })
    .from(lpFrameworkVersions)
    .innerJoin(lpFrameworks, eq(lpFrameworks.id, lpFrameworkVersions.frameworkId))
    .where(eq(lpFrameworkVersions.id, versionId));
  if (!v) return null;
  const [levels, rows] = await Promise.all([
    db.select().from(lpLevels).where(eq(lpLevels.versionId, versionId)).orderBy(asc(lpLevels.level)),
    db
      .select({ standard: lpStandards, groupName: lpStandardGroups.name })
      .from(lpStandards)
      .innerJoin(lpStandardGroups, eq(lpStandardGroups.id, lpStandards.groupId))
      .where(eq(lpStandards.versionId, versionId))
      .orderBy(asc(lpStandardGroups.position), asc(lpStandards.position)),
  ]);
  const standards = rows.map((r) => ({
    id: r.standard.id,
    code: r.standard.code,
    title: r.standard.title,
    description: r.standard.description,
    groupName: r.groupName,
  }));
  const groups: LoadedFramework['groups'] = [];
  for (const s of standards) {
    const last = groups.at(-1);
    if (last?.name === s.groupName) last.standards.push(s);
    else groups.push({ name: s.groupName, standards: [s] });
  }
  return {
    versionId,
    frameworkId: v.version.frameworkId,
    networkId: v.version.networkId,
    name: v.name,
    version: v.version.version,
    createdAt: v.version.createdAt,
    levels: levels.map((l) => ({ level: l.level, name: l.name, description: l.description })),
    standards,
    groups,
    passRule: { minLevel: v.version.passMinLevel, minStandards: v.version.passMinStandards },
    validityYears: v.version.validityYears,
  };
}

/** The network's framework in its latest version, or null before the network has one. */
export async function currentFramework(db: Db, networkId: string): Promise<LoadedFramework | null> {
  const [latest] = await db
    .select({ id: lpFrameworkVersions.id })
    .from(lpFrameworkVersions)
    .where(eq(lpFrameworkVersions.networkId, networkId))
    .orderBy(desc(lpFrameworkVersions.createdAt), desc(lpFrameworkVersions.version))
    .limit(1);
  return latest ? loadFrameworkVersion(db, latest.id) : null;
}

export async function frameworkVersions(db: Db, frameworkId: string) {
  return db
    .select({
      id: lpFrameworkVersions.id,
      version: lpFrameworkVersions.version,
      createdAt: lpFrameworkVersions.createdAt,
      changeNote: lpFrameworkVersions.changeNote,
    })
    .from(lpFrameworkVersions)
    .where(eq(lpFrameworkVersions.frameworkId, frameworkId))
    .orderBy(desc(lpFrameworkVersions.version));
}

/** Framework content as the domain checks it (for editing into a new version). */
export function contentOf(f: LoadedFramework): FrameworkContent {
  return {
    levels: f.levels,
    groups: f.groups.map((g) => ({
      name: g.name,
      standards: g.standards.map(({ code, title, description }) => ({ code, title, description })),
    })),
    passRule: f.passRule,
    validityYears: f.validityYears,
  };
}

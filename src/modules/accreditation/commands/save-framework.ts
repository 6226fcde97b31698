import { eq, max } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { HttpError } from '../../../kernel/http/errors.ts';
import { checkFramework, type FrameworkContent, ssatDefaultFramework } from '../framework-domain.ts';
import { currentFramework, type LoadedFramework, loadFrameworkVersion } from '../framework-queries.ts';
import { lpFrameworks, lpFrameworkVersions, lpLevels, lpStandardGroups, lpStandards } from '../schema.ts';

export const DEFAULT_FRAMEWORK_NAME = 'Lead Practitioner standards';

/**
 * Save framework content as a new version (an edit never changes a version a cohort already uses). The
 * first save for a network creates its framework. Refuses content the domain rejects, naming the field.
 */
export async function saveFrameworkVersion(
  ctx: CommandContext,
  input: { networkId: string; content: FrameworkContent; changeNote?: string | null },
): Promise<LoadedFramework> {
  const problems = checkFramework(input.content);
  if (problems.length) throw new HttpError(400, 'Invalid framework', problems[0]!.message, problems);
  const { db } = ctx;
  let [framework] = await db.select().from(lpFrameworks).where(eq(lpFrameworks.networkId, input.networkId)).for('update');
  if (!framework) {
    [framework] = await db.insert(lpFrameworks).values({ networkId: input.networkId, name: DEFAULT_FRAMEWORK_NAME }).returning();
  }
  const [{ latest } = { latest: 0 }] = await db
    .select({ latest: max(lpFrameworkVersions.version) })
    .from(lpFrameworkVersions)
    .where(eq(lpFrameworkVersions.frameworkId, framework!.id));
  const { content } = input;
  const [version] = await db
    .insert(lpFrameworkVersions)
    .values({
      frameworkId: framework!.id,
      networkId: input.networkId,
      version: (latest ?? 0) + 1,
      passMinLevel: content.passRule.minLevel,
      passMinStandards: content.passRule.minStandards,
      validityYears: content.validityYears,
      changeNote: input.changeNote ?? null,
      createdBy: actorPersonId(ctx.actor),
    })
    .returning();
  const versionId = version!.id;
  await db.insert(lpLevels).values(content.levels.map((l) => ({ versionId, level: l.level, name: l.name, description: l.description })));
  for (const [g, group] of content.groups.entries()) {
    const [row] = await db
      .insert(lpStandardGroups)
      .values({ versionId, position: g + 1, name: group.name })
      .returning();
    await db.insert(lpStandards).values(
      group.standards.map((s, i) => ({
        versionId,
        groupId: row!.id,
        code: s.code,
        position: i + 1,
        title: s.title,
        description: s.description,
      })),
    );
  }
  await recordAudit(db, ctx.actor, {
    action: 'lp_framework.version_saved',
    subjectType: 'lp_framework',
    subjectId: framework!.id,
    networkId: input.networkId,
    detail: { version: version!.version, changeNote: input.changeNote ?? null },
  });
  return (await loadFrameworkVersion(db, versionId))!;
}

/** The network's current framework, created from the shipped SSAT default the first time it is needed. */
export async function ensureFramework(ctx: CommandContext, networkId: string): Promise<LoadedFramework> {
  return (
    (await currentFramework(ctx.db, networkId)) ??
    saveFrameworkVersion(ctx, { networkId, content: ssatDefaultFramework, changeNote: 'SSAT default' })
  );
}

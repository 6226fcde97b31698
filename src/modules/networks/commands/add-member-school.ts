import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { noSuchSchool } from '../domain.ts';
import { networkSchools, schools } from '../schema.ts';

export interface AddMemberSchoolInput {
  networkId: string;
  urn: number;
  /** yyyy-mm-dd */
  joinedOn: string;
}

/** A school joins the network from a date. Earlier spells stay in the history; only one may be open. */
export async function addMemberSchool(ctx: CommandContext, input: AddMemberSchoolInput) {
  const [school] = await ctx.db.select({ urn: schools.urn }).from(schools).where(eq(schools.urn, input.urn));
  if (!school) throw noSuchSchool(input.urn);
  const [open] = await ctx.db
    .select()
    .from(networkSchools)
    .where(and(eq(networkSchools.networkId, input.networkId), eq(networkSchools.schoolUrn, input.urn), isNull(networkSchools.leftOn)))
    .for('update');
  if (open) throw conflict('joinedOn', 'This school is already a member of the network');
  const [row] = await ctx.db
    .insert(networkSchools)
    .values({ networkId: input.networkId, schoolUrn: input.urn, joinedOn: input.joinedOn })
    // Two admins at once: the partial unique index lets only one open spell through.
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict('joinedOn', 'This school is already a member of the network');
  await recordAudit(ctx.db, ctx.actor, {
    action: 'school.joined_network',
    subjectType: 'school',
    subjectId: input.urn,
    networkId: input.networkId,
    detail: { joinedOn: input.joinedOn },
  });
  return row;
}

import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict, invalidField } from '../../../kernel/http/errors.ts';
import { specialisms } from '../schema.ts';
import type { SpecialismArea } from '../specialisms.ts';
import { MAX_OWN_SPECIALISMS, specialismCode } from '../specialisms-domain.ts';
import { clashingSpecialism, countOwnSpecialisms } from '../specialisms-queries.ts';

export interface AddSpecialismInput {
  networkId: string;
  name: string;
  area: SpecialismArea;
}

/** A network adds its own specialism to the taxonomy; it may not repeat its own or a shared one. */
export async function addSpecialism(ctx: CommandContext, input: AddSpecialismInput) {
  const code = specialismCode(input.name);
  if (!code) throw invalidField('name', 'Enter a name with letters or numbers in it');
  const clash = await clashingSpecialism(ctx.db, input.networkId, input.name, code);
  if (clash) {
    const which = clash.networkId === null ? 'the shared list' : "this network's own specialisms";
    const sameName = clash.name.toLowerCase() === input.name.toLowerCase();
    throw conflict(
      'name',
      sameName
        ? `${clash.name} is already in ${which}: choose another name`
        : `${input.name} has the same code (${code}) as ${clash.name}, which is already in ${which}: choose another name`,
    );
  }
  if ((await countOwnSpecialisms(ctx.db, input.networkId)) >= MAX_OWN_SPECIALISMS)
    throw conflict('name', `A network can add up to ${MAX_OWN_SPECIALISMS} specialisms of its own: remove one first`);
  const [row] = await ctx.db
    .insert(specialisms)
    .values({ networkId: input.networkId, code, area: input.area, name: input.name })
    // Two admins adding the same name at once: the unique index on (network, code) lets one through.
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict('name', `${input.name} is already in this network's own specialisms: choose another name`);
  await recordAudit(ctx.db, ctx.actor, {
    action: 'specialism.added',
    subjectType: 'specialism',
    subjectId: row.id,
    networkId: input.networkId,
    detail: { code, name: input.name, area: input.area },
  });
  return row;
}

import { recordAudit } from '../../../kernel/audit/audit.ts';
import { actorPersonId } from '../../../kernel/auth/actor.ts';
import type { CommandContext } from '../../../kernel/commands.ts';
import { conflict } from '../../../kernel/http/errors.ts';
import { trioCycles } from '../development-schema.ts';
import type { TrioCycleKind } from '../trios-domain.ts';
import type { TrioView } from '../trios-queries.ts';

/** A member (or the SLE) records a cycle of the trio's work. */
export async function recordTrioCycle(ctx: CommandContext, input: { trio: TrioView; kind: TrioCycleKind; heldOn: string; notes: string }) {
  if (input.trio.status !== 'active') throw conflict('kind', 'This trio has finished: its cycles can no longer change');
  const [row] = await ctx.db
    .insert(trioCycles)
    .values({
      networkId: input.trio.networkId,
      trioId: input.trio.id,
      kind: input.kind,
      heldOn: input.heldOn,
      notes: input.notes,
      recordedBy: actorPersonId(ctx.actor),
    })
    .returning();
  await recordAudit(ctx.db, ctx.actor, {
    action: 'trio.cycle_recorded',
    subjectType: 'trio',
    subjectId: input.trio.id,
    networkId: input.trio.networkId,
    detail: { cycleId: row!.id, kind: input.kind, heldOn: input.heldOn },
  });
  return row!;
}

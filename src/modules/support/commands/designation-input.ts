import { eq } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/client.ts';
import { HttpError } from '../../../kernel/http/errors.ts';
import type { Phase } from '../../networks/domain.ts';
import { countUsableSpecialisms } from '../designations-queries.ts';
import { type DesignationKind, termIssues } from '../domain.ts';
import { designationSpecialisms } from '../schema.ts';

/** What create and edit both take: everything but who is designated. */
export interface DesignationDetails {
  kind: DesignationKind;
  phase: Phase;
  releaseDays: number;
  startsOn: string;
  endsOn: string;
  reviewOn: string | null;
  specialismIds: string[];
}

/** Refuse (400, naming each field) details that break the term rules or name specialisms the network cannot use. */
export async function checkDetails(db: Db, networkId: string, d: DesignationDetails) {
  const issues = termIssues(d);
  const ids = [...new Set(d.specialismIds)];
  if (ids.length === 0) issues.push({ path: 'specialismIds', message: 'Select at least one specialism' });
  else if ((await countUsableSpecialisms(db, networkId, ids)) !== ids.length)
    issues.push({ path: 'specialismIds', message: 'Select specialisms from the shared list or this network’s own' });
  if (issues.length) throw new HttpError(400, 'Invalid request', issues.map((i) => i.message).join('; '), issues);
  return ids;
}

export const detailColumns = (d: DesignationDetails) => ({
  kind: d.kind,
  phase: d.phase,
  releaseDays: String(d.releaseDays),
  startsOn: d.startsOn,
  endsOn: d.endsOn,
  reviewOn: d.reviewOn,
});

export async function setSpecialisms(db: Db, designationId: string, ids: string[]) {
  await db.delete(designationSpecialisms).where(eq(designationSpecialisms.designationId, designationId));
  await db.insert(designationSpecialisms).values(ids.map((specialismId) => ({ designationId, specialismId })));
}

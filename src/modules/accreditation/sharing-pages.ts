import { Hono } from 'hono';
import type { Actor } from '../../kernel/auth/actor.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import { sendUpload } from '../../kernel/uploads/download.ts';
import { authorize } from '../../policy.ts';
import { type PortfolioAccess, portfolioFor } from './cohorts-access.ts';
import { evidenceTypeLabels } from './evidence-domain.ts';
import type { EvidenceItem } from './portfolio-queries.ts';
import { findSharedAttachment, groupsOfCandidate, isGroupMember, type SharedItem } from './sharing-queries.ts';

// Evidence shared with a small group: the choice on an item, the "Shared by your group" section of a
// member's portfolio, and the download of a shared item's files by the group's members only.

/** The "share with" radios of the evidence form and the item's page: not shared, or one of the candidate's groups. */
export function shareItems(groups: { id: string; name: string }[], chosen: string | null | undefined) {
  return [
    { value: '', text: 'Not shared', checked: !chosen },
    ...groups.map((g) => ({ value: g.id, text: `Share with ${g.name}`, checked: chosen === g.id })),
  ];
}

/** The form's groupId: a group id, or null for not shared (the command checks the candidate is in it). */
export const groupIdOf = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** The section of a member's own portfolio: what others in their groups shared, each usable as their own evidence. */
export function sharedSection(items: SharedItem[], own: EvidenceItem[], base: string, open: boolean) {
  const used = new Map(own.filter((i) => i.sharedFromId).map((i) => [i.sharedFromId!, i.id]));
  const row = (key: string, value: string | null) => ({ key: { text: key }, value: { text: value || 'Not given' } });
  return items.map((i) => ({
    id: i.id,
    title: i.title,
    byline: `Shared by ${i.authorName} with ${i.groupName}`,
    rows: [
      row('Type', evidenceTypeLabels[i.type]),
      row('When', formatDate(i.occurredOn)),
      row('What was done', i.whatWasDone),
      row('With whom', i.withWhom),
      row('Impact', i.impact),
      row('How the impact was measured', i.impactMeasure),
    ],
    links: i.links,
    files: i.files.map((f) => ({
      href: `${base}/shared-files/${f.id}`,
      name: f.fileName,
      size: `${Math.max(1, Math.round(f.sizeBytes / 1024))} KB`,
    })),
    usedHref: used.has(i.id) ? `${base}/evidence/${used.get(i.id)}` : null,
    useHref: open && !used.has(i.id) ? `${base}/evidence/new?from=${i.id}` : null,
  }));
}

export const sharingPages = new Hono<AppEnv>().get(
  '/networks/:networkId/accreditation/portfolios/:candidateId/shared-files/:uploadId',
  async (c) => {
    signedIn(c);
    // The member's own portfolio in the path; the file must belong to an item shared with a group they are in today.
    const a = await portfolioFor(c, 'edit');
    const db = c.var.deps.database.db;
    const found = await findSharedAttachment(db, c.req.param('uploadId'));
    if (!found) throw notFound('File');
    const member = found.groupId !== null && (await isGroupMember(db, found.groupId, a.portfolio.candidate.id));
    const actor = c.var.actor as Extract<Actor, { kind: 'person' }>;
    await authorize(db, actor, 'lpSharedEvidence.view', { networkId: a.network.id, personId: member ? actor.personId : null });
    return sendUpload(c, db, found.upload);
  },
);

/** The candidate's groups, for the share choice (none for anyone else). */
export async function shareChoices(c: AppContext, a: PortfolioAccess) {
  return a.mayEdit ? groupsOfCandidate(c.var.deps.database.db, a.portfolio.candidate.id) : [];
}

import { sql } from 'drizzle-orm';
import type { CalendarEvent } from '../../kernel/calendar/feed.ts';
import type { Db } from '../../kernel/db/client.ts';
import { type DeploymentStatus, deploymentStatusLabels } from './deployments-domain.ts';

// Deployment dates in a person's calendar feed: the deployments they lead, and those at a school they lead,
// each as a block from its first to its last day (a cancelled or declined one shows as cancelled).

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const dayStart = (date: string) => new Date(`${date}T00:00:00Z`);
const dayAfter = (date: string) => new Date(dayStart(date).getTime() + 86_400_000);

export async function deploymentCalendarEvents(db: Db, personId: string, appUrl = ''): Promise<CalendarEvent[]> {
  const rows = rowsOf<{
    id: string;
    network_id: string;
    status: DeploymentStatus;
    starts_on: string;
    ends_on: string;
    days: string;
    leader: string;
    school: string;
    objectives: string;
  }>(
    await db.execute(sql`
      select d.id, d.network_id, d.status, d.starts_on::text, d.ends_on::text, d.days::text, p.full_name as leader, s.name as school, d.objectives
      from deployments d join people p on p.id = d.leader_id join schools s on s.urn = d.school_urn
      where d.ends_on >= current_date - 365 and (
        d.leader_id = ${personId}
        or exists (select 1 from people me join memberships m on m.person_id = me.id and m.network_id = d.network_id and m.role = 'school_leader'
                   where me.id = ${personId} and me.school_urn = d.school_urn))
      order by d.starts_on`),
  );
  return rows.map((r) => ({
    id: `deployment-${r.id}`,
    title: `Support: ${r.leader} at ${r.school} (${Number(r.days)} days)`,
    start: dayStart(r.starts_on),
    end: dayAfter(r.ends_on),
    location: r.school,
    url: `${appUrl}/networks/${r.network_id}/support/deployments/${r.id}`,
    description: `${deploymentStatusLabels[r.status]}. ${r.objectives}`,
    cancelled: r.status === 'declined' || r.status === 'cancelled',
  }));
}

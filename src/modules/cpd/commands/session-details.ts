import { eq } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/client.ts';
import { invalidField } from '../../../kernel/http/errors.ts';
import { schools } from '../../networks/schema.ts';
import type { SessionSlot } from '../sessions-domain.ts';

/** What an admin sets on a session (create and edit share it). */
export interface SessionDetails {
  title: string;
  theme: string | null;
  slot: SessionSlot;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  hostSchoolUrn: number | null;
  onlineUrl: string | null;
  /** Facilitators from outside Alliance, in words. */
  facilitators: string | null;
  /** Facilitators on Alliance: members of the network or of a partner network. */
  facilitatorIds: string[];
  capacity: number;
}

/** Rules that need the database: the host school must exist. */
export async function checkSessionDetails(db: Db, input: SessionDetails) {
  if (input.hostSchoolUrn != null) {
    const [school] = await db.select({ urn: schools.urn }).from(schools).where(eq(schools.urn, input.hostSchoolUrn));
    if (!school) throw invalidField('hostSchoolUrn', 'No school has this URN');
  }
}

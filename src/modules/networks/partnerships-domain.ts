/**
 * Two networks that collaborate. A partnership is stored once with the smaller id first
 * (check `network_partnerships_ordered`); it is active from `startedOn` until `endedOn`.
 */
export function orderedPair(id1: string, id2: string): { networkA: string; networkB: string } {
  // uuid order in PostgreSQL is byte order, which is the order of the lower-case hex strings.
  const [networkA, networkB] = [id1.toLowerCase(), id2.toLowerCase()].sort() as [string, string];
  return { networkA, networkB };
}

/** Active on a date: started on or before it and not ended by it (same rule as loadPersonActor). */
export function isActivePartnership(p: { startedOn: string; endedOn: string | null }, today: string): boolean {
  return p.startedOn <= today && (p.endedOn === null || p.endedOn > today);
}

/** The other side of a partnership, seen from one network. */
export const partnerOf = (p: { networkA: string; networkB: string }, networkId: string) =>
  p.networkA === networkId ? p.networkB : p.networkA;

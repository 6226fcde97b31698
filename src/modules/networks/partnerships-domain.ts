/**
 * Partnerships between networks: one network proposes, the other accepts (active) or declines; the
 * proposer may withdraw while it is pending; either side ends an active one. Schema checks mirror this
 * (`network_partnerships_status_known`, and one open row per pair: `network_partnerships_open_uq`).
 */
export const partnershipStatuses = ['proposed', 'active', 'declined', 'withdrawn', 'ended'] as const;
export type PartnershipStatus = (typeof partnershipStatuses)[number];

export const partnershipStatusLabels: Record<PartnershipStatus, string> = {
  proposed: 'Proposed',
  active: 'Active',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  ended: 'Ended',
};

/** What an admin may do to a partnership, and which side of it may do it. */
export const partnershipSteps = ['accept', 'decline', 'withdraw', 'end'] as const;
export type PartnershipStep = (typeof partnershipSteps)[number];

const stepRules: Record<PartnershipStep, { from: PartnershipStatus; to: PartnershipStatus; by: 'recipient' | 'proposer' | 'either' }> = {
  accept: { from: 'proposed', to: 'active', by: 'recipient' },
  decline: { from: 'proposed', to: 'declined', by: 'recipient' },
  withdraw: { from: 'proposed', to: 'withdrawn', by: 'proposer' },
  end: { from: 'active', to: 'ended', by: 'either' },
};

export const stepOutcome = (step: PartnershipStep) => stepRules[step].to;

export interface PartnershipSides {
  networkA: string;
  networkB: string;
  proposedByNetwork: string | null;
}

export function orderedPair(id1: string, id2: string): { networkA: string; networkB: string } {
  // uuid order in PostgreSQL is byte order, which is the order of the lower-case hex strings.
  const [networkA, networkB] = [id1.toLowerCase(), id2.toLowerCase()].sort() as [string, string];
  return { networkA, networkB };
}

/** The other side of a partnership, seen from one network. */
export const partnerOf = (p: { networkA: string; networkB: string }, networkId: string) =>
  p.networkA === networkId ? p.networkB : p.networkA;

export const isSide = (p: { networkA: string; networkB: string }, networkId: string) =>
  p.networkA === networkId || p.networkB === networkId;

/**
 * The network whose admin may take this step, when acting from `actingNetworkId`: the recipient
 * accepts or declines, the proposer withdraws, either side ends (from a third network: side A, so that
 * the refusal is recorded somewhere that cares).
 */
export function sideFor(p: PartnershipSides, step: PartnershipStep, actingNetworkId: string): string {
  const proposer = p.proposedByNetwork ?? p.networkA;
  switch (stepRules[step].by) {
    case 'recipient':
      return partnerOf(p, proposer);
    case 'proposer':
      return proposer;
    case 'either':
      return isSide(p, actingNetworkId) ? actingNetworkId : p.networkA;
  }
}

/** Why a step cannot be taken in the partnership's present state, or null when it can. */
export function stepRefusal(status: PartnershipStatus, step: PartnershipStep): string | null {
  if (stepRules[step].from === status) return null;
  if (step === 'end') return status === 'ended' ? 'This partnership has already ended' : 'Only an active partnership can be ended';
  return `This proposal is no longer open: it was ${status === 'active' ? 'accepted' : status}`;
}

/** Active on a date: accepted, started on or before it and not ended by it (same rule as loadPersonActor). */
export function isActivePartnership(p: { status: string; startedOn: string | null; endedOn: string | null }, today: string): boolean {
  return p.status === 'active' && p.startedOn !== null && p.startedOn <= today && (p.endedOn === null || p.endedOn > today);
}

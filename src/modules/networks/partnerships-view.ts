import { formatDate } from '../../kernel/ui/format.ts';
import type { PartnershipStep } from './partnerships-domain.ts';
import type { PartnershipListItem } from './partnerships-queries.ts';

interface StepButton {
  step: PartnershipStep;
  text: string;
  classes: string;
}

const button = (step: PartnershipStep, text: string, classes = 'govuk-button--secondary'): StepButton => ({ step, text, classes });

/** The settings page's partnership tables: proposals waiting for this network's answer, then everything else. */
export function partnershipRows(list: PartnershipListItem[], networkId: string) {
  const incoming = list.filter((p) => p.status === 'proposed' && p.proposedByNetwork !== networkId);
  const others = list.filter((p) => !incoming.includes(p));
  return {
    incomingProposals: incoming.map((p) => ({
      id: p.id,
      partnerName: p.partnerName,
      proposed: `${formatDate(p.proposedAt)}${p.proposedByName ? ` by ${p.proposedByName}` : ''}`,
      message: p.message ?? '',
      buttons: [button('accept', 'Accept', ''), button('decline', 'Decline')],
    })),
    partnerships: others.map((p) => {
      const { status, buttons } = describe(p, networkId);
      return { id: p.id, partnerName: p.partnerName, status, buttons };
    }),
  };
}

function describe(p: PartnershipListItem, networkId: string): { status: string; buttons: StepButton[] } {
  const answered = p.respondedAt ? ` ${formatDate(p.respondedAt)}` : '';
  const whose = p.proposedByNetwork === networkId ? 'Our' : 'Their';
  switch (p.status) {
    case 'proposed':
      return {
        status: `Proposed ${formatDate(p.proposedAt)}: waiting for their answer`,
        buttons: [button('withdraw', 'Withdraw proposal')],
      };
    case 'active':
      return {
        status: p.startedOn ? `Active since ${formatDate(p.startedOn)}` : 'Active',
        buttons: [button('end', 'End partnership', 'govuk-button--warning')],
      };
    case 'ended':
      return { status: `Ended ${p.endedOn ? formatDate(p.endedOn) : ''}`.trim(), buttons: [] };
    case 'declined':
      return { status: `${whose} proposal, declined${answered}`, buttons: [] };
    case 'withdrawn':
      return { status: `${whose} proposal, withdrawn${answered}`, buttons: [] };
  }
}

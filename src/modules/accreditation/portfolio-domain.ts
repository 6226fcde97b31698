// The portfolio's lifecycle: the candidate writes while it is a draft (or reopened for resubmission);
// submission locks it. Pure.
import { HttpError } from '../../kernel/http/errors.ts';

export const portfolioStatuses = ['draft', 'submitted', 'in_assessment', 'accredited', 'resubmit'] as const;
export type PortfolioStatus = (typeof portfolioStatuses)[number];

export const portfolioStatusLabels: Record<PortfolioStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  in_assessment: 'Being assessed',
  accredited: 'Accredited',
  resubmit: 'Reopened for resubmission',
};

/** Evidence may be added, changed or removed only while the portfolio is open. */
export function isPortfolioOpen(status: PortfolioStatus): boolean {
  return status === 'draft' || status === 'resubmit';
}

/** Refuse any evidence write to a locked portfolio (409, with the reason). */
export function assertPortfolioOpen(status: PortfolioStatus): void {
  if (!isPortfolioOpen(status)) {
    throw new HttpError(
      409,
      'Portfolio locked',
      `The portfolio is ${portfolioStatusLabels[status].toLowerCase()}: its evidence can no longer be changed.`,
    );
  }
}

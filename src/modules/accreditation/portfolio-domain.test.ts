import { describe, expect, it } from 'vitest';
import { HttpError } from '../../kernel/http/errors.ts';
import { assertPortfolioOpen, isPortfolioOpen, portfolioStatuses } from './portfolio-domain.ts';

describe('portfolio lock', () => {
  it('is open to evidence only as a draft or when reopened for resubmission', () => {
    expect(portfolioStatuses.filter(isPortfolioOpen)).toEqual(['draft', 'resubmit']);
  });

  it('refuses a write to a submitted portfolio with 409 and the reason', () => {
    try {
      assertPortfolioOpen('submitted');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(HttpError);
      expect((err as HttpError).status).toBe(409);
      expect((err as HttpError).detail).toBe('The portfolio is submitted: its evidence can no longer be changed.');
    }
  });
});

import { expect, it } from 'vitest';
import { sharedSpecialisms } from './specialisms.ts';
import { specialismCode } from './specialisms-domain.ts';

it('derives a code from the name: lower case, words joined by underscores, accents and symbols dropped', () => {
  expect(specialismCode('  Oracy & Débate (KS2) ')).toBe('oracy_and_debate_ks2');
  expect(specialismCode('Mental health—wellbeing')).toBe('mental_health_wellbeing');
  expect(specialismCode('!!!')).toBe('');
  expect(specialismCode(`${'a '.repeat(40)}`).length).toBeLessThanOrEqual(60);
  expect(specialismCode(`${'a '.repeat(40)}`).endsWith('_')).toBe(false);
});

it('gives most shared specialisms their own code back from their name (so a copy by another name is caught)', () => {
  expect(specialismCode('Closing the gap')).toBe('closing_the_gap');
  const same = sharedSpecialisms.filter((s) => specialismCode(s.name) === s.code);
  expect(same.length).toBeGreaterThan(10);
});

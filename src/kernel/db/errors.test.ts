import { expect, it } from 'vitest';
import { isUniqueViolation, onUniqueViolation, sqlState } from './errors.ts';

const wrapped = (code: string, constraint?: string) => Object.assign(new Error('Failed query'), { cause: { code, constraint } });

it('finds the SQLSTATE on the error or on the driver error drizzle wraps', () => {
  expect(sqlState({ code: '40001' })).toBe('40001');
  expect(sqlState(wrapped('23505'))).toBe('23505');
  expect(sqlState(new Error('plain'))).toBeUndefined();
});

it('recognises a unique violation of the named constraint only', () => {
  expect(isUniqueViolation(wrapped('23505', 'networks_name_lower_uq'), 'networks_name_lower_uq')).toBe(true);
  expect(isUniqueViolation(wrapped('23505', 'people_email_uq'), 'networks_name_lower_uq')).toBe(false);
  expect(isUniqueViolation(wrapped('23503', 'networks_name_lower_uq'), 'networks_name_lower_uq')).toBe(false);
});

it('turns the violation into the refusal and passes anything else on', () => {
  const refusal = new Error('Another network is already called X');
  const handle = onUniqueViolation('networks_name_lower_uq', () => refusal);
  expect(() => handle(wrapped('23505', 'networks_name_lower_uq'))).toThrow(refusal);
  const other = wrapped('23502');
  expect(() => handle(other)).toThrow(other);
});

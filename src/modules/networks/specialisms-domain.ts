import { type SpecialismArea, specialismAreas } from './specialisms.ts';

/** A network keeps its own list short; the shared taxonomy is the common language between networks. */
export const MAX_OWN_SPECIALISMS = 200;

export const specialismAreaKeys = Object.keys(specialismAreas) as [SpecialismArea, ...SpecialismArea[]];

/** The code of a specialism added by a network: its name in lower case, words joined by underscores. */
export function specialismCode(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
}

/** Shared rows (no network) are reference data: no network can remove them. */
export const isShared = (s: { networkId: string | null }) => s.networkId === null;

/** Strategic partners are organisations that are not schools (schema check `strategic_partners_kind_known`). */
export const strategicPartnerKinds = ['university', 'local_authority', 'other'] as const;
export type StrategicPartnerKind = (typeof strategicPartnerKinds)[number];
export const strategicPartnerKindLabels: Record<StrategicPartnerKind, string> = {
  university: 'University',
  local_authority: 'Local authority',
  other: 'Other',
};

// Kept for the partnership code that imports it from here; its home is the kernel.

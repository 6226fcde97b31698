/** Strategic partners are organisations that are not schools (schema check `strategic_partners_kind_known`). */
export const strategicPartnerKinds = ['university', 'local_authority', 'other'] as const;
export type StrategicPartnerKind = (typeof strategicPartnerKinds)[number];
export const strategicPartnerKindLabels: Record<StrategicPartnerKind, string> = {
  university: 'University',
  local_authority: 'Local authority',
  other: 'Other',
};

/** Today's calendar date (UTC), as the database's `current_date` sees it. */
export const todayIso = () => new Date().toISOString().slice(0, 10);

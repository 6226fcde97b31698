/**
 * The shared specialism taxonomy: the SLE areas of specialism, grouped by area. Shipped as reference
 * data by migration 0001 (keep the two in step); a network may add its own rows.
 */
export const specialismAreas = {
  leadership_and_management: 'Leadership and management',
  pupil_achievement: 'Pupil achievement',
  quality_of_teaching: 'Quality of teaching',
  behaviour_and_safety: 'Behaviour and safety',
} as const;
export type SpecialismArea = keyof typeof specialismAreas;

export const sharedSpecialisms: { code: string; area: SpecialismArea; name: string }[] = [
  { code: 'academies_and_transition', area: 'leadership_and_management', name: 'Academies and transition' },
  { code: 'assessment', area: 'leadership_and_management', name: 'Assessment' },
  { code: 'leadership_of_cpd', area: 'leadership_and_management', name: 'Leadership of CPD' },
  { code: 'school_business_management', area: 'leadership_and_management', name: 'School business and financial management' },
  { code: 'leadership_of_curriculum', area: 'leadership_and_management', name: 'Leadership of curriculum' },
  { code: 'art', area: 'pupil_achievement', name: 'Art' },
  { code: 'closing_the_gap', area: 'pupil_achievement', name: 'Closing the gap' },
  { code: 'drama', area: 'pupil_achievement', name: 'Drama' },
  { code: 'design_and_technology', area: 'pupil_achievement', name: 'Design and technology' },
  { code: 'early_years', area: 'pupil_achievement', name: 'Early years' },
  { code: 'english', area: 'pupil_achievement', name: 'English' },
  { code: 'geography', area: 'pupil_achievement', name: 'Geography' },
  { code: 'history', area: 'pupil_achievement', name: 'History' },
  { code: 'ict', area: 'pupil_achievement', name: 'ICT' },
  { code: 'maths', area: 'pupil_achievement', name: 'Mathematics' },
  { code: 'modern_foreign_languages', area: 'pupil_achievement', name: 'Modern foreign languages' },
  { code: 'music', area: 'pupil_achievement', name: 'Music' },
  { code: 'phonics', area: 'pupil_achievement', name: 'Phonics' },
  { code: 'pe', area: 'pupil_achievement', name: 'Physical education' },
  { code: 'pshe', area: 'pupil_achievement', name: 'Personal, social, health and economic education' },
  { code: 're', area: 'pupil_achievement', name: 'Religious education' },
  { code: 'science', area: 'pupil_achievement', name: 'Science' },
  { code: 'sen', area: 'pupil_achievement', name: 'Special educational needs' },
  { code: 'most_able', area: 'pupil_achievement', name: 'Support for the most able' },
  { code: 'citizenship', area: 'pupil_achievement', name: 'Citizenship' },
  { code: 'itt_and_nqt_development', area: 'quality_of_teaching', name: 'ITT and NQT development' },
  { code: 'behaviour_and_discipline', area: 'behaviour_and_safety', name: 'Behaviour and discipline' },
  { code: 'attendance', area: 'behaviour_and_safety', name: 'Attendance' },
];

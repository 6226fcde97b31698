// The network's framework of leadership qualities and its menu of development options.

export interface QualityDraft {
  name: string;
  /** The behaviours that show the quality, one a line. */
  behaviours: string;
}

/**
 * A default framework in the spirit of Wildern and Hounsdown's: qualities and behaviours a group of
 * schools agreed, for 360-degree self-evaluation. Networks edit it to make it their own.
 */
export const defaultFramework: QualityDraft[] = [
  {
    name: 'Vision and direction',
    behaviours:
      'Sets out a clear, shared picture of what the school is for\nTurns the vision into priorities and plans people understand\nKeeps pupils’ learning at the centre of decisions',
  },
  {
    name: 'Leading teaching and learning',
    behaviours:
      'Models and expects high-quality teaching\nUses evidence of pupils’ progress to decide what to change\nMakes time for staff to plan, observe and trial together',
  },
  {
    name: 'Developing people',
    behaviours:
      'Coaches rather than tells, building a coaching culture\nSpots and grows leadership potential in others\nGives honest, timely feedback that helps people improve',
  },
  {
    name: 'Collaboration beyond the school',
    behaviours:
      'Works with other schools and shares what works\nSeeks out other phases and contexts to learn from\nContributes expertise to the alliance',
  },
  {
    name: 'Rigour and self-evaluation',
    behaviours:
      'Evaluates the school honestly against the inspection framework\nHolds self and others to account for agreed actions\nActs on evidence, not assumption',
  },
  {
    name: 'Self-awareness and resilience',
    behaviours: 'Seeks feedback and acts on it\nStays calm and consistent under pressure\nLooks after own and others’ well-being',
  },
];

export const optionKinds = ['course', 'coaching', 'placement', 'discussion'] as const;
export type OptionKind = (typeof optionKinds)[number];
export const optionKindLabels: Record<OptionKind, string> = {
  course: 'Course',
  coaching: 'Coaching',
  placement: 'Placement in another school',
  discussion: 'Discussion session',
};

/** The default menu; `quality` names the quality of the default framework an option develops (null: any). */
export const defaultOptions: { kind: OptionKind; title: string; description: string; quality: string | null }[] = [
  {
    kind: 'course',
    title: 'Future Change Makers',
    description: 'A nine-month programme for senior leaders aspiring to headship, with local heads as mentors.',
    quality: 'Vision and direction',
  },
  {
    kind: 'course',
    title: 'Middle leadership series',
    description: 'Monday-evening sessions on leading a team, assessment for learning and using data.',
    quality: 'Leading teaching and learning',
  },
  {
    kind: 'coaching',
    title: 'Coaching with a local leader of education',
    description: 'An evaluation and a term of coaching with an LLE from another school, often cross-phase.',
    quality: 'Developing people',
  },
  {
    kind: 'coaching',
    title: 'Coaching chain',
    description: 'Be coached by an SLE, then coach a colleague in turn.',
    quality: 'Self-awareness and resilience',
  },
  {
    kind: 'placement',
    title: 'Beyond Boundaries placement',
    description: 'A placement in another school and context to broaden leadership experience.',
    quality: 'Collaboration beyond the school',
  },
  {
    kind: 'discussion',
    title: 'Partner-school discussion session',
    description: 'A breakfast or twilight professional learning conversation led by a partner school.',
    quality: 'Rigour and self-evaluation',
  },
];

export const pathwayStatuses = ['planned', 'in_progress', 'done'] as const;
export type PathwayStatus = (typeof pathwayStatuses)[number];
export const pathwayStatusLabels: Record<PathwayStatus, string> = { planned: 'Planned', in_progress: 'In progress', done: 'Done' };

/** The behaviours of a quality as a list (blank lines dropped). */
export const behaviourList = (behaviours: string) =>
  behaviours
    .split('\n')
    .map((b) => b.trim())
    .filter(Boolean);

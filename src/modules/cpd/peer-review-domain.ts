// Heads' peer review (Wildern and Hounsdown): review groups of three or four heads take turns to
// review one another's schools against a framework the network chooses, linked to the inspection framework.

export const MIN_GROUP = 3;
export const MAX_GROUP = 4;

export const reviewFrameworks = ['ofsted_2025', 'ofsted_eif_2019', 'network'] as const;
export type ReviewFramework = (typeof reviewFrameworks)[number];

export const reviewFrameworkLabels: Record<ReviewFramework, string> = {
  ofsted_2025: 'Ofsted school inspection toolkit (from November 2025)',
  ofsted_eif_2019: 'Ofsted education inspection framework (2019)',
  network: 'The network’s own self-evaluation framework',
};

/** The areas a visit's focus is chosen from, per framework. */
export const reviewFrameworkAreas: Record<ReviewFramework, string[]> = {
  ofsted_2025: [
    'Inclusion',
    'Curriculum and teaching',
    'Achievement',
    'Attendance and behaviour',
    'Personal development and well-being',
    'Early years',
    'Sixth form',
    'Leadership and governance',
    'Safeguarding',
  ],
  ofsted_eif_2019: [
    'Quality of education',
    'Behaviour and attitudes',
    'Personal development',
    'Leadership and management',
    'Early years',
    'Sixth form',
  ],
  network: ['Self-evaluation', 'Teaching and learning', 'Pupils’ progress', 'Leadership capacity', 'Partnership and community'],
};

export interface RotationVisit {
  /** Position (0-based) of the head whose school is reviewed. */
  reviewed: number;
  /** Position of the head who leads the visit; the rest of the group joins. */
  lead: number;
}

/**
 * One cycle of the rotation: every school reviewed once, every head leading one visit and never their
 * own. Over cycles 1 to size − 1 each head leads the review of each other head once.
 */
export function rotation(size: number, cycle = 1): RotationVisit[] {
  if (size < MIN_GROUP || size > MAX_GROUP) throw new RangeError(`A review group has ${MIN_GROUP} or ${MAX_GROUP} heads`);
  // Later cycles shift who leads whom, so that over the cycles each head leads each other head's review.
  const step = 1 + ((cycle - 1) % (size - 1));
  return Array.from({ length: size }, (_, reviewed) => ({ reviewed, lead: (reviewed + step) % size }));
}

/** Agreed actions are written one a line. */
export const actionList = (text: string | null) =>
  (text ?? '')
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean);

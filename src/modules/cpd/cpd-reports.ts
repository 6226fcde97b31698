import type { Db } from '../../kernel/db/client.ts';
import { cpdTargets, percent, reportByProgramme, reportBySchool, schoolYear } from './cpd-reports-queries.ts';

/** The year's CPD report: by programme, by school, and the network's days and feedback against its targets. */
export async function cpdReport(db: Db, networkId: string, startYear: number, now = new Date()) {
  const { from, to, label } = schoolYear(startYear);
  const [programmes, schools, targets] = await Promise.all([
    reportByProgramme(db, networkId, from, to, now),
    reportBySchool(db, networkId, from, to),
    cpdTargets(db, networkId),
  ]);
  const withPercent = <T extends { positive: number; rated: number }>(r: T) => ({ ...r, positivePercent: percent(r.positive, r.rated) });
  // Days are halves: sum in tenths to keep the total exact.
  const days = programmes.reduce((sum, p) => sum + Math.round(p.days * 10), 0) / 10;
  const rated = programmes.reduce((sum, p) => sum + p.rated, 0);
  const positive = programmes.reduce((sum, p) => sum + p.positive, 0);
  const positivePercent = percent(positive, rated);
  return {
    yearLabel: label,
    programmes: programmes.map(withPercent),
    schools: schools.map(withPercent),
    kpi: {
      days,
      targetDays: targets.days,
      daysMet: days >= targets.days,
      rated,
      positivePercent,
      targetPositivePercent: targets.positivePercent,
      positiveMet: positivePercent != null && positivePercent >= targets.positivePercent,
    },
  };
}

export type CpdReport = Awaited<ReturnType<typeof cpdReport>>;

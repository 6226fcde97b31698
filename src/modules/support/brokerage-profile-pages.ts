import { Hono } from 'hono';
import { todayIso } from '../../kernel/dates.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import { phaseLabels } from '../networks/domain.ts';
import { networkFor, networkNav } from '../networks/pages.ts';
import { daysText, type SupportRating, supportRatingLabels } from './deployments-domain.ts';
import { pastDeployments } from './deployments-queries.ts';
import { designationKindShort, isCurrent } from './domain.ts';
import { releaseDaysLeft } from './matching-domain.ts';
import { schoolYearLabel, schoolYearOf } from './requests-domain.ts';
import { matchCandidates, specialismNames } from './requests-queries.ts';
import { supportSubNav } from './support-nav.ts';

// A leader's profile in the directory of expertise: what they hold, what they have left this school year,
// and what their past deployments achieved. Shared with partner networks like the directory (no money here).

export const profilePages = new Hono<AppEnv>().get('/networks/:networkId/directory/:personId', async (c) => {
  signedIn(c);
  const network = await networkFor(c, 'directory.view');
  const db = c.var.deps.database.db;
  const today = todayIso();
  const year = schoolYearOf(today);
  const held = (await matchCandidates(db, network.id, year)).filter((d) => d.personId === c.req.param('personId'));
  if (held.length === 0) throw notFound('Profile');
  const names = await specialismNames(db, [...new Set(held.flatMap((d) => d.specialismIds))]);
  const past = await pastDeployments(db, network.id, held[0]!.personId);
  const current = held.filter((d) => isCurrent(d, today));
  const left = current.reduce((n, d) => n + releaseDaysLeft(d), 0);
  return render(c, 'brokerage-profile.njk', {
    title: held[0]!.fullName,
    currentNetwork: network,
    nav: networkNav(c, network.id),
    subNav: supportSubNav(c, network.id),
    breadcrumbs: [{ text: 'Directory', href: `/networks/${network.id}/directory` }, { text: held[0]!.fullName }],
    person: { fullName: held[0]!.fullName, schoolName: held[0]!.schoolName ?? 'No school given' },
    availability: `${daysText(left)} left in ${schoolYearLabel(year)}`,
    designationRows: held.map((d) => [
      { text: designationKindShort[d.kind] },
      { text: phaseLabels[d.phase] },
      {
        text: d.specialismIds
          .map((id) => names.get(id) ?? '')
          .filter(Boolean)
          .sort()
          .join(', '),
      },
      { text: isCurrent(d, today) ? `${daysText(releaseDaysLeft(d))} of ${d.releaseDays}` : 'Not current' },
    ]),
    pastRows: past.map((p) => [
      { text: p.schoolName },
      { text: p.specialismName ?? 'Diagnostic' },
      { text: daysText(p.days) },
      { text: `${formatDate(p.startsOn)} to ${formatDate(p.endsOn)}` },
      { text: p.rating ? supportRatingLabels[p.rating as SupportRating] : 'Not yet evaluated' },
      { text: [p.comment, p.reflection ? `Leader: ${p.reflection}` : null].filter(Boolean).join(' ') },
    ]),
    ratedGood: past.filter((p) => p.rating === 'excellent' || p.rating === 'good').length,
    rated: past.filter((p) => p.rating).length,
  });
});

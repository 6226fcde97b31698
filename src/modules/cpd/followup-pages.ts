import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { hashSecret } from '../../kernel/auth/secrets.ts';
import { inTransaction } from '../../kernel/commands.ts';
import type { AppContext, AppEnv } from '../../kernel/http/context.ts';
import { commandFormErrors, type FormState, formFields, requiredText, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import { answerFollowUp } from './commands/answer-follow-up.ts';
import { followUpImpactLabels, followUpImpacts } from './followup-domain.ts';
import { cpdBookings, cpdFollowUps, cpdSessions } from './schema.ts';

const answerForm = z.object({
  changed: requiredText('Say what you have changed in your practice', 'What you changed', 2000),
  pupilEffect: requiredText('Say what effect it has had on pupils', 'The effect on pupils', 2000),
  impact: z.enum(followUpImpacts, { error: 'Select how much effect it has had on pupils' }),
});

/** The follow-up behind a single-use link (the link is the credential: no sign-in needed). */
async function followUpFor(c: AppContext) {
  const token = c.req.param('token') ?? '';
  const [row] = await c.var.deps.database.db
    .select({
      id: cpdFollowUps.id,
      answeredAt: cpdFollowUps.answeredAt,
      title: cpdSessions.title,
      startsAt: cpdSessions.startsAt,
      nextSteps: cpdSessions.nextSteps,
    })
    .from(cpdFollowUps)
    .innerJoin(cpdBookings, eq(cpdBookings.id, cpdFollowUps.bookingId))
    .innerJoin(cpdSessions, eq(cpdSessions.id, cpdBookings.sessionId))
    .where(eq(cpdFollowUps.tokenHash, hashSecret(token)));
  return row ?? null;
}

function surveyPage(
  c: AppContext,
  f: NonNullable<Awaited<ReturnType<typeof followUpFor>>>,
  form: FormState = {},
  status: 200 | 400 | 409 = 200,
) {
  const values = form.values ?? {};
  return render(
    c,
    'followup-answer.njk',
    {
      title: `After ${f.title}`,
      followUp: { ...f, when: formatDate(f.startsAt) },
      impactItems: (['strong', 'some', 'none'] as const).map((i) => ({
        value: i,
        text: followUpImpactLabels[i],
        checked: values.impact === i,
      })),
      values,
      ...form,
    },
    status,
  );
}

const spent = (c: AppContext, status: 200 | 404 | 409) =>
  render(
    c,
    'followup-done.njk',
    { title: status === 404 ? 'Survey link not recognised' : 'Survey answered', unknown: status === 404 },
    status,
  );

export const followUpPages = new Hono<AppEnv>()
  .get('/cpd-follow-up/:token', async (c) => {
    const f = await followUpFor(c);
    if (!f) return spent(c, 404);
    if (f.answeredAt) return spent(c, 200);
    return surveyPage(c, f);
  })
  .post('/cpd-follow-up/:token', async (c) => {
    const f = await followUpFor(c);
    if (!f) return spent(c, 404);
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(answerForm, body);
    if (!form.ok) return surveyPage(c, f, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    const actor = c.var.actor ?? operatorActor('follow-up link');
    try {
      await inTransaction(database, (db) => answerFollowUp({ db, actor, mailer, config }, { followUpId: f.id, ...form.data }));
    } catch (err) {
      commandFormErrors(err);
      return spent(c, 409);
    }
    return render(c, 'followup-done.njk', { title: 'Thank you', thanks: true });
  });

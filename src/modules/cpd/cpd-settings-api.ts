import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { networkFor } from '../networks/pages.ts';
import { saveCpdSettings } from './commands/save-cpd-settings.ts';
import { cpdSettingsLimits } from './cpd-settings-domain.ts';
import { cpdSettingsOf } from './cpd-settings-queries.ts';

const { targetDays, targetPositivePercent, offerHours, followUpWeeks } = cpdSettingsLimits;
const wholeIn = (l: { min: number; max: number }) => z.number().int().min(l.min).max(l.max);
const Settings = z
  .object({
    targetDays: z
      .number()
      .min(targetDays.min)
      .max(targetDays.max)
      .refine((n) => Number.isInteger(n * 2), 'Whole or half days')
      .openapi({ description: 'Days of CPD a school year (the report’s target; half days allowed)' }),
    targetPositivePercent: wholeIn(targetPositivePercent).openapi({ description: 'Share of feedback rated 4 or 5 of 5, in percent' }),
    offerHours: wholeIn(offerHours).openapi({ description: 'Hours a freed place is held for the next person waiting' }),
    followUpWeeks: wholeIn(followUpWeeks).openapi({ description: 'Weeks after a session that its follow-up survey is sent' }),
  })
  .openapi('CpdSettings');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const params = z.object({ networkId: Uuid });

export const cpdSettingsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/cpd/settings',
      tags: ['CPD'],
      summary: 'The network’s CPD targets and time limits, defaults included (network admins)',
      request: { params },
      responses: { 200: json(Settings, 'The settings'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'cpd.manage');
      return c.json(await cpdSettingsOf(c.var.deps.database.db, network.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/cpd/settings',
      tags: ['CPD'],
      summary: 'Set the network’s CPD targets and time limits, all four at once (network admins; audited)',
      request: { params, body: { content: { 'application/json': { schema: Settings } }, required: true } },
      responses: { 200: json(Settings, 'Saved'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'cpd.manage');
      const { database, mailer, config } = c.var.deps;
      const saved = await inTransaction(database, (db) =>
        saveCpdSettings({ db, actor, mailer, config }, { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json(saved, 200);
    },
  );

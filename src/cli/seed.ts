import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { migrate } from '../kernel/db/migrate.ts';
import { openConfiguredDatabase } from '../runtime.ts';

/** `alliance seed demo`: migrate, then build (or top up) the demo network and print its personas. */
export function registerSeedCommand(program: Command) {
  const seed = program.command('seed').description('Load demo data (never in production)');
  seed
    .command('demo')
    .description('Seed the Blue Sky demo network in Coventry; safe to re-run, refuses NODE_ENV=production')
    .action(async () => {
      const config = loadConfig();
      const { formatPersonas, seedDemo } = await import('../seed/demo.ts');
      if (config.NODE_ENV === 'production') throw new Error('Refusing to seed the demo network: NODE_ENV is production.');
      const database = await openConfiguredDatabase(config);
      try {
        await migrate(database);
        const started = Date.now();
        const personas = await seedDemo({ config, database });
        console.log(`Seeded the demo network in ${((Date.now() - started) / 1000).toFixed(1)} s (${database.kind}).\n`);
        console.log(formatPersonas(personas, config.appUrl));
      } finally {
        await database.close();
      }
    });
}

import { Command } from 'commander';
import { registerAccreditationCommands } from './cli/accreditation.ts';
import { registerAllocateCommand } from './cli/allocate.ts';
import { registerBackupCommands } from './cli/backup.ts';
import { registerCpdCommands } from './cli/cpd.ts';
import { registerImportSchoolsCommand } from './cli/import-schools.ts';
import { registerNetworkCommands } from './cli/network.ts';
import { registerPrivacyCommands } from './cli/privacy.ts';
import { registerSeedCommand } from './cli/seed.ts';
import { registerTokenCommand } from './cli/token.ts';
import { registerUserCommand } from './cli/user.ts';
import { loadConfig } from './config.ts';
import { migrate } from './kernel/db/migrate.ts';
import { createLogger } from './kernel/log.ts';
import { createDeps, openConfiguredDatabase, startServer, stopOnSignals } from './runtime.ts';

const program = new Command('alliance')
  .description('Alliance: software for school-led improvement networks. Settings come from the environment (see .env.example).')
  .showHelpAfterError();

program
  .command('serve')
  .description('Migrate the database and serve the web app and API')
  .option('--seed-if-empty', 'seed the demo network when the database has no networks (used by npm start)')
  .action(async (opts: { seedIfEmpty?: boolean }) => {
    const config = loadConfig();
    const log = createLogger(config.LOG_LEVEL);
    const database = await openConfiguredDatabase(config);
    const deps = createDeps(config, database, log);
    const running = await startServer(deps, {
      beforeReady: opts.seedIfEmpty
        ? async () => {
            const { seedDemoIfEmpty } = await import('./seed/demo.ts');
            await seedDemoIfEmpty(deps);
          }
        : undefined,
    });
    stopOnSignals(running.stop, log);
    console.log(`\nAlliance is running at ${config.appUrl} (database: ${database.kind}).`);
  });

program
  .command('migrate')
  .description('Apply database migrations')
  .action(async () => {
    const config = loadConfig();
    const database = await openConfiguredDatabase(config);
    try {
      await migrate(database);
      console.log(`Migrated (${database.kind}).`);
    } finally {
      await database.close();
    }
  });

registerSeedCommand(program);
registerImportSchoolsCommand(program);
registerUserCommand(program);
registerNetworkCommands(program);
registerTokenCommand(program);
registerBackupCommands(program);
registerCpdCommands(program);
registerAllocateCommand(program);
registerAccreditationCommands(program);
registerPrivacyCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

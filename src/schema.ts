// Every table of the application, for the migration generator and the typed database client.
export * from './kernel/audit/schema.ts';
export * from './kernel/auth/schema.ts';
export * from './kernel/calendar/schema.ts';
export * from './kernel/mail/schema.ts';
export * from './kernel/uploads/schema.ts';
export * from './modules/accreditation/outcomes-schema.ts';
export * from './modules/accreditation/schema.ts';
export * from './modules/cpd/development-schema.ts';
export * from './modules/cpd/schema.ts';
export * from './modules/networks/schema.ts';
export * from './modules/privacy/schema.ts';
export * from './modules/support/brokerage-schema.ts';
export * from './modules/support/money-schema.ts';
export * from './modules/support/rounds-schema.ts';
export * from './modules/support/schema.ts';

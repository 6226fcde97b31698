#!/usr/bin/env node
// `npx alliance ...`: load the TypeScript CLI in this process through tsx (no child process, so signals reach it).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');

import { fileURLToPath } from 'node:url';

// The privacy module as the app sees it: pages (with Your account's data download) and its views.
export { privacyPages } from './pages.ts';
export const privacyViews = fileURLToPath(new URL('./views', import.meta.url));

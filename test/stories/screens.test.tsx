// @vitest-environment jsdom
/// <reference types="vite/client" />
import { runStories } from './runStories.tsx';

// Every state of every pre-built screen (stories/ui/screens), against the reference backend in
// the page (one per file) with msw scenario handlers for the edge states: in English (ltr) and in
// Arabic (rtl, dark theme). Each story's play uses the wording of the pass's locale.
runStories(import.meta.glob('../../stories/ui/screens/**/*.stories.tsx', { eager: true }), [
  { name: 'en' },
  { name: 'ar, dark', globals: { locale: 'ar', theme: 'dark' } },
]);

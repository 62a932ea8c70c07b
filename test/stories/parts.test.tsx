// @vitest-environment jsdom
/// <reference types="vite/client" />
import { runStories } from './runStories.tsx';

// Every story of stories/ui/parts, in English (ltr) and in Arabic (rtl, dark theme).
runStories(import.meta.glob('../../stories/ui/parts/**/*.stories.tsx', { eager: true }), [
  { name: 'en' },
  { name: 'ar, dark', globals: { locale: 'ar', theme: 'dark' } },
]);

// @vitest-environment jsdom
/// <reference types="vite/client" />
import { runStories } from './runStories.tsx';

// The theme gallery and the custom theme, in English, in Arabic (rtl), and in English with the
// toolbar's direction set to rtl (every pre-built screen flips, its text stays English).
runStories(import.meta.glob('../../stories/ui/theme/**/*.stories.tsx', { eager: true }), [
  { name: 'en' },
  { name: 'ar', globals: { locale: 'ar' } },
  { name: 'en, rtl', globals: { direction: 'rtl' } },
]);

// @vitest-environment jsdom
/// <reference types="vite/client" />
import { runStories } from './runStories.tsx';

// The theme gallery and the custom theme, in English and in Arabic (rtl).
runStories(import.meta.glob('../../stories/ui/theme/**/*.stories.tsx', { eager: true }), [{ name: 'en' }, { name: 'ar', globals: { locale: 'ar' } }]);

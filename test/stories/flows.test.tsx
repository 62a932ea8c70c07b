// @vitest-environment jsdom
/// <reference types="vite/client" />
import { runStories } from './runStories.tsx';

// Live flows: the reference backend on PGlite per story, driven by each story's play; README's
// custom screen among them.
runStories({ ...import.meta.glob('../../stories/ui/flows/**/*.stories.tsx', { eager: true }), ...import.meta.glob('../../stories/ui/custom/**/*.stories.tsx', { eager: true }) });

/// <reference types="vite/client" />
/**
 * Runs stories as tests: each story through its loaders, decorators and `play`, then axe-core on
 * what it rendered. Shared by the test files of test/stories (one file per stories folder, so the
 * folders run in parallel).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeStories, setProjectAnnotations, type composeStory } from '@storybook/react';
import axe from 'axe-core';
import { setupServer } from 'msw/node';
import preview from '../../.storybook/preview.tsx';
import { setMswController } from '../../stories/support/msw.ts';
import { missingScreens } from '../../stories/support/screens.ts';
import type { AuthScreens } from '../../src/react/index.ts';

type StoriesModule = Parameters<typeof composeStories>[0];
interface A11yParameters {
  config?: { rules?: { id: string; enabled?: boolean }[] };
}

/** Globals a story runs with in a pass; `undefined` means the toolbar defaults (light, en, ltr). */
export interface Pass {
  name: string;
  globals?: Record<string, string>;
}

/**
 * Declares one test per story and pass. msw answers in Node exactly as the service worker does in
 * the browser: the stories' loader installs their handlers (or a live backend) through it.
 */
export function runStories(modules: Record<string, unknown>, passes: readonly Pass[] = [{ name: 'default' }]) {
  // jsdom has no canvas; axe probes it for icon fonts and copes with null, but jsdom prints
  // "Not implemented" for every call.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
  const server = setupServer();
  setMswController({ reset: (handlers) => server.resetHandlers(...handlers) });
  setProjectAnnotations([preview]);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  for (const [path, module] of Object.entries(modules)) {
    const stories = composeStories(module as StoriesModule) as Record<string, ReturnType<typeof composeStory>>;
    describe(path.replace(/^.*stories\//, ''), () => {
      for (const [name, Story] of Object.entries(stories)) {
        for (const pass of passes) {
          // A story written ahead of its screen (parameters.needsScreens) is listed, skipped, until the screen lands.
          const missing = missingScreens(Story.parameters.needsScreens as (keyof AuthScreens)[] | undefined);
          const title = `${passes.length > 1 ? `${name} (${pass.name})` : name}${missing.length ? ` [waiting for ${missing.join(', ')}]` : ''}`;
          it.skipIf(missing.length > 0)(title, async () => {
            const canvasElement = document.createElement('div');
            document.body.append(canvasElement);
            try {
              await Story.run({ canvasElement, ...(pass.globals ? { globals: { ...Story.globals, ...pass.globals } } : {}) });
              const root = canvasElement.querySelector('[data-story-root]');
              expect(root).not.toBeNull();
              // The toolbar's direction (Arabic is always rtl) applies to the story root and to every
              // screen in it: the nearest `dir` wins, and a pre-built screen sets its own.
              const dir = pass.globals?.locale === 'ar' || pass.globals?.direction === 'rtl' ? 'rtl' : 'ltr';
              expect(root?.getAttribute('dir')).toBe(dir);
              for (const screenRoot of canvasElement.querySelectorAll('[data-fk="screen"]')) expect(screenRoot.closest('[dir]')?.getAttribute('dir')).toBe(dir);
              // A story may switch a rule off, with its reason, in parameters.a11y.config.rules (the
              // addon's format); jsdom computes no CSS colours, so contrast is checked only in a
              // real browser (the a11y addon).
              const storyRules = ((Story.parameters.a11y as A11yParameters | undefined)?.config?.rules ?? []).map((r) => [r.id, { enabled: r.enabled ?? true }]);
              const results = await axe.run(canvasElement, { rules: { ...Object.fromEntries(storyRules), 'color-contrast': { enabled: false } } });
              expect(results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html) }))).toEqual([]);
            } finally {
              canvasElement.remove();
            }
          });
        }
      }
    });
  }
}

// @vitest-environment jsdom
/// <reference types="vite/client" />
import { composeStories } from '@storybook/react';
import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as playground from '../../stories/ui/theme/Playground.stories.tsx';
import { runStories } from './runStories.tsx';

// The theme gallery and the custom theme, in English, in Arabic (rtl), and in English with the
// toolbar's direction set to rtl (every pre-built screen flips, its text stays English).
runStories(import.meta.glob('../../stories/ui/theme/**/*.stories.tsx', { eager: true }), [
  { name: 'en' },
  { name: 'ar', globals: { locale: 'ar' } },
  { name: 'en, rtl', globals: { direction: 'rtl' } },
]);

// A playground link shared with other values (`&args=` in the URL) still passes Brand's own checks:
// those that hold for any theme, on the screens chosen.
describe('Playground Brand opened with other values', () => {
  it('checks the stylesheet it shows and the chosen screens, not the teal brand', async () => {
    const { Brand } = composeStories(playground);
    const canvasElement = document.body.appendChild(document.createElement('div'));
    try {
      await Brand.run({ canvasElement, args: { ...Brand.args, 'light-color-primary': '#cbd5e1', screens: ['sign-in', 'access-denied'] } });
      expect(within(canvasElement).getAllByRole('group')).toHaveLength(4);
      expect(within(canvasElement).getByLabelText('Your stylesheet').textContent).toContain('--fk-color-primary: #cbd5e1;');
      expect(within(canvasElement).getByRole('status', { name: 'Contrast, light' }).textContent).toMatch(/falls? short/);
    } finally {
      canvasElement.remove();
    }
  });
});

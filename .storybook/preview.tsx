import type { Preview } from '@storybook/react';
import { globalTypes, initialGlobals, kitLoader, withKit } from '../stories/support/kit.tsx';
import '../src/ui/theme/styles.css';
import { DocsPage } from './DocsPage.tsx';

/**
 * Every story: the toolbar globals (theme, locale, direction), msw + the live backend (loader),
 * and the provider / theme root (decorator). The accessibility addon runs axe on every story and
 * shows violations in its panel; `npm test` runs axe on every story too (test/stories).
 */
const preview: Preview = {
  // A docs page for every stories file (Storybook's Docs tab): purpose, example, props, styling hooks.
  tags: ['autodocs'],
  globalTypes,
  initialGlobals,
  loaders: [kitLoader],
  decorators: [withKit],
  parameters: {
    layout: 'fullscreen',
    a11y: { test: 'error' },
    controls: { matchers: { date: /At$/ } },
    docs: { page: DocsPage },
  },
};

export default preview;

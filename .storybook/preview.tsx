import type { Preview } from '@storybook/react';
import { globalTypes, initialGlobals, kitLoader, withKit } from '../stories/support/kit.tsx';
import '../src/ui/theme/styles.css';

/**
 * Every story: the toolbar globals (theme, locale, direction), msw + the live backend (loader),
 * and the provider / theme root (decorator). The accessibility addon runs axe on every story and
 * shows violations in its panel; `npm test` runs axe on every story too (test/stories).
 */
const preview: Preview = {
  globalTypes,
  initialGlobals,
  loaders: [kitLoader],
  decorators: [withKit],
  parameters: {
    layout: 'fullscreen',
    a11y: { test: 'error' },
    controls: { matchers: { date: /At$/ } },
  },
};

export default preview;

import { useMemo } from 'react';
import { useAuthUiSettings } from '../../../react/index.ts';
import { createMessages } from '../../messages/createMessages.ts';
import type { MessageOverrides, Messages } from '../../messages/types.ts';

/**
 * The messages and theme the settings screen renders with: the `locale`, `messages` (overrides by
 * locale) and `theme` given to `<AuthProvider>`, unless the screen's own `messages` prop wins.
 */
export function useSettingsUi(own?: Messages): { messages: Messages; theme: string | undefined } {
  const ui = useAuthUiSettings();
  const overrides = isOverrides(ui.messages) ? ui.messages : undefined;
  const built = useMemo(() => createMessages(ui.locale ?? 'en', overrides), [ui.locale, overrides]);
  return { messages: own ?? built, theme: typeof ui.theme === 'string' ? ui.theme : undefined };
}

function isOverrides(value: unknown): value is MessageOverrides {
  return typeof value === 'object' && value !== null && !('format' in value);
}

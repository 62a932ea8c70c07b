// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createRoot, type Root } from 'react-dom/client';
import { createMessages } from '../../../src/ui/messages/createMessages.ts';
import { loadLocale } from '../../../src/ui/messages/locales.ts';
import { FactorKitProvider, ThemeRoot, useFactorKit } from '../../../src/ui/index.ts';

// A real root, as in an app (no act): the first render is what a person would see.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

let root: Root | undefined;
afterEach(() => {
  root?.unmount();
  document.body.innerHTML = '';
});

function Cancel() {
  return (
    <ThemeRoot>
      <button type="button">{useFactorKit().messages.format('common.cancel')}</button>
    </ThemeRoot>
  );
}

function show(locale: string): HTMLElement {
  const element = document.createElement('div');
  document.body.append(element);
  root = createRoot(element);
  root.render(
    <FactorKitProvider locale={locale}>
      <Cancel />
    </FactorKitProvider>,
  );
  return element;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

/** Only English is in the main bundle; the other catalogues load when a screen first needs them (this file starts with none loaded). */
describe('catalogues by locale', () => {
  it('a screen in French waits for its catalogue (nothing in English first), then shows French', async () => {
    const element = show('fr');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(element.textContent).not.toContain('Cancel');
    await until(() => element.textContent !== '');
    expect(element.textContent).toBe('Annuler');
  });

  it('Arabic arrives right to left', async () => {
    const element = show('ar-EG');
    await until(() => element.textContent !== '');
    expect(element.textContent).toBe('إلغاء');
    expect(element.querySelector('[dir="rtl"][lang="ar-EG"]')).toBeTruthy();
  });

  it('createMessages gives English until loadLocale has run, then the language', async () => {
    expect(createMessages('de').format('signIn.title')).toBe('Sign in');
    await loadLocale('de-AT');
    expect(createMessages('de').format('signIn.title')).toBe('Anmelden');
    // A language without a built-in catalogue resolves at once, to English.
    await loadLocale('sv');
    expect(createMessages('sv').locale).toBe('en');
  });
});

import type { ReactNode } from 'react';
import { FactorKitProvider } from '../../src/ui/index.ts';
import { themes, useStoryKit } from './kit.tsx';

/**
 * Renders the same content once per theme, side by side, each in its own `data-fk-theme` root. A
 * pre-built screen sets the theme on its own root from the kit's settings, so each column also
 * has a `FactorKitProvider` with its theme.
 */
export function ThemeGallery({ children }: { children: () => ReactNode }) {
  const { dir, locale } = useStoryKit();
  return (
    <div data-story="theme-gallery" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 30rem), 1fr))', gap: '1rem' }}>
      {themes.map((theme) => (
        <section key={theme} aria-label={`Theme: ${theme}`} data-fk-theme={theme} dir={dir} lang={locale} style={{ background: 'var(--fk-color-bg)', padding: '0.5rem', overflow: 'auto' }}>
          <p style={{ color: 'var(--fk-color-muted)', margin: 0, fontFamily: 'var(--fk-font-family, sans-serif)' }}>{theme}</p>
          <FactorKitProvider theme={theme} locale={locale}>
            {children()}
          </FactorKitProvider>
        </section>
      ))}
    </div>
  );
}

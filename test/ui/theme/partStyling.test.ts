// @vitest-environment jsdom
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import stylesheet from '../../../src/ui/theme/styles.css?raw';
import { partStyling, renderedParts } from '../../../src/ui/theme/themeTokens.ts';

// What the docs pages' "Styling hooks" table reads: the stylesheet's hooks and tokens per part, and
// the parts an example renders.
describe('partStyling', () => {
  it("lists the attribute hooks of a part's own compound selectors and the tokens its rules read", () => {
    const button = partStyling(stylesheet, 'button');
    expect(button.hooks).toEqual(expect.arrayContaining(['data-variant="primary"', 'data-variant="secondary"', 'data-variant="link"', 'data-state="submitting"', 'data-disabled']));
    expect(button.componentTokens).toEqual(expect.arrayContaining(['button-bg', 'button-fg', 'button-radius', 'button-bg-hover']));
    expect(button.semanticTokens.every((t) => !t.startsWith('button-'))).toBe(true);
  });

  it('gives a hook to the part it qualifies, not to a descendant in the same selector', () => {
    const css = '[data-fk="field"][data-invalid] [data-fk="input"] { border-color: var(--fk-input-border-invalid); } [data-fk="input"][data-size="sm"] { padding: var(--fk-space-1); }';
    expect(partStyling(css, 'input')).toEqual({ hooks: ['data-size="sm"'], componentTokens: ['input-border-invalid'], semanticTokens: ['space-1'] });
    expect(partStyling(css, 'field')).toEqual({ hooks: ['data-invalid'], componentTokens: ['input-border-invalid'], semanticTokens: [] });
  });

  it('finds nothing for a part the stylesheet does not style', () => {
    expect(partStyling(stylesheet, 'no-such-part')).toEqual({ hooks: [], componentTokens: [], semanticTokens: [] });
  });
});

describe('renderedParts', () => {
  it('lists each part once, in document order, with every data attribute seen on it', () => {
    const root = document.createElement('div');
    root.innerHTML =
      '<div data-fk="screen" data-fk-theme="dark" data-state="idle"><button data-fk="button" data-variant="primary" data-disabled=""></button>' +
      '<button data-fk="button" data-variant="link" data-testid="x"></button></div>';
    expect(renderedParts(root)).toEqual([
      { part: 'screen', attributes: ['data-state="idle"'] },
      { part: 'button', attributes: ['data-disabled', 'data-variant="link"', 'data-variant="primary"'] },
    ]);
  });
});

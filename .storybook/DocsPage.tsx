import { useEffect, useRef, useState } from 'react';
import type { ComponentType } from 'react';
import { ArgTypes, Controls, Description, Primary, Stories, Title, useOf } from '@storybook/addon-docs/blocks';
import stylesheet from '../src/ui/theme/styles.css?raw';
import { partStyling, renderedParts, type RenderedPart } from '../src/ui/theme/themeTokens.ts';

const code = { fontFamily: 'ui-monospace, monospace', fontSize: '0.8rem' } as const;
const cell = { padding: '0.3rem 0.5rem', borderBlockEnd: '1px solid #ddd', textAlign: 'start', verticalAlign: 'top' } as const;

/** The parts the live example renders, read again whenever it changes (a live screen loads, then updates). */
function useRenderedParts(ref: React.RefObject<HTMLElement | null>): RenderedPart[] {
  const [parts, setParts] = useState<RenderedPart[]>([]);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    let frame = 0;
    const read = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setParts(renderedParts(root)));
    };
    read();
    const observer = new MutationObserver(read);
    observer.observe(root, { subtree: true, childList: true, attributes: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [ref]);
  return parts;
}

const list = (items: string[]) => (items.length ? items.map((item, i) => <code key={item} style={code}>{`${i ? ', ' : ''}${item}`}</code>) : '—');

/** One row per `data-fk` part of the example: what it carries there, what the stylesheet keys on, the tokens it reads. */
function StylingHooks({ parts }: { parts: RenderedPart[] }) {
  if (parts.length === 0) return <p>The example renders no kit parts yet (a live screen may still be loading).</p>;
  return (
    <table aria-label="Styling hooks" style={{ borderCollapse: 'collapse', fontSize: '0.85rem' }}>
      <thead>
        <tr>
          {['part (data-fk)', 'attributes in this example', 'styled by styles.css', 'component tokens', 'semantic tokens read directly'].map((h) => (
            <th key={h} scope="col" style={cell}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {parts.map(({ part, attributes }) => {
          const styling = partStyling(stylesheet, part);
          return (
            <tr key={part}>
              <th scope="row" style={{ ...cell, ...code, whiteSpace: 'nowrap' }}>{`[data-fk="${part}"]`}</th>
              <td style={cell}>{list(attributes)}</td>
              <td style={cell}>{list(styling.hooks)}</td>
              <td style={cell}>{list(styling.componentTokens.map((t) => `--fk-${t}`))}</td>
              <td style={cell}>{list(styling.semanticTokens.map((t) => `--fk-${t}`))}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The docs page of every stories file: what it is for (the component's and the file's comments), a
 * live example (the first story), its props with their defaults (`parameters.kitComponent`: the
 * kit's part, when the stories render it through a wrapper), the `data-fk` / `data-*` hooks
 * and tokens of every part the example renders (read from the example and styles.css), then the
 * other stories. A file whose stories run the reference backend in the page links its stories
 * instead of rendering them all here: each needs a backend of its own.
 */
export function DocsPage() {
  const resolved = useOf('meta');
  const ref = useRef<HTMLDivElement>(null);
  const parts = useRenderedParts(ref);
  if (resolved.type !== 'meta') throw new Error('DocsPage is the page of a stories file');
  const { preparedMeta, csfFile } = resolved;
  const live = preparedMeta.parameters.backend !== undefined;
  // A part's stories often render it through a small wrapper (localised labels); the props table is the part's own.
  const part = preparedMeta.parameters.kitComponent as ComponentType | undefined;
  return (
    <>
      <Title />
      {part && <Description of={part} />}
      <Description of="meta" />
      <h2>Example</h2>
      <div ref={ref}>
        <Primary />
      </div>
      <h2>Props</h2>
      {part ? (
        <>
          <ArgTypes of={part} />
          <h3>This example&apos;s controls</h3>
          <Controls />
        </>
      ) : (
        <Controls />
      )}
      <h2>Styling hooks</h2>
      <p>
        Style a part with an unlayered rule on its <code style={code}>data-fk</code> attribute and the attributes beside it (the kit&apos;s own rules are in{' '}
        <code style={code}>@layer fk</code>, so yours win), or set its component tokens; Theme/Tokens lists every token&apos;s value in each theme.
      </p>
      <StylingHooks parts={parts} />
      {live ? (
        <>
          <h2>Stories</h2>
          <p>Each runs the reference backend in the page; open one:</p>
          <ul>
            {Object.values(csfFile.stories).map((story: { id: string; name: string }) => (
              <li key={story.id}>
                <a href={`./?path=/story/${story.id}`} target="_top">
                  {story.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Stories includePrimary={false} />
      )}
    </>
  );
}

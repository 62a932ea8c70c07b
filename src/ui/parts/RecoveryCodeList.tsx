import { useMemo, type ComponentProps } from 'react';
import { CopyButton } from './CopyButton.tsx';

/** Props of {@link RecoveryCodeList}. Other props go to the `data-fk="recovery-codes"` wrapper. */
export interface RecoveryCodeListProps extends ComponentProps<'div'> {
  codes: readonly string[];
  /** The text of the file, the clipboard and the printout: a heading, the codes one per line, a note. */
  text: string;
  /** The downloaded file's name. @default 'recovery-codes.txt' */
  fileName?: string;
  labels: { list: string; copy: string; copied: string; copyFailed: string; download: string; print: string };
}

/** Prints `text` from a hidden frame, so the page around it stays out of the printout. */
function printText(doc: Document, title: string, text: string): void {
  const frame = doc.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  doc.body.appendChild(frame);
  const win = frame.contentWindow;
  if (!win) return void frame.remove();
  const pre = win.document.createElement('pre');
  pre.textContent = text;
  pre.style.font = '16px/1.6 ui-monospace, monospace';
  win.document.title = title;
  win.document.body.appendChild(pre);
  win.addEventListener('afterprint', () => frame.remove());
  try {
    win.focus();
    win.print();
  } catch {
    frame.remove();
  }
}

/**
 * A set of recovery codes, shown once: an ordered list in a monospace grid (left to right in every
 * locale), with Copy, Download (.txt) and Print, all real buttons or links. `data-fk="recovery-code"`
 * on each code.
 */
export function RecoveryCodeList({ codes, text, fileName = 'recovery-codes.txt', labels, ...props }: RecoveryCodeListProps) {
  // A data URL, not an object URL: nothing to revoke, and the list is small.
  const href = useMemo(() => `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`, [text]);
  return (
    <div data-fk="recovery-codes" {...props}>
      <ol data-fk="recovery-code-list" aria-label={labels.list} dir="ltr" translate="no">
        {codes.map((code) => (
          <li key={code} data-fk="recovery-code">
            {code}
          </li>
        ))}
      </ol>
      <div data-fk="actions">
        <CopyButton text={text} copiedLabel={labels.copied} failedLabel={labels.copyFailed}>
          {labels.copy}
        </CopyButton>
        <a data-fk="button" data-variant="secondary" href={href} download={fileName}>
          {labels.download}
        </a>
        <button data-fk="button" data-variant="secondary" type="button" onClick={(e) => printText(e.currentTarget.ownerDocument, fileName, text)}>
          {labels.print}
        </button>
      </div>
    </div>
  );
}

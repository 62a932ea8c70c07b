import { useMemo, type ReactNode } from 'react';
import { useFactorKit } from './FactorKitProvider.tsx';
import type { Messages } from '../messages/types.ts';
import type { ScreenComponents } from './components.ts';
import type { RecoveryCodeListProps } from '../parts/RecoveryCodeList.tsx';

/** The words of `RecoveryCodeList` in the catalogue's language. */
export function recoveryCodeListLabels(m: Messages): RecoveryCodeListProps['labels'] {
  return {
    list: m.format('recovery.listLabel'),
    copy: m.format('recovery.copy'),
    copied: m.format('recovery.copied'),
    copyFailed: m.format('recovery.copyFailed'),
    download: m.format('recovery.download'),
    print: m.format('recovery.print'),
  };
}

/** Props of {@link RecoveryCodesSave}. */
export interface RecoveryCodesSaveProps {
  m: Messages;
  c: ScreenComponents;
  codes: readonly string[];
  /** When the set was made (epoch ms), for the file's note. */
  madeAt: number;
  /** The person has saved them. */
  onDone: () => void;
  /** Drawn above the codes (a heading of the right level). */
  heading?: ReactNode;
}

/**
 * "Save your recovery codes": the new set, shown this once, with copy, download and print, and "I've
 * saved my codes" to go on. The file names the app (the brand's name, else the site's host).
 */
export function RecoveryCodesSave({ m, c, codes, madeAt, onDone, heading }: RecoveryCodesSaveProps) {
  const kit = useFactorKit();
  const app = kit.brand?.name ?? (typeof location === 'undefined' ? '' : location.host);
  const text = useMemo(() => {
    const date = new Intl.DateTimeFormat(m.locale, { dateStyle: 'long' }).format(madeAt);
    return [m.format('recovery.fileHeading', { app }), '', ...codes, '', m.format('recovery.fileNote', { date })].join('\n');
  }, [m, app, codes, madeAt]);
  return (
    <div data-fk="recovery-save">
      {heading}
      <p>{m.format('recovery.save.body')}</p>
      <c.RecoveryCodeList
        codes={codes}
        text={text}
        labels={recoveryCodeListLabels(m)}
      />
      <c.Button onClick={onDone}>{m.format('recovery.saved')}</c.Button>
    </div>
  );
}

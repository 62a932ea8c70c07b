import { useMemo, useState } from 'react';
import { isAuthError, type Passkey } from '../../../core/index.ts';
import { stepUpFactorsOf } from '../../../core/flows/codeOutcome.ts';
import { usePasskeyFlow, usePasskeys, useRemovePasskey, useRenamePasskey } from '../../../react/index.ts';
import type { Messages } from '../../messages/types.ts';
import type { ScreenComponents } from '../components.ts';
import { ListRow, ListSection } from './ListSection.tsx';
import { passkeyIssueText } from '../passkeyText.ts';
import { answerText, failureText } from '../screenSupport.ts';
import { useStepUpThenRetry } from './useStepUpThenRetry.tsx';

/**
 * "Passkeys": the user's passkeys (name, added, last used, synced or on one device), "Add a passkey"
 * and "Remove" for each, re-verifying in a dialog when the backend asks for step-up. Over
 * `usePasskeys` / `usePasskeyFlow`; nothing when the backend has no passkeys (or the browser cannot).
 */
export function PasskeysSection({ messages: m, c, headingLevel, id, email }: { messages: Messages; c: ScreenComponents; headingLevel: 2 | 3; id: string; email: string | undefined }) {
  const list = usePasskeys();
  const flow = usePasskeyFlow();
  const remove = useRemovePasskey();
  const rename = useRenamePasskey();
  const [renaming, setRenaming] = useState<string | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const stepUp = useStepUpThenRetry();
  const date = useMemo(() => new Intl.DateTimeFormat(m.locale, { dateStyle: 'medium' }), [m.locale]);
  if (list.isError && isAuthError(list.error, 'http') && list.error.status === 404) return null;
  const passkeys = list.data?.status === 'OK' ? list.data.credentials : undefined;
  const nameOf = (p: Passkey) => p.name ?? m.format('passkeys.unnamed');

  const add = async () => {
    if (email === undefined) return;
    const ok = await flow.add({ email, ...(passkeys?.[0] && { recipeUserId: passkeys[0].recipeUserId }) });
    if (ok) setAnnouncement(m.format('passkeys.added'));
    const issue = flow.flow.store.getSnapshot().issue;
    if (issue?.kind === 'stepUp') stepUp.ask(issue.factors, () => void add());
  };
  const removeOne = (p: Passkey) =>
    remove.mutate(
      { webauthnCredentialId: p.webauthnCredentialId },
      {
        onSuccess: (r) => {
          const factors = stepUpFactorsOf(r as { status: string });
          if (factors) stepUp.ask(factors, () => removeOne(p));
          else if (r.status === 'OK') setAnnouncement(m.format('passkeys.removed'));
        },
      },
    );
  const removeError = remove.isError ? failureText(m, remove.error) : remove.data && remove.data.status !== 'OK' && !stepUpFactorsOf(remove.data as { status: string }) ? answerText(m, remove.data as { status: string }) : undefined;
  const addError = flow.state.issue?.kind === 'stepUp' ? undefined : passkeyIssueText(m, flow.state.issue);

  return (
    <ListSection
      m={m}
      c={c}
      fk="settings-passkeys"
      id={id}
      headingLevel={headingLevel}
      title={m.format('passkeys.title')}
      body={m.format('passkeys.body')}
      announcement={announcement}
      query={list}
      rows={passkeys === undefined ? undefined : passkeys.map((p) => (
        <ListRow
          key={p.webauthnCredentialId}
          name={nameOf(p)}
          facts={[
            m.format('settings.devices.addedOn', { date: date.format(p.createdAt) }),
            typeof p.lastUsedAt === 'number' ? m.format('settings.devices.lastUsed', { date: date.format(p.lastUsedAt) }) : undefined,
            p.synced === undefined ? undefined : m.format(p.synced ? 'passkeys.synced' : 'passkeys.deviceOnly'),
          ]}
        >
          <c.Button variant="link" aria-label={m.format('passkeys.renameNamed', { name: nameOf(p) })} onClick={() => setRenaming(p.webauthnCredentialId)}>
            {m.format('passkeys.rename')}
          </c.Button>
          <c.Button
            variant="secondary"
            aria-label={m.format('passkeys.removeNamed', { name: nameOf(p), date: date.format(p.createdAt) })}
            submitting={remove.isPending && remove.variables?.webauthnCredentialId === p.webauthnCredentialId}
            onClick={() => removeOne(p)}
          >
            {m.format('passkeys.remove')}
          </c.Button>
          {renaming === p.webauthnCredentialId && (
            <form
              data-fk="form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                const name = String(new FormData(e.currentTarget).get('name') ?? '').trim();
                if (name === '') return;
                rename.mutate({ webauthnCredentialId: p.webauthnCredentialId, name }, { onSuccess: (r) => r.status === 'OK' && (setRenaming(undefined), setAnnouncement(m.format('passkeys.renamed'))) });
              }}
            >
              <c.TextField autoFocus name="name" label={m.format('passkeys.nameLabel')} defaultValue={p.name ?? ''} maxLength={64} autoComplete="off" />
              <div data-fk="actions">
                <c.Button type="submit" submitting={rename.isPending}>
                  {m.format('passkeys.save')}
                </c.Button>
                <c.Button variant="secondary" onClick={() => setRenaming(undefined)}>
                  {m.format('common.cancel')}
                </c.Button>
              </div>
            </form>
          )}
        </ListRow>
      ))}
      loadFailed={m.format('passkeys.loadFailed')}
      empty={m.format('passkeys.none')}
    >
      {removeError !== undefined && <c.Alert tone="error">{removeError}</c.Alert>}
      {addError !== undefined && <c.Alert tone="error">{addError}</c.Alert>}
      {flow.supported && email !== undefined && (
        <c.Button variant="secondary" submitting={flow.state.busy === 'add'} onClick={() => void add()}>
          {m.format('passkeys.add')}
        </c.Button>
      )}
      {stepUp.dialog}
    </ListSection>
  );
}

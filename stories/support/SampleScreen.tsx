import type { ReactNode } from 'react';
import { Button, OtpInput, ScreenLayout, TextField } from '../../src/ui/index.ts';
import { useStoryMessages } from './kit.tsx';

/**
 * A screen composed of the kit's parts (heading, a message, code boxes, a field, both buttons), for
 * the theme stories: it draws every token a theme sets. `message` is the alert under the heading.
 */
export function SampleScreen({ message }: { message: ReactNode }) {
  const m = useStoryMessages();
  return (
    <ScreenLayout heading={m.format('otp.email.title')} subtitle={m.format('otp.email.sentTo', { contact: 'alice@example.com' })}>
      {message}
      <OtpInput label={m.format('otp.codeLabel')} />
      <TextField label={m.format('field.email.label')} type="email" defaultValue="alice@example.com" />
      <Button type="submit">{m.format('otp.submit')}</Button>
      <Button variant="secondary">{m.format('otp.resend')}</Button>
    </ScreenLayout>
  );
}

import { MFASettingsScreen } from '../../../src/index.ts';

/** The app's settings page: the kit's MFA settings screen, behind `<SessionAuth>` (see App.tsx). */
export function Settings() {
  return <MFASettingsScreen />;
}

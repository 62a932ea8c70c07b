// One on-demand chunk: the screens of a signed-in user's account.
export { MFASettingsScreen } from '../settings/MFASettingsScreen.tsx';
export { SecurityScreen } from '../SecurityScreen.tsx';

import { useScreenKit, type BaseScreenProps } from './screenSupport.ts';
import { MFASettingsScreen } from './settings/MFASettingsScreen.tsx';
import { SessionsSection } from './settings/SessionsSection.tsx';
import { TrustedDevicesSection } from './settings/TrustedDevicesSection.tsx';

/** Props of {@link SecurityScreen}. Other props go to the outer `data-fk="screen"` element. */
export interface SecurityScreenProps extends BaseScreenProps {
  /** How sensitive changes re-verify: a dialog over the page, in place, or on the factor's page. @default 'dialog' */
  stepUp?: 'dialog' | 'inline' | 'redirect';
}

/**
 * The security centre (`{websiteBasePath}/security`, or a page of the app's own behind a `<SessionAuth>`; its heading is an `h1`):
 * everything that protects the account on one page. Two-step verification (factors, authenticator
 * apps with "last used", recovery codes, the password) beside the devices (where the user is signed
 * in, browsers trusted to skip the second step). Side by side on a wide screen, one column on a phone.
 */
export function SecurityScreen({ stepUp = 'dialog', components, id = 'fk-security', ...props }: SecurityScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const { brand: _brand, ...rootAttributes } = root;
  return (
    <div data-fk="screen" data-fk-screen="security" id={id} {...rootAttributes} {...props}>
      <header data-fk="security-header">
        <h1 data-fk="heading" tabIndex={-1}>
          {m.format('security.title')}
        </h1>
        <p data-fk="subtitle">{m.format('security.subtitle')}</p>
      </header>
      <div data-fk="security-grid">
        <MFASettingsScreen headingLevel={2} stepUp={stepUp} showSessions={false} components={components} id={`${id}-mfa`} />
        <c.ScreenLayout heading={m.format('security.devices.title')} subtitle={m.format('security.devices.subtitle')} headingLevel={2} data-fk-screen="security-devices">
          <SessionsSection messages={m} c={c} headingLevel={3} id={`${id}-sessions`} />
          <TrustedDevicesSection messages={m} c={c} headingLevel={3} id={`${id}-trusted`} />
        </c.ScreenLayout>
      </div>
    </div>
  );
}

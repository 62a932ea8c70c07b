/**
 * supertokens-auth-react + supertokens-web-js with the same sign-in methods as the factorkit app:
 * the first round's factors (`supertokens.tsx`) plus social sign-in (ThirdParty, one provider) and
 * passkeys (WebAuthn), each recipe with its pre-built UI. Password reset and magic links come with
 * EmailPassword and Passwordless. supertokens-auth-react has no pre-built security centre.
 */
import * as reactRouterDom from 'react-router-dom';
import SuperTokens, { SuperTokensWrapper } from 'supertokens-auth-react';
import { getSuperTokensRoutesForReactRouterDom } from 'supertokens-auth-react/ui';
import EmailPassword from 'supertokens-auth-react/recipe/emailpassword';
import { EmailPasswordPreBuiltUI } from 'supertokens-auth-react/recipe/emailpassword/prebuiltui';
import EmailVerification from 'supertokens-auth-react/recipe/emailverification';
import { EmailVerificationPreBuiltUI } from 'supertokens-auth-react/recipe/emailverification/prebuiltui';
import MultiFactorAuth from 'supertokens-auth-react/recipe/multifactorauth';
import { MultiFactorAuthPreBuiltUI } from 'supertokens-auth-react/recipe/multifactorauth/prebuiltui';
import Passwordless from 'supertokens-auth-react/recipe/passwordless';
import { PasswordlessPreBuiltUI } from 'supertokens-auth-react/recipe/passwordless/prebuiltui';
import Session, { SessionAuth } from 'supertokens-auth-react/recipe/session';
import ThirdParty, { Github } from 'supertokens-auth-react/recipe/thirdparty';
import { ThirdPartyPreBuiltUI } from 'supertokens-auth-react/recipe/thirdparty/prebuiltui';
import TOTP from 'supertokens-auth-react/recipe/totp';
import { TOTPPreBuiltUI } from 'supertokens-auth-react/recipe/totp/prebuiltui';
import WebAuthn from 'supertokens-auth-react/recipe/webauthn';
import { WebauthnPreBuiltUI } from 'supertokens-auth-react/recipe/webauthn/prebuiltui';
import { mount } from './shell.tsx';

SuperTokens.init({
  appInfo: { appName: 'Shop', apiDomain: 'http://localhost:3001', websiteDomain: 'http://localhost:3000', apiBasePath: '/auth', websiteBasePath: '/auth' },
  recipeList: [
    EmailPassword.init(),
    Passwordless.init({ contactMethod: 'EMAIL_OR_PHONE' }),
    ThirdParty.init({ signInAndUpFeature: { providers: [Github.init()] } }),
    WebAuthn.init(),
    TOTP.init(),
    EmailVerification.init({ mode: 'REQUIRED' }),
    MultiFactorAuth.init({ firstFactors: ['emailpassword', 'thirdparty', 'webauthn'] }),
    Session.init(),
  ],
});

mount({
  wrap: (app) => <SuperTokensWrapper>{app}</SuperTokensWrapper>,
  authRoutes: getSuperTokensRoutesForReactRouterDom(reactRouterDom, [EmailPasswordPreBuiltUI, PasswordlessPreBuiltUI, ThirdPartyPreBuiltUI, WebauthnPreBuiltUI, TOTPPreBuiltUI, MultiFactorAuthPreBuiltUI, EmailVerificationPreBuiltUI]),
  guard: (page) => <SessionAuth>{page}</SessionAuth>,
});

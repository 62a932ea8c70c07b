/**
 * The equivalent app on supertokens-auth-react + supertokens-web-js: the same factors and screens
 * as the factorkit app (email + password, email/SMS OTP, TOTP, factor chooser, email verification).
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
import TOTP from 'supertokens-auth-react/recipe/totp';
import { TOTPPreBuiltUI } from 'supertokens-auth-react/recipe/totp/prebuiltui';
import { mount } from './shell.tsx';

SuperTokens.init({
  appInfo: { appName: 'Shop', apiDomain: 'http://localhost:3001', websiteDomain: 'http://localhost:3000', apiBasePath: '/auth', websiteBasePath: '/auth' },
  recipeList: [
    EmailPassword.init(),
    Passwordless.init({ contactMethod: 'EMAIL_OR_PHONE' }),
    TOTP.init(),
    EmailVerification.init({ mode: 'REQUIRED' }),
    MultiFactorAuth.init({ firstFactors: ['emailpassword'] }),
    Session.init(),
  ],
});

mount({
  wrap: (app) => <SuperTokensWrapper>{app}</SuperTokensWrapper>,
  authRoutes: getSuperTokensRoutesForReactRouterDom(reactRouterDom, [EmailPasswordPreBuiltUI, PasswordlessPreBuiltUI, TOTPPreBuiltUI, MultiFactorAuthPreBuiltUI, EmailVerificationPreBuiltUI]),
  guard: (page) => <SessionAuth>{page}</SessionAuth>,
});

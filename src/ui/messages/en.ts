/**
 * The English messages of the sign-in form (in the main bundle); `enLater.ts` holds the rest, loaded
 * with the screens after it. The two together are the English catalogue, the source of every
 * message key.
 *
 * Conventions, checked by `test/ui/messages/catalogues.test.ts`:
 * - `{name}` is a placeholder; numbers are formatted for the locale, strings are inserted as-is.
 * - A plural message is an object of `Intl.PluralRules` categories (`other` required) and
 *   selects on the `count` value. Other locales may use more categories (Arabic: zero, one, two,
 *   few, many, other).
 * - Every locale uses the same placeholders for a key.
 * - `{time}` receives a duration already formatted by `messages.formatDuration` (m:ss).
 */
export const en = {
  // ------------------------------------------------------------------ common
  'common.loading': 'Loading…',
  'common.back': 'Go back',
  'common.signOut': 'Sign out',
  'common.showPassword': 'Show password',
  'common.hidePassword': 'Hide password',

  // ---------------------------------------------------- sign in / sign up form
  'signIn.title': 'Sign in',
  'signIn.subtitle': 'Welcome back. Sign in to continue.',
  'signIn.submit': 'Sign in',
  'signIn.noAccount': 'New here?',
  'signIn.toSignUp': 'Create an account',
  'signUp.title': 'Create an account',
  'signUp.subtitle': 'Sign up with your email address and a password.',
  'signUp.submit': 'Sign up',
  'signUp.haveAccount': 'Already have an account?',
  'signUp.toSignIn': 'Sign in',
  'field.email.label': 'Email address',
  'field.password.label': 'Password',
  'field.password.description': 'At least 8 characters, with at least one letter and one number.',

  // --------------------------------------------- form field errors (backend)
  'fieldError.required': 'Fill in this field.',
  'fieldError.emailInvalid': 'Enter a valid email address, like name@example.com.',
  'fieldError.passwordTooWeak': 'Choose a stronger password: at least 8 characters, with at least one letter and one number.',
  'fieldError.emailExists': 'An account with this email address already exists. Sign in instead.',
  'fieldError.wrongCredentials': 'The email address or password is incorrect.',
  'errorSummary.title': {
    one: 'There is {count} problem to fix',
    other: 'There are {count} problems to fix',
  },
  'code.locked.countdown': 'You can try again in {time}.',

  // ------------------------------------------------------------ access denied
  'accessDenied.title': 'Access denied',
  'accessDenied.noFactor': 'There is no verification method you can use to finish signing in. Contact support for help.',
  'accessDenied.forbidden': 'You do not have permission to view this page.',

  // ------------------------------------------------------------------ errors
  'error.network': 'We could not reach the server. Check your connection and try again.',
  'error.genericRetry': 'Something went wrong. Please try again.',
  'error.reload': 'Something went wrong. Reload the page or try again later.',
  // A sentence from the backend (SIGN_IN_UP_NOT_ALLOWED reason, GENERAL_ERROR message), shown as-is.
  'error.server': '{message}',
  'error.busy': 'Many people are signing in right now. Please try again in a moment.',
  'refusal.rateLimited': 'Too many attempts for now.',
  'refusal.retryIn': 'You can try again in {time}.',
  'refusal.retryNow': 'You can try again now.',
  'refusal.knownAddressOnly': 'For your security, a code can only go to an address already on your account. Use that address, or finish signing in and add the new one in your settings.',
  'refusal.completeExistingFirst': 'For your security, verify with a method your account already has before adding a new one.',

  // -------------------------------------------- pre-built screens (additions)
  'signIn.withEmailCode': 'Sign in with a code by email',
  'signIn.withPhoneCode': 'Sign in with a code by text message',
  'signIn.withPassword': 'Sign in with a password',
  'signIn.otherMethods': 'Other ways to sign in',
  'accessDenied.noFactorAvailable': 'There is no verification method available for your account.',
  'errorSummary.item': '{field}: {error}',

  // ----------------------------------------- password reset and change
  'signIn.forgotPassword': 'Forgot your password?',
  'field.newPassword.label': 'New password',
  'field.confirmPassword.label': 'New password, again',
  'fieldError.passwordMismatch': 'The two passwords are not the same.',

  // ------------------------------------------------------- magic links
  'signIn.withEmailLink': 'Sign in with a link by email',
  'signIn.withPhoneLink': 'Sign in with a link by text message',

  // ------------------------------------- social and enterprise sign-in
  'signIn.withProvider': 'Continue with {provider}',
  'signIn.providersLabel': 'Sign in with another account',
  'signIn.or': 'or',

  // ------------------------------------- Sign-in steps and the chooser
  'passkey.signIn': 'Sign in with a passkey',
  'passkey.signUp': 'Sign up with a passkey instead',
  'passkey.use': 'Use your passkey',
  'passkey.cancelled': 'The passkey request was cancelled or timed out. Try again when you’re ready.',
  'passkey.alreadyRegistered': 'This device already has a passkey for this account.',
  'passkey.unsupported': 'This browser can’t use passkeys. Sign in another way.',
  'passkey.insecure': 'Passkeys work only on a secure page (https).',
  'passkey.wrong': 'That passkey isn’t known here, or it couldn’t be checked. Try again or sign in another way.',
  'passkey.emailTaken': 'This email already has a passkey account. Sign in with your passkey instead.',
  'passkey.emailRequired': 'Enter your email address first, then create the passkey.',
  'passkey.emailInvalid': 'Enter a valid email address first, then create the passkey.',
  'passkey.stepUp': 'Confirm it’s you first.',

  // -------------------------------------------------- passkey recovery
  'passkeyRecovery.lost': 'Lost your passkey?',
  'passkeyRecovery.linkInvalid': 'This link has expired or was used already. Ask for a new one.',
} as const;

/**
 * The English catalogue: the source of every message key.
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
  'common.continue': 'Continue',
  'common.back': 'Go back',
  'common.cancel': 'Cancel',
  'common.signOut': 'Sign out',
  'common.tryAgain': 'Try again',
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
  'field.phone.label': 'Phone number',
  'field.phone.description': 'Include the country code, for example +1 201 555 0123.',

  // --------------------------------------------- form field errors (backend)
  'fieldError.required': 'Fill in this field.',
  'fieldError.emailInvalid': 'Enter a valid email address, like name@example.com.',
  'fieldError.passwordTooWeak': 'Choose a stronger password: at least 8 characters, with at least one letter and one number.',
  'fieldError.emailExists': 'An account with this email address already exists. Sign in instead.',
  'fieldError.wrongCredentials': 'The email address or password is incorrect.',
  'fieldError.phoneInvalid': 'Enter a valid phone number, including the country code.',
  'errorSummary.title': {
    one: 'There is {count} problem to fix',
    other: 'There are {count} problems to fix',
  },

  // ---------------------------------------------------------- factor chooser
  'chooser.title': 'Choose how to verify',
  'chooser.subtitle': 'Confirm it’s you with one of these methods.',
  'chooser.listLabel': 'Verification methods',
  'factor.emailpassword.name': 'Password',
  'factor.emailpassword.description': 'Enter the password for your account.',
  'factor.otp-email.name': 'Code by email',
  'factor.otp-email.description': 'We send a one-time code to your email address.',
  'factor.otp-phone.name': 'Code by text message',
  'factor.otp-phone.description': 'We send a one-time code to your phone by SMS.',
  'factor.totp.name': 'Authenticator app',
  'factor.totp.description': 'Enter a code from an app such as Google Authenticator, Microsoft Authenticator or 1Password.',
  'factor.custom.name': 'Another method',
  'factor.custom.description': 'Verify with another method your organisation has set up.',

  // ---------------------------------------------------------------- OTP code
  'otp.email.askTitle': 'Get a code by email',
  'otp.email.askSubtitle': 'Enter the email address where we should send a one-time code.',
  'otp.phone.askTitle': 'Get a code by text message',
  'otp.phone.askSubtitle': 'Enter the phone number where we should send a one-time code.',
  'otp.sendCode': 'Send code',
  'otp.sendToKnown': 'Send a code to {contact}',
  'otp.email.title': 'Check your email',
  'otp.email.sentTo': 'We sent a code to {contact}.',
  'otp.phone.title': 'Check your phone',
  'otp.phone.sentTo': 'We sent a code by text message to {contact}.',
  'otp.codeLabel': 'Verification code',
  'otp.codeDescription': 'Enter the {length}-digit code.',
  'otp.submit': 'Verify',
  'otp.resend': 'Send a new code',
  // Worded as a wait before asking again, not as a deadline: the code itself stays valid.
  'otp.resendCooldown': 'You can request a new code in {seconds}s',
  'otp.resent': 'We sent you a new code.',
  'otp.expiresIn': 'This code expires in {time}.',
  'otp.invalid': 'That code is not correct.',
  'otp.attemptsLeft': {
    one: 'That code is not correct. You have {count} attempt left.',
    other: 'That code is not correct. You have {count} attempts left.',
  },
  'otp.expired': 'This code has expired. Request a new one.',
  'otp.tooManyAttempts': 'Too many incorrect codes. Start again to get a new code.',
  'otp.restartRequired': 'This sign-in attempt is no longer valid. Start again.',
  'otp.restart': 'Start again',
  'otp.changeEmail': 'Use a different email address',
  'otp.changePhone': 'Use a different phone number',

  // -------------------------------------------------------------------- TOTP
  'totp.setup.title': 'Set up an authenticator app',
  'totp.setup.subtitle': 'Add this account to your authenticator app, then enter the code it shows.',
  'totp.setup.scanQr': 'Scan this QR code with your authenticator app.',
  'totp.qrLabel': 'QR code to add this account to your authenticator app',
  'totp.qrError': 'The QR code cannot be shown. Enter the secret key in your app instead.',
  'totp.setup.cantScan': 'Can’t scan it? Enter this secret key in your app instead.',
  'totp.secretLabel': 'Secret key',
  'totp.secretGroups': 'Secret key, in groups of four characters',
  'totp.copySecret': 'Copy secret key',
  'totp.copied': 'Secret key copied',
  'totp.copyFailed': 'Could not copy. Select the key and copy it yourself.',
  'totp.openInApp': 'Open in authenticator app',
  'totp.openInAppHint': 'Using this phone? Add the account with one tap.',
  'totp.deviceNameLabel': 'Device name',
  'totp.deviceNameDescription': 'Helps you tell your apps apart, for example “Work phone”.',
  'totp.deviceExists': 'You already have an authenticator app with this name. Choose another name.',
  'totp.unknownDevice': 'This authenticator app was removed before it was verified. Start the setup again.',
  'totp.verify.title': 'Enter your authentication code',
  'totp.verify.subtitle': 'Open your authenticator app and enter the code it shows for this account.',
  'totp.codeLabel': 'Authentication code',
  'totp.submit': 'Verify',
  'totp.invalid': 'That code is not correct.',
  'totp.attemptsLeft': {
    one: 'That code is not correct. {count} attempt left before code entry is paused.',
    other: 'That code is not correct. {count} attempts left before code entry is paused.',
  },
  'totp.locked.title': 'Too many attempts',
  'totp.locked.body': 'For your security, code entry is paused.',
  'totp.locked.countdown': 'You can try again in {time}.',
  'totp.locked.retry': 'Try again',
  'totp.clockDrift': 'Codes keep failing? Make sure your phone sets its date and time automatically: authenticator codes depend on an accurate clock.',

  // ------------------------------------------------------- email verification
  'ev.checkInbox.title': 'Check your inbox',
  'ev.checkInbox.body': 'We sent a link to {email}. Open it to confirm your email address.',
  'ev.checkInbox.bodyNoEmail': 'We sent you a link. Open it to confirm your email address.',
  'ev.resend': 'Send the email again',
  'ev.sent': 'We sent you a new email.',
  'ev.link.title': 'Confirm your email address',
  'ev.link.body': 'Select the button below to finish confirming your email address.',
  'ev.link.confirm': 'Confirm email address',
  'ev.success.title': 'Email address confirmed',
  'ev.success.body': 'Thank you. Your email address is now confirmed.',
  'ev.invalidLink.title': 'This link has expired or is not valid',
  'ev.invalidLink.body': 'Confirmation links work once and expire after a while. Request a new one.',
  'ev.requestNew': 'Send a new link',

  // ------------------------------------------------------------ access denied
  'accessDenied.title': 'Access denied',
  'accessDenied.noFactor': 'There is no verification method you can use to finish signing in. Contact support for help.',
  'accessDenied.forbidden': 'You do not have permission to view this page.',

  // ------------------------------------------------------------------ errors
  'error.network': 'We could not reach the server. Check your connection and try again.',
  'error.generic': 'Something went wrong.',
  'error.genericRetry': 'Something went wrong. Please try again.',
  'error.reload': 'Something went wrong. Reload the page or try again later.',
  // A sentence from the backend (SIGN_IN_UP_NOT_ALLOWED reason, GENERAL_ERROR message), shown as-is.
  'error.server': '{message}',

  // ------------------------------------------------------------ MFA settings
  'settings.title': 'Two-step verification',
  'settings.subtitle': 'Choose the extra methods that protect your account at sign-in.',
  'settings.factorOn': 'On',
  'settings.factorOff': 'Off',
  'settings.factorToggle': 'Use {factor} at sign-in',
  'settings.required': 'Required by your organisation',
  'settings.setUp': 'Set up',
  'settings.devices.title': 'Authenticator apps',
  'settings.devices.count': {
    one: '{count} app',
    other: '{count} apps',
  },
  'settings.devices.empty': 'No authenticator app is set up yet.',
  'settings.devices.add': 'Add an authenticator app',
  'settings.devices.remove': 'Remove',
  'settings.devices.removeNamed': 'Remove {name}',
  'settings.devices.removeConfirm': 'Remove {name}? You will no longer be able to sign in with it.',
  'settings.stepUp.title': 'Confirm it’s you',
  'settings.stepUp.body': 'To change your security settings, verify again with one of your methods.',
  'settings.stepUp.action': 'Verify',
  'settings.changeEmail': 'Change email address',
  'settings.changePhone': 'Change phone number',
  'settings.saved': 'Your changes are saved.',
} as const;

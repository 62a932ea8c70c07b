// @vitest-environment jsdom
/**
 * Wire compatibility with supertokens-web-js 0.16 in cookie mode (`tokenTransferMethod: 'cookie'`),
 * cross-site (page on localhost, API on 127.0.0.1) with anti-CSRF tokens. Node's fetch has no cookie
 * jar, so webJsJourney.ts gives the SDK a fetch that keeps the API's cookies in jsdom's jar.
 * One file per mode because the SDK can be initialised once per process.
 */
import { describeWebJsJourney } from './webJsJourney.ts';

describeWebJsJourney('cookie');

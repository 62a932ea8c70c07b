// @vitest-environment jsdom
/**
 * Wire compatibility with supertokens-web-js 0.16 in header mode (`tokenTransferMethod: 'header'`):
 * tokens travel in `st-access-token` / `st-refresh-token` / `front-token` headers and the SDK keeps them.
 * The journey itself is in webJsJourney.ts; the cookie-mode run is supertokensWebJsCookie.test.ts.
 */
import { describeWebJsJourney } from './webJsJourney.ts';

describeWebJsJourney('header');

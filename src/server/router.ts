import type { z } from 'zod';
import type { RequestContext } from './context.ts';
import type { Services } from './services.ts';
import { BadInputError } from './session/errors.ts';

/** One API of the backend. A handler returns the JSON body of a 200, or a whole Response. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  /** Path after the API base path, e.g. `/signin`. */
  path: string;
  handler(ctx: RequestContext, s: Services): Promise<unknown>;
  /**
   * A form post a provider's page sends the browser with (Apple's `form_post`): the body is read as
   * form fields, and another origin may send it (the handler only redirects to the website).
   */
  formPost?: true;
}

/** Parses the request body with a schema; a mismatch is the client's mistake, answered 400. */
export function parseBody<T extends z.ZodType>(ctx: RequestContext, schema: T): z.infer<T> {
  const result = schema.safeParse(ctx.body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  // zod words a missing field "expected string, received undefined"; say it as node does.
  const given = issue.path.reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined), ctx.body ?? {});
  if (issue.path.length > 0 && given === undefined) throw new BadInputError(`Missing input param: ${issue.path.join('.')}`);
  throw new BadInputError(`${where}${issue.message}`);
}

/** Reads a required query parameter. */
export function queryParam(ctx: RequestContext, name: string, maxLength = 256): string {
  const value = ctx.url.searchParams.get(name);
  if (value === null || value.length === 0) throw new BadInputError(`Please provide the ${name} as a GET param`);
  if (value.includes('\u0000')) throw new BadInputError(`${name} must not contain NUL characters`);
  if (value.length > maxLength) throw new BadInputError(`${name} is too long`);
  return value;
}

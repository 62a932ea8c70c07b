/**
 * Pure MFA requirement evaluation, shared by the client and the reference backend.
 * Mirrors supertokens-node `getNextSetOfUnsatisfiedFactors` (the code, not its comment).
 * @see docs/protocol.md §4.2
 */

/** One requirement: a factor id, or a group of factors. */
export type MFARequirement = string | { oneOf: string[] } | { allOfInAnyOrder: string[] };

/** The list returned by `getMFARequirementsForAuth`; items are satisfied in order. */
export type MFARequirementList = MFARequirement[];

/** The value of the `st-mfa` claim: completed factors (epoch seconds) and whether the requirements are met. */
export interface MFAClaimValue {
  c: Record<string, number | undefined>;
  v: boolean;
}

/** The factors that must be done next, and the kind of requirement they come from. */
export interface UnsatisfiedFactors {
  factorIds: string[];
  type: 'string' | 'oneOf' | 'allOfInAnyOrder';
}

/**
 * Returns the first requirement that is not yet satisfied by `completed`, as the set of factor ids
 * that would satisfy it. An empty result means every requirement is met.
 */
export function getNextSetOfUnsatisfiedFactors(
  completed: Record<string, number | undefined>,
  requirements: MFARequirementList,
): UnsatisfiedFactors {
  const done = (factorId: string) => completed[factorId] !== undefined;
  for (const req of requirements) {
    let unsatisfied: string[];
    let type: UnsatisfiedFactors['type'];
    if (typeof req === 'string') {
      unsatisfied = done(req) ? [] : [req];
      type = 'string';
    } else if ('oneOf' in req) {
      unsatisfied = req.oneOf.some(done) ? [] : req.oneOf;
      type = 'oneOf';
    } else {
      unsatisfied = req.allOfInAnyOrder.filter((f) => !done(f));
      type = 'allOfInAnyOrder';
    }
    if (unsatisfied.length > 0) return { factorIds: [...new Set(unsatisfied)], type };
  }
  return { factorIds: [], type: 'string' };
}

/** True when every requirement is satisfied by the completed factors. */
export function isRequirementListSatisfied(
  completed: Record<string, number | undefined>,
  requirements: MFARequirementList,
): boolean {
  return getNextSetOfUnsatisfiedFactors(completed, requirements).factorIds.length === 0;
}

/** How sign-in asks for one factor under a requirement list. */
export type FactorAsk = 'always' | 'oneOf' | 'no';

/**
 * How each factor is asked for at sign-in under `requirements`: `always` (on its own, or one of an
 * `allOfInAnyOrder`), `oneOf` (any one of several will do), or `no`. A factor named in several items
 * counts as `always` if any item needs it for sure.
 */
export function factorAsks(requirements: MFARequirementList): Record<string, FactorAsk> {
  const out: Record<string, FactorAsk> = {};
  const mark = (f: string, ask: FactorAsk) => {
    if (out[f] !== 'always') out[f] = ask;
  };
  for (const req of requirements) {
    if (typeof req === 'string') mark(req, 'always');
    else if ('oneOf' in req) for (const f of req.oneOf) mark(f, req.oneOf.length === 1 ? 'always' : 'oneOf');
    else for (const f of req.allOfInAnyOrder) mark(f, 'always');
  }
  return out;
}

/**
 * Where sign-in stands: how many factors it needs in all and how many are done (a `oneOf` counts as
 * one, an `allOfInAnyOrder` as each of its factors; an empty list asks nothing), and what comes next.
 * The screens show "Step done+1 of total" while `total` > 1; the first factor counts only when the
 * list names it.
 */
export function signInProgress(completed: Record<string, number | undefined>, requirements: MFARequirementList): { total: number; done: number; next: UnsatisfiedFactors } {
  const isDone = (factorId: string) => completed[factorId] !== undefined;
  let total = 0;
  let done = 0;
  for (const req of requirements) {
    if (typeof req === 'string') {
      total += 1;
      done += isDone(req) ? 1 : 0;
    } else if ('oneOf' in req) {
      if (req.oneOf.length === 0) continue; // satisfied by nothing, asks nothing
      total += 1;
      done += req.oneOf.some(isDone) ? 1 : 0;
    } else {
      const unique = [...new Set(req.allOfInAnyOrder)];
      total += unique.length;
      done += unique.filter(isDone).length;
    }
  }
  return { total, done, next: getNextSetOfUnsatisfiedFactors(completed, requirements) };
}

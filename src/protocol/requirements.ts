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

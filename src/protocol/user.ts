/** The user objects of the FDI, as the reference backend sends them and the client reads them. */

/** A login method ("recipe user") as it appears on the wire. @see docs/protocol.md §2.1 */
export interface LoginMethod {
  recipeId: 'emailpassword' | 'passwordless' | 'thirdparty' | 'webauthn';
  recipeUserId: string;
  tenantIds: string[];
  email?: string;
  phoneNumber?: string;
  /** A social or enterprise login: the provider's id and the user's id there. */
  thirdParty?: { id: string; userId: string };
  timeJoined: number;
  verified: boolean;
}

/** A user as it appears on the wire (node's `User.toJson()`). */
export interface User {
  id: string;
  isPrimaryUser: boolean;
  tenantIds: string[];
  emails: string[];
  phoneNumbers: string[];
  thirdParty: { id: string; userId: string }[];
  webauthn: { credentialIds: string[] };
  loginMethods: LoginMethod[];
  timeJoined: number;
}


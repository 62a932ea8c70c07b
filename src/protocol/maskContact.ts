/**
 * An email address or phone number with most of it hidden: `a•••@example.com`, `+4••••89`. For
 * where a code will go (the chooser) and for notices sent to the account's other addresses.
 */
export function maskContact(contact: string): string {
  const at = contact.indexOf('@');
  if (at > 0) return `${contact[0]}•••${contact.slice(at)}`;
  return `${contact.slice(0, 2)}••••${contact.slice(-2)}`;
}

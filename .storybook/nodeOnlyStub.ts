/** Stands in for Node-only packages in the Storybook bundle (nodemailer): stories deliver to the dev outbox. */
export function createTransport(): never {
  throw new Error('SMTP is not available in the browser; stories use the dev outbox.');
}
export default { createTransport };

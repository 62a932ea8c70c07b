/** The signed-in user's security settings: the kit's MFA settings screen. */
export function Settings() {
  return (
    <article>
      <h1>Settings</h1>
    </article>
  );
}

/**
 * The control: the same app with a hand-written sign-in form at /auth (an email field, a password
 * field, a button posting to the backend) and no auth kit. What "as fast as a hand-written form"
 * is measured against.
 */
import { useState, type FormEvent } from 'react';
import { Route } from 'react-router-dom';
import { mount } from './shell.tsx';

function SignIn() {
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const response = await fetch('http://localhost:3001/auth/signin', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json', rid: 'emailpassword' },
      body: JSON.stringify({ formFields: [...data].map(([id, value]) => ({ id, value })) }),
    });
    const body = (await response.json()) as { status: string };
    if (body.status !== 'OK') setError('Wrong email or password');
  };
  return (
    <main>
      <h1>Sign in</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          Email <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && <p role="alert">{error}</p>}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}

mount({ authRoutes: <Route path="/auth" element={<SignIn />} /> });

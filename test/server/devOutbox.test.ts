import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { API, startBackend, TestClient } from './helpers.ts';

describe('dev outbox', () => {
  let dev: Backend;
  let prod: Backend;
  beforeAll(async () => {
    [dev, prod] = await Promise.all([startBackend({ devMode: true }), startBackend()]);
  });
  afterAll(async () => {
    await Promise.all([dev.close(), prod.close()]);
  });

  it('shows the codes the backend sent, over HTTP, in dev mode', async () => {
    const c = new TestClient(dev);
    await c.request('POST', '/signinup/code', { email: 'outbox@example.com', shouldTryLinkingWithSessionUser: false });
    await c.request('POST', '/signinup/code', { phoneNumber: '+14155550100', shouldTryLinkingWithSessionUser: false });
    const all = await (await dev.fetch(new Request(`${API}/auth/dev/outbox`))).json();
    expect(all.status).toBe('OK');
    expect(all.messages.map((m: any) => [m.channel, m.to, m.type])).toEqual([
      ['sms', '+14155550100', 'PASSWORDLESS_LOGIN'],
      ['email', 'outbox@example.com', 'PASSWORDLESS_LOGIN'],
    ]);
    expect(all.messages[0].userInputCode).toMatch(/^\d{6}$/);
    const one = await (await dev.fetch(new Request(`${API}/auth/dev/outbox?to=outbox%40example.com`))).json();
    expect(one.messages).toHaveLength(1);
  });

  it('does not exist outside dev mode', async () => {
    const response = await prod.fetch(new Request(`${API}/auth/dev/outbox`));
    expect(response.status).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeFrontToken } from '../../src/core/index.ts';

const encode = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64');
const NOW = 1_800_000_000_000;

describe('decodeFrontToken', () => {
  it.each([
    ['a live token', { uid: 'u1', ate: NOW + 60_000, up: { sub: 'u1', 'st-mfa': { c: {}, v: false } } }, false],
    ['a token expiring exactly now', { uid: 'u1', ate: NOW, up: {} }, true],
    ['an expired token', { uid: 'u1', ate: NOW - 1, up: {} }, true],
    ['non-ASCII payload (UTF-8, not Latin-1)', { uid: 'ü-👩‍💻', ate: NOW + 1, up: { name: 'Zoë عربى' } }, false],
  ])('decodes %s', (_name, token, expired) => {
    const result = decodeFrontToken(encode(token), NOW);
    expect(result).toEqual({ status: 'OK', token, expired });
  });

  it.each([
    ['empty string', ''],
    ['not base64', '%%%'],
    ['base64 of non-JSON', encode('hello')],
    ['a JSON array', encode([1, 2])],
    ['JSON null', encode('null')],
    ['missing uid', encode({ ate: NOW, up: {} })],
    ['empty uid', encode({ uid: '', ate: NOW, up: {} })],
    ['ate as a string', encode({ uid: 'u', ate: String(NOW), up: {} })],
    ['ate not finite', encode('{"uid":"u","ate":1e999,"up":{}}')],
    ['up missing', encode({ uid: 'u', ate: NOW })],
    ['up as an array', encode({ uid: 'u', ate: NOW, up: [] })],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x7b]).toString('base64')],
  ])('rejects %s as malformed', (_name, value) => {
    expect(decodeFrontToken(value, NOW).status).toBe('MALFORMED');
  });
});

import { describe, expect, it } from 'vitest';
import { parseFlags, parsePort, parsePortalUrl } from '../../../main/browser-host/cli-args';
import { tokensMatch } from '../../../main/browser-host/ipc-socket';
import { MAX_MESSAGE_BYTES, parseClientMessage } from '../../../main/browser-host/wire-protocol';

describe('parseClientMessage', () => {
  it('accepts a well-formed request', () => {
    expect(parseClientMessage('{"id":1,"channel":"apps:list","args":[]}')).toEqual({
      kind: 'request',
      request: { id: 1, channel: 'apps:list', args: [] },
    });
  });

  it('answers malformed requests with a recoverable id', () => {
    for (const frame of [
      '{"id":2}',
      '{"id":2,"channel":"x"}',
      '{"id":2,"channel":"","args":[]}',
      `{"id":2,"channel":"${'c'.repeat(200)}","args":[]}`,
    ]) {
      expect(parseClientMessage(frame)).toMatchObject({
        kind: 'reject',
        id: 2,
        result: { ok: false, error: { code: 'invalid_request' } },
      });
    }
  });

  it('gives up on frames without a usable id', () => {
    for (const frame of [
      '',
      'x',
      'null',
      '[]',
      '"s"',
      '{"id":"1"}',
      '{"id":-1}',
      '{"id":1.5}',
      '{"id":9007199254740993}',
    ]) {
      expect(parseClientMessage(frame).kind).toBe('fatal');
    }
    expect(
      parseClientMessage(`{"id":1,"channel":"a","args":["${'x'.repeat(MAX_MESSAGE_BYTES)}"]}`).kind,
    ).toBe('fatal');
  });

  it('never throws on random input', () => {
    for (let i = 0; i < 2000; i += 1) {
      const frame = Array.from({ length: i % 40 }, () =>
        String.fromCharCode(Math.floor(Math.random() * 128)),
      ).join('');
      expect(() => parseClientMessage(`{"id":${i},${frame}`)).not.toThrow();
      expect(() => parseClientMessage(frame)).not.toThrow();
    }
  });
});

describe('tokensMatch', () => {
  it('matches only the exact token', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abd', 'abc')).toBe(false);
    expect(tokensMatch('ab', 'abc')).toBe(false);
    expect(tokensMatch('', 'abc')).toBe(false);
  });
});

describe('cli args', () => {
  it('parses value flags and switches', () => {
    expect(
      parseFlags(['--portal', 'http://x', '--port=5', '--no-open'], ['portal', 'port'], ['no-open']),
    ).toEqual({
      portal: 'http://x',
      port: '5',
      'no-open': true,
    });
  });

  it('refuses unknown flags and missing values', () => {
    expect(() => parseFlags(['--evil'], ['portal'])).toThrow(/Unknown/);
    expect(() => parseFlags(['--portal'], ['portal'])).toThrow(/needs a value/);
    expect(() => parseFlags(['--portal', '--port', '1'], ['portal', 'port'])).toThrow(/needs a value/);
    expect(() => parseFlags(['positional'], ['portal'])).toThrow(/Unknown/);
  });

  it('validates ports and portal URLs', () => {
    expect(parsePort(undefined)).toBe(0);
    expect(parsePort('8080')).toBe(8080);
    expect(() => parsePort('70000')).toThrow();
    expect(() => parsePort('-1')).toThrow();
    expect(parsePortalUrl('https://portal.example/')).toBe('https://portal.example');
    expect(() => parsePortalUrl('file:///x')).toThrow();
    expect(() => parsePortalUrl('nope')).toThrow();
  });
});

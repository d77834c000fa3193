import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createLogger } from '../src/logger.js';

function captureLines(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('createLogger', () => {
  it('redacts contact details and tokens', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger('info', stream);

    logger.info(
      { phone: '+447700900001', email: 'ann@example.org', token: 'xoxb-1', to: { phone: '+15005550006' } },
      'sending',
    );

    const [line] = lines();
    expect(line?.phone).toBe('[redacted]');
    expect(line?.email).toBe('[redacted]');
    expect(line?.token).toBe('[redacted]');
    expect(line?.to).toBe('[redacted]');
    expect(line?.msg).toBe('sending');
  });

  it('redacts nested message text', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger('info', stream);

    logger.warn({ envelope: { text: 'You drew Bo', phone: '+447700900001' } }, 'failed');

    const [line] = lines();
    expect(line?.envelope).toEqual({ text: '[redacted]', phone: '[redacted]' });
  });

  it('drops lines below the level', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger('warn', stream);

    logger.info('started');
    logger.warn('retrying');

    expect(lines().map((line) => line.msg)).toEqual(['retrying']);
  });
});

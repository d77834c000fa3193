import { once } from 'node:events';

import { describe, expect, it } from 'vitest';

import { createWorkspace, startSanta } from './run-santa.js';

describe('santa serve', () => {
  it('runs until SIGTERM, then exits 0', async () => {
    const child = startSanta(createWorkspace(), ['serve'], { PORT: '0', HOST: '127.0.0.1' });
    let stderr = '';
    const running = new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('santa is running.')) resolve();
      });
    });
    const exited = once(child, 'exit');

    await running;
    child.kill('SIGTERM');
    const [code] = await exited;

    expect(stderr).toContain('santa is running. Press Ctrl+C to stop.\n');
    expect(code).toBe(0);
  });
});

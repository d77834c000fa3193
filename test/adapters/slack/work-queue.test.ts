import { describe, expect, it } from 'vitest';

import { WorkQueue } from '../../../src/adapters/slack/work-queue.js';

/** Creates a task that logs its start and end, and ends only when released. */
function gate(log: string[], name: string): { task: () => Promise<void>; release: () => void } {
  let release = (): void => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await released;
      log.push(`end ${name}`);
    },
    release: () => release(),
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('WorkQueue', () => {
  it('runs at most `limit` tasks at once, first in first out', async () => {
    const log: string[] = [];
    const queue = new WorkQueue(2);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => gate(log, name)) as ReturnType<typeof gate>[];

    for (const item of [a, b, c, d]) void queue.run(item!.task);
    await tick();
    expect(log).toEqual(['start a', 'start b']);

    b!.release();
    await tick();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);

    a!.release();
    c!.release();
    d!.release();
    await queue.idle();
    expect(log.filter((entry) => entry.startsWith('start'))).toEqual([
      'start a',
      'start b',
      'start c',
      'start d',
    ]);
  });

  it('starts an urgent task past the limit', async () => {
    const log: string[] = [];
    const queue = new WorkQueue(1);
    const slow = gate(log, 'slow');
    const urgent = gate(log, 'urgent');

    void queue.run(slow.task);
    void queue.run(urgent.task, { urgent: true });
    await tick();

    expect(log).toEqual(['start slow', 'start urgent']);
    slow.release();
    urgent.release();
    await queue.idle();
  });

  it('waits in idle for tasks queued by running tasks', async () => {
    const queue = new WorkQueue(1);
    const done: string[] = [];

    void queue.run(async () => {
      await tick();
      void queue.run(async () => {
        await tick();
        done.push('inner');
      });
      done.push('outer');
    });
    await queue.idle();

    expect(done).toEqual(['outer', 'inner']);
  });

  it('keeps running after a task fails', async () => {
    const queue = new WorkQueue(1);
    const failing = queue.run(async () => {
      throw new Error('boom');
    });
    let ran = false;
    void queue.run(async () => {
      ran = true;
    });

    await expect(failing).rejects.toThrow('boom');
    await queue.idle();
    expect(ran).toBe(true);
  });
});

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DrawProblem } from '../src/engine/types.js';

/** Wall-clock limit per gift-exchange call; it can overrun its own timeout by one whole attempt. */
const HARD_LIMIT_MS = 10_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { calculate } = require(workerData.modulePath);
const started = performance.now();
let ok = true;
try {
  calculate(workerData.people, { exclusions: workerData.exclusions, timeout: 1000 });
} catch {
  ok = false;
}
parentPort.postMessage({ ok, ms: performance.now() - started });
`;

/**
 * Times the gift-exchange package on a problem, each call in its own worker thread so that a call
 * that overruns can be stopped. Exclusions and past pairings become name exclusions, households become
 * groups.
 */
export async function runGiftExchange(
  problem: DrawProblem,
  runs: number,
): Promise<{ medianMs: number; successes: number; runs: number; timedOut: boolean }> {
  const modulePath = createRequire(import.meta.url).resolve('gift-exchange');
  const groupOf = new Map<string, string>();
  problem.households.forEach((members, h) => members.forEach((id) => groupOf.set(id, `household-${h}`)));
  const people = problem.participants.map((name) => {
    const group = groupOf.get(name);
    return group === undefined ? { name } : { name, group };
  });
  const avoided = problem.history.slice(0, problem.rules.avoidPast).flatMap((exchange) => exchange.pairs);
  const exclusions = [...problem.exclusions, ...avoided].map(([giver, recipient]) => ({
    type: 'name',
    subject: giver,
    excludedType: 'name',
    excludedSubject: recipient,
  }));

  const times: number[] = [];
  let successes = 0;
  let timedOut = false;
  for (let run = 0; run < runs; run++) {
    const result = await runOnce({ modulePath, people, exclusions });
    times.push(result.ms);
    if (result.ok) successes += 1;
    if (result.timedOut) timedOut = true;
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[times.length >> 1]!, successes, runs, timedOut };
}

function runOnce(workerData: object): Promise<{ ok: boolean; ms: number; timedOut: boolean }> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ok: false, ms: HARD_LIMIT_MS, timedOut: true });
    }, HARD_LIMIT_MS);
    worker.once('message', (message: { ok: boolean; ms: number }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve({ ...message, timedOut: false });
    });
    worker.once('error', () => {
      clearTimeout(timer);
      resolve({ ok: false, ms: HARD_LIMIT_MS, timedOut: false });
    });
  });
}

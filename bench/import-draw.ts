/**
 * Import-and-draw benchmark: 10,000 participants from a generated CSV file through every step of
 * `santa draw` before delivery. The phases are timed apart: parse the file, store the exchange with its
 * people and exclusions, draw (engine and independent verifier), then store the draw and enqueue one
 * reveal per giver. A last row times the same work end to end through `runDraw`. The database is a
 * file in a temporary folder, as in real use. Run alone with `npx tsx bench/import-draw.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

import { parseParticipantsCsv, type ImportedPerson } from '../src/adapters/csv/index.js';
import { openStore } from '../src/adapters/sqlite/index.js';
import { planRevealDeliveries } from '../src/bot/delivery/plan.js';
import { buildDrawProblem } from '../src/bot/draw/build-problem.js';
import { runDraw } from '../src/bot/draw/run-draw.js';
import type { ChannelKind } from '../src/bot/model.js';
import type { Channel, Store } from '../src/bot/ports.js';
import { createCliExchange } from '../src/cli/create-exchange.js';
import { systemClock } from '../src/clock.js';
import { drawAssignments, verifyDraw } from '../src/engine/index.js';
import { seededRandom } from '../src/engine/random.js';
import { silentLogger } from '../src/logger.js';

const PARTICIPANTS = 10_000;
/** People per household; each household also excludes one person of the next household. */
const HOUSEHOLD_SIZE = 4;
const RULES = { noReciprocal: true, singleLoop: false, avoidPast: 0 };
/** Runs in one process; the report shows the median, so that one run slowed by JIT warm-up or a busy machine does not decide it. */
const RUNS = 3;

interface Timing {
  phase: string;
  ms: number;
}

/** Runs the benchmark once and returns the markdown section for docs/benchmarks.md. */
export async function runImportDrawBench(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'santa-bench-'));
  const store = openStore(join(folder, 'bench.db'), { logger: silentLogger() });

  try {
    const text = generateCsv(PARTICIPANTS);
    const runs: Timing[][] = [];
    for (let run = 1; run <= RUNS; run++) runs.push(measure(store, text, `bench ${run}`));
    return formatReport(text, medians(runs));
  } finally {
    store.close();
    await rm(folder, { recursive: true, force: true });
  }
}

function measure(store: Store, text: string, name: string): Timing[] {
  const timings: Timing[] = [];
  const time = <T>(phase: string, work: () => T): T => {
    const start = performance.now();
    const result = work();
    timings.push({ phase, ms: performance.now() - start });
    return result;
  };
  const random = seededRandom(2026);
  const channels = benchChannels();
  const settings = { budget: '£20', exchangeDate: '2026-12-24', rules: RULES };

  const imported = time('import: parse and check the CSV', () =>
    parseParticipantsCsv(text, { defaultCountry: 'GB' }),
  );
  if (!imported.ok) throw new Error(`generated CSV rejected: ${imported.problems[0]?.message}`);
  const people: ImportedPerson[] = imported.people;

  const exchange = time('store the exchange, people and exclusions', () =>
    createCliExchange(store, { name, ...settings }, people, systemClock.now()),
  );

  const participants = store.listParticipants(exchange.id);
  const outcome = time('draw: engine and verifier', () => {
    const problem = buildDrawProblem(store, exchange, participants);
    const result = drawAssignments(problem, random);
    if (!result.ok) throw new Error(`draw impossible: ${result.code}`);
    if (verifyDraw(problem, result.pairs, result.relaxedHistory).length > 0)
      throw new Error('draw failed verification');
    return result;
  });

  time('store the draw and enqueue the reveals', () => {
    const plan = planRevealDeliveries(participants, exchange, channels, 'first-reachable');
    const draw = store.recordDraw(
      {
        exchangeId: exchange.id,
        method: outcome.method,
        relaxedHistory: outcome.relaxedHistory,
        assignments: outcome.pairs.map(([giver, recipient]) => ({
          giverId: Number(giver),
          recipientId: Number(recipient),
        })),
        deliveries: plan.deliveries,
      },
      systemClock.now(),
    );
    if (draw === null) throw new Error('draw not stored');
  });

  const second = createCliExchange(store, { name: `${name} again`, ...settings }, people, systemClock.now());
  time('end to end through runDraw (draw, verify, store, enqueue)', () => {
    const report = runDraw(
      { store, channels, random, clock: systemClock, logger: silentLogger() },
      second.id,
      {
        notify: 'first-reachable',
      },
    );
    if (!report.ok) throw new Error(`runDraw failed: ${report.code}`);
  });

  return timings;
}

/**
 * Returns a participant file of `count` people in households of HOUSEHOLD_SIZE. Everyone has an email
 * address, every other person a phone number, and the first of each household excludes the first of
 * the next household.
 */
function generateCsv(count: number): string {
  const lines = ['name,email,phone,household,exclusions,wishlist'];
  for (let index = 0; index < count; index++) {
    const household = Math.floor(index / HOUSEHOLD_SIZE);
    const phone = index % 2 === 0 ? `+44 7700 ${String(900000 + (index % 1000)).padStart(6, '0')}` : '';
    const nextFirst = ((household + 1) * HOUSEHOLD_SIZE) % count;
    const exclusion = index % HOUSEHOLD_SIZE === 0 && nextFirst !== index ? `Person ${nextFirst}` : '';
    lines.push(
      `Person ${index},person${index}@example.org,${phone},House ${household},${exclusion},"Books; socks"`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** SMS and email channels that only report whom they can reach, so that planning works as configured. */
function benchChannels(): Map<ChannelKind, Channel> {
  const channel = (kind: ChannelKind, canReach: Channel['canReach']): Channel => ({
    kind,
    canReach,
    send: () => Promise.reject(new Error('the benchmark sends nothing')),
  });
  return new Map<ChannelKind, Channel>([
    ['sms', channel('sms', (to) => to.phone !== null)],
    ['email', channel('email', (to) => to.email !== null)],
    ['file', channel('file', () => true)],
  ]);
}

/** Returns the median time of each phase over the runs. */
function medians(runs: readonly Timing[][]): Timing[] {
  return (runs[0] ?? []).map(({ phase }, index) => {
    const times = runs.map((run) => run[index]?.ms ?? 0).sort((a, b) => a - b);
    return { phase, ms: times[Math.floor(times.length / 2)] ?? 0 };
  });
}

function formatReport(text: string, timings: readonly Timing[]): string {
  const kib = Math.round(Buffer.byteLength(text) / 1024);
  const phases = timings.slice(0, 4);
  const total = phases.reduce((sum, timing) => sum + timing.ms, 0);
  const rows = [...phases, { phase: 'total of the four phases', ms: total }, ...timings.slice(4)];
  return [
    '## Import, draw, store and enqueue of 10,000 participants',
    '',
    `A generated CSV file of ${PARTICIPANTS.toLocaleString('en')} people (${kib} KiB) in households of ${HOUSEHOLD_SIZE}, with one exclusion per household and the no-reciprocal rule, drawn into a SQLite file database. Median of ${RUNS} runs in one process, times from \`performance.now()\`.`,
    '',
    '| phase | time (ms) |',
    '| --- | ---: |',
    ...rows.map((row) => `| ${row.phase} | ${row.ms.toFixed(0)} |`),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await runImportDrawBench());
}

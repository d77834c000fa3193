/**
 * Allocation engine benchmark: santa's drawAssignments against the gift-exchange package and a bare
 * crypto Fisher-Yates shuffle, on the same generated instances. Run alone with
 * `npx tsx bench/engine.ts`, or through bench/run.ts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildNumberedModel } from '../src/engine/constraints.js';
import { drawAssignments } from '../src/engine/index.js';
import { numberProblem } from '../src/engine/numbering.js';
import { cryptoRandom } from '../src/engine/random.js';
import type { DrawMethod, DrawProblem, Pair } from '../src/engine/types.js';
import { verifyNumberedDraw } from '../src/engine/verify.js';
import { runGiftExchange } from './engine-gift-exchange.js';
import { generateInstance, INSTANCE_SPECS, type InstanceSpec } from './engine-instances.js';

const SEED = 2026;
/** Timed runs per instance size: enough for a stable median without a long wait at 100,000. */
const RUNS: Record<number, number> = { 100: 21, 1_000: 21, 10_000: 11, 100_000: 5 };
const GIFT_EXCHANGE_RUNS: Record<number, number> = { 100: 5, 1_000: 3, 10_000: 2, 100_000: 1 };

interface Row {
  spec: InstanceSpec;
  medianMs: number;
  successes: number;
  runs: number;
  methods: Map<DrawMethod | 'failed', number>;
  peakRssMiB: number | undefined;
  /** Median time of the steps that handle ids rather than indexes: numbering, indexing and verifying. */
  idWorkMs: number;
  giftExchange: { medianMs: number; successes: number; runs: number; timedOut: boolean };
  shuffleMs: number;
}

/** Runs the engine benchmark and returns its markdown report. */
export async function runEngineBench(): Promise<string> {
  const rows: Row[] = [];
  for (let index = 0; index < INSTANCE_SPECS.length; index++) {
    rows.push(await measureInstance(index));
  }
  return formatReport(rows);
}

async function measureInstance(index: number): Promise<Row> {
  const spec = INSTANCE_SPECS[index]!;
  const problem = generateInstance(spec, SEED);
  const runs = RUNS[spec.people] ?? 5;

  // One untimed draw first, so that the JIT has compiled the engine before the clock starts.
  drawAssignments(problem, cryptoRandom);
  const times: number[] = [];
  const idWork: number[] = [];
  const methods = new Map<DrawMethod | 'failed', number>();
  let successes = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const outcome = drawAssignments(problem, cryptoRandom);
    times.push(performance.now() - started);
    const method = outcome.ok ? outcome.method : 'failed';
    methods.set(method, (methods.get(method) ?? 0) + 1);
    if (outcome.ok) successes += 1;
    if (outcome.ok) idWork.push(timeIdWork(problem, outcome.pairs));
  }

  const shuffleTimes = Array.from({ length: runs }, () => timeShuffle(spec.people));
  const giftRuns = GIFT_EXCHANGE_RUNS[spec.people] ?? 3;
  const giftExchange = await runGiftExchange(problem, giftRuns);

  return {
    spec,
    medianMs: median(times),
    successes,
    runs,
    methods,
    peakRssMiB: probeMemory(index),
    idWorkMs: median(idWork),
    giftExchange,
    shuffleMs: median(shuffleTimes),
  };
}

/**
 * Times again, apart, the steps of a draw that work on ids as the draw runs them: numbering the ids
 * once, indexing the constraints from those numbers, and verifying the draw with the same numbers.
 */
function timeIdWork(problem: DrawProblem, pairs: readonly Pair[]): number {
  const started = performance.now();
  const numbered = numberProblem(problem);
  buildNumberedModel(numbered, problem.rules, numbered.history.length);
  verifyNumberedDraw(problem, numbered, pairs);
  return performance.now() - started;
}

/** Times the floor: a Fisher-Yates shuffle of `size` integers with the same crypto random source. */
function timeShuffle(size: number): number {
  const started = performance.now();
  const items = new Int32Array(size);
  for (let i = 0; i < size; i++) items[i] = i;
  for (let i = size - 1; i > 0; i--) {
    const j = cryptoRandom.nextInt(i + 1);
    const held = items[i]!;
    items[i] = items[j]!;
    items[j] = held;
  }
  return performance.now() - started;
}

/**
 * Measures the peak resident memory one draw adds, in a fresh child process so that earlier runs
 * leave nothing behind. The child builds the instance, collects garbage and records its RSS. It then
 * resets the kernel's peak-RSS mark (writing 5 to /proc/self/clear_refs, Linux 4.0 and later), draws
 * once and reads the new peak (VmHWM). Returns undefined where /proc is not available.
 */
function probeMemory(index: number): number | undefined {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', script, '--memory-probe', String(index)],
    {
      encoding: 'utf8',
    },
  );
  const value = Number.parseFloat(child.stdout.trim());
  return Number.isFinite(value) ? value : undefined;
}

function memoryProbe(index: number): void {
  const problem = generateInstance(INSTANCE_SPECS[index]!, SEED);
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  try {
    const before = statusKiB('VmRSS');
    writeFileSync('/proc/self/clear_refs', '5');
    drawAssignments(problem, cryptoRandom);
    const peak = statusKiB('VmHWM');
    // A collection during the draw can leave RSS below where it started; the draw then added nothing.
    console.log((Math.max(0, peak - before) / 1024).toFixed(1));
  } catch {
    console.log('n/a');
  }
}

function statusKiB(field: string): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (match === null) throw new Error(`${field} missing from /proc/self/status`);
  return Number(match[1]);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function formatReport(rows: readonly Row[]): string {
  const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(0));
  const lines = [
    '## Allocation engine',
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg()[0]!.toFixed(2)} at the end.`,
    'Instances: households of 2 to 4, one-way exclusions per person as listed, no-reciprocal rule, three past exchanges avoided; seed 2026; production (crypto) randomness.',
    '',
    '| People | Excl./person | santa median | of which ids | santa success | santa method | santa peak RSS | gift-exchange median | gift-exchange success | bare shuffle | santa / shuffle |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const methods = [...row.methods].map(([method, count]) => `${method} ${count}/${row.runs}`).join(', ');
    const gift = row.giftExchange;
    const giftTime = gift.timedOut ? `> ${ms(gift.medianMs)} ms` : `${ms(gift.medianMs)} ms`;
    lines.push(
      `| ${row.spec.label} | ${row.spec.exclusionsPerPerson} | ${ms(row.medianMs)} ms | ${ms(row.idWorkMs)} ms | ${percent(row.successes, row.runs)} | ${methods} | ` +
        `${row.peakRssMiB === undefined ? 'n/a' : `${row.peakRssMiB.toFixed(1)} MiB`} | ${giftTime} | ${percent(gift.successes, gift.runs)} | ` +
        `${ms(row.shuffleMs)} ms | ${(row.medianMs / row.shuffleMs).toFixed(1)}× |`,
    );
  }
  lines.push(
    '',
    'santa median: wall time of drawAssignments from ids to a verified draw, after one warm-up call.',
    'of which ids: median time of the steps that handle ids (numbering them once, indexing the constraints, and the independent verifier), timed again on their own.',
    'Peak RSS: resident memory one draw adds, measured in a fresh child process as the kernel peak (VmHWM, reset through /proc/self/clear_refs) minus the RSS before the draw.',
    'gift-exchange 4: exclusions and past pairings passed as name exclusions and households as groups (it has no no-reciprocal rule, but its shuffle-and-slide draws one loop, which has no mutual pairs); its own 1 s timeout; killed after 10 s, since it checks its timeout only between whole attempts.',
    'bare shuffle: Fisher-Yates over N integers with the same crypto random source.',
  );
  return lines.join('\n');
}

function percent(successes: number, runs: number): string {
  return `${Math.round((100 * successes) / Math.max(1, runs))} % (${successes}/${runs})`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const probe = process.argv.indexOf('--memory-probe');
  if (probe !== -1) memoryProbe(Number(process.argv[probe + 1]));
  else console.log(await runEngineBench());
}

/**
 * Runs every benchmark in one process, one after another, and prints one markdown report with the
 * machine it ran on. `npm run bench -- engine slack` runs only the named sections.
 */
import { cpus, totalmem } from 'node:os';

interface Section {
  name: string;
  run: () => Promise<string>;
}

const sections: Section[] = [
  { name: 'engine', run: async () => (await import('./engine.js')).runEngineBench() },
  { name: 'import-draw', run: async () => (await import('./import-draw.js')).runImportDrawBench() },
  { name: 'delivery', run: async () => (await import('./delivery.js')).runDeliveryBench() },
  { name: 'slack', run: async () => (await import('./slack.js')).runSlackBench() },
];

function describeMachine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const memoryGiB = (totalmem() / 2 ** 30).toFixed(0);
  return `Node ${process.version}, ${cpus().length} × ${cpu}, ${memoryGiB} GiB, ${process.platform}/${process.arch}`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const chosen = wanted.length === 0 ? sections : sections.filter((section) => wanted.includes(section.name));
  const unknown = wanted.filter((name) => !sections.some((section) => section.name === name));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark: ${unknown.join(', ')}. Known: ${sections.map((s) => s.name).join(', ')}.`,
    );
    process.exitCode = 64;
    return;
  }

  console.log(`# santa benchmarks\n\nMachine: ${describeMachine()}\n`);
  for (const section of chosen) {
    console.error(`running ${section.name} benchmark…`);
    console.log(await section.run());
    console.log('');
  }
}

await main();

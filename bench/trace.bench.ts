/**
 * How to drive csv-stringify for many small trace rows: one sync call per
 * row, the stream API, or one sync call per batch of rows. Run with
 * `npx tsx bench/trace.bench.ts` or after `tsc` with node; prints ops/s.
 * Result on the dev box (Node 20): see src/io/trace/csv-file.ts.
 */
import Benchmark from 'benchmark';
import { stringify as stringifyStream } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';

const ROWS = 10_000;
const rows: string[][] = [];
for (let i = 0; i < ROWS; i++) {
  const t = `${Math.floor(i / 10)}.${String(i % 1000).padStart(3, '0')}`;
  const msg = i % 7 === 0 ? `0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had "taint"` : 'Started container app';
  rows.push([t, String(i), 'Normal', 'Started', 'Pod', 'default', `web-${i}`, 'worker-1', msg]);
}

let sink = 0;
const NEEDS_QUOTES = /[",\r\n]/;
const quote = (f: string): string => (NEEDS_QUOTES.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
const BATCH = 512;

new Benchmark.Suite('csv-stringify, 10k rows of events.csv')
  .add('sync stringify per row', () => {
    const chunks: string[] = [];
    for (const row of rows) chunks.push(stringify([row]));
    sink += chunks.join('').length;
  })
  .add(`sync stringify per batch of ${BATCH} rows`, () => {
    const chunks: string[] = [];
    let batch: string[][] = [];
    for (const row of rows) {
      batch.push(row);
      if (batch.length === BATCH) {
        chunks.push(stringify(batch));
        batch = [];
      }
    }
    if (batch.length > 0) chunks.push(stringify(batch));
    sink += chunks.join('').length;
  })
  .add('stream API, write per row, data listener', {
    defer: true,
    fn: (deferred: { resolve(): void }) => {
      const chunks: string[] = [];
      const s = stringifyStream();
      s.on('data', (c: Buffer | string) => chunks.push(String(c)));
      s.on('end', () => {
        sink += chunks.join('').length;
        deferred.resolve();
      });
      for (const row of rows) s.write(row);
      s.end();
    },
  })
  .add('hand-written RFC 4180 quoting (reference)', () => {
    const chunks: string[] = [];
    for (const row of rows) chunks.push(row.map(quote).join(',') + '\n');
    sink += chunks.join('').length;
  })
  .on('cycle', (e: { target: unknown }) => console.log(String(e.target)))
  .on('complete', () => console.log(`(checksum ${sink > 0 ? 'ok' : '0'})`))
  .run();

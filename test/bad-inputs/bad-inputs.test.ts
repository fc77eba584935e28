import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunnable } from '../../src/sim/load-runnable.js';
import { formatDiagnostic, type Diagnostic } from '../../src/io/diagnostics.js';
import { folderWith, run, tree } from '../reliability/files.js';

/**
 * The bad-input corpus: every file here is run as `podsim run FILE`. Each
 * carries what podsim must say, in leading comments (or in FILE.expect for
 * files that cannot hold one: binary, empty, JSON):
 *
 *   # what the file is
 *   # expect: LINE:COL SEVERITY PATH | MESSAGE     (one per diagnostic, in order;
 *                                                  [FILE:]LINE:COL, COL may be *, PATH - for none)
 *   # expect-exit: 0                               (default 2)
 *   # todo: why podsim does not say it yet         (the case is listed as a todo)
 *
 * Paths in messages and FILE are relative to this folder. The contract: the
 * diagnostics are exactly these (one per problem, file:line:col, the field
 * path); exit 2 writes nothing at all, exit 0 writes the run; no stack trace.
 */
const DIR = import.meta.dirname;
const TRACE = ['events.csv', 'nodes.csv', 'pods.csv', 'run.json', 'summary.json', 'transitions.csv', 'workloads.csv'];

interface Expected {
  readonly description: string;
  readonly exit: number;
  readonly todo?: string;
  readonly diagnostics: readonly { file: string; line: number; col: number | '*'; severity: string; path: string; message: string }[];
}

const LINE = /^expect: (?:(\S+):)?(\d+):(\d+|\*) (error|warning) (.+?) \| (.*)$/;

function expectations(file: string): Expected {
  const sidecar = `${file}.expect`;
  const text = fs.existsSync(sidecar) ? fs.readFileSync(sidecar, 'utf8') : fs.readFileSync(file, 'utf8');
  const comments = fs.existsSync(sidecar)
    ? text.split('\n').filter((l) => l !== '')
    : (text.match(/^(#[^\n]*\n)+/)?.[0] ?? '').split('\n').filter((l) => l !== '').map((l) => l.replace(/^# ?/, ''));
  const [description = '', ...rest] = comments;
  let exit = 2;
  let todo: string | undefined;
  const diagnostics: Expected['diagnostics'][number][] = [];
  for (const l of rest) {
    if (l.startsWith('expect-exit: ')) exit = Number(l.slice('expect-exit: '.length));
    else if (l.startsWith('todo: ')) todo = l.slice('todo: '.length);
    else {
      const m = LINE.exec(l);
      if (!m) throw new Error(`${file}: not an expectation: ${l}`);
      const [, f, line, col, severity, p, message] = m;
      diagnostics.push({ file: f ?? path.basename(file), line: Number(line), col: col === '*' ? '*' : Number(col), severity: severity!, path: p === '-' ? '' : p!, message: message! });
    }
  }
  return { description, exit, diagnostics, ...(todo !== undefined ? { todo } : {}) };
}

/** A diagnostic as the expectations write it: paths relative to the corpus folder. */
function normalized(d: Diagnostic, col: number | '*') {
  return {
    file: path.relative(DIR, d.file),
    line: d.line,
    col: col === '*' ? '*' : d.col,
    severity: d.severity,
    path: d.path,
    message: d.message.split(`${DIR}/`).join(''),
  };
}

const corpus = fs
  .readdirSync(DIR)
  .filter((f) => !f.endsWith('.ts') && !f.endsWith('.expect') && fs.statSync(path.join(DIR, f)).isFile())
  .sort();

describe('the bad-input corpus', () => {
  it('has at least 40 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of corpus) {
    const file = path.join(DIR, name);
    const exp = expectations(file);
    const title = `${name}: ${exp.description}`;
    if (exp.todo !== undefined) {
      it.todo(`${title} (${exp.todo})`);
      continue;
    }
    it(title, async () => {
      const { diagnostics } = loadRunnable(file, []);
      expect(diagnostics.map((d, i) => normalized(d, exp.diagnostics[i]?.col ?? 0))).toEqual(exp.diagnostics);

      const cwd = folderWith({});
      const r = await run(cwd, { scenario: file, out: 'out', check: true });
      expect(r.code).toBe(exp.exit);
      const printed = r.stderr.split('\n').slice(0, diagnostics.length);
      expect(printed).toEqual(diagnostics.map((d) => formatDiagnostic(d)));
      expect(r.stderr).not.toMatch(/^\s+at /m);
      if (exp.exit === 2) {
        expect(r.stdout).toBe('');
        expect(tree(cwd)).toEqual([]);
      } else {
        expect(tree(path.join(cwd, 'out'))).toEqual(TRACE);
      }
    });
  }
});

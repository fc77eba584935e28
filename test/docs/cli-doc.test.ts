import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { podsim } from '../cli/run-cli.js';
import { ROOT } from './blocks.js';

/**
 * docs/cli.md names every command and every flag that `podsim --help` and
 * `podsim <command> --help` list, and every exit code of `podsim --help`,
 * in the command's own section. Spawns the built podsim (npm run build).
 */
const COMMANDS = ['run', 'validate', 'explain', 'bench', 'sweep', 'merge'] as const;

function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('docs/cli.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8');

  it('names every command of podsim --help, and has a section for each', () => {
    const help = podsim(['--help'], ROOT).stdout;
    const listed = [...help.matchAll(/^ {2}podsim (\w+)/gm)].map((m) => m[1]!);
    expect(listed).toEqual(expect.arrayContaining([...COMMANDS]));
    for (const command of listed) expect(doc, command).toContain(`\n## podsim ${command}\n`);
  });

  for (const command of COMMANDS) {
    it(`describes every flag of podsim ${command} in its section`, () => {
      const help = podsim([command, '--help'], ROOT).stdout;
      const flags = [...help.matchAll(/^ {2}(?:-\w, | {4})?--([\w-]+)/gm)].map((m) => m[1]!).filter((f) => f !== 'help' && f !== 'version');
      expect(flags.length).toBeGreaterThan(0);
      const text = section(doc, `podsim ${command}`);
      for (const flag of flags) expect(text, `--${flag}`).toContain(`\`--${flag}`);
    });
  }

  it('gives every exit code of podsim --help', () => {
    const help = podsim(['--help'], ROOT).stdout;
    const codes = [...help.matchAll(/^ {2}(\d+) {2}/gm), ...help.matchAll(/quietly with (\d+)/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(4);
    const text = section(doc, 'Exit codes');
    for (const code of codes) expect(text, code).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });
});

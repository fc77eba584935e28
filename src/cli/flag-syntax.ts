/**
 * The command line's shape, checked before yargs reads it: the mistakes
 * yargs would otherwise turn into a crash, a message that does not name the
 * flag, or silence. Each finding is one message naming the flag as typed.
 *
 *   - A flag that takes one value, given twice (`--seed 1 --seed 2`): yargs
 *     makes an array of the values, which the commands cannot take. kubectl's
 *     flags keep the last; podsim refuses, as a run should say what it ran.
 *   - A flag that takes a value, with none (`--set` last on the line, or
 *     `--duration -5s`, whose `-5s` yargs reads as the flags -5 and -s).
 *     A negative number (`--seed -1`) is a value.
 *   - A switch given a value other than true or false (`--check=maybe`,
 *     which yargs takes as false).
 *   - `--no-X` for a flag X that takes a value (yargs makes it X=false).
 * yargs' camelCase spellings (`--maxEvents`) count as their kebab-case flag.
 */

/** The flags that take a value, long and short, for every command; a repeatable one is in REPEATABLE too. */
export const VALUE_FLAGS: readonly string[] = [
  'at',
  'duration',
  'f',
  'filename',
  'format',
  'jobs',
  'max-events',
  'n',
  'namespace',
  'o',
  'only',
  'out',
  'output',
  'pod',
  'reps',
  'search',
  'seed',
  'set',
  'shard',
  'shards',
  'suite',
  'warmup',
];

/** Value flags that may be given more than once (their values make a list). */
export const REPEATABLE: readonly string[] = ['set', 'suite', 'only'];

/** The switches: given alone, or as `--flag=true|false`. */
export const SWITCHES: readonly string[] = ['check', 'report', 'quick', 'resume', 'help', 'version'];

/** `-f` / `--filename` are repeatable only in validate (a file each). */
const REPEATABLE_IN: Readonly<Record<string, readonly string[]>> = { validate: ['f', 'filename'] };

/** Spellings of one flag (yargs aliases): a repeat counts across them. */
const ALIASES: Readonly<Record<string, string>> = { filename: 'f', namespace: 'n', output: 'o' };

/** What yargs-parser takes for a negative number, a value rather than a flag. */
const NEGATIVE_NUMBER = /^-([0-9]+(\.[0-9]+)?|\.[0-9]+)$/;

/** The first problem with `args` (the command line after `podsim`), as one message, or undefined. */
export function flagSyntaxProblem(args: readonly string[]): string | undefined {
  const command = args.find((a) => !a.startsWith('-'));
  const repeatable = new Set([...REPEATABLE, ...(command === undefined ? [] : (REPEATABLE_IN[command] ?? []))]);
  const seen = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    const flag = parseFlag(arg);
    if (flag === undefined) continue;
    const { name, typed, value } = flag;
    // yargs reads --no-X as X=false, even for a flag that takes a value (which then crashed the command).
    if (name.startsWith('no-') && VALUE_FLAGS.includes(name.slice(3))) {
      const base = name.slice(3);
      return `${typed}: ${base.length === 1 ? '-' : '--'}${base} takes a value; it has no ${typed} form`;
    }
    if (SWITCHES.includes(name)) {
      if (value !== undefined && value !== 'true' && value !== 'false') {
        return `${typed} is a switch: give it alone (or =true, =false), not =${cut(value)}`;
      }
      continue;
    }
    if (!VALUE_FLAGS.includes(name)) continue; // yargs refuses it, naming it
    if (value === undefined) {
      const next = args[i + 1];
      if (next === undefined || next === '--' || (next.startsWith('-') && !NEGATIVE_NUMBER.test(next))) {
        const hint = next !== undefined && next.startsWith('-') && next !== '--' ? `; a value that starts with '-' is written ${typed}=${cut(next)}` : '';
        return `${typed} needs a value${hint}`;
      }
      i++;
    }
    const key = ALIASES[name] ?? name;
    if (!repeatable.has(name)) {
      const first = seen.get(key);
      if (first !== undefined) return `${first === typed ? typed : `${first} (${typed})`} is given more than once: give it once`;
      seen.set(key, typed);
    }
  }
  return undefined;
}

/** `--name=value`, `--name`, `-n`, `-n=value`; undefined for a positional or a negative number. */
function parseFlag(arg: string): { name: string; typed: string; value: string | undefined } | undefined {
  if (!arg.startsWith('-') || arg === '-' || NEGATIVE_NUMBER.test(arg)) return undefined;
  const body = arg.replace(/^--?/, '');
  const eq = body.indexOf('=');
  const written = eq < 0 ? body : body.slice(0, eq);
  const dashes = arg.startsWith('--') ? '--' : '-';
  // yargs takes --maxEvents for --max-events: the check looks the kebab-case name up, and quotes the flag as typed.
  const name = written.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return { name, typed: `${dashes}${written}`, value: eq < 0 ? undefined : body.slice(eq + 1) };
}

/** A value as quoted in a message: at most 40 characters. */
function cut(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}...` : value;
}

import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DOCS = path.join(ROOT, 'docs');

/** A fenced code block of a doc, with its language (```yaml). */
export interface Block {
  readonly doc: string;
  /** Line of the opening fence, 1-based. */
  readonly line: number;
  readonly lang: string;
  readonly text: string;
}

/** The fenced blocks of docs/<doc> that name a language, in order. */
export function blocks(doc: string): Block[] {
  const lines = fs.readFileSync(path.join(DOCS, doc), 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    out.push({ doc, line: start + 1, lang: open[1]!, text: body.join('\n') + '\n' });
  }
  return out;
}

/** The value of a `# name: value` comment on the block's first line. */
export function marker(b: Block, name: string): string | undefined {
  return new RegExp(`^# ${name}: (.+)$`).exec(b.text.split('\n')[0]!)?.[1]?.trim();
}

/**
 * The output a doc shows for `podsim validate FILE`: the first ```text block
 * after FILE's block (block `i`) that starts with `$ podsim validate FILE`;
 * its diagnostic lines (the `N file(s) valid` line left out). Undefined when
 * the doc shows none.
 */
export function shownValidateOutput(all: readonly Block[], i: number, file: string): string[] | undefined {
  for (const b of all.slice(i + 1)) {
    const [first, ...rest] = b.text.trimEnd().split('\n');
    if (b.lang === 'text' && first === `$ podsim validate ${file}`) return rest.filter((l) => !/^\d+ file\(s\) valid$/.test(l));
  }
  return undefined;
}

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS } from './blocks.js';

/**
 * Links between the docs land on a heading: `[x](#anchor)` and
 * `[x](other.md#anchor)` name a heading's GitHub anchor. A link to a doc that
 * another branch writes (workloads.md...) is checked once that doc exists.
 */
function anchors(doc: string): Set<string> {
  const text = fs.readFileSync(path.join(DOCS, doc), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set(
    [...text.matchAll(/^#+ (.+)$/gm)].map((m) =>
      m[1]!
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('links in docs/', () => {
  const docs = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md'));
  for (const doc of docs) {
    it(`${doc}: every link to a heading lands on one`, () => {
      const text = fs.readFileSync(path.join(DOCS, doc), 'utf8');
      for (const m of text.matchAll(/\]\(([\w.-]*\.md)?(?:#([\w-]+))?\)/g)) {
        const target = m[1] ?? doc;
        if (!fs.existsSync(path.join(DOCS, target))) continue;
        if (m[2] !== undefined) expect(anchors(target), `${doc}: ${m[0]}`).toContain(m[2]);
      }
    });
  }
});

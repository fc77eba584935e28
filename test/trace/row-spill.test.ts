import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowSpill } from '../../src/io/trace/row-spill.js';
import { tempDir } from './world.js';

describe('RowSpill', () => {
  it('gives back every appended text, in any order, across writes and read windows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '€', '𝄞', ',', '\n'), maxLength: 3000 }), { minLength: 1, maxLength: 120 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 240 }),
        (texts, picks) => {
          const spill = new RowSpill(join(tempDir(), 'rows.waiting'));
          const handles = texts.map((t) => spill.append(t));
          for (const i of picks.map((p) => p % texts.length)) expect(spill.read(handles[i]!)).toBe(texts[i]);
          spill.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('creates its file only when text is set aside, and removes it on close', () => {
    const dir = tempDir();
    const idle = new RowSpill(join(dir, 'idle.waiting'));
    idle.close();
    expect(existsSync(join(dir, 'idle.waiting'))).toBe(false);
    const used = new RowSpill(join(dir, 'used.waiting'));
    const h = Array.from({ length: 5000 }, (_, i) => used.append(`row ${i}\n`));
    expect(used.read(h[4999]!)).toBe('row 4999\n');
    expect(existsSync(join(dir, 'used.waiting'))).toBe(true);
    expect(used.read(h[0]!)).toBe('row 0\n');
    used.close();
    expect(existsSync(join(dir, 'used.waiting'))).toBe(false);
  });
});

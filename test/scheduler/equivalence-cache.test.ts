import { describe, expect, it } from 'vitest';
import { EquivalenceCache, classLimit, type KeyNode } from '../../src/scheduler/equivalence-cache.js';
import { ImageLocality } from '../../src/scheduler/plugins/image-locality.js';
import { container, makePod } from './world.js';

/** The trie node for a key given as its parts. */
const at = (cache: EquivalenceCache, parts: readonly string[]): KeyNode => parts.reduce((node, part) => node.child(part), cache.root);

describe('EquivalenceCache: classes by key path', () => {
  it('the same parts find the same class; a differing part, or the same text split differently, another', () => {
    const cache = new EquivalenceCache();
    const a = cache.classAt(at(cache, ['100,200', '', 'img']), 10, 1);
    expect(cache.classAt(at(cache, ['100,200', '', 'img']), 10, 1)).toBe(a);
    expect(cache.classAt(at(cache, ['100,200', 'x', 'img']), 10, 1)).not.toBe(a);
    expect(cache.classAt(at(cache, ['100,200', '', 'im', 'g']), 10, 1)).not.toBe(a);
    expect(cache.classAt(at(cache, ['100,200img', '', '']), 10, 1)).not.toBe(a);
  });

  it("a new node list starts the class's columns afresh", () => {
    const cache = new EquivalenceCache();
    const cls = cache.classAt(at(cache, ['k']), 3, 1);
    cls.setVerdict(1, null, 7);
    expect(cls.filterStamp[1]).toBe(7);
    expect(cache.classAt(at(cache, ['k']), 3, 2)).toBe(cls);
    expect([...cls.filterStamp]).toEqual([-1, -1, -1]);
    expect(cache.classAt(at(cache, ['k']), 4, 2).filterStamp).toHaveLength(4);
  });

  it('beyond 32 classes the oldest is forgotten and its path pruned; the others stay', () => {
    const cache = new EquivalenceCache();
    const classes = Array.from({ length: 32 }, (_, i) => cache.classAt(at(cache, ['shared', `k${i}`]), 5, 1));
    expect(cache.root.children.get('shared')?.children.size).toBe(32);
    cache.classAt(at(cache, ['other', 'k']), 5, 1);
    const shared = cache.root.children.get('shared');
    expect(shared?.children.has('k0')).toBe(false);
    expect(shared?.children.size).toBe(31);
    for (let i = 1; i < 32; i++) expect(cache.classAt(at(cache, ['shared', `k${i}`]), 5, 1)).toBe(classes[i]);
    // k0 comes back as a new class, forgetting the oldest left (k1); a branch left empty goes with its last class.
    expect(cache.classAt(at(cache, ['shared', 'k0']), 5, 1)).not.toBe(classes[0]);
    expect(shared?.children.has('k1')).toBe(false);
    for (let i = 2; i < 32; i++) cache.classAt(at(cache, ['shared', `x${i}`]), 5, 1);
    cache.classAt(at(cache, ['shared', 'x0']), 5, 1);
    expect(cache.root.children.has('other')).toBe(false);
  });

  it('on very large clusters fewer classes are kept (about 100 MB of columns), never fewer than 4', () => {
    expect([classLimit(1), classLimit(5000), classLimit(32768), classLimit(100_000), classLimit(1_000_000)]).toEqual([32, 32, 32, 10, 4]);
    const cache = new EquivalenceCache();
    const first = cache.classAt(at(cache, ['a']), 100_000, 1);
    for (let i = 0; i < 9; i++) cache.classAt(at(cache, [`b${i}`]), 100_000, 1);
    expect(cache.classAt(at(cache, ['a']), 100_000, 1)).toBe(first);
    cache.classAt(at(cache, ['c']), 100_000, 1);
    expect(cache.root.children.has('a')).toBe(false);
  });
});

describe('ImageLocality equivalence keys', () => {
  const plugin = new ImageLocality();
  const withImages = (name: string, init: readonly string[], app: readonly string[]) =>
    makePod(name, {
      initContainers: init.map((image, i) => ({ ...container(`i${i}`), image })),
      containers: app.map((image, i) => ({ ...container(`c${i}`), image })),
    });

  it('pods with different images get different keys, even when an image holds a space', () => {
    const keys = [
      plugin.equivalence(withImages('p1', ['a', 'b'], ['c'])),
      plugin.equivalence(withImages('p2', ['a b'], ['c'])),
      plugin.equivalence(withImages('p3', [], ['a', 'b c'])),
      plugin.equivalence(withImages('p4', [], ['a b', 'c'])),
      plugin.equivalence(withImages('p5', [], ['c'])),
      plugin.equivalence(withImages('p6', ['c'], [])),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a lone container is keyed by its image; the same images give the same key', () => {
    expect(plugin.equivalence(withImages('p', [], ['nginx:1.27']))).toBe('nginx:1.27');
    expect(plugin.equivalence(withImages('q', ['x'], ['y', 'z']))).toBe(plugin.equivalence(withImages('r', ['x'], ['y', 'z'])));
  });
});

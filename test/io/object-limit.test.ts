import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/io/load-scenario.js';
import { MAX_OBJECTS } from '../../src/io/session.js';
import { lines, memoryFs } from './helpers.js';

/**
 * The objects limit (MAX_OBJECTS, a million: far above any cluster's export)
 * counted over every file a scenario reads; lowered here to keep files small.
 */
const SCENARIO = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
  duration: 1m
  nodePools: [{name: w, count: 1}]
`;
const pod = (name: string) => `{apiVersion: v1, kind: Pod, metadata: {name: ${name}}, spec: {containers: [{name: c, image: i}]}}`;
const list = (names: readonly string[]) => `apiVersion: v1\nkind: List\nitems:\n${names.map((n) => `- ${pod(n)}\n`).join('')}`;
const MESSAGE = 'too many objects: podsim reads at most 5 Kubernetes objects per scenario (documents and List items, in all the files it reads); this is one more, and nothing after it is read';

describe('objects per scenario', () => {
  test('is a million', () => {
    expect(MAX_OBJECTS).toBe(1_000_000);
  });

  test('up to the limit loads; the first object past it is an error at its position, and nothing after it is read', () => {
    const at = (n: number) => memoryFs({ 's.yml': `${SCENARIO}---\n${list(['a', 'b', 'c', 'd', 'e', 'f', 'g'].slice(0, n))}---\nkey: [\n` });
    expect(lines(loadScenario('s.yml', { fs: at(5), maxObjects: 6 }).diagnostics)).toEqual(['s.yml:18:1: error: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']);
    const { scenario, diagnostics } = loadScenario('s.yml', { fs: at(7), maxObjects: 5 });
    expect(scenario).toBeUndefined();
    // the Scenario is the first object; the fifth Pod is the sixth object; the broken document after is never read
    expect(lines(diagnostics)).toEqual([`s.yml:15:3: error: ${MESSAGE}`]);
  });

  test('counts included and applied files with the main file', () => {
    const fs = memoryFs({
      's.yml': `${SCENARIO}  include: [inc.yml]\n  events:\n    - at: 1s\n      apply: {file: later.yml}\n---\n${list(['m'])}`,
      'inc.yml': list(['a', 'b']),
      'later.yml': `${list(['x', 'y'])}---\n${list(['z'])}`,
    });
    expect(lines(loadScenario('s.yml', { fs, maxObjects: 7 }).diagnostics)).toEqual([]);
    expect(lines(loadScenario('s.yml', { fs, maxObjects: 6 }).diagnostics)).toEqual([`later.yml:10:3: error: ${MESSAGE.replace('at most 5', 'at most 6')}`]);
  });
});

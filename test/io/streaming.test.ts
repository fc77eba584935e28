import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { FileSystem } from '../../src/io/fs.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import { LoadSession } from '../../src/io/session.js';
import { validateFiles } from '../../src/io/validate.js';
import { readYamlDocuments } from '../../src/io/yaml/parse.js';
import { lines, memoryFs } from './helpers.js';

const SCENARIO = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
  duration: 1m
  nodePools: [{name: w, count: 1}]
`;

function pod(name: string, extra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers: [{name: c, image: i${extra}}]\n`;
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata: {name: svc}\n';
const PROBE = ', readinessProbe: {}';

function source(text: string) {
  return { path: 'f.yml', bytes: new TextEncoder().encode(text), text };
}

/** Counts the reads of each file. */
function counting(fs: FileSystem): { fs: FileSystem; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  return {
    reads,
    fs: {
      read(path) {
        reads.set(path, (reads.get(path) ?? 0) + 1);
        return fs.read(path);
      },
    },
  };
}

describe('a file is read a document at a time', () => {
  test('readYamlDocuments gives the documents and errors yaml parses, in order', () => {
    const text = `${pod('a')}---\nkey: [\n---\n---\n${pod('b')}--- !!str\nhello\n`;
    const read = [...readYamlDocuments(source(text))];
    const docs = parseAllDocuments(text);
    expect(read.map((r) => r.document?.doc.toJS() ?? null)).toEqual([docs[0]!.toJS(), null, null, docs[3]!.toJS(), 'hello']);
    expect(read.map((r) => r.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`))).toEqual([
      [],
      ['8:1 YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
      [],
      [],
      [],
    ]);
  });

  test('while the parser runs on a copy of process.env, all other code (the caller too) sees the real one', () => {
    const real = process.env;
    const seen: boolean[] = [];
    for (const r of readYamlDocuments(source(`${pod('a')}---\n${pod('b')}`))) seen.push(process.env === real && r.document !== undefined);
    expect(seen).toEqual([true, true]);
    // Left early (the caller breaks out), and after a syntax error: the real one is back.
    for (const _ of readYamlDocuments(source(`${pod('a')}---\nkey: [\n`))) break;
    expect(process.env).toBe(real);
    [...readYamlDocuments(source('key: [\n'))];
    expect(process.env).toBe(real);
  });

  test('a document is handed on before the documents after it are parsed', () => {
    const session = new LoadSession(memoryFs({ 'f.yml': `${pod('a')}---\n${pod('b')}---\nkey: [\n` }));
    const documents = session.readDocuments('f.yml')![Symbol.iterator]();
    expect(documents.next().value?.document?.doc.toJS()).toMatchObject({ metadata: { name: 'a' } });
    expect(session.diagnostics).toEqual([]);
    while (!documents.next().done);
    expect(lines(session.diagnostics)).toEqual(['f.yml:14:1: error: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']);
  });

  test('a file read again in the same load yields nothing and reports nothing', () => {
    const session = new LoadSession(memoryFs({ 'f.yml': pod('a') }));
    expect([...session.readDocuments('f.yml')!]).toHaveLength(1);
    expect([...session.readDocuments('f.yml')!]).toEqual([]);
    expect(session.readDocuments('missing.yml')).toBeUndefined();
    expect(session.readDocuments('missing.yml')).toBeUndefined();
    expect(lines(session.diagnostics)).toEqual(['missing.yml:1:1: error: missing.yml: no such file']);
  });
});

describe('the main file, converted as it is read, reports as if converted whole after its includes', () => {
  test('once-per-load warnings go to the first object in order: included files, then the main file from its start', () => {
    const fs = memoryFs({
      'inc.yml': `${SERVICE}---\n${pod('in', PROBE)}`,
      's.yml': `${SERVICE}---\n${pod('before', PROBE)}---\n${SCENARIO}  include: [inc.yml]\n---\n${pod('after', PROBE)}---\n${SERVICE}`,
    });
    expect(lines(loadScenario('s.yml', { fs }).diagnostics)).toEqual([
      'inc.yml:2:1: warning: kind "Service" is not simulated: objects of this kind are skipped (podsim simulates CronJob, DaemonSet, Deployment, Job, KubeSchedulerConfiguration, Node, Pod, PodDisruptionBudget, PriorityClass, ReplicaSet, ReplicationController, StatefulSet)',
      'inc.yml:9:36: warning: readiness probes are not simulated: containers are Ready as soon as they start (3 containers; the first is here)',
    ]);
    expect(loadScenario('s.yml', { fs }).scenario?.objects.map((m) => m.name)).toEqual(['w-0', 'before', 'in', 'after']);
  });

  test('a second Scenario document is an error and the objects after it still convert; a misplaced one loads nothing', () => {
    const fs = memoryFs({
      'two.yml': `${pod('a')}---\n${SCENARIO}---\n${pod('a')}---\n${SCENARIO}---\n${pod('b')}`,
      'misplaced.yml': `apiVersion: v1\nkind: List\nitems:\n- ${SCENARIO.trimEnd().replaceAll('\n', '\n  ')}\n---\n${pod('a')}---\n${SCENARIO}---\n${pod('a')}`,
    });
    expect(lines(loadScenario('two.yml', { fs }).diagnostics)).toEqual([
      'two.yml:14:1: error: pods "a" already exists',
      'two.yml:20:1: error: more than one Scenario document: the first is at two.yml:7:1',
    ]);
    expect(lines(loadScenario('misplaced.yml', { fs }).diagnostics)).toEqual([
      'misplaced.yml:4:3: error: a Scenario must be a document of its own, not a List item',
      'misplaced.yml:17:1: error: more than one Scenario document: the first is at misplaced.yml:4:3',
    ]);
  });

  test('without a Scenario document: loading says so, validating checks the objects (duplicates too)', () => {
    const fs = memoryFs({ 'objects.yml': `${pod('a')}---\n${pod('a')}` });
    expect(lines(loadScenario('objects.yml', { fs }).diagnostics)).toEqual([
      'objects.yml:1:1: error: no Scenario document (apiVersion: podsim.io/v1alpha1, kind: Scenario) in objects.yml',
    ]);
    expect(lines(validateFiles(['objects.yml'], { fs }))).toEqual(['objects.yml:7:1: error: pods "a" already exists']);
  });

  test('validate reads and parses each file once', () => {
    const { fs, reads } = counting(
      memoryFs({ 's.yml': `${SCENARIO}  include: [inc.yml]\n---\n${pod('a')}`, 'inc.yml': pod('b'), 'objects.yml': pod('c') }),
    );
    expect(lines(validateFiles(['s.yml', 'objects.yml'], { fs }))).toEqual([
      'inc.yml:1:1: warning: image "i" is not in spec.images: it is pulled as registry.defaultImageSize (104857600 bytes)',
    ]);
    expect(Object.fromEntries(reads)).toEqual({ 's.yml': 1, 'inc.yml': 1, 'objects.yml': 1 });
  });
});

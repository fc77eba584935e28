import { describe, expect, test } from 'vitest';
import { fixture, loadFixture, memoryFs } from './helpers.js';
import { loadScenario } from '../../src/io/load-scenario.js';
import { formatDiagnostic } from '../../src/io/diagnostics.js';

const Mi = 1024 * 1024;

describe('--set overrides the Scenario spec before validation', () => {
  test('a pool addressed by name, a registry quantity, seed and duration', () => {
    const { scenario, lines } = loadFixture('full.yml', {
      set: ['nodePools.worker.count=5', 'registry.bandwidth=100Mi', 'seed=42', 'duration=1h30m'],
    });
    expect(lines).toEqual([]);
    expect(scenario!.nodePools[0]!.count).toBe(5);
    expect(scenario!.objects.filter((o) => o.kind === 'Node' && o.pool === 'worker')).toHaveLength(5);
    expect(scenario!.registry.bandwidth).toBe(100 * Mi);
    expect([scenario!.seed, scenario!.durationMs]).toEqual([42, 5_400_000]);
  });

  test('fields the file does not write are created; label keys keep their dots', () => {
    const { scenario, lines } = loadFixture('minimal.yml', {
      set: ['kubelet.restartBackoff.max=1m', 'output.sampleInterval=1s', 'controlPlane.reportUnknownPhase=false'],
    });
    expect(lines).toEqual([]);
    expect(scenario!.kubelet.restartBackoff.maxMs).toBe(60_000);
    expect(scenario!.output.sampleIntervalMs).toBe(1000);
    expect(scenario!.controlPlane.reportUnknownPhase).toBe(false);
    const labelled = loadFixture('full.yml', { set: ['nodePools.worker.labels.topology.kubernetes.io/zone=zone-z'] });
    expect(labelled.scenario!.nodePools[0]!.labels).toEqual({ 'topology.kubernetes.io/zone': 'zone-z' });
  });

  test('output.nodeSamples: all or changes, anything else the API server\'s Unsupported value', () => {
    const { scenario, lines } = loadFixture('minimal.yml', { set: ['output.nodeSamples=all'] });
    expect(lines).toEqual([]);
    expect(scenario!.output).toEqual({ sampleIntervalMs: 10_000, nodeSamples: 'all' });
    expect(loadFixture('minimal.yml', { set: ['output.nodeSamples=every'] }).lines).toEqual([
      '--set:1:20: error: spec.output.nodeSamples: Unsupported value: "every": supported values: "changes", "all"',
    ]);
  });

  test('list items by index, whole lists as YAML', () => {
    const { scenario, lines } = loadFixture('full.yml', { set: ['events.0.at=6m', 'nodePools.worker.images=[a:1, b:2]'] });
    expect(lines).toEqual([]);
    expect(scenario!.events[0]!.at).toBe(360_000);
    expect(scenario!.nodePools[0]!.images).toEqual(['a:1', 'b:2']);
  });

  test('an overridden value is validated like a written one and reported at --set', () => {
    expect(loadFixture('full.yml', { set: ['seed=1', 'registry.bandwidth=2 cores'] }).lines).toEqual([
      `--set:1:20: error: spec.registry.bandwidth: Invalid value: "2 cores": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
    expect(loadFixture('full.yml', { set: ['nodePools.worker.count=five'] }).lines).toEqual([
      '--set:1:24: error: spec.nodePools[0].count: Invalid value: "five": must be an integer',
    ]);
  });

  test.each([
    ['nodePools.gpu.count=3', '--set:1:1: error: --set nodePools.gpu.count=3: no node pool named "gpu"'],
    ['registry.bandwith=1Mi', '--set:1:1: error: --set registry.bandwith=1Mi: spec.registry has no field "bandwith" (fields: defaultImageSize, bandwidth, latency, failureRate)'],
    ['seed.x=1', '--set:1:1: error: --set seed.x=1: spec.seed has no field "x"'],
    ['events.9.at=1m', '--set:1:1: error: --set events.9.at=1m: spec.events has no item 9'],
    ['seed', '--set:1:1: error: --set seed: expected PATH=VALUE, e.g. nodePools.worker.count=8'],
    ['=3', '--set:1:1: error: --set =3: expected PATH=VALUE, e.g. nodePools.worker.count=8'],
    ['seed=[1', '--set:1:6: error: --set seed=[1: YAML: Flow sequence must end with a ]'],
  ])('%s is refused', (arg, line) => {
    expect(loadFixture('full.yml', { set: [arg] })).toEqual({ lines: [line] });
  });

  test('an empty spec: can still be overridden', () => {
    const fs = memoryFs({ 's.yml': 'apiVersion: podsim.io/v1alpha1\nkind: Scenario\nspec:\n' });
    const { scenario, diagnostics } = loadScenario('s.yml', { fs, set: ['seed=9'] });
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(scenario!.seed).toBe(9);
  });

  test('the file keeps its own values when nothing is set', () => {
    expect(loadFixture('full.yml').scenario!.nodePools[0]!.count).toBe(3);
    expect(fixture('full.yml')).toContain('full.yml');
  });
});

import { describe, expect, it } from 'vitest';
import { resolvePriority } from '../../src/model/priority.js';
import type { KubeSchedulerConfigurationManifest, PriorityClassManifest } from '../../src/model/scenario.js';
import type { PriorityClass } from '../../src/model/scheduler-config.js';
import { loadWith } from '../io/helpers.js';

const pod = (extra: string) => `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: nginx:1.25}]
${extra}`;

describe('PriorityClass documents', () => {
  it('are loaded with their value, globalDefault and a defaulted preemptionPolicy', () => {
    const { scenario, lines } = loadWith('apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\nglobalDefault: true\n');
    expect(lines).toEqual([]);
    const pc = scenario?.objects.find((m): m is PriorityClassManifest => m.kind === 'PriorityClass');
    expect(pc?.priorityClass).toEqual({ name: 'high', value: 1000, globalDefault: true, preemptionPolicy: 'PreemptLowerPriority' });
  });

  it('let a pod name a class the scenario defines, while an undefined class stays an error', () => {
    const cls = 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n---\n';
    expect(loadWith(cls + pod('  priorityClassName: high\n')).lines).toEqual([]);
    expect(loadWith(cls + pod('  priorityClassName: low\n')).lines).toEqual(['s.yml:14:3: error: no PriorityClass with name low was found']);
  });

  it('refuse a user class above one billion, and a system- name that is not a built-in class (its value then unchecked, as upstream)', () => {
    const user = loadWith('apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: mine}\nvalue: 2000000000\n').lines;
    expect(user).toEqual([expect.stringContaining('value: Forbidden: maximum allowed value of a user defined priority is 1000000000')]);
    const system = loadWith('apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: system-x}\nvalue: 2000000000\n').lines;
    expect(system).toEqual([expect.stringContaining('metadata.name: Forbidden: priority class names with \'system-\' prefix are reserved for system use only. error: system-x is not a known system priority class')]);
  });
});

describe('resolvePriority (the Priority admission plugin)', () => {
  const classes: PriorityClass[] = [
    { name: 'batch', value: 100, globalDefault: false, preemptionPolicy: 'Never' },
    { name: 'normal', value: 500, globalDefault: true, preemptionPolicy: 'PreemptLowerPriority' },
    { name: 'also-default', value: 300, globalDefault: true, preemptionPolicy: 'PreemptLowerPriority' },
  ];
  const spec = (priorityClassName?: string) => ({ ...(priorityClassName ? { priorityClassName } : {}), priority: 0, preemptionPolicy: 'PreemptLowerPriority' as const });

  it.each<[string, string | undefined, readonly PriorityClass[], unknown]>([
    ['a named class gives its value and preemptionPolicy', 'batch', classes, { ok: true, priorityClassName: 'batch', priority: 100, preemptionPolicy: 'Never' }],
    ['no name takes the global default with the lowest value', undefined, classes, { ok: true, priorityClassName: 'also-default', priority: 300, preemptionPolicy: 'PreemptLowerPriority' }],
    ['no name and no global default is priority 0', undefined, [], { ok: true, priorityClassName: '', priority: 0, preemptionPolicy: 'PreemptLowerPriority' }],
    ['system classes are always there', 'system-node-critical', [], { ok: true, priorityClassName: 'system-node-critical', priority: 2000001000, preemptionPolicy: 'PreemptLowerPriority' }],
    ['an unknown name is refused', 'nope', classes, { ok: false, message: 'no PriorityClass with name nope was found' }],
  ])('%s', (_name, className, list, expected) => {
    expect(resolvePriority(spec(className), list)).toEqual(expected);
  });

  it('refuses a written priority that differs from the class', () => {
    const r = resolvePriority({ priorityClassName: 'batch', priority: 7, preemptionPolicy: 'Never' }, classes, { priority: true });
    expect(r).toEqual({
      ok: false,
      message: 'the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 100 from the given PriorityClass name',
    });
  });
});

describe('KubeSchedulerConfiguration documents', () => {
  it('are read with their defaults: adaptive sampling, 1 s / 10 s backoff, plugin args defaulted', () => {
    const { scenario, lines } = loadWith(`apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
  plugins:
    score:
      enabled: [{name: NodeResourcesFit, weight: 5}]
      disabled: [{name: ImageLocality}]
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: MostAllocated
- schedulerName: batch
  percentageOfNodesToScore: 50
`);
    expect(lines).toEqual([]);
    const c = scenario?.objects.find((m): m is KubeSchedulerConfigurationManifest => m.kind === 'KubeSchedulerConfiguration')?.config;
    expect(c?.percentageOfNodesToScore).toBe(0);
    expect(c?.podMaxBackoffSeconds).toBe(10);
    expect(c?.profiles.map((p) => p.schedulerName)).toEqual(['default-scheduler', 'batch']);
    expect(c?.profiles[0]?.plugins.score).toEqual({ enabled: [{ name: 'NodeResourcesFit', weight: 5 }], disabled: ['ImageLocality'] });
    expect(c?.profiles[0]?.pluginConfig.NodeResourcesFit).toEqual({
      scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] },
    });
    expect(c?.profiles[1]?.percentageOfNodesToScore).toBe(50);
  });
});

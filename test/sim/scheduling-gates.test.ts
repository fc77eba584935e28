import { describe, expect, it } from 'vitest';
import { loadText, Played } from '../support/play.js';

/*
 * spec.schedulingGates: the API server sets PodScheduled=False
 * (SchedulingGated) at creation, the scheduler's SchedulingGates PreEnqueue
 * plugin keeps the pod out of activeQ, and the removal of the last gate lets
 * it in at once. Defaults: binding at once, syncDelay 0, containerStartLatency
 * 1 s; pause:3.6 (1Mi) pulls in 0.5 s + 20 ms.
 */

// kubernetes/website content/en/examples/pods/pod-with-scheduling-gates.yaml (CC BY 4.0).
const TEST_POD = `{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "test-pod",
  },
  spec: {
    schedulingGates: [{
      name: "example.com/foo",
    }, {
      name: "example.com/bar",
    }],
    containers: [{
      name: "pause",
      image: "registry.k8s.io/pause:3.6",
    }],
  },
}
`;

const spec = (events = '') => `metadata: {name: t}
spec:
  nodePools: [{name: w, count: 1, allocatable: {cpu: "4", memory: 8Gi}}]
  images: [{name: registry.k8s.io/pause:3.6, size: 1Mi}]
${events}
`;

const EVENTS = `  events:
    - at: 30s
      removeSchedulingGates: {name: test-pod, gates: [example.com/foo]}
    - at: 60s
      removeSchedulingGates: {name: test-pod, gates: [example.com/bar]}`;

describe('a pod with scheduling gates', () => {
  const p = new Played(`${spec(EVENTS)}---\n${TEST_POD}`);

  it('is Pending with PodScheduled False, SchedulingGated, and never attempted while a gate is left', () => {
    p.runTo(59);
    const pod = p.pod('test-pod');
    expect(pod.status.phase).toBe('Pending');
    expect(pod.spec.schedulingGates).toEqual(['example.com/bar']);
    expect(pod.status.conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'False',
        lastTransitionTime: 0,
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
      },
    ]);
    expect(p.eventsOf('test-pod')).toEqual([]);
  });

  it('is scheduled when its last gate goes (60 s), and runs at 61.52 s', () => {
    p.runTo(120);
    expect(p.eventsOf('test-pod').filter(([, r]) => r === 'Scheduled' || r === 'Started').map(([t, r]) => [t, r])).toEqual([
      [60, 'Scheduled'],
      [61.52, 'Started'],
    ]);
    expect(p.transitions).toEqual([[61.52, 'test-pod', 'Pending', 'Running', 'Started']]);
    expect(p.pod('test-pod').spec.schedulingGates).toBeUndefined();
    expect(p.pod('test-pod').status.conditions.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'True', lastTransitionTime: 60000 });
  });

  it('stays gated without the events, and the run ends with nothing to do', () => {
    const q = new Played(`${spec()}---\n${TEST_POD}`).runTo(3600);
    expect(q.sim.engine.pending).toBe(0);
    expect(q.pod('test-pod').status.phase).toBe('Pending');
    expect(q.events.filter((e) => e.reason === 'FailedScheduling')).toEqual([]);
  });

  it('a warning when the event finds nothing to remove', () => {
    const events = `  events:
    - at: 10s
      removeSchedulingGates: {name: test-pod, gates: [example.com/other]}
    - at: 20s
      removeSchedulingGates: {name: nobody}
    - at: 30s
      removeSchedulingGates: {selector: {app: x}}`;
    const q = new Played(`${spec(events)}---\n${TEST_POD}`).runTo(60);
    expect(q.sim.warnings).toEqual([
      't=10.000s: removeSchedulingGates: pod default/test-pod has none of the gates example.com/other',
      't=20.000s: removeSchedulingGates: pod default/nobody does not exist',
      't=30.000s: removeSchedulingGates: no pod in namespace default matches the selector',
    ]);
  });
});

describe('a Deployment whose pods are gated', () => {
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      schedulingGates: [{name: example.com/quota}]
      containers: [{name: app, image: registry.k8s.io/pause:3.6}]
`;
  it('has every pod held until a selector removes the gates of all of them', () => {
    const events = `  events:
    - at: 45s
      removeSchedulingGates: {selector: {app: web}}`;
    const p = new Played(`${spec(events)}---\n${deployment}`).runTo(44);
    const pods = p.pods();
    expect(pods).toHaveLength(2);
    for (const pod of pods) expect(pod.spec.nodeName).toBeUndefined();
    p.runTo(100);
    for (const pod of pods) {
      expect(pod.spec.nodeName).toBe('w-0');
      expect(pod.status.conditions.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'True', lastTransitionTime: 45000 });
    }
  });
});

describe('schedulingGates validation', () => {
  const pod = (gates: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:${extra}
  schedulingGates: ${gates}
  containers: [{name: c, image: registry.k8s.io/pause:3.6}]
`;
  const errors = (yaml: string) => loadText(`${spec()}---\n${yaml}`).lines.filter((l) => l.includes('error'));

  it('refuses a gate named twice, as validateSchedulingGates', () => {
    expect(errors(pod('[{name: a}, {name: a}]'))).toEqual([
      's.yml:13:32: error: The Pod "p" is invalid: spec.schedulingGates[1]: Duplicate value: "a"',
    ]);
  });

  it('refuses a name that is not a qualified name', () => {
    expect(errors(pod('[{name: "a b"}]'))).toEqual([
      expect.stringMatching(/^s\.yml:13:21: error: The Pod "p" is invalid: spec\.schedulingGates\[0\]: Invalid value: "a b": name part must consist of/),
    ]);
  });

  it('refuses nodeName on a gated pod', () => {
    expect(errors(pod('[{name: a}]', '\n  nodeName: w-0'))).toEqual([
      's.yml:13:3: error: The Pod "p" is invalid: spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
    ]);
  });

  it('refuses an event with neither a name nor a selector', () => {
    const { lines } = loadText(`${spec(`  events:\n    - at: 1s\n      removeSchedulingGates: {gates: [a]}`)}---\n${pod('[{name: a}]')}`);
    expect(lines.filter((l) => l.includes('error'))).toEqual([
      expect.stringMatching(/^s\.yml:9:7: error: spec\.events\[0\]\.removeSchedulingGates: Required value: \{name: pod\} or \{selector: \{\.\.\.\}\}/),
    ]);
  });
});

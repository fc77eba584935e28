import { describe, expect, it } from 'vitest';
import { neverEnding } from '../../src/sim/never-ends.js';
import { loadText, Played } from '../support/play.js';

/*
 * Init containers as a scenario runs them. Defaults: the scheduler binds at
 * once, kubelet syncDelay 0, containerStartLatency 1 s; a pull costs the
 * registry latency 500 ms + ceil(size × 1000 / 50Mi) ms, an `Always` pull of
 * a present image the 500 ms manifest check.
 */

// kubernetes/website content/en/examples/pods/init-containers.yaml (CC BY 4.0), as published.
const INIT_DEMO = `{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "init-demo",
  },
  spec: {
    containers: [{
      name: "nginx",
      image: "nginx",
      ports: [{
        containerPort: 80,
      }],
      volumeMounts: [{
        name: "workdir",
        mountPath: "/usr/share/nginx/html",
      }],
    }],
    # These containers are run during pod initialization
    initContainers: [{
      name: "install",
      image: "busybox:1.28",
      command: [
        "wget",
        "-O",
        "/work-dir/index.html",
        "http://info.cern.ch",
      ],
      volumeMounts: [{
        name: "workdir",
        mountPath: "/work-dir",
      }],
    }],
    dnsPolicy: "Default",
    volumes: [{
      name: "workdir",
      emptyDir: {},
    }],
  },
}
`;

// kubernetes/website content/en/examples/application/job/job-sidecar.yaml (CC BY 4.0).
const JOB_SIDECAR = `apiVersion: batch/v1
kind: Job
metadata:
  name: myjob
spec:
  template:
    spec:
      containers:
        - name: myjob
          image: alpine:latest
          command: ['sh', '-c', 'echo "logging" > /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      initContainers:
        - name: logshipper
          image: alpine:latest
          # Setting restartPolicy: Always makes this a sidecar container.
          restartPolicy: Always
          command: ['sh', '-c', 'tail -F /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      restartPolicy: Never
      volumes:
        - name: data
          emptyDir: {}
`;

const spec = (extra = '') => `metadata: {name: t}
spec:
  nodePools: [{name: w, count: 1, allocatable: {cpu: "4", memory: 8Gi}}]
  images: [{name: busybox:1.28, size: 10Mi}, {name: nginx, size: 50Mi}, {name: alpine:latest, size: 5Mi}]
${extra}
`;

const started = (p: Played, pod: string) =>
  p.eventsOf(pod).filter(([, r]) => r === 'Started').map(([t, , m]) => [t, m]);

describe('an init container with no behaviour completes once started', () => {
  // install: pull busybox:1.28 0.5 + 0.2 s, created and started at 1.7, exits 0 at once (Completed);
  // nginx (untagged: pull policy Always, not present): pull 0.5 + 1.0 s from 1.7, started at 4.2.
  const p = new Played(`${spec()}---\n${INIT_DEMO}`).runTo(60);
  const pod = p.pod('init-demo');

  it('runs install to completion, then nginx: Running at 4.2 s', () => {
    expect(started(p, 'init-demo')).toEqual([
      [1.7, 'Started container install'],
      [4.2, 'Started container nginx'],
    ]);
    expect(p.transitions.filter(([, n]) => n === 'init-demo')).toEqual([[4.2, 'init-demo', 'Pending', 'Running', 'Started']]);
  });

  it('shows install Completed and Initialized True from 1.7 s', () => {
    expect(pod.status.initContainerStatuses[0]?.state).toEqual({
      state: 'terminated',
      exitCode: 0,
      reason: 'Completed',
      startedAt: 1700,
      finishedAt: 1700,
    });
    expect(pod.status.conditions.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'True',
      lastTransitionTime: 1700,
    });
  });

  it('shows the app container PodInitializing and Initialized False before then', () => {
    const q = new Played(`${spec()}---\n${INIT_DEMO}`).runTo(1);
    const before = q.pod('init-demo');
    expect(before.status.containerStatuses[0]?.state).toEqual({ state: 'waiting', reason: 'PodInitializing' });
    expect(before.status.conditions.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [install]',
    });
  });

  it('no longer makes a run without duration endless', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: once}
spec:
  restartPolicy: Never
  initContainers: [{name: setup, image: busybox:1.28}]
  containers: [{name: main, image: busybox:1.28}]
`;
    const { scenario } = loadText(`${spec(`  behaviors: [{match: {container: main}, run: 5s}]`)}---\n${pod}`);
    expect(neverEnding(scenario!)).toBeUndefined();
  });
});

describe('a sidecar init container (restartPolicy Always)', () => {
  // alpine:latest is pulled once (0.5 + 0.1 s); the second start of it is the 0.5 s manifest check (pull policy Always).
  // logshipper: pulled at 0.6, started at 1.6; myjob: check 0.5 s, started at 3.1, runs 10 s to 13.1;
  // logshipper then gets SIGTERM (13.1), ignores it, SIGKILL at the end of the 30 s grace period: 43.1.
  const p = new Played(`${spec('  behaviors: [{match: {container: myjob}, run: 10s}]')}---\n${JOB_SIDECAR}`).runTo(120);
  const pod = p.pods().find((x) => x.metadata.name.startsWith('myjob-'))!;
  const name = pod.metadata.name;

  it('starts before the app container and keeps running beside it', () => {
    expect(started(p, name)).toEqual([
      [1.6, 'Started container logshipper'],
      [3.1, 'Started container myjob'],
    ]);
  });

  it('is stopped after the app container, and the pod then Succeeds', () => {
    expect(p.eventsOf(name).filter(([, r]) => r === 'Killing')).toEqual([[13.1, 'Killing', 'Stopping container logshipper']]);
    expect(p.transitions.filter(([, n]) => n === name)).toEqual([
      [3.1, name, 'Pending', 'Running', 'Started'],
      [43.1, name, 'Running', 'Succeeded', 'Completed'],
    ]);
  });
});

describe('a behaviour for an init container', () => {
  const pod = (policy: string, annotations = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}${annotations}
spec:
  restartPolicy: ${policy}
  initContainers: [{name: migrate, image: busybox:1.28}]
  containers: [{name: app, image: busybox:1.28}]
`;

  it('comes from a rule that names the container: runs 30 s, then the app starts', () => {
    // pull 0.7, migrate started 1.7, exits 31.7; app (image present now) started 32.7.
    const rules = '  behaviors: [{match: {container: migrate}, run: 30s}, {match: {labels: {app: web}}, run: forever}]';
    const p = new Played(`${spec(rules)}---\n${pod('Always')}`).runTo(60);
    expect(started(p, 'web')).toEqual([
      [1.7, 'Started container migrate'],
      [32.7, 'Started container app'],
    ]);
  });

  it('does not come from a rule that matches labels only, nor from the pod-wide annotations', () => {
    const rules = '  behaviors: [{match: {labels: {app: web}}, run: forever}]';
    const p = new Played(`${spec(rules)}---\n${pod('Always', '\n  annotations: {"podsim.io/duration": 10m}')}`).runTo(60);
    expect(started(p, 'web')).toEqual([
      [1.7, 'Started container migrate'],
      [2.7, 'Started container app'],
    ]);
  });

  it('comes from the per-container annotation', () => {
    const p = new Played(`${spec()}---\n${pod('Always', '\n  annotations: {"podsim.io/duration.migrate": 5s}')}`).runTo(60);
    expect(started(p, 'web')).toEqual([
      [1.7, 'Started container migrate'],
      [7.7, 'Started container app'],
    ]);
  });

  it('that fails makes a Never pod Failed', () => {
    const rules = '  behaviors: [{match: {container: migrate}, run: {duration: 5s, exitCode: 1}}]';
    const p = new Played(`${spec(rules)}---\n${pod('Never')}`).runTo(60);
    expect(p.transitions).toEqual([[6.7, 'web', 'Pending', 'Failed', 'Error']]);
    expect(started(p, 'web')).toEqual([[1.7, 'Started container migrate']]);
  });

  it('that fails is restarted with back-off under Always: the pod stays Pending, Init:CrashLoopBackOff', () => {
    // Exits 1 at 6.7; restarted at once (created 6.7, started 7.7), exits 12.7; back-off 10 s: started 23.7.
    const rules = '  behaviors: [{match: {container: migrate}, run: {duration: 5s, exitCode: 1}}]';
    const p = new Played(`${spec(rules)}---\n${pod('Always')}`).runTo(20);
    const web = p.pod('web');
    expect(p.transitions).toEqual([]);
    expect(web.status.initContainerStatuses[0]).toMatchObject({ restartCount: 1, state: { state: 'waiting', reason: 'CrashLoopBackOff' } });
    p.runTo(30);
    expect(started(p, 'web').map(([t]) => t)).toEqual([1.7, 7.7, 23.7]);
  });
});

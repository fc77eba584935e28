import { describe, expect, it } from 'vitest';
import { getPhase, type PhaseSpec } from '../../src/kubelet/phase.js';
import type { ContainerStatus, PodPhase, RestartPolicy, TerminatedState } from '../../src/model/pod.js';

const exited = (exitCode: number): TerminatedState => ({
  state: 'terminated',
  exitCode,
  reason: exitCode === 0 ? 'Completed' : 'Error',
  startedAt: 0,
  finishedAt: 1,
});

const running = (name: string, started = true): ContainerStatus => ({
  name,
  state: { state: 'running', startedAt: 0 },
  restartCount: 0,
  started,
  ready: started,
});
const waiting = (name: string, reason: string, lastExit?: number): ContainerStatus => ({
  name,
  state: { state: 'waiting', reason },
  ...(lastExit !== undefined ? { lastTerminationState: exited(lastExit) } : {}),
  restartCount: lastExit !== undefined ? 1 : 0,
  started: false,
  ready: false,
});
const terminated = (name: string, exitCode: number): ContainerStatus => ({
  name,
  state: exited(exitCode),
  restartCount: 0,
  started: false,
  ready: false,
});

interface Case {
  readonly name: string;
  readonly policy: RestartPolicy;
  /** Init container names; a trailing `*` marks a sidecar (restartPolicy Always). */
  readonly init?: readonly string[];
  readonly apps: readonly string[];
  readonly initStatuses?: readonly ContainerStatus[];
  readonly statuses: readonly ContainerStatus[];
  readonly terminal?: boolean;
  readonly phase: PodPhase;
}

function spec(c: Case): PhaseSpec {
  return {
    restartPolicy: c.policy,
    initContainers: (c.init ?? []).map((n) =>
      n.endsWith('*') ? { name: n.slice(0, -1), restartPolicy: 'Always' as const } : { name: n },
    ),
    containers: c.apps.map((name) => ({ name })),
  };
}

const cases: Case[] = [
  { name: 'a pod with no statuses yet is Pending', policy: 'Always', apps: ['app'], statuses: [], phase: 'Pending' },
  { name: 'a running container makes the pod Running', policy: 'Always', apps: ['app'], statuses: [running('app')], phase: 'Running' },
  {
    name: 'a crash-looping Always pod is Running',
    policy: 'Always',
    apps: ['app'],
    statuses: [waiting('app', 'CrashLoopBackOff', 1)],
    phase: 'Running',
  },
  {
    name: 'one container waiting keeps the pod Pending even while another runs',
    policy: 'Always',
    apps: ['a', 'b'],
    statuses: [running('a'), waiting('b', 'ContainerCreating')],
    phase: 'Pending',
  },
  {
    name: 'an image pull error keeps the pod Pending',
    policy: 'Always',
    apps: ['app'],
    statuses: [waiting('app', 'ImagePullBackOff')],
    phase: 'Pending',
  },
  {
    name: 'a missing status with another container running is Pending',
    policy: 'Always',
    apps: ['a', 'b'],
    statuses: [running('a')],
    phase: 'Pending',
  },
  {
    name: 'an init container failure under Never makes the pod Failed',
    policy: 'Never',
    init: ['init'],
    apps: ['app'],
    initStatuses: [terminated('init', 1)],
    statuses: [waiting('app', 'PodInitializing')],
    phase: 'Failed',
  },
  {
    name: 'an init container failure remembered in lastState under Never is Failed',
    policy: 'Never',
    init: ['init'],
    apps: ['app'],
    initStatuses: [waiting('init', 'CrashLoopBackOff', 2)],
    statuses: [waiting('app', 'PodInitializing')],
    phase: 'Failed',
  },
  {
    name: 'an init container failure under OnFailure leaves the pod Pending (Init:Error)',
    policy: 'OnFailure',
    init: ['init'],
    apps: ['app'],
    initStatuses: [terminated('init', 1)],
    statuses: [waiting('app', 'PodInitializing')],
    phase: 'Pending',
  },
  {
    name: 'an init container crash-looping under Always leaves the pod Pending',
    policy: 'Always',
    init: ['init'],
    apps: ['app'],
    initStatuses: [waiting('init', 'CrashLoopBackOff', 1)],
    statuses: [waiting('app', 'PodInitializing')],
    phase: 'Pending',
  },
  {
    name: 'a running init container keeps the pod Pending',
    policy: 'Always',
    init: ['init'],
    apps: ['app'],
    initStatuses: [running('init')],
    statuses: [waiting('app', 'PodInitializing')],
    phase: 'Pending',
  },
  {
    name: 'completed init containers and a running app make the pod Running',
    policy: 'Always',
    init: ['init'],
    apps: ['app'],
    initStatuses: [terminated('init', 0)],
    statuses: [running('app')],
    phase: 'Running',
  },
  {
    name: 'OnFailure with every container exited 0 is Succeeded',
    policy: 'OnFailure',
    apps: ['a', 'b'],
    statuses: [terminated('a', 0), terminated('b', 0)],
    phase: 'Succeeded',
  },
  {
    name: 'OnFailure with a failed container is Running (it restarts)',
    policy: 'OnFailure',
    apps: ['a', 'b'],
    statuses: [terminated('a', 0), terminated('b', 1)],
    phase: 'Running',
  },
  {
    name: 'Never with every container exited 0 is Succeeded',
    policy: 'Never',
    apps: ['app'],
    statuses: [terminated('app', 0)],
    phase: 'Succeeded',
  },
  {
    name: 'Never with a failed container is Failed',
    policy: 'Never',
    apps: ['a', 'b'],
    statuses: [terminated('a', 0), terminated('b', 137)],
    phase: 'Failed',
  },
  {
    name: 'Never with a failed container and another still running is Running',
    policy: 'Never',
    apps: ['a', 'b'],
    statuses: [terminated('a', 1), running('b')],
    phase: 'Running',
  },
  {
    name: 'Always with every container exited 0 is Running (they restart)',
    policy: 'Always',
    apps: ['app'],
    statuses: [terminated('app', 0)],
    phase: 'Running',
  },
  {
    name: 'a terminal pod whose containers all exited 0 is Succeeded, even under Always',
    policy: 'Always',
    apps: ['app'],
    statuses: [terminated('app', 0)],
    terminal: true,
    phase: 'Succeeded',
  },
  {
    name: 'a terminal pod with a failed container is Failed',
    policy: 'Always',
    apps: ['a', 'b'],
    statuses: [terminated('a', 0), terminated('b', 137)],
    terminal: true,
    phase: 'Failed',
  },
  {
    name: 'a terminal pod with a container still running is Running',
    policy: 'Always',
    apps: ['app'],
    statuses: [running('app')],
    terminal: true,
    phase: 'Running',
  },
  {
    name: 'a sidecar running but not yet started keeps the pod Pending',
    policy: 'Always',
    init: ['proxy*'],
    apps: ['app'],
    initStatuses: [running('proxy', false)],
    statuses: [waiting('app', 'PodInitializing')],
    phase: 'Pending',
  },
  {
    name: 'a sidecar waiting to start keeps the pod Pending',
    policy: 'Always',
    init: ['proxy*'],
    apps: ['app'],
    initStatuses: [waiting('proxy', 'PodInitializing')],
    statuses: [waiting('app', 'PodInitializing')],
    phase: 'Pending',
  },
  {
    name: 'a started sidecar and a running app make the pod Running',
    policy: 'Always',
    init: ['proxy*'],
    apps: ['app'],
    initStatuses: [running('proxy')],
    statuses: [running('app')],
    phase: 'Running',
  },
  {
    name: 'a sidecar restarting after the pod initialized does not make it Pending',
    policy: 'Always',
    init: ['proxy*'],
    apps: ['app'],
    initStatuses: [running('proxy', false)],
    statuses: [running('app')],
    phase: 'Running',
  },
  {
    name: 'a crashed sidecar is ignored',
    policy: 'Always',
    init: ['proxy*'],
    apps: ['app'],
    initStatuses: [waiting('proxy', 'CrashLoopBackOff', 1)],
    statuses: [running('app')],
    phase: 'Running',
  },
  {
    name: 'a running sidecar keeps a finished Never pod Running',
    policy: 'Never',
    init: ['proxy*'],
    apps: ['app'],
    initStatuses: [running('proxy')],
    statuses: [terminated('app', 0)],
    phase: 'Running',
  },
  {
    name: 'a terminated sidecar does not count once the app has succeeded',
    policy: 'Never',
    init: ['proxy*'],
    apps: ['app'],
    initStatuses: [terminated('proxy', 137)],
    statuses: [terminated('app', 0)],
    phase: 'Succeeded',
  },
  {
    name: 'a sidecar with no status counts as unknown',
    policy: 'Always',
    init: ['proxy*'],
    apps: ['app'],
    initStatuses: [],
    statuses: [running('app')],
    phase: 'Pending',
  },
];

describe('getPhase', () => {
  it.each(cases)('$name', (c) => {
    expect(getPhase(spec(c), c.initStatuses ?? [], c.statuses, c.terminal ?? false)).toBe(c.phase);
  });
});

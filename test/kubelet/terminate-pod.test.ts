import { describe, expect, it } from 'vitest';
import type { ContainerState, ContainerStatus, TerminatedState } from '../../src/model/pod.js';
import { terminatePodStatuses } from '../../src/kubelet/terminate-pod.js';

/* status_manager TerminatePod's defaults (terminate-pod.ts), on hand-made statuses; `now` is 9 s. */
const NOW = 9000;
const UNKNOWN: ContainerState = { state: 'terminated', exitCode: 137, reason: 'ContainerStatusUnknown', startedAt: NOW, finishedAt: NOW };
const exited = (exitCode: number): TerminatedState => ({ state: 'terminated', exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: 1000, finishedAt: 2000 });

function status(name: string, state: ContainerState, lastTerminationState?: TerminatedState): ContainerStatus {
  return { name, state, restartCount: 0, started: false, ready: false, ...(lastTerminationState ? { lastTerminationState } : {}) };
}
const waiting = (reason: string): ContainerState => ({ state: 'waiting', reason });

describe('TerminatePod defaults', () => {
  it('without init containers: every app container not Terminated becomes ContainerStatusUnknown (137); lastState kept', () => {
    const apps = [
      status('a', waiting('CrashLoopBackOff'), exited(1)),
      status('b', exited(0)),
      status('c', waiting('ContainerCreating')),
    ];
    terminatePodStatuses(false, [], apps, NOW);
    expect(apps.map((s) => s.state)).toEqual([UNKNOWN, exited(0), UNKNOWN]);
    expect(apps[0]?.lastTerminationState).toEqual(exited(1));
  });

  it('stuck in its first init container: that one becomes Unknown; the app containers (never initialized) stay Waiting', () => {
    const init = [status('i1', waiting('ErrImagePull')), status('i2', waiting('PodInitializing'))];
    const apps = [status('a', waiting('PodInitializing'))];
    terminatePodStatuses(true, init, apps, NOW);
    expect(init.map((s) => s.state)).toEqual([UNKNOWN, waiting('PodInitializing')]);
    expect(apps[0]?.state).toEqual(waiting('PodInitializing'));
  });

  it('init containers up to the last one that ever ran are defaulted; the untried rest stay', () => {
    const init = [
      status('i1', exited(0)),
      status('i2', waiting('CrashLoopBackOff'), exited(1)),
      status('i3', waiting('PodInitializing')),
    ];
    const apps = [status('a', waiting('PodInitializing'))];
    terminatePodStatuses(true, init, apps, NOW);
    expect(init.map((s) => s.state)).toEqual([exited(0), UNKNOWN, waiting('PodInitializing')]);
    expect(apps[0]?.state).toEqual(waiting('PodInitializing'));
  });

  it('a pod whose last init container completed (exit 0) has initialized: its waiting app containers are defaulted', () => {
    const init = [status('i1', exited(0))];
    const apps = [status('a', waiting('ImagePullBackOff'))];
    terminatePodStatuses(true, init, apps, NOW);
    expect(apps[0]?.state).toEqual(UNKNOWN);
  });
});

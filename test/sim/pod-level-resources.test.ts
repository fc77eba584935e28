import { describe, expect, it } from 'vitest';
import { podRequests } from '../../src/model/requests.js';
import type { ResourceList } from '../../src/model/resources.js';
import { loadText, Played } from '../support/play.js';

/*
 * Pod-level spec.resources (PodLevelResources, beta and on by default since
 * 1.34): resourcehelper.PodRequests charges the pod-level request for cpu and
 * memory instead of the containers' aggregate, in the scheduler's
 * NodeResourcesFit and in the kubelet's admission.
 */
const Mi = 1024 * 1024;

// kubernetes/website content/en/examples/pods/resource/pod-level-resources.yaml (CC BY 4.0), as a Deployment's template.
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: demo}
spec:
  replicas: 3
  selector: {matchLabels: {app: demo}}
  template:
    metadata: {labels: {app: demo}}
    spec:
      resources:
        limits:
          cpu: "1"
          memory: "200Mi"
        requests:
          cpu: "1"
          memory: "100Mi"
      containers:
      - name: pod-resources-demo-ctr-1
        image: nginx
        resources:
          limits:
            cpu: "0.5"
            memory: "100Mi"
          requests:
            cpu: "0.5"
            memory: "50Mi"
      - name: pod-resources-demo-ctr-2
        image: fedora
        command:
        - sleep
        - inf
`;

const spec = `metadata: {name: t}
spec:
  nodePools: [{name: w, count: 1, allocatable: {cpu: "2", memory: 1Gi}}]
`;

describe('podRequests with pod-level requests', () => {
  const containers: { requests: ResourceList }[] = [{ requests: { cpu: 500, memory: 50 * Mi } }, { requests: {} }];
  it('replaces the containers aggregate for the resources named, then adds overhead', () => {
    expect(podRequests({ initContainers: [], containers })).toEqual({ cpu: 500, memory: 50 * Mi });
    expect(podRequests({ initContainers: [], containers, resources: { requests: { cpu: 1000 } } })).toEqual({ cpu: 1000, memory: 50 * Mi });
    expect(podRequests({ initContainers: [], containers, resources: { requests: { cpu: 1000, memory: 100 * Mi } }, overhead: { cpu: 250 } })).toEqual({
      cpu: 1250,
      memory: 100 * Mi,
    });
  });
});

describe('a Deployment whose pods request 1 cpu at pod level (containers: 0.5) on a 2-cpu node', () => {
  const p = new Played(`${spec}---\n${DEPLOYMENT}`).runTo(30);

  it('fits two pods, not three: the third is Insufficient cpu (the containers alone would have fit all three)', () => {
    const pods = p.pods();
    expect(pods).toHaveLength(3);
    expect(pods.filter((x) => x.spec.nodeName === 'w-0')).toHaveLength(2);
    const pending = pods.find((x) => x.spec.nodeName === undefined)!;
    expect(p.eventsOf(pending.metadata.name).map(([t, r, m]) => [t, r, m])[0]).toEqual([
      0,
      'FailedScheduling',
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    ]);
  });
});

describe('the kubelet admits by pod-level requests', () => {
  const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  nodeName: w-0
  resources: {requests: {cpu: "1"}}
  containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 100m}}}]
`;
  it('rejects the third pod bound to the node: OutOfcpu', () => {
    const p = new Played(`${spec}---\n${pod('a')}---\n${pod('b')}---\n${pod('c')}`).runTo(10);
    expect(p.pod('c').status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu' });
    expect(p.pod('a').status.phase).not.toBe('Failed');
    expect(p.pod('b').status.phase).not.toBe('Failed');
  });
});

describe('pod-level resources validation', () => {
  const pod = (resources: string, containers = '[{name: c, image: busybox:1.36, resources: {requests: {cpu: 1500m, memory: 6Gi}}}]') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: ${resources}
  containers: ${containers}
`;
  const errors = (yaml: string) => loadText(`${spec}---\n${yaml}`).lines.filter((l) => l.includes('error'));

  it('refuses requests below the containers aggregate, as the API server words it', () => {
    expect(errors(pod('{requests: {cpu: "1", memory: 576Mi}}'))).toEqual([
      's.yml:11:26: error: The Pod "p" is invalid: spec.resources.requests[cpu]: Invalid value: "1": must be greater than or equal to aggregate container requests of 1500m',
      's.yml:11:36: error: The Pod "p" is invalid: spec.resources.requests[memory]: Invalid value: "576Mi": must be greater than or equal to aggregate container requests of 6Gi',
    ]);
  });

  it('counts init containers and sidecars as the scheduler does', () => {
    const containers = `[{name: c, image: busybox:1.36, resources: {requests: {cpu: 500m}}}]
  initContainers:
  - {name: side, image: busybox:1.36, restartPolicy: Always, resources: {requests: {cpu: 250m}}}
  - {name: init, image: busybox:1.36, resources: {requests: {cpu: "1"}}}`;
    // max(500m + 250m, 250m + 1) = 1250m
    expect(errors(pod('{requests: {cpu: 1200m}}', containers))).toEqual([
      's.yml:11:26: error: The Pod "p" is invalid: spec.resources.requests[cpu]: Invalid value: "1200m": must be greater than or equal to aggregate container requests of 1250m',
    ]);
    expect(errors(pod('{requests: {cpu: 1250m}}', containers))).toEqual([]);
  });

  it('refuses resources other than cpu, memory and hugepages, and requests above limits', () => {
    expect(errors(pod('{requests: {nvidia.com/gpu: 1}}', '[{name: c, image: busybox:1.36}]'))).toEqual([
      's.yml:11:26: error: The Pod "p" is invalid: spec.resources.requests[nvidia.com/gpu]: Unsupported value: "nvidia.com/gpu": supported values: "cpu", "hugepages-", "memory"',
    ]);
    expect(errors(pod('{requests: {gpu: 1, ephemeral-storage: 1Gi}}', '[{name: c, image: busybox:1.36}]'))).toEqual([
      's.yml:11:26: error: The Pod "p" is invalid: spec.resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      's.yml:11:34: error: The Pod "p" is invalid: spec.resources.requests[ephemeral-storage]: Unsupported value: "ephemeral-storage": supported values: "cpu", "hugepages-", "memory"',
    ]);
    expect(errors(pod('{requests: {cpu: "2"}, limits: {cpu: "1"}}', '[{name: c, image: busybox:1.36}]'))).toEqual([
      's.yml:11:15: error: The Pod "p" is invalid: spec.resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
  });

  it('refuses a container limit above the pod-level limit', () => {
    // The pod-level request defaults to the limit (1), below the container's request (defaulted to its limit, 2).
    expect(errors(pod('{limits: {cpu: "1"}}', '[{name: c, image: busybox:1.36, resources: {limits: {cpu: "2"}}}]'))).toEqual([
      's.yml:11:3: error: The Pod "p" is invalid: spec.resources.requests[cpu]: Invalid value: "1": must be greater than or equal to aggregate container requests of 2',
      's.yml:11:3: error: The Pod "p" is invalid: spec.resources.containers[0][cpu].limits: Invalid value: "2": must be less than or equal to pod limits of 1',
    ]);
  });

  it('defaults a missing pod-level request to the pod-level limit (defaultPodRequests)', () => {
    const { scenario } = loadText(`${spec}---\n${pod('{limits: {cpu: "2"}}', '[{name: c, image: busybox:1.36, resources: {requests: {cpu: 500m}}}]')}`);
    const m = scenario!.objects.find((o) => o.kind === 'Pod');
    expect(m?.kind === 'Pod' && m.template.spec.resources).toEqual({ requests: { cpu: 2000 }, limits: { cpu: 2000 } });
  });
});

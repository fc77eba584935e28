import { describe, expect, it } from 'vitest';
import { container, makePod, Mi, s, World } from './world.js';

const catalogue = new Map([
  ['a:1', 40 * Mi],
  ['b:1', 10 * Mi],
  ['c:1', 20 * Mi],
]);

/** worked-examples.md §2: registry 10Mi/s and 1 s latency, containers start in 1 s. */
function coldNode() {
  const w = new World({
    kubelet: { containerStartLatencyMs: s(1) },
    registry: { bandwidth: 10 * Mi, latencyMs: s(1) },
    catalogue,
  });
  w.addNode('n1');
  return w;
}

const twoContainers = () =>
  makePod('web', { containers: [container('app', { image: 'a:1' }), container('sidecar', { image: 'b:1' })] });

describe('two containers on a cold node (worked example §2)', () => {
  const w = coldNode();
  const pod = w.submit(twoContainers(), 'n1');
  w.run(20);

  it('pulls and starts the containers one after another', () => {
    expect(w.eventsOf('web')).toEqual([
      [0, 'Pulling', 'Pulling image "a:1"'],
      [5, 'Pulled', 'Successfully pulled image "a:1" in 5s (5s including waiting). Image size: 41943040 bytes.'],
      [6, 'Created', 'Created container: app'],
      [6, 'Started', 'Started container app'],
      [6, 'Pulling', 'Pulling image "b:1"'],
      [8, 'Pulled', 'Successfully pulled image "b:1" in 2s (2s including waiting). Image size: 10485760 bytes.'],
      [9, 'Created', 'Created container: sidecar'],
      [9, 'Started', 'Started container sidecar'],
    ]);
  });

  it('stays Pending while any container waits, Running at 9', () => {
    expect(w.transitions('web')).toEqual([[9, 'Pending', 'Running', 'Started']]);
    expect(pod.status.conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: s(9) });
  });

  it('gives the pod an IP from the node CIDR, a host IP and a start time', () => {
    expect(pod.status).toMatchObject({ podIP: '10.0.0.1', hostIP: '172.16.0.1', startTime: 0 });
  });
});

describe('the node pull queue (serializeImagePulls)', () => {
  it("serves a second pod's pull after the pull ahead of it, first come first served", () => {
    const w = coldNode();
    w.submit(twoContainers(), 'n1');
    w.submit(makePod('other', { containers: [container('c', { image: 'c:1' })] }), 'n1');
    w.run(30);
    // requested at 0 behind a:1 (0-5): c:1 is pulled 5-8; web's b:1, requested at 6, waits for it: 8-10.
    expect(w.eventsOf('other').slice(0, 2)).toEqual([
      [0, 'Pulling', 'Pulling image "c:1"'],
      [8, 'Pulled', 'Successfully pulled image "c:1" in 3s (8s including waiting). Image size: 20971520 bytes.'],
    ]);
    expect(w.times('web', 'Pulled', 'b:1')).toEqual([10]);
    expect(w.times('web', 'Started')).toEqual([6, 11]);
  });

  it('pulls in parallel when serializeImagePulls is false', () => {
    const w = new World({
      kubelet: { containerStartLatencyMs: s(1), serializeImagePulls: false },
      registry: { bandwidth: 10 * Mi, latencyMs: s(1) },
      catalogue,
    });
    w.addNode('n1');
    w.submit(twoContainers(), 'n1');
    w.submit(makePod('other', { containers: [container('c', { image: 'c:1' })] }), 'n1');
    w.run(30);
    expect(w.times('other', 'Pulled')).toEqual([3]);
    expect(w.times('web', 'Pulled')).toEqual([5, 8]);
  });

  it('caps parallel pulls at maxParallelImagePulls', () => {
    const w = new World({
      kubelet: { serializeImagePulls: false, maxParallelImagePulls: 2 },
      registry: { bandwidth: 10 * Mi, latencyMs: s(1) },
      catalogue,
    });
    w.addNode('n1');
    for (const [name, image] of [['p1', 'a:1'], ['p2', 'b:1'], ['p3', 'c:1']] as const) {
      w.submit(makePod(name, { containers: [container('c', { image })] }), 'n1');
    }
    w.run(30);
    // p1 (0-5) and p2 (0-2) at once; p3 takes p2's slot at 2: 2-5
    expect([w.times('p1', 'Pulled'), w.times('p2', 'Pulled'), w.times('p3', 'Pulled')]).toEqual([[5], [2], [5]]);
  });
});

describe('pull policies', () => {
  it('Always checks the manifest of a present image: registry latency, Pulling then Pulled', () => {
    const w = new World({ kubelet: { containerStartLatencyMs: s(1) }, registry: { latencyMs: s(1.5) } });
    w.addNode('n1', ['nginx:latest']);
    w.submit(makePod('web', { containers: [container('c', { image: 'nginx', pullPolicy: 'Always' })] }), 'n1');
    w.run(10);
    expect(w.eventsOf('web')).toEqual([
      [0, 'Pulling', 'Pulling image "nginx"'],
      [1.5, 'Pulled', 'Successfully pulled image "nginx" in 1.5s (1.5s including waiting). Image size: 104857600 bytes.'],
      [2.5, 'Created', 'Created container: c'],
      [2.5, 'Started', 'Started container c'],
    ]);
  });

  it('IfNotPresent with the image present costs nothing ("nginx" and "nginx:latest" are one image)', () => {
    const w = new World({ kubelet: { containerStartLatencyMs: s(1) } });
    w.addNode('n1', ['nginx']);
    w.submit(makePod('web', { containers: [container('c', { image: 'nginx:latest' })] }), 'n1');
    w.run(10);
    expect(w.times('web', 'Started')).toEqual([1]);
    expect(w.eventsOf('web')[0]).toEqual([0, 'Pulled', 'Container image "nginx:latest" already present on machine']);
  });

  it('knows an image by its full name too (docker.io/library/nginx:latest)', () => {
    const w = new World({ kubelet: { containerStartLatencyMs: s(1) } });
    w.addNode('n1', ['docker.io/library/nginx:latest']);
    w.submit(makePod('web', { containers: [container('c', { image: 'nginx' })] }), 'n1');
    w.run(10);
    expect(w.eventsOf('web')[0]).toEqual([0, 'Pulled', 'Container image "nginx" already present on machine']);
  });

  it('Never with the image absent: ErrImageNeverPull, the pod stays Pending', () => {
    const w = new World();
    w.addNode('n1');
    const pod = w.submit(makePod('web', { containers: [container('c', { image: 'x:1', pullPolicy: 'Never' })] }), 'n1');
    w.run(100);
    expect(w.eventsOf('web')).toEqual([
      [0, 'ErrImageNeverPull', 'Container image "x:1" is not present with pull policy of Never'],
      [0, 'Failed', 'Error: ErrImageNeverPull'],
    ]);
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.containerStatuses[0]?.state).toMatchObject({ state: 'waiting', reason: 'ErrImageNeverPull' });
  });

  it('Never with the image present starts it', () => {
    const w = new World({ kubelet: { containerStartLatencyMs: s(1) } });
    w.addNode('n1', ['x:1']);
    w.submit(makePod('web', { containers: [container('c', { image: 'x:1', pullPolicy: 'Never' })] }), 'n1');
    w.run(10);
    expect(w.times('web', 'Started')).toEqual([1]);
  });
});

describe('image pull failures (registry.failureRate 1)', () => {
  const w = new World({ registry: { latencyMs: s(1), failureRate: 1 } });
  w.addNode('n1');
  const pod = w.submit(makePod('web', { containers: [container('c', { image: 'a:1' })] }), 'n1');
  w.run(1000);

  it('retries 10, 20, 40 ... 300 s after each failure', () => {
    // each failing pull takes the registry latency (1 s)
    expect(w.times('web', 'Pulling')).toEqual([0, 11, 32, 73, 154, 315, 616, 917]);
  });

  it('reports ErrImagePull then ImagePullBackOff at each failure', () => {
    expect(w.eventsOf('web').slice(1, 5)).toEqual([
      [
        1,
        'Failed',
        'Failed to pull image "a:1": rpc error: code = Unavailable desc = failed to pull and unpack image "a:1": podsim: simulated registry failure (registry.failureRate)',
      ],
      [1, 'Failed', 'Error: ErrImagePull'],
      [1, 'BackOff', 'Back-off pulling image "a:1"'],
      [1, 'Failed', 'Error: ImagePullBackOff'],
    ]);
    expect(w.times('web', 'Failed', 'Error: ErrImagePull')).toEqual([1, 12, 33, 74, 155, 316, 617, 918]);
  });

  it('keeps the pod Pending in ImagePullBackOff', () => {
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.containerStatuses[0]?.state).toMatchObject({
      state: 'waiting',
      reason: 'ImagePullBackOff',
      message: expect.stringMatching(/^Back-off pulling image "a:1": ErrImagePull: rpc error/),
    });
  });

  it('keys the back-off per pod: a second pod pulls at once', () => {
    const w2 = new World({ registry: { latencyMs: s(1), failureRate: 1 } });
    w2.addNode('n1');
    w2.submit(makePod('p1', { containers: [container('c', { image: 'a:1' })] }), 'n1');
    w2.submit(makePod('p2', { containers: [container('c', { image: 'a:1' })] }, 'uid-2'), 'n1', 5);
    w2.run(20);
    expect(w2.times('p2', 'Pulling')).toEqual([5, 16]);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceRecorder } from '../../src/io/trace/recorder.js';
import { FACTS, Gi, makeNode, makePod, World } from './world.js';

function sampleTimes(csv: string): string[] {
  const times = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0] as string);
  return [...new Set(times)];
}

const rows = (world: World) => world.read('nodes.csv').trim().split('\n').slice(1);

describe('nodes.csv sampling, nodeSamples: all (every node at every sample time)', () => {
  it.each([
    { interval: 3000, end: 10_000, times: ['0.000', '3.000', '6.000', '9.000', '10.000'] },
    { interval: 3000, end: 9000, times: ['0.000', '3.000', '6.000', '9.000'] },
    { interval: 10_000, end: 0, times: ['0.000'] },
    { interval: 60_000, end: 1500, times: ['0.000', '1.500'] },
  ])('samples every $interval ms from 0 up to the end $end, plus the end itself', ({ interval, end, times }) => {
    const world = new World(interval, 'all');
    world.at(0, () => world.cluster.addNode(makeNode('n-0', 1000, Gi)));
    world.engine.run(end);
    world.recorder.finish(end, FACTS);
    expect(sampleTimes(world.read('nodes.csv'))).toEqual(times);
  });

  it('fills a quiet stretch with samples of the unchanged state, without engine events', () => {
    const world = new World(5000, 'all');
    const pod = makePod('p', { cpu: 250, memory: Gi, nodeName: 'n-0' });
    world.at(0, () => world.cluster.addNode(makeNode('n-0', 1000, 4 * Gi)));
    world.at(1000, () => world.cluster.createPod(pod));
    world.at(17_000, () => world.cluster.deletePod(pod));
    world.at(17_000, () => world.cluster.removePod(pod));
    world.engine.run(20_000);
    expect(world.engine.eventsProcessed).toBe(4);
    world.recorder.finish(20_000, FACTS);
    expect(world.read('nodes.csv').trim().split('\n').slice(1)).toEqual([
      `0.000,n-0,True,0,1000,0,${4 * Gi},0`,
      `5.000,n-0,True,250,1000,${Gi},${4 * Gi},1`,
      `10.000,n-0,True,250,1000,${Gi},${4 * Gi},1`,
      `15.000,n-0,True,250,1000,${Gi},${4 * Gi},1`,
      `20.000,n-0,True,0,1000,0,${4 * Gi},0`,
    ]);
  });

  it('shows a change made exactly at a sample time in that sample', () => {
    const world = new World(5000, 'all');
    world.at(5000, () => world.cluster.addNode(makeNode('n-0', 1000, Gi)));
    world.engine.run(5000);
    world.recorder.finish(5000, FACTS);
    expect(world.read('nodes.csv').trim().split('\n').slice(1)).toEqual([`5.000,n-0,True,0,1000,0,${Gi},0`]);
  });

  it('frees the requests of terminal pods once, and forgets removed nodes', () => {
    const world = new World(1000, 'all');
    const { cluster } = world;
    const a = makePod('a', { cpu: 100, memory: 10, nodeName: 'n-0' });
    const b = makePod('b', { cpu: 200, memory: 20, nodeName: 'n-1' });
    world.at(0, () => {
      cluster.addNode(makeNode('n-0', 1000, 1000, 0));
      cluster.addNode(makeNode('n-1', 1000, 1000, 1));
      cluster.createPod(a);
      cluster.createPod(b);
    });
    world.at(500, () => cluster.updatePodStatus(a, 'Succeeded', 'Completed'));
    world.at(600, () => cluster.deletePod(a));
    world.at(700, () => cluster.removeNode(cluster.node('n-1')!));
    world.at(1500, () => cluster.removePod(b));
    world.engine.run(2000);
    const summary = world.recorder.finish(2000, FACTS);
    expect(world.read('nodes.csv').trim().split('\n').slice(1)).toEqual([
      '0.000,n-0,True,100,1000,10,1000,1',
      '0.000,n-1,True,200,1000,20,1000,1',
      '1.000,n-0,True,0,1000,0,1000,0',
      '2.000,n-0,True,0,1000,0,1000,0',
    ]);
    // cpu: 300/2000 for 500 ms, 200/2000 for 200 ms, 0 after: (75 + 20) / 2000; memory: (7.5 + 2) / 2000
    // node-seconds: n-0 for 2 s, n-1 until its removal at 0.7 s
    expect(summary.nodes).toEqual({ total: 2, lost: 0, outages: [], cpu_requested_mean: 0.048, memory_requested_mean: 0.005, node_seconds: 2.7 });
    // pods created bound: latency 0, no scheduler attempt
    expect(summary.scheduling_latency_s).toEqual({ p50: 0, p95: 0, p99: 0, max: 0 });
    expect(world.read('pods.csv').split('\n')[1]).toBe('default,a,,,n-0,0.000,0.000,,0.500,0.600,Succeeded,Completed,0,,0');
  });

});

describe('nodes.csv sampling, nodeSamples: changes (the default)', () => {
  it('writes a node at a sample time only when its row changed since its last one, and every node at the end', () => {
    const world = new World(5000);
    const pod = makePod('p', { cpu: 250, memory: Gi, nodeName: 'n-0' });
    world.at(0, () => {
      world.cluster.addNode(makeNode('n-0', 1000, 4 * Gi, 0));
      world.cluster.addNode(makeNode('n-1', 1000, 4 * Gi, 1));
    });
    world.at(1000, () => world.cluster.createPod(pod));
    world.at(17_000, () => world.cluster.deletePod(pod));
    world.at(17_000, () => world.cluster.removePod(pod));
    world.engine.run(42_000);
    expect(world.engine.eventsProcessed).toBe(4);
    world.recorder.finish(42_000, FACTS);
    expect(rows(world)).toEqual([
      `0.000,n-0,True,0,1000,0,${4 * Gi},0`,
      `0.000,n-1,True,0,1000,0,${4 * Gi},0`,
      `5.000,n-0,True,250,1000,${Gi},${4 * Gi},1`,
      `20.000,n-0,True,0,1000,0,${4 * Gi},0`,
      `42.000,n-0,True,0,1000,0,${4 * Gi},0`,
      `42.000,n-1,True,0,1000,0,${4 * Gi},0`,
    ]);
  });

  it('writes nothing for a change undone before the next sample time, and reads back by forward fill as all does', () => {
    const changes = new World(1000);
    const all = new World(1000, 'all');
    for (const world of [changes, all]) {
      const a = makePod('a', { cpu: 100, memory: 10, nodeName: 'n-0' });
      const b = makePod('b', { cpu: 200, memory: 20, nodeName: 'n-1' });
      const { cluster } = world;
      world.at(0, () => {
        cluster.addNode(makeNode('n-0', 1000, 1000, 0));
        cluster.addNode(makeNode('n-1', 1000, 1000, 1));
      });
      world.at(200, () => cluster.createPod(a));
      world.at(300, () => cluster.updatePodStatus(a, 'Succeeded', 'Completed'));
      world.at(2500, () => cluster.createPod(b));
      world.at(3700, () => cluster.removeNode(cluster.node('n-1')!));
      world.at(4200, () => cluster.addNode(makeNode('n-2', 500, 500, 2)));
      world.engine.run(6500);
      world.recorder.finish(6500, FACTS);
    }
    expect(rows(changes)).toEqual([
      '0.000,n-0,True,0,1000,0,1000,0',
      '0.000,n-1,True,0,1000,0,1000,0',
      '3.000,n-1,True,200,1000,20,1000,1',
      '4.000,n-1,,0,0,0,0,0',
      '5.000,n-2,True,0,500,0,500,0',
      '6.500,n-0,True,0,1000,0,1000,0',
      '6.500,n-2,True,0,500,0,500,0',
    ]);
    const grid = [...new Set(rows(all).map((r) => r.split(',')[0]!))];
    expect(forwardFill(rows(changes), grid)).toEqual(rows(all));
  });

  it('writes a removal row at the end for a node removed since the last sample time', () => {
    const world = new World(10_000);
    world.at(0, () => world.cluster.addNode(makeNode('n-0', 1000, 1000, 0)));
    world.at(0, () => world.cluster.addNode(makeNode('n-1', 1000, 1000, 1)));
    world.at(3000, () => world.cluster.removeNode(world.cluster.node('n-0')!));
    world.at(4000, () => world.cluster.addNode(makeNode('n-9', 1000, 1000, 2)));
    world.at(4500, () => world.cluster.removeNode(world.cluster.node('n-9')!));
    world.engine.run(5000);
    world.recorder.finish(5000, FACTS);
    expect(rows(world)).toEqual(['0.000,n-0,True,0,1000,0,1000,0', '0.000,n-1,True,0,1000,0,1000,0', '5.000,n-0,,0,0,0,0,0', '5.000,n-1,True,0,1000,0,1000,0']);
  });

  it('writes one sample at 0 for a run that ends at 0', () => {
    const world = new World(10_000);
    world.at(0, () => world.cluster.addNode(makeNode('n-0', 1000, Gi)));
    world.engine.run(0);
    world.recorder.finish(0, FACTS);
    expect(rows(world)).toEqual([`0.000,n-0,True,0,1000,0,${Gi},0`]);
  });
});

/**
 * `changes` rows read as `all` would write them: at each sample time of
 * `times`, every node known so far with its last row, a removed node (empty
 * ready) dropped.
 */
function forwardFill(changeRows: string[], times: string[]): string[] {
  const last = new Map<string, string>();
  const out: string[] = [];
  for (const t of times) {
    for (const r of changeRows.filter((row) => row.split(',')[0] === t)) last.set(r.split(',')[1]!, r.split(',').slice(2).join(','));
    for (const [node, v] of last) if (!v.startsWith(',')) out.push(`${t},${node},${v}`);
  }
  return out;
}

describe('the recorder', () => {
  it('refuses a sampling interval that is not a whole positive number of ms', () => {
    const world = new World();
    expect(() => new TraceRecorder({ dir: world.dir, engine: world.engine, sampleIntervalMs: 0 })).toThrow(RangeError);
  });

  it('fails with OutputUnwritable when its folder is missing', () => {
    const world = new World();
    const dir = join(world.dir, 'gone');
    expect(() => new TraceRecorder({ dir, engine: world.engine, sampleIntervalMs: 1000 })).toThrow(
      expect.objectContaining({ code: 'OutputUnwritable', message: expect.stringContaining(join(dir, 'nodes.csv')) }),
    );
  });

  it('refuses to finish twice', () => {
    const world = new World();
    world.recorder.finish(0, FACTS);
    expect(() => world.recorder.finish(0, FACTS)).toThrow(/called twice/);
  });

  it('refuses to attach to a cluster that already has objects', () => {
    const world = new World();
    world.cluster.addNode(makeNode('n-0', 1, 1));
    expect(
      () => new TraceRecorder({ dir: world.dir, engine: world.engine, cluster: world.cluster, sampleIntervalMs: 1000 }),
    ).toThrow(/before the cluster has objects/);
  });
});

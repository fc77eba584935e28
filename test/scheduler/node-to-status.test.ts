import { describe, expect, it } from 'vitest';
import { NodeToStatus, newStatus } from '../../src/scheduler/framework.js';
import { NodeInfo } from '../../src/scheduler/nodeinfo.js';
import { defaultProfile } from '../../src/scheduler/profile.js';
import { Framework } from '../../src/scheduler/runtime.js';
import { schedulePod } from '../../src/scheduler/schedule-one.js';
import { ListSnapshot } from '../../src/scheduler/snapshot.js';
import { container, makeNode, makePod } from './world.js';

const cpu = newStatus('Unschedulable', 'Insufficient cpu');
const memory = newStatus('Unschedulable', 'Insufficient memory');

describe('NodeToStatus', () => {
  it('answers the same before and after its verdicts become a Map', () => {
    const s = new NodeToStatus();
    s.set('a', cpu);
    s.set('b', memory);
    expect(s.size).toBe(2);
    expect(s.get('b')).toBe(memory);
    expect(s.get('zzz').code).toBe('UnschedulableAndUnresolvable');
    expect([...s.entries()].map(([n]) => n)).toEqual(['a', 'b']);
    s.set('c', cpu);
    expect(s.size).toBe(3);
    expect([...s.entries()].map(([n, st]) => [n, st.reasons[0]])).toEqual([
      ['a', 'Insufficient cpu'],
      ['b', 'Insufficient memory'],
      ['c', 'Insufficient cpu'],
    ]);
  });

  it('after expectRepeats a node set again counts once and keeps its first place', () => {
    const s = new NodeToStatus();
    s.set('a', cpu);
    s.expectRepeats();
    s.set('b', cpu);
    s.set('a', memory);
    expect(s.size).toBe(2);
    expect([...s.entries()].map(([n, st]) => [n, st.reasons[0]])).toEqual([
      ['a', 'Insufficient memory'],
      ['b', 'Insufficient cpu'],
    ]);
  });

  it('a pod whose nominated node no longer fits: that node counts once in the nodes evaluated', () => {
    const nodes = ['n0', 'n1', 'n2'].map((name) => new NodeInfo(makeNode(name, { cpu: name === 'n1' ? 100 : 4000 })));
    const pod = makePod('p', { containers: [container('app', { cpu: 500 })] });
    pod.status.nominatedNodeName = 'n1';
    const cursor = { nextStartNodeIndex: 0, percentageOfNodesToScore: 100 };
    const result = schedulePod(new Framework(defaultProfile()), pod, new ListSnapshot(nodes), () => 0, cursor);
    expect(result).toMatchObject({ kind: 'scheduled', evaluatedNodes: 3, feasibleNodes: 2 });
    expect(cursor.nextStartNodeIndex).toBe(0);
  });
});

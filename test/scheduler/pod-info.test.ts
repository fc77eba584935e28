import { describe, expect, it } from 'vitest';
import { podInfo } from '../../src/scheduler/pod-info.js';
import { container, makePod } from './world.js';

/** The empty PodInfo every plain pod gets (no pod (anti-)affinity, no host port). */
const EMPTY = {
  requiredAffinityTerms: [],
  requiredAntiAffinityTerms: [],
  preferredAffinityTerms: [],
  preferredAntiAffinityTerms: [],
  hostPorts: [],
  hasAffinity: false,
};

const withPorts = (ports: { containerPort: number; hostPort?: number; protocol: 'TCP' | 'UDP' }[]) => ({ ...container('app', {}), ports });

describe('podInfo: plain pods are recognised without the per-pod cache', () => {
  it('a plain pod (node affinity only, container ports without host ports) gets the shared empty info', () => {
    const a = makePod('a', { affinity: { nodeAffinity: {} } });
    const b = makePod('b', { containers: [withPorts([{ containerPort: 80, protocol: 'TCP' }, { containerPort: 81, hostPort: 0, protocol: 'TCP' }])] });
    expect(podInfo(a)).toEqual(EMPTY);
    expect(podInfo(a)).toBe(podInfo(b));
  });

  it('a host port or pod (anti-)affinity takes the general path, computed once per pod', () => {
    const ports = makePod('p', { containers: [withPorts([{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }])] });
    expect(podInfo(ports).hostPorts).toEqual([{ hostIP: '', protocol: 'TCP', port: 8080 }]);
    expect(podInfo(ports).hasAffinity).toBe(false);
    expect(podInfo(ports)).toBe(podInfo(ports));
    const anti = makePod('q', {
      affinity: { podAntiAffinity: { required: [{ labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    });
    expect(podInfo(anti).hasAffinity).toBe(true);
    expect(podInfo(anti).requiredAntiAffinityTerms).toHaveLength(1);
    expect(podInfo(anti)).toBe(podInfo(anti));
    // An empty podAffinity still counts as affinity (NodeInfo.PodsWithAffinity), as before.
    expect(podInfo(makePod('r', { affinity: { podAffinity: {} } })).hasAffinity).toBe(true);
  });
});

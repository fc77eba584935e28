import type { Labels } from '../../model/meta.js';
import { UNHEALTHY_ZONE_THRESHOLD } from './constants.js';

export type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

const LABEL_ZONE = 'topology.kubernetes.io/zone';
const LABEL_REGION = 'topology.kubernetes.io/region';
const LABEL_ZONE_BETA = 'failure-domain.beta.kubernetes.io/zone';
const LABEL_REGION_BETA = 'failure-domain.beta.kubernetes.io/region';

/**
 * nodetopology.GetZoneKey (k8s.io/component-helpers/node/topology): region
 * and zone labels (the beta ones as fallbacks) joined as `region:\0:zone`;
 * "" when the node has neither.
 */
export function zoneKey(labels: Labels): string {
  const zone = labels[LABEL_ZONE] ?? labels[LABEL_ZONE_BETA] ?? '';
  const region = labels[LABEL_REGION] ?? labels[LABEL_REGION_BETA] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

/**
 * ComputeZoneState: no Ready node is full disruption; more than 2 not-Ready
 * nodes making at least unhealthy-zone-threshold of the zone (compared in
 * float32, as upstream) is partial disruption; otherwise normal.
 */
export function computeZoneState(size: number, notReady: number): ZoneState {
  const ready = size - notReady;
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  const share = Math.fround(Math.fround(notReady) / Math.fround(size));
  if (notReady > 2 && share >= Math.fround(UNHEALTHY_ZONE_THRESHOLD)) return 'PartialDisruption';
  return 'Normal';
}

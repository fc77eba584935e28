import type { Pod } from '../../model/pod.js';
import { MAX_NODE_SCORE, type CycleState, type ScorePlugin } from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import { normalizeImage } from '../../model/images.js';

const MB = 1024 * 1024;
/** minThreshold: below 23 MiB of images present, the score is 0. */
export const MIN_THRESHOLD = 23 * MB;
/** maxContainerThreshold: 1000 MiB per container scores 100. */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/**
 * ImageLocality (plugins/imagelocality/image_locality.go): the sizes of the
 * pod's images (init and app containers) already on the node, each scaled by
 * the share of nodes holding it (int64(size × numNodes/totalNodes)), summed,
 * clamped to [23 MiB, 1000 MiB × containers] and mapped linearly to 0..100.
 * podsim matches images by their normalised reference on both sides
 * (upstream's normalizedImageName only appends :latest) and takes sizes from
 * the registry catalogue.
 */
export class ImageLocality implements ScorePlugin {
  readonly name = 'ImageLocality';

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const snapshot = state.snapshot;
    const total = snapshot.nodes.length;
    const held = nodeImages(nodeInfo);
    let sum = 0;
    for (const c of [...pod.spec.initContainers, ...pod.spec.containers]) {
      const image = normalizeImage(c.image);
      if (!held.has(image)) continue;
      sum += Math.trunc(snapshot.imageSize(c.image) * (snapshot.imageNodes(c.image) / total));
    }
    return calculatePriority(sum, pod.spec.initContainers.length + pod.spec.containers.length);
  }
}

/** calculatePriority: the clamp and the linear map (integer division). */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.floor((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

const heldImages = new WeakMap<readonly string[], ReadonlySet<string>>();

function nodeImages(info: NodeInfo): ReadonlySet<string> {
  const list = info.node.images;
  let set = heldImages.get(list);
  if (!set) heldImages.set(list, (set = new Set(list.map(normalizeImage))));
  return set;
}

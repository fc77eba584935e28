import type { Pod } from '../../model/pod.js';
import { MAX_NODE_SCORE, stateKey, type CycleState, type PreScorePlugin, type ScorePlugin, type Status } from '../framework.js';
import type { NodeInfo } from '../nodeinfo.js';
import type { Snapshot } from '../snapshot.js';
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
export class ImageLocality implements PreScorePlugin, ScorePlugin {
  readonly name = 'ImageLocality';

  /**
   * Node-local: reads the pod's images (the node set's image spread counts as
   * the node list's). A lone container's key is its image; any other key is
   * the JSON of both image lists and a space, which no image ends in
   * (validation refuses trailing whitespace). Images may hold spaces inside,
   * so the lists are quoted, not joined.
   */
  equivalence(pod: Pod): string {
    const spec = pod.spec;
    if (spec.initContainers.length === 0 && spec.containers.length === 1) return (spec.containers[0] as { image: string }).image;
    return `${JSON.stringify([spec.initContainers.map((c) => c.image), spec.containers.map((c) => c.image)])} `;
  }

  /**
   * The pod's images held somewhere, with their scaled scores, once per
   * cycle; the same list again for pods with the same images while the node
   * list (and so the image spread, Snapshot.nodeListVersion) is unchanged.
   */
  preScore(state: CycleState, pod: Pod): Status | null {
    const snapshot = state.snapshot;
    const version = snapshot.nodeListVersion;
    if (version === undefined) {
      state.write(preScoreKey, scaledImages(snapshot, pod));
      return null;
    }
    if (version !== this.listsVersion || this.lists.size >= LIST_LIMIT) {
      this.lists.clear();
      this.listsVersion = version;
    }
    const key = this.equivalence(pod);
    let images = this.lists.get(key);
    if (images === undefined) this.lists.set(key, (images = scaledImages(snapshot, pod)));
    state.write(preScoreKey, images);
    return null;
  }

  /** preScore's lists by equivalence key, for the node list at listsVersion. */
  private readonly lists = new Map<string, readonly ScaledImage[]>();
  private listsVersion = -1;

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const images = state.read(preScoreKey);
    const containers = pod.spec.initContainers.length + pod.spec.containers.length;
    if (images === undefined) return 0;
    let sum = 0;
    let held: ReadonlySet<string> | undefined;
    for (const { image, scaled } of images) {
      if (scaled === 0) continue;
      held ??= nodeImages(nodeInfo);
      if (held.has(image)) sum += scaled;
    }
    return calculatePriority(sum, containers);
  }

  /** With no image of the pod held anywhere every node scores the same. */
  scoreNodes(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], scores: number[]): void {
    const images = state.read(preScoreKey);
    if (images === undefined || images.every((i) => i.scaled === 0)) {
      const containers = pod.spec.initContainers.length + pod.spec.containers.length;
      scores.fill(images === undefined ? 0 : calculatePriority(0, containers), 0, nodes.length);
      return;
    }
    for (let i = 0; i < nodes.length; i++) scores[i] = this.score(state, pod, nodes[i] as NodeInfo);
  }
}

/** calculatePriority: the clamp and the linear map (integer division). */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.floor((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/** One of the pod's images (normalised) and its size scaled by the share of nodes holding it. */
interface ScaledImage {
  readonly image: string;
  readonly scaled: number;
}

/** The pod's images, init containers first, each scaled by its spread over the snapshot's nodes. */
function scaledImages(snapshot: Snapshot, pod: Pod): ScaledImage[] {
  const total = snapshot.nodes.length;
  const images: ScaledImage[] = [];
  for (const containers of [pod.spec.initContainers, pod.spec.containers]) {
    for (const c of containers) {
      const nodes = snapshot.imageNodes(c.image);
      images.push({ image: normalized(c.image), scaled: nodes === 0 ? 0 : Math.trunc(snapshot.imageSize(c.image) * (nodes / total)) });
    }
  }
  return images;
}

/** preScore's lists kept per plugin before they are dropped and made afresh. */
const LIST_LIMIT = 1024;

const preScoreKey = stateKey<readonly ScaledImage[]>('PreScoreImageLocality');
const names = new Map<string, string>();

/** normalizeImage, memoised (image references repeat across pods). */
function normalized(image: string): string {
  let n = names.get(image);
  if (n === undefined) names.set(image, (n = normalizeImage(image)));
  return n;
}

const heldImages = new WeakMap<readonly string[], ReadonlySet<string>>();

function nodeImages(info: NodeInfo): ReadonlySet<string> {
  const list = info.node.images;
  let set = heldImages.get(list);
  if (!set) heldImages.set(list, (set = new Set(list.map(normalized))));
  return set;
}

import type { Engine } from '../engine/engine.js';
import type { Rng } from '../engine/random.js';
import type { Millis } from '../model/meta.js';
import type { Container, Pod } from '../model/pod.js';
import type { KubeletConfig, RegistryConfig } from '../model/scenario.js';
import { Backoff } from './backoff.js';
import { normalizeImage } from '../model/images.js';
import * as msg from './messages.js';
import { PullQueue, type PullJob } from './pull-queue.js';

export type EventType = 'Normal' | 'Warning';
/** Records a kubelet event about `pod` (the node's EventRecorder). */
export type PodRecorder = (pod: Pod, type: EventType, reason: string, message: string) => void;

export type EnsureResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: msg.ImageError; readonly message: string };

export interface ImageManagerOptions {
  readonly engine: Engine;
  readonly config: KubeletConfig;
  readonly registry: RegistryConfig;
  /** The registry's catalogue: image -> size in bytes. */
  readonly catalogue: ReadonlyMap<string, number>;
  /** The `pulls` stream: one draw per pull when 0 < failureRate. */
  readonly pulls: Rng;
  /** Images present when the node starts. */
  readonly initialImages: readonly string[];
  readonly record: PodRecorder;
}

/** A pull handed to the node's puller; cancel drops it if it has not begun. */
export interface PullTicket {
  cancel(): void;
}

/**
 * A node's image store and puller, as kubelet's imageManager.EnsureImageExists:
 * pull policy, per pod+image back-off (key `<podUID>_<image>`, measured from the
 * last failure), the pull queue and pull costs (spec/scenario.md):
 * present + IfNotPresent/Never = 0; Always = registry.latency (manifest check);
 * missing = latency + ceil(size × 1000 / bandwidth) ms. Presence is judged when
 * the pull leaves the queue. A failing pull fails after registry.latency.
 */
export class ImageManager {
  private readonly present = new Set<string>();
  /** The catalogue by normalized image: one copy shared by every node's manager (normalizedCatalogue). */
  private readonly sizes: ReadonlyMap<string, number>;
  private backoff: Backoff;
  /** The last pull error by back-off key; made at the first failure (most nodes never have one). */
  private prevPullError: Map<string, string> | undefined;
  private queue: PullQueue;
  /** Bumped by `crash`: a pull begun before it leaves no image behind. */
  private generation = 0;

  constructor(private readonly o: ImageManagerOptions) {
    for (const image of o.initialImages) this.present.add(normalizeImage(image));
    this.sizes = normalizedCatalogue(o.catalogue);
    this.backoff = newPullBackoff(o.config);
    this.queue = newPuller(o);
  }

  /**
   * The node went down: pulls under way or waiting are lost (their owners
   * cancel their tickets; a half-pulled image is not kept) and so is the
   * kubelet's in-memory back-off. Images already pulled stay on disk.
   */
  crash(): void {
    this.generation++;
    this.queue = newPuller(this.o);
    this.backoff = newPullBackoff(this.o.config);
    this.prevPullError = undefined;
  }

  /** Whether the node holds `image` (`nginx` and `nginx:latest` are one image). */
  has(image: string): boolean {
    return this.present.has(normalizeImage(image));
  }

  /** Bytes of `image`: the catalogue's size, else registry.defaultImageSize. */
  sizeOf(image: string): number {
    return this.sizes.get(normalizeImage(image)) ?? this.o.registry.defaultImageSize;
  }

  /** When the pull back-off of `container` in `pod` ends (undefined if it has none). */
  backOffExpiry(pod: Pod, container: Container): Millis | undefined {
    return this.backoff.expiresAt(backoffKey(pod, container));
  }

  /**
   * Makes sure `container`'s image is on the node, recording the kubelet's
   * events. `done` runs synchronously when no pull is needed (or allowed),
   * else when the pull ends; the ticket cancels a pull that has not begun.
   */
  ensureImage(pod: Pod, container: Container, done: (r: EnsureResult) => void): PullTicket | undefined {
    const { image, imagePullPolicy: policy } = container;
    const present = this.has(image);
    if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
      if (present) {
        this.o.record(pod, 'Normal', msg.REASON.Pulled, msg.imageAlreadyPresent(image));
        done({ ok: true });
      } else {
        const message = msg.imageNeverPull(image);
        this.o.record(pod, 'Warning', msg.REASON.ErrImageNeverPull, message);
        done({ ok: false, reason: msg.WAITING.ErrImageNeverPull, message });
      }
      return undefined;
    }
    const backOff = this.backOffPulling(pod, container);
    if (backOff) {
      done(backOff);
      return undefined;
    }
    const key = backoffKey(pod, container);
    this.prevPullError?.delete(key);
    this.o.record(pod, 'Normal', msg.REASON.Pulling, msg.pullingImage(image));
    return this.pull(pod, container, key, this.o.engine.now, done);
  }

  /**
   * While `container`'s image of `pod` is in pull back-off: records BackOff
   * and returns ImagePullBackOff (its message wraps the last pull error).
   * Undefined when a pull may go ahead.
   */
  backOffPulling(pod: Pod, container: Container): Extract<EnsureResult, { ok: false }> | undefined {
    const key = backoffKey(pod, container);
    if (!this.backoff.isInBackOffSinceUpdate(key, this.o.engine.now)) return undefined;
    const base = msg.backOffPullingImage(container.image);
    this.o.record(pod, 'Normal', msg.REASON.BackOff, base);
    const prev = this.prevPullError?.get(key);
    return { ok: false, reason: msg.WAITING.ImagePullBackOff, message: prev ? `${base}: ${prev}` : base };
  }

  private pull(pod: Pod, container: Container, key: string, requested: Millis, done: (r: EnsureResult) => void): PullTicket {
    const { engine, registry } = this.o;
    const image = container.image;
    let began = requested;
    let fails = false;
    const generation = this.generation;
    const job: PullJob = {
      cancelled: false,
      begin: () => {
        began = engine.now;
        fails = registry.failureRate > 0 && this.o.pulls() < registry.failureRate;
        if (fails || this.has(image)) return registry.latencyMs;
        return registry.latencyMs + Math.ceil((this.sizeOf(image) * 1000) / registry.bandwidth);
      },
      end: () => {
        if (generation !== this.generation) return;
        if (!fails) this.present.add(normalizeImage(image));
        if (job.cancelled) return;
        if (fails) this.pullFailed(pod, container, key, done);
        else {
          const now = engine.now;
          this.o.record(pod, 'Normal', msg.REASON.Pulled, msg.pulledImage(image, now - began, now - requested, this.sizeOf(image)));
          done({ ok: true });
        }
      },
    };
    this.queue.push(job);
    return { cancel: () => (job.cancelled = true) };
  }

  private pullFailed(pod: Pod, container: Container, key: string, done: (r: EnsureResult) => void): void {
    const err = msg.simulatedPullError(container.image);
    this.o.record(pod, 'Warning', msg.REASON.Failed, msg.failedToPullImage(container.image, err));
    this.backoff.next(key, this.o.engine.now, this.o.engine.now);
    (this.prevPullError ??= new Map()).set(key, `${msg.WAITING.ErrImagePull}: ${err}`);
    done({ ok: false, reason: msg.WAITING.ErrImagePull, message: err });
  }
}

/** Each catalogue keyed by normalizeImage (a later duplicate wins, as it would in a per-node copy), made once per catalogue. */
const normalizedCatalogues = new WeakMap<ReadonlyMap<string, number>, ReadonlyMap<string, number>>();

function normalizedCatalogue(catalogue: ReadonlyMap<string, number>): ReadonlyMap<string, number> {
  let sizes = normalizedCatalogues.get(catalogue);
  if (sizes === undefined) {
    const made = new Map<string, number>();
    for (const [image, size] of catalogue) made.set(normalizeImage(image), size);
    normalizedCatalogues.set(catalogue, (sizes = made));
  }
  return sizes;
}

function newPullBackoff(config: KubeletConfig): Backoff {
  return new Backoff(config.imagePullBackoff.initialMs, config.imagePullBackoff.maxMs);
}

/** The node's puller: serialized, or at most maxParallelImagePulls at once (unlimited when unset). */
function newPuller(o: ImageManagerOptions): PullQueue {
  const limit = o.config.serializeImagePulls ? 1 : (o.config.maxParallelImagePulls ?? Infinity);
  return new PullQueue(o.engine, limit);
}

/** Upstream: fmt.Sprintf("%s_%s", pod.UID, image), the image as written. */
function backoffKey(pod: Pod, container: Container): string {
  return `${pod.metadata.uid}_${container.image}`;
}

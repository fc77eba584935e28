/**
 * The name the node's image store knows an image by: the reference with the
 * default tag applied when it has neither tag nor digest (`nginx` ->
 * `nginx:latest`), as kubelet's `applyDefaultImageTag`
 * (pkg/kubelet/images/image_manager.go). The registry host and `library/`
 * prefix are not expanded: `nginx` and `docker.io/library/nginx` stay distinct.
 *
 * A local helper until src/model/images.ts offers the same normalisation.
 */
export function normalizeImage(image: string): string {
  if (image.includes('@')) return image;
  const lastSlash = image.lastIndexOf('/');
  const hasTag = image.indexOf(':', lastSlash + 1) >= 0;
  return hasTag ? image : `${image}:latest`;
}

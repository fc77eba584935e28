/**
 * The V8 flags podsim runs under: bin.ts's `#!` line passes them to node
 * (test/cli/node-flags.test.ts keeps the two equal), and `podsim bench`
 * starts its suites with them, so the bench measures the runtime users get.
 *
 * Semi-spaces of 64 MB instead of node's 16 MB: a simulation holds thousands
 * of live pods, and every scavenge copies each young one. With a larger young
 * generation, scavenges are a quarter as frequent, the pods are copied fewer
 * times, and fewer short-lived objects reach the old generation to be
 * marked there (SchedulingBasic: about 40 % fewer instructions; bench/README.md).
 * The space is committed only as the young generation grows into it.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

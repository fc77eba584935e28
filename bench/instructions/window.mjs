// The SchedulingBasic measured window, for counting its instructions under callgrind (count.sh).
// node window.mjs DIST WARM RUNS: WARM unmeasured runs, then RUNS runs whose window (the measured
// pods created and scheduled) is bracketed by START / END lines and a 5-s pause on each side, so
// count.sh can switch callgrind's instrumentation on and off around it.
const D = process.argv[2] + '/';
const warm = Number(process.argv[3] ?? 6);
const runs = Number(process.argv[4] ?? 2);
const { Cluster } = await import(D + 'src/api/cluster.js');
const { Engine } = await import(D + 'src/engine/engine.js');
const { RandomStreams } = await import(D + 'src/engine/random.js');
const { defaultProfile } = await import(D + 'src/scheduler/profile.js');
const { Scheduler } = await import(D + 'src/scheduler/scheduler.js');
const { WORKLOADS, makeNodes, makePods } = await import(D + 'bench/scheduler/workloads.js');
const w = WORKLOADS.find((x) => x.name === (process.env.WORKLOAD ?? 'SchedulingBasic'));
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
let bound = 0;
for (let i = 0; i < warm + runs; i++) {
  const engine = new Engine();
  const cluster = new Cluster(engine);
  for (const node of makeNodes(w)) cluster.addNode(node);
  const scheduler = new Scheduler({ cluster, engine, streams: new RandomStreams(1), profiles: [{ ...defaultProfile(), percentageOfNodesToScore: 0 }] });
  cluster.watch(scheduler);
  for (const pod of makePods(w.initTemplate, w.initNamespace, 'init', w.initPods)) cluster.createPod(pod);
  engine.run(engine.now + 60_000);
  const measured = makePods(w.measureTemplate, w.measureNamespace, 'measure', w.measurePods);
  const counted = i >= warm;
  if (counted) (console.log('START'), pause(5000));
  for (const pod of measured) cluster.createPod(pod);
  engine.run(engine.now + 60_000);
  if (counted) (console.log('END'), pause(5000));
  if (counted) bound += measured.filter((p) => p.spec.nodeName !== undefined).length;
}
console.log('bound', bound);

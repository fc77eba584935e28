// The SchedulingBasic measured window, for counting its instructions under callgrind (count.sh).
// node window.mjs DIST WARM RUNS: WARM unmeasured runs of measurePodsim, then RUNS runs whose window
// (the measured pods created and scheduled) is bracketed by START / END lines and a 5-s pause on each
// side, so count.sh can switch callgrind's instrumentation on and off around it.
const D = process.argv[2] + '/';
const warm = Number(process.argv[3] ?? 6);
const runs = Number(process.argv[4] ?? 2);
const { measurePodsim } = await import(D + 'bench/scheduler/measure.js');
const { WORKLOADS } = await import(D + 'bench/scheduler/workloads.js');
const w = WORKLOADS.find((x) => x.name === (process.env.WORKLOAD ?? 'SchedulingBasic'));
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const marked = {
  opening: () => (console.log('START'), pause(5000)),
  closed: () => (console.log('END'), pause(5000)),
};
let bound = 0;
for (let i = 0; i < warm; i++) measurePodsim(w, 0);
for (let i = 0; i < runs; i++) bound += measurePodsim(w, 0, marked).scheduled;
console.log('bound', bound);

// The course's alloc.js (data/trace-gc/alloc.js) with one addition: a progress report, so that a run
// killed by V8's heap limit shows how far it got.
// usage: node [flags] alloc.js N K [P] [S]
//   N arrays of 16 small integers; K=0 keeps none, else every K-th is kept alive;
//   P > 0 writes "PROGRESS i" to stderr before array i for every i divisible by P (one short string
//   per P arrays, so the heap sees almost the same program);
//   S (default 16) makes each array S small integers instead: the same array literal, S elements long
//   (48 + 8 x S bytes on the heap), built once as a function so the loop is the same program.
const v8 = require('v8');
const fs = require('fs');
const N = Number(process.argv[2] || 1e7);
const K = Number(process.argv[3] || 0);
const P = Number(process.argv[4] || 0);
const S = Number(process.argv[5] || 16);
// [i, i, ..., i] with S elements, PACKED_SMI_ELEMENTS like the 16-element literal below.
const make = S === 16 ? null : new Function('i', 'return [' + Array(S).fill('i').join(', ') + '];');
let sink;                // global sink defeats escape analysis; only last object survives
const keep = [];
const mu0 = process.memoryUsage();
const t0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) {
  if (P && i % P === 0) fs.writeSync(2, 'PROGRESS ' + i + '\n');
  const a = make === null ? [i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i] : make(i); // 16 smis, PACKED_SMI_ELEMENTS
  sink = a;
  if (K && i % K === 0) keep.push(a);
}
const t1 = process.hrtime.bigint();
const mu1 = process.memoryUsage();
console.log('RESULT ' + JSON.stringify({N, K, S, retained: keep.length, ms: Number(t1 - t0) / 1e6,
  before: mu0, after: mu1,
  spaces: v8.getHeapSpaceStatistics().map(s => [s.space_name, s.space_size, s.space_used_size])}));

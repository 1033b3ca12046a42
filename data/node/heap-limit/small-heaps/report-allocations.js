// alloc.js's loop (../../lab/alloc.js) and nothing after it but a full collection, so that node's
// --trace-allocations-origins prints, once, how many objects each space got from each origin by the end of
// the loop. Run with --expose-gc. The loop is alloc.js's, character for character; its closing RESULT line
// is left out because printing it compiles and allocates more.
// usage: node --expose-gc --trace-allocations-origins [flags] report-allocations.js N K P [S]
const fs = require('fs');
const N = Number(process.argv[2] || 1e7);
const K = Number(process.argv[3] || 0);
const P = Number(process.argv[4] || 0);
const S = Number(process.argv[5] || 16);
const make = S === 16 ? null : new Function('i', 'return [' + Array(S).fill('i').join(', ') + '];');
let sink;
const keep = [];
for (let i = 0; i < N; i++) {
  if (P && i % P === 0) fs.writeSync(2, 'PROGRESS ' + i + '\n');
  const a = make === null ? [i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i] : make(i); // 16 smis, PACKED_SMI_ELEMENTS
  sink = a;
  if (K && i % K === 0) keep.push(a);
}
gc();

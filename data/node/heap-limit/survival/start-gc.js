// What of V8's heap is still alive when alloc.js's loop starts: the same requires as alloc.js, the
// heap-space statistics, then a full collection (gc(), so run with --expose-gc) and the statistics again.
// usage: node --expose-gc start-gc.js > start-gc.txt
const v8 = require('v8');
const fs = require('fs');
const print = () => {
  for (const s of v8.getHeapSpaceStatistics()) fs.writeSync(1, `${s.space_name} used ${s.space_used_size} size ${s.space_size}\n`);
};
print();
global.gc();
fs.writeSync(1, '-- after gc()\n');
print();

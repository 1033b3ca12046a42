// What V8's heap holds when alloc.js's loop starts: the same requires as alloc.js, then the heap-space
// statistics. usage: node start-spaces.js > start-spaces.txt
const v8 = require('v8');
const fs = require('fs');
for (const s of v8.getHeapSpaceStatistics()) fs.writeSync(1, `${s.space_name} used ${s.space_used_size} size ${s.space_size}\n`);

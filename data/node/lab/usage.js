// process.memoryUsage() and process.cpuUsage() from inside a node process, sampled while it does
// things that move them. Run with --expose-gc.
// usage: node --expose-gc usage.js HEAP_MIB BUFFER_MIB THREADS BUSY_MS
//   1. builds HEAP_MIB of small JS objects (heapUsed), 2. allocates a BUFFER_MIB Buffer and then writes it
//   (arrayBuffers, external, rss), 3. drops both and calls gc(), 4. spins the main thread for BUSY_MS,
//   5. hashes on THREADS threads of libuv's pool for about BUSY_MS (CPU time grows faster than the clock).
// Prints one line per sample:
//   SAMPLE {"t": ms since start, "label": ..., "memoryUsage": {...}, "cpuUsage": {"user": µs, "system": µs}, "wallMs": ...}
const crypto = require('crypto');
const heapMiB = Number(process.argv[2] || 32);
const bufferMiB = Number(process.argv[3] || 64);
const threads = Number(process.argv[4] || 2);
const busyMs = Number(process.argv[5] || 300);

const t0 = performance.now();
const cpu0 = process.cpuUsage();
function sample(label, extra) {
  console.log('SAMPLE ' + JSON.stringify({ t: Math.round(performance.now() - t0), label, memoryUsage: process.memoryUsage(),
    cpuUsage: process.cpuUsage(cpu0), wallMs: performance.now() - t0, ...extra }));
}

sample('start');
let objects = [];
for (let i = 0; i < heapMiB * 1048576 / 64; i++) objects.push({ id: i, name: 'object', next: null });   // about 64 bytes each with the array slot
sample(`${heapMiB} MiB of JS objects built`);
let buffer = Buffer.alloc(bufferMiB * 1048576);
sample(`Buffer.alloc(${bufferMiB} MiB): zeroed, not yet written`);
for (let i = 0; i < buffer.length; i += 4096) buffer[i] = 1;
sample('every page of the Buffer written');
objects = null;
buffer = null;
gc();
sample('both dropped, gc()');

const spinStart = performance.now();
let x = 0;
while (performance.now() - spinStart < busyMs) x += Math.sqrt(x + 1);
sample(`main thread spun ${busyMs} ms`);

// Keep THREADS threads of the pool busy for about BUSY_MS: each runs short hashing jobs (about 10 ms of
// work, measured on the main thread first) one after the other until the time is up.
const probeStart = performance.now();
crypto.pbkdf2Sync('password', 'salt', 2000, 64, 'sha512');
const perMs = 2000 / Math.max(0.05, performance.now() - probeStart);
const iterations = Math.max(100, Math.round(perMs * 10));
const poolStart = performance.now();
const cpuBefore = process.cpuUsage();
let running = threads;
function hash(i) {
  crypto.pbkdf2('password', 'salt' + i, iterations, 64, 'sha512', () => {
    if (performance.now() - poolStart < busyMs) return hash(i);
    if (--running > 0) return;
    const used = process.cpuUsage(cpuBefore);
    sample(`${threads} pool threads hashed`, { poolWallMs: performance.now() - poolStart, poolCpuMs: (used.user + used.system) / 1000, threads });
  });
}
for (let i = 0; i < threads; i++) hash(i);

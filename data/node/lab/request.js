// Seed 004's request, on loopback: one HTTP response of MIB mebibytes, held by the client in 32 MiB
// Buffers (ArrayBuffer memory, outside V8's heap), with process.memoryUsage() sampled before, during and
// after. A 32 MiB block is above the largest mmap threshold glibc ever uses, so each block gets pages of
// its own from the kernel and freeing it gives them back at once (smaller blocks may come from malloc's
// heap, which keeps freed memory: chapter 08, mechanism 2).
// usage: node request.js MIB [RECORDS]   (RECORDS: JS objects built from the body afterwards, default 500000)
//   The server is a child node process on 127.0.0.1 (a free port); this process is the client, as the
//   seed's web app was while it waited for the GPT API. It prints one line per sample:
//   SAMPLE {"t": ms since start, "label": ..., "memoryUsage": {...}, "cpuUsage": {...}, "receivedMiB": ...}
const http = require('http');
const { fork } = require('child_process');

if (process.argv[2] === 'serve') {
  // The server: 64 KiB writes of the same filled buffer, MIB in total.
  const mib = Number(process.argv[3]), chunk = Buffer.alloc(Number(process.argv[4]) * 1024, 'x');
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': mib * 1048576 });
    let left = mib * 1048576;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
  return;
}

const mib = Number(process.argv[2] || 300);
const records = Number(process.argv[3] || 500000);
const chunkKiB = 64;
const BLOCK = 32 * 1048576;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
function sample(label, extra) {
  console.log('SAMPLE ' + JSON.stringify({ t: Math.round(performance.now() - t0), label, memoryUsage: process.memoryUsage(),
    cpuUsage: process.cpuUsage(cpu0), ...extra }));
}

sample('before the request');
const server = fork(__filename, ['serve', String(mib), String(chunkKiB)]);
server.once('message', ({ port }) => {
  sample('server ready');
  const chunks = [];                      // the body so far, in 32 MiB blocks
  let block = null, used = 0, received = 0, nextSample = 32;
  http.get({ host: '127.0.0.1', port, path: '/' }, res => {
    res.on('data', c => {
      for (let at = 0; at < c.length;) {   // copy the socket's piece into the current block
        if (block === null || used === block.length) { block = Buffer.allocUnsafeSlow(BLOCK); used = 0; chunks.push(block); }
        const n = c.copy(block, used, at);
        used += n; at += n;
      }
      received += c.length;
      if (received >= nextSample * 1048576) { sample('receiving', { receivedMiB: received / 1048576 }); nextSample += 32; }
    });
    res.on('end', () => {
      sample('response complete: blocks held', { receivedMiB: received / 1048576, blocks: chunks.length });
      // Like the seed's app after the GPT response: keep the body as one buffer, let the blocks go, and
      // build JS objects from it. Building them fills the JS heap (heapUsed rises); the collections that
      // causes also find the dropped blocks, whose memory goes back to the OS.
      const body = Buffer.concat(chunks, received);
      chunks.length = 0;
      block = null;
      sample('body joined into one buffer, blocks dropped', { receivedMiB: received / 1048576 });
      const parsed = [];
      for (let i = 0; i < records; i++) parsed.push({ index: i, text: body.toString('latin1', (i * 16) % (body.length - 16), (i * 16) % (body.length - 16) + 16) });
      sample('objects built from the body', { receivedMiB: received / 1048576, objects: parsed.length });
      server.disconnect();
      let n = 0;
      const timer = setInterval(() => {
        sample('later (' + (++n * 100) + ' ms)', { receivedMiB: received / 1048576, bodyMiB: body.length / 1048576, objects: parsed.length });
        if (n === 5) { clearInterval(timer); parsed.length = parsed.length; }
      }, 100);
    });
  });
});

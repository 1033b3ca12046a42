// The executed book's Korean font: Noto Sans KR (regular and bold, from @fontsource/noto-sans-kr, SIL Open Font
// License 1.1), cut down to the Hangul the course uses, so the book renders Korean terms on a machine without a
// Korean font of its own. Run by the engine's build (BookAssets.targets) whenever a source of course text changes:
//
//   node subset-korean-font.mjs SOURCES.txt OUTDIR
//
// SOURCES.txt lists the files whose Hangul goes into the font (one path a line: the notebooks, data/*.csv and the
// models' sources); OUTDIR receives noto-sans-kr-course-400.woff2, noto-sans-kr-course-700.woff2 and the licence.
import { readFile, writeFile, mkdir, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import subsetFont from 'subset-font';
import fontverter from 'fontverter';
import * as hb from 'harfbuzzjs';

const require = createRequire(import.meta.url);
const [sourcesFile, outDir] = process.argv.slice(2);
if (!sourcesFile || !outDir) {
  console.error('usage: node subset-korean-font.mjs SOURCES.txt OUTDIR');
  process.exit(2);
}

// Hangul Jamo, Hangul Compatibility Jamo, Hangul Syllables: the same ranges as the book's @font-face unicode-range.
const hangul = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/gu;
const sources = (await readFile(sourcesFile, 'utf8')).split('\n').map(s => s.trim()).filter(Boolean);
const used = new Set();
for (const file of sources) for (const c of (await readFile(file, 'utf8')).match(hangul) ?? []) used.add(c);
const text = [...used].sort().join('');

const packageDir = path.dirname(require.resolve('@fontsource/noto-sans-kr/package.json'));
await mkdir(outDir, { recursive: true });
for (const weight of [400, 700]) {
  const original = await readFile(path.join(packageDir, 'files', `noto-sans-kr-korean-${weight}-normal.woff2`));
  const subset = await subsetFont(original, text, { targetFormat: 'truetype' });
  // Every Hangul character of the course must be in the subset; a character the font lacks is an error, not a box.
  const covered = new Set(new hb.Face(new hb.Blob(subset)).collectUnicodes());
  const missing = [...used].filter(c => !covered.has(c.codePointAt(0)));
  if (missing.length > 0) throw new Error(`Noto Sans KR ${weight} has no glyph for ${missing.join(' ')}`);
  const woff2 = await fontverter.convert(subset, 'woff2');
  await writeFile(path.join(outDir, `noto-sans-kr-course-${weight}.woff2`), woff2);
  console.log(`noto-sans-kr-course-${weight}.woff2: ${used.size} Hangul characters from ${sources.length} files, ${woff2.length} bytes`);
}
await copyFile(path.join(packageDir, 'LICENSE'), path.join(outDir, 'noto-sans-kr-OFL.txt'));

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Export;

namespace MemoryCourse.Notebooks.Tests.Export;

/// <summary>
/// Looks at a page of the executed book in headless Chromium: a copy of the page, beside it (so it finds
/// plotly.js and the fonts as the page does), gets a script that waits for the charts and the fonts, then writes
/// what it saw into the DOM, which <see cref="Chromium.DumpDom"/> returns. It reports each chart's traces with the
/// colours plotly drew them in, and how the page's Korean text is set.
/// </summary>
internal static partial class BookProbe
{
    public sealed record Trace(string? Name, string Type, string? Colour, string? Dash);

    /// <param name="Marks">What plotly drew for the data: points, line pieces, bars, rectangles.</param>
    /// <param name="SaysWhyEmpty">The chart shows the course's "Nothing to show: ..." note.</param>
    /// <param name="Overflows">Texts of the chart (tick labels, axis titles, legend, title) that stick out of its box or that an axis title covers.</param>
    /// <param name="TitleUnderToolbar">The title overlaps plotly's toolbar.</param>
    /// <param name="LegendOverPlot">The legend sits on the plot instead of beside it.</param>
    public sealed record Chart(string Title, IReadOnlyList<Trace> Traces, int Marks = 0, bool SaysWhyEmpty = false,
        IReadOnlyList<string>? Overflows = null, bool TitleUnderToolbar = false, bool LegendOverPlot = false);

    /// <param name="Text">Every Hangul character of the page's text, once each.</param>
    /// <param name="Faces">The font faces <c>document.fonts.load</c> gave for that text, regular and bold ("family weight status").</param>
    /// <param name="NotFirst">Text with Hangul whose font list does not start with the Korean font (element, font list, text).</param>
    /// <param name="Blank">Characters the Korean font draws as nothing.</param>
    /// <param name="SameAsMissingFont">Characters the Korean font draws exactly as a font that does not exist would (the system's fallback).</param>
    /// <param name="MissingFontShapes">
    /// How many different shapes the characters take in a font that does not exist: 1 when they all fall back to the same empty box.
    /// </param>
    /// <param name="ShippedShapes">How many different shapes the characters take in the Korean font.</param>
    public sealed record Korean(string Text, IReadOnlyList<string> Faces, IReadOnlyList<string> NotFirst, IReadOnlyList<string> Blank,
        IReadOnlyList<string> SameAsMissingFont, int MissingFontShapes, int ShippedShapes);

    /// <param name="Title">The chart's title before the slider moved.</param>
    /// <param name="Steps">The slider's steps.</param>
    /// <param name="Frames">The steps that carry a frame to draw (Plotly.NET's charts carry each frame in its step).</param>
    /// <param name="Target">The step the probe moved the slider to (the last).</param>
    /// <param name="ActiveAfter">The step the slider shows after the move.</param>
    /// <param name="Before">The drawing before the move: every SVG path's data and every text of the plot.</param>
    /// <param name="After">The drawing after the move.</param>
    /// <param name="TitleAfter">The chart's title after the move.</param>
    /// <param name="Visited">The steps the probe moved the slider to, one after the other (every one).</param>
    /// <param name="Followed">The steps at which the slider showed the step it was moved to.</param>
    /// <param name="Distinct">How many different drawings the steps gave.</param>
    /// <param name="Played">The steps the slider showed, in order, while the play button ran (each once).</param>
    /// <param name="PlayFinished">The play button's animation came to its end.</param>
    public sealed record Slider(string Title, int Steps, int Frames, int Target, int ActiveAfter, string Before, string After, string TitleAfter,
        int Visited = 0, int Followed = 0, int Distinct = 0, IReadOnlyList<int>? Played = null, bool PlayFinished = false);

    /// <param name="Requests">Everything the page fetched from outside its own folder (a CDN, say): nothing, for the offline book.</param>
    public sealed record Report(IReadOnlyList<Chart> Charts, IReadOnlyList<Slider> Sliders, Korean Korean, IReadOnlyList<string> Errors,
        IReadOnlyList<string>? Requests = null);

    /// <summary>The page's DOM once the probe has run, and what the probe saw.</summary>
    public static (string Dom, Report Report) Inspect(string pagePath, int budgetMs = 60000)
    {
        string html = File.ReadAllText(pagePath);
        int end = html.LastIndexOf("</body>", StringComparison.Ordinal);
        if (end < 0) throw new InvalidOperationException($"{pagePath} has no </body>");
        string probePath = Path.Combine(Path.GetDirectoryName(pagePath)!, Path.GetFileNameWithoutExtension(pagePath) + ".probe.html");
        File.WriteAllText(probePath, html[..end] + "<script>\n" + Script + "\n</script>\n" + html[end..]);
        string dom = Chromium.DumpDom(probePath, budgetMs);
        var match = ProbeOutput().Match(dom);
        if (!match.Success)
            throw new InvalidOperationException($"The probe wrote nothing into {probePath}: did the page's scripts finish within {budgetMs} ms?");
        var report = JsonSerializer.Deserialize<Report>(WebUtility.HtmlDecode(match.Groups[1].Value), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return (dom, report);
    }

    [GeneratedRegex("<pre id=\"memcourse-probe\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex ProbeOutput();

    // Hangul: Jamo, compatibility Jamo, syllables (the Korean font's unicode-range). Each character is drawn on a
    // canvas twice, in the Korean font and in a family no machine has, and the two drawings compared.
    private static readonly string Script = """
        window.addEventListener('load', async function () {
          const FAMILY = '__FAMILY__';
          const out = { charts: [], sliders: [], korean: null, errors: [] };
          // Headless Chromium draws (almost) no animation frames under virtual time, so plotly's animation loop, which
          // runs on requestAnimationFrame, would stop after its first frame: it gets timers in their place.
          window.requestAnimationFrame = cb => setTimeout(() => cb(performance.now()), 16);
          window.cancelAnimationFrame = id => clearTimeout(id);
          try {
            await document.fonts.ready;
            // Every chart that moves: its slider is moved to the last step as the step itself asks (Plotly.animate with
            // the step's arguments, which is what a click on the step does), and the drawing is read before and after.
            const drawing = gd => [...gd.querySelectorAll('path')].map(p => p.getAttribute('d') || '').join('|') + '#' +
              [...gd.querySelectorAll('text')].map(t => t.textContent).join('|');
            for (const gd of document.querySelectorAll('.js-plotly-plot')) {
              const sliders = (gd.layout && gd.layout.sliders) || [];
              if (sliders.length === 0) continue;
              const steps = sliders[0].steps || [];
              const title = (gd.layout.title && gd.layout.title.text) || '';
              const before = drawing(gd);
              const target = steps.length - 1;
              const frames = steps.filter(s => Array.isArray(s.args) && Array.isArray(s.args[0]) && s.args[0].length === 1
                && s.args[0][0] && Array.isArray(s.args[0][0].data)).length;
              // Every step, one after the other, as a click on it does (the slider takes the step, then runs its
              // animation); then the slider must show that step.
              const seen = new Set([before]); let visited = 0, followed = 0;
              for (let k = 0; k < steps.length; k++) {
                try {
                  // plotly may leave an animation's promise pending; a step is done when it has been drawn.
                  const settle = p => Promise.race([p, new Promise(r => setTimeout(r, 200))]);
                  await settle(Plotly.relayout(gd, { 'sliders[0].active': k }));
                  await settle(Plotly.animate(gd, steps[k].args[0], steps[k].args[1]));
                } catch (e) { out.errors.push('animate step ' + k + ': ' + String((e && e.stack) || e)); }
                visited++;
                if (gd._fullLayout.sliders[0].active === k) followed++;
                seen.add(drawing(gd));
              }
              const activeAfter = gd._fullLayout.sliders[0].active, after = drawing(gd);
              const titleAfter = (gd.layout.title && gd.layout.title.text) || '';
              // Then the play button, clicked as a learner does, and the slider read every 100 ms until the animation
              // ends.
              const played = []; let playFinished = false;
              const play = [...gd.querySelectorAll('.updatemenu-button')].find(b => b.textContent.includes('play'));
              if (play) {
                gd.on('plotly_animated', () => { playFinished = true; });
                try {
                  play.dispatchEvent(new MouseEvent('click', { bubbles: true }));
                  const frameMs = gd.layout.updatemenus[0].buttons[0].args[1].frame.duration;
                  for (let t = 0; t < (steps.length + 2) * frameMs / 100 && !playFinished; t++) {
                    await new Promise(r => setTimeout(r, 100));
                    const active = gd._fullLayout.sliders[0].active;
                    if (played[played.length - 1] !== active) played.push(active);
                  }
                } catch (e) { out.errors.push('play: ' + String((e && e.stack) || e)); }
              }
              out.sliders.push({ title: title, steps: steps.length, frames: frames,
                target: target, activeAfter: activeAfter, before: before, after: after,
                titleAfter: titleAfter, visited: visited, followed: followed, distinct: seen.size,
                played: played, playFinished: playFinished });
            }
            for (const gd of document.querySelectorAll('.js-plotly-plot')) {
              const title = (gd.layout && gd.layout.title && gd.layout.title.text) || '';
              // Series with data (not Chart.Invisible()'s empty placeholder under a chart of rectangles).
              const traces = (gd._fullData || []).filter(t => t.type !== 'heatmap' && ((t.x && t.x.length) || (t.y && t.y.length))).map(t => ({
                name: t.name, type: t.type,
                colour: t.type === 'bar' ? (t.marker && t.marker.color) : ((t.line && t.line.color) || (t.marker && t.marker.color)),
                dash: (t.line && t.line.dash) || null }));
              // Readability: what was drawn, and whether every text of the chart stays inside its box and clear of the others.
              const rect = el => el.getBoundingClientRect();
              const box = rect(gd.querySelector('.main-svg') || gd);
              const overlap = (a, b) => a.width > 0 && b.width > 0 && a.left < b.right - 1 && b.left < a.right - 1
                && a.top < b.bottom - 1 && b.top < a.bottom - 1;
              const outside = r => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1);
              const overflows = [];
              const texts = [...gd.querySelectorAll('.xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .legendtext, .gtitle, .annotation-text')];
              for (const t of texts) if (outside(rect(t))) overflows.push('outside the chart: ' + t.textContent);
              for (const axis of ['x', 'y']) {
                const title = gd.querySelector('.g-' + axis + 'title text');
                if (!title) continue;
                for (const t of gd.querySelectorAll('.' + axis + 'tick text'))
                  if (overlap(rect(title), rect(t))) overflows.push(axis + ' axis title over the label ' + t.textContent);
              }
              const titleEl = gd.querySelector('.gtitle'), bar = gd.querySelector('.modebar');
              const size = gd._fullLayout._size, legend = gd.querySelector('.legend .bg');
              const annotations = [...gd.querySelectorAll('.annotation-text')].map(t => t.textContent);
              const markPaths = '.scatterlayer path.point, .scatterlayer path.js-line, .scatterlayer path.js-fill, .barlayer path, .shapelayer path';
              out.charts.push({ title: title, traces: traces, marks: [...gd.querySelectorAll(markPaths)]
                  .filter(p => (p.getAttribute('d') || '').length > 2 && p.getAttribute('d') !== 'M0,0Z').length,
                saysWhyEmpty: annotations.some(a => a.startsWith('Nothing to show')),
                overflows: overflows,
                titleUnderToolbar: !!(titleEl && bar && overlap(rect(titleEl), rect(bar))),
                legendOverPlot: !!(legend && gd._fullLayout.showlegend
                  && rect(legend).left < rect(gd.querySelector('.main-svg')).left + size.l + size.w - 1) });
            }
            const hangul = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/g;
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const chars = new Set(); const notFirst = [];
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const parent = n.parentElement;
              if (!parent || parent.closest('script, style, #memcourse-probe')) continue;
              const found = n.nodeValue.match(hangul);
              if (!found) continue;
              found.forEach(c => chars.add(c));
              const family = getComputedStyle(parent).fontFamily;
              if (!family.replace(/["']/g, '').trim().startsWith(FAMILY))
                notFirst.push(parent.tagName.toLowerCase() + ' (' + family + '): ' + n.nodeValue.trim().slice(0, 40));
            }
            const list = [...chars].sort();
            const text = list.join('');
            const faces = text
              ? (await document.fonts.load('16px "' + FAMILY + '"', text)).concat(await document.fonts.load('bold 16px "' + FAMILY + '"', text))
              : [];
            const canvas = document.createElement('canvas'); canvas.width = 48; canvas.height = 48;
            const ctx = canvas.getContext('2d', { willReadFrequently: true });
            const draw = (family, c) => {
              ctx.clearRect(0, 0, 48, 48); ctx.font = '32px "' + family + '"'; ctx.textBaseline = 'top'; ctx.fillStyle = '#000'; ctx.fillText(c, 4, 4);
              const d = ctx.getImageData(0, 0, 48, 48).data; let s = '';
              for (let i = 3; i < d.length; i += 4) s += d[i] > 127 ? '1' : '0';
              return s;
            };
            const shipped = c => draw(FAMILY, c), missing = c => draw('memcourse-no-such-family', c);
            out.korean = {
              text: text,
              faces: faces.map(f => f.family + ' ' + f.weight + ' ' + f.status),
              notFirst: notFirst,
              blank: list.filter(c => !shipped(c).includes('1')),
              sameAsMissingFont: list.filter(c => shipped(c) === missing(c)),
              missingFontShapes: new Set(list.map(missing)).size,
              shippedShapes: new Set(list.map(shipped)).size,
            };
          } catch (e) { out.errors.push(String((e && e.stack) || e)); }
          out.requests = performance.getEntriesByType('resource').map(r => r.name).filter(n => !n.startsWith('file:'));
          const pre = document.createElement('pre'); pre.id = 'memcourse-probe'; pre.textContent = JSON.stringify(out);
          document.body.appendChild(pre);
        });
        """.Replace("__FAMILY__", BookExporter.KoreanFontFamily);
}

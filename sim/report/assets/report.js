// fleetsim report page: draws the charts described by the page's JSON data block. Run and
// comparison pages: dygraphs charts on one time axis (zoom follows across charts), with the run's
// marks as vertical lines and its spans shaded. Sweep pages: one interval plot per metric, in SVG.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('charts');
  var info = document.getElementById('mark-info');
  var markColors = {scaling: '#1f5fbf', capacity: '#7b3fb5', alarm: '#c8102e', decision: '#0f8b8d',
                    action: '#2e7d32', spot: '#e06c00'};
  var spanColors = {deployment: 'rgba(31, 95, 191, 0.12)', fault: 'rgba(200, 16, 46, 0.14)'};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Seconds since the start as "hh:mm" (or "hh:mm:ss" when seconds matter), "Nd " past a day.
  function clock(s, withSeconds) {
    var d = Math.floor(s / 86400), r = Math.round(s - d * 86400);
    var h = Math.floor(r / 3600), m = Math.floor(r % 3600 / 60), sec = r % 60;
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    var text = two(h) + ':' + two(m) + (withSeconds || sec ? ':' + two(sec) : '');
    return d > 0 ? d + 'd ' + text : text;
  }

  // Time ticks at round steps (1 min to 1 day) with at most one label per 80 pixels.
  var steps = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];
  function timeTicks(min, max, pixels) {
    var step = steps[steps.length - 1];
    for (var i = 0; i < steps.length; i++) {
      if ((max - min) / steps[i] <= pixels / 80) { step = steps[i]; break; }
    }
    var ticks = [];
    for (var t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push({v: t, label: clock(t)});
    return ticks;
  }

  function drawMarksAndSpans(ctx, area, g) {
    data.spans.forEach(function (s) {
      var x0 = g.toDomXCoord(s.from), x1 = Math.max(g.toDomXCoord(s.to), x0 + 2);
      ctx.fillStyle = spanColors[s.kind] || 'rgba(0, 0, 0, 0.08)';
      ctx.fillRect(x0, area.y, x1 - x0, area.h);
    });
    data.marks.forEach(function (m) {
      var x = Math.round(g.toDomXCoord(m.t)) + 0.5;
      if (x < area.x || x > area.x + area.w) return;
      ctx.strokeStyle = markColors[m.kind] || '#555';
      ctx.globalAlpha = 0.55;
      ctx.beginPath();
      ctx.moveTo(x, area.y);
      ctx.lineTo(x, area.y + area.h);
      ctx.stroke();
      ctx.globalAlpha = 1;
    });
  }

  // Shows the marks within a few pixels of the cursor, with their reasons.
  function showMarksNear(g, x) {
    var px = g.toDomXCoord(x), near = data.marks.filter(function (m) {
      return Math.abs(g.toDomXCoord(m.t) - px) <= 4;
    });
    info.hidden = near.length === 0;
    info.textContent = '';
    near.slice(0, 6).forEach(function (m) {
      var line = el('div', 'mark ' + m.kind);
      line.appendChild(el('b', null, clock(m.t, true) + ' ' + m.label));
      line.appendChild(el('span', null, ' ' + m.text));
      info.appendChild(line);
    });
  }

  function drawTimeCharts() {
    var graphs = [];
    data.sections.forEach(function (section) {
      var block = el('section', 'chart-section');
      block.appendChild(el('h2', null, section.title));
      root.appendChild(block);
      section.charts.forEach(function (c) {
        var box = el('div', 'chart-box');
        box.appendChild(el('h3', null, c.title + (c.unit ? ' (' + c.unit + ')' : '')));
        var chart = el('div', 'chart'), legend = el('div', 'legend');
        box.appendChild(chart);
        box.appendChild(legend);
        block.appendChild(box);
        var g = new Dygraph(chart, c.rows, {
          labels: c.labels, labelsDiv: legend, legend: 'always', labelsSeparateLines: false,
          connectSeparatedPoints: true, stepPlot: c.step, stackedGraph: c.stacked, fillGraph: c.stacked,
          includeZero: !c.log, logscale: c.log, height: 190, strokeWidth: 1.3, highlightCircleSize: 2,
          dateWindow: [0, data.duration], xRangePad: 0,
          axes: {x: {valueFormatter: function (x) { return clock(x, true); },
                     ticker: timeTicks}},
          underlayCallback: drawMarksAndSpans,
          highlightCallback: function (e, x) { showMarksNear(g, x); },
          unhighlightCallback: function () { info.hidden = true; }
        });
        graphs.push(g);
      });
    });
    if (graphs.length > 1) Dygraph.synchronize(graphs, {zoom: true, selection: true, range: false});
    // The browser test waits for this attribute: every chart has drawn.
    var drawn = 0;
    graphs.forEach(function (g) {
      g.ready(function () {
        if (++drawn === graphs.length) document.body.setAttribute('data-charts-drawn', String(drawn));
      });
    });
  }

  var svgNs = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    var e = document.createElementNS(svgNs, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // One interval plot: a row per variant, its estimate as a dot and its 95 % interval as a line;
  // `lines` are vertical references (constraint, zero difference).
  function intervalPlot(title, rows, lines, best, baseline) {
    var rowH = 22, left = 260, width = 620, plotW = width - left - 30, top = 38;  // room for title and line labels
    var height = top + rows.length * rowH + 30;
    var values = [];
    rows.forEach(function (r) { if (r.mid !== null) values.push(r.lo, r.mid, r.hi); });
    lines.forEach(function (l) { values.push(l.x); });
    values = values.filter(function (v) { return v !== null && isFinite(v); });
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    var pad = (hi - lo) * 0.06;
    lo -= pad; hi += pad;
    var sx = function (v) { return left + (v - lo) / (hi - lo) * plotW; };
    var s = svg('svg', {width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, 'class': 'interval'});
    s.appendChild(svg('text', {x: 4, y: 16, 'class': 'title'}, title));
    rows.forEach(function (r, i) {
      var y = top + i * rowH + rowH / 2;
      if (r.id === best) s.appendChild(svg('rect', {x: 0, y: y - rowH / 2, width: width, height: rowH, 'class': 'best'}));
      var label = r.id + (r.id === baseline ? ' (baseline)' : '') + (r.id === best ? ' \u2605 best' : '');
      s.appendChild(svg('text', {x: left - 8, y: y + 4, 'text-anchor': 'end', 'class': r.feasible === false ? 'infeasible' : ''}, label));
      if (r.mid === null) return;
      if (r.lo !== null && r.hi !== null)
        s.appendChild(svg('line', {x1: sx(r.lo), x2: sx(r.hi), y1: y, y2: y, 'class': 'ci'}));
      s.appendChild(svg('circle', {cx: sx(r.mid), cy: y, r: 4, 'class': r.id === baseline ? 'mean baseline' : 'mean'}));
    });
    lines.forEach(function (l) {
      s.appendChild(svg('line', {x1: sx(l.x), x2: sx(l.x), y1: top - 4, y2: height - 26, 'class': 'ref ' + l.kind}));
      s.appendChild(svg('text', {x: sx(l.x) + 3, y: top - 8, 'class': 'ref-label'}, l.label));
    });
    [lo + pad, (lo + hi) / 2, hi - pad].forEach(function (v) {
      s.appendChild(svg('text', {x: sx(v), y: height - 8, 'text-anchor': 'middle', 'class': 'tick'}, Number(v.toPrecision(4)).toString()));
    });
    return s;
  }

  function drawSweep() {
    data.metrics.forEach(function (m) {
      var block = el('section', 'chart-section');
      block.appendChild(el('h2', null, m.name));
      var lines = m.constraints.map(function (c) { return {x: c.value, kind: 'constraint', label: c.label}; });
      var means = m.variants.map(function (v) {
        return {id: v.id, lo: v.lo, mid: v.mean, hi: v.hi, feasible: v.feasible};
      });
      block.appendChild(intervalPlot('mean with 95 % interval', means, lines, data.best, data.baseline));
      var diffs = m.variants.filter(function (v) { return v.diff !== null; }).map(function (v) {
        return {id: v.id, lo: v.diffLo, mid: v.diff, hi: v.diffHi, feasible: v.feasible};
      });
      if (diffs.length > 0) {
        block.appendChild(intervalPlot('paired difference from the baseline, 95 % interval', diffs,
                                       [{x: 0, kind: 'zero', label: '0'}], data.best, data.baseline));
      }
      root.appendChild(block);
    });
    document.body.setAttribute('data-charts-drawn', String(root.querySelectorAll('svg.interval').length));
  }

  try {
    if (data.kind === 'sweep') drawSweep(); else drawTimeCharts();
  } catch (e) {
    var banner = el('p', 'warning', 'The charts could not be drawn: ' + e);
    root.appendChild(banner);
    console.error(e);
  }
})();

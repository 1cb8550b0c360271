// Draws every chart of report.html from the JSON in #report-data: "lines" charts with uPlot, "bars" as SVG. A chart
// gets data-drawn="true" once drawn, or data-error with the reason; the browser test checks every <figure.chart>.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('report-data').textContent);

  function sig(v) {
    if (v === null || v === undefined || isNaN(v)) return '–';
    var a = Math.abs(v);
    return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : a >= 0.1 ? v.toFixed(3) : v.toPrecision(3);
  }
  function count(v) {
    if (v === null || v === undefined) return '–';
    var a = Math.abs(v);
    return a >= 1e6 ? sig(v / 1e6) + 'M' : a >= 1e4 ? sig(v / 1e3) + 'k' : Number.isInteger(v) ? String(v) : sig(v);
  }
  function ms(v) {
    if (v === null || v === undefined) return '–';
    return v < 1 ? sig(v * 1000) + ' µs' : v < 1000 ? sig(v) + ' ms' : sig(v / 1000) + ' s';
  }
  function bytes(v) {
    if (v === null || v === undefined) return '–';
    return v >= 1048576 ? sig(v / 1048576) + ' MiB' : v >= 1024 ? sig(v / 1024) + ' KiB' : count(v) + ' B';
  }
  // x = 1/(1-p): 1 is 0%, 10 is 90%, 100 is 99%, 1000 is 99.9%...
  function nines(x) {
    if (x === null || x === undefined) return '–';
    var p = 100 * (1 - 1 / x);
    var decimals = Math.max(0, Math.ceil(Math.log10(x)) - 2);
    return p.toFixed(Math.min(decimals, 6)) + '%';
  }
  function isDecade(v) {
    var l = Math.log10(v);
    return Math.abs(l - Math.round(l)) < 1e-9;
  }
  var formats = { nines: nines, count: count, bytes: bytes, ms: ms };

  // On a log axis uPlot puts a tick at every 1..9 of each decade: label the decades (the nines), or 1-2-5.
  function tickLabels(format, log) {
    var f = formats[format] || sig;
    return function (u, splits) {
      return splits.map(function (v) {
        if (v === null) return '';
        if (log && (format === 'nines' ? !isDecade(v) : !(isDecade(v) || isDecade(v / 2) || isDecade(v / 5)))) return '';
        return f(v);
      });
    };
  }

  function drawLines(el, spec) {
    var width = Math.max(320, el.clientWidth || 640);
    var xs = spec.xs;
    var opts = {
      title: spec.title,
      width: width,
      height: 320,
      legend: { live: true },
      scales: {
        x: spec.x.log ? { distr: 3, log: 10, time: false } : { time: false },
        y: spec.y.log ? { distr: 3, log: 10 } : {}
      },
      axes: [
        { label: spec.x.label, values: tickLabels(spec.x.format, spec.x.log), space: 40 },
        { label: spec.y.label, values: tickLabels(spec.y.format, spec.y.log), size: 70 }
      ],
      series: [{ label: spec.x.label, value: function (u, v) { return (formats[spec.x.format] || sig)(v); } }]
        .concat(spec.series.map(function (s) {
          var series = {
            label: s.label,
            stroke: s.flagged && !s.pointsOnly ? s.color + '80' : s.color,
            width: s.flagged ? 1.5 : 2,
            spanGaps: true,
            points: { show: s.pointsOnly || xs.length <= 24, size: s.pointsOnly ? 9 : 6, fill: s.pointsOnly ? '#fff' : s.color },
            value: function (u, v) { return (formats[spec.y.format] || sig)(v); }
          };
          if (s.flagged && !s.pointsOnly) series.dash = [6, 4];
          if (s.pointsOnly) series.paths = function () { return null; };
          return series;
        })),
      hooks: {
        draw: [function () { el.setAttribute('data-drawn', 'true'); }]
      }
    };
    var rows = [xs].concat(spec.series.map(function (s) { return s.values; }));
    new uPlot(opts, rows, el);
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // One small horizontal bar chart per panel: a bar per server at its median, a whisker over its interval.
  function drawBars(el, spec) {
    var title = document.createElement('figcaption');
    title.textContent = spec.title;
    el.appendChild(title);
    var row = document.createElement('div');
    row.className = 'panels';
    el.appendChild(row);
    spec.panels.forEach(function (panel) {
      var lineH = 20, labelW = 118, valueW = 62, barW = 130, top = 22;
      var h = top + panel.bars.length * lineH + 6;
      var s = svg('svg', { width: labelW + barW + valueW, height: h, role: 'img', 'aria-label': panel.title });
      s.appendChild(svg('text', { x: 0, y: 14, 'class': 'panel-title' }, panel.title + (panel.unit ? ' (' + panel.unit + ')' : '')));
      var max = 0;
      panel.bars.forEach(function (b) { max = Math.max(max, b.high || 0, b.value || 0); });
      panel.bars.forEach(function (b, i) {
        var y = top + i * lineH;
        s.appendChild(svg('text', { x: labelW - 6, y: y + 13, 'text-anchor': 'end', 'class': b.flagged ? 'flagged' : '' }, b.label));
        if (b.value === null || max <= 0) {
          s.appendChild(svg('text', { x: labelW + 4, y: y + 13, 'class': 'missing' }, 'no data'));
          return;
        }
        var w = Math.max(1, barW * b.value / max);
        s.appendChild(svg('rect', { x: labelW, y: y + 3, width: w, height: lineH - 8, fill: b.color,
          'fill-opacity': b.flagged ? 0.35 : 0.9 }));
        if (b.low !== null && b.high !== null && b.high > b.low) {
          var x1 = labelW + barW * b.low / max, x2 = labelW + barW * b.high / max, ym = y + lineH / 2 - 1;
          s.appendChild(svg('line', { x1: x1, x2: x2, y1: ym, y2: ym, 'class': 'whisker' }));
          s.appendChild(svg('line', { x1: x1, x2: x1, y1: ym - 4, y2: ym + 4, 'class': 'whisker' }));
          s.appendChild(svg('line', { x1: x2, x2: x2, y1: ym - 4, y2: ym + 4, 'class': 'whisker' }));
        }
        s.appendChild(svg('text', { x: labelW + barW + 6, y: y + 13 }, sig(b.value) + (b.flagged ? ' ⚑' : '')));
      });
      row.appendChild(s);
    });
    el.setAttribute('data-drawn', 'true');
  }

  function drawAll() {
    var figures = document.querySelectorAll('figure.chart[data-chart]');
    Array.prototype.forEach.call(figures, function (el) {
      var id = el.getAttribute('data-chart');
      try {
        var spec = data.charts[id];
        if (!spec) throw new Error('no data for this chart');
        if (spec.kind === 'bars') drawBars(el, spec); else drawLines(el, spec);
      } catch (e) {
        el.setAttribute('data-error', String(e));
        window.reportError('chart ' + id + ': ' + e);
      }
    });
    document.documentElement.setAttribute('data-charts', String(figures.length));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', drawAll); else drawAll();
})();

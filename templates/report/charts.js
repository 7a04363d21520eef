// redis-arc HTML report: draws the charts described in #report-data with uPlot (inlined before this script).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var drawn = 0;

  function markersHook(spec) {
    return function (u) {
      var ctx = u.ctx;
      var top = u.bbox.top;
      var bottom = u.bbox.top + u.bbox.height;
      ctx.save();
      ctx.font = 12 * devicePixelRatio + 'px sans-serif';
      ctx.textBaseline = 'top';
      (spec.markers || []).forEach(function (m, i) {
        var x = Math.round(u.valToPos(m.x, 'x', true));
        if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
        ctx.strokeStyle = m.color;
        ctx.fillStyle = m.color;
        ctx.lineWidth = 1.5 * devicePixelRatio;
        ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.stroke();
        // Labels step down so markers close together stay readable.
        var y = top + 2 * devicePixelRatio + (i % 4) * 14 * devicePixelRatio;
        // A label that would run past the plot's right edge goes on the left of its line.
        var right = x + 3 * devicePixelRatio + ctx.measureText(m.label).width > u.bbox.left + u.bbox.width;
        ctx.textAlign = right ? 'right' : 'left';
        ctx.fillText(m.label, right ? x - 3 * devicePixelRatio : x + 3 * devicePixelRatio, y);
      });
      ctx.restore();
    };
  }

  function categoryAxis(labels) {
    return function (u, splits) {
      return splits.map(function (s) {
        return Number.isInteger(s) && labels[s] !== undefined ? labels[s] : '';
      });
    };
  }

  function draw(spec) {
    var el = document.getElementById(spec.id);
    if (!el) return;
    var xAxis = { label: spec.xLabel };
    if (spec.xLabels) {
      xAxis.values = categoryAxis(spec.xLabels);
      xAxis.splits = function () { return spec.x; };
    }
    var opts = {
      width: Math.max(320, el.clientWidth || 900),
      height: 280,
      // Every marker stays in view, a heal after the load ended included.
      scales: { x: { time: false, range: function (u, min, max) {
        var xs = (spec.markers || []).map(function (m) { return m.x; });
        return spec.xLabels ? [min - 0.3, max + 0.3] : [Math.min.apply(null, [min].concat(xs)), Math.max.apply(null, [max].concat(xs)) + 0.05];
      } }, y: spec.logY ? { distr: 3 } : { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } } },
      axes: [xAxis, { label: spec.yLabel, size: 60 }],
      series: [{ label: spec.xName || (spec.xLabels ? 'percentile' : 's after the fault') }].concat(
        spec.series.map(function (s) {
          return { label: s.label, stroke: s.color, width: s.width || 2, dash: s.dash, spanGaps: false, points: { show: !!spec.xLabels } };
        })
      ),
      hooks: { draw: [markersHook(spec)] },
    };
    var columns = [spec.x].concat(spec.series.map(function (s) { return s.values; }));
    new uPlot(opts, columns, el);
    drawn++;
  }

  data.charts.forEach(draw);
  document.body.setAttribute('data-charts-drawn', String(drawn));
})();

// Draw each dashboard chart from the JSON block named by its data-source attribute.
// The same numbers are in the table below each chart.
(function () {
  const palette = ["#b0303d", "#e07a5f", "#f2cc8f", "#81b29a", "#3d405b", "#6c8ead", "#c9a0dc"];

  function option(chart) {
    const base = { color: palette, tooltip: { trigger: "axis" }, grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, type: "scroll" } };
    if (chart.kind === "heatmap") {
      const cells = [];
      let max = 1;
      chart.series.forEach((row, y) => row.data.forEach((value, x) => {
        cells.push([x, y, value]);
        if (typeof value === "number" && value > max) { max = value; }
      }));
      // A colour key (chart.legend, shown as the list above the chart): categories, not amounts.
      const key = chart.legend && chart.legend.length ? chart.legend : null;
      const names = {};
      if (key) { key.forEach((item) => { names[item.value] = item.label; }); }
      const visualMap = key
        ? { type: "piecewise", show: false, pieces: key.map((item) => ({ value: item.value, label: item.label, color: item.color })) }
        : { min: 0, max: max, calculable: true, orient: "horizontal", left: "center", bottom: 0,
            inRange: { color: ["#fbe3e6", "#b0303d"] } };
      return Object.assign(base, {
        tooltip: { position: "top", formatter: (p) => `${chart.rows[p.value[1]]} · ${chart.categories[p.value[0]]}: ${key ? names[p.value[2]] : p.value[2]}` }, legend: undefined,
        xAxis: { type: "category", data: chart.categories, splitArea: { show: true } },
        yAxis: { type: "category", data: chart.rows, splitArea: { show: true } },
        visualMap: visualMap,
        grid: { left: 8, right: 8, top: 8, bottom: key ? 8 : 56, containLabel: true },
        series: [{ type: "heatmap", data: cells, label: { show: !key && chart.rows.length <= 20 } }],
      });
    }
    const type = chart.kind === "line" ? "line" : "bar";
    return Object.assign(base, {
      xAxis: { type: "category", data: chart.categories, axisLabel: { interval: 0, rotate: chart.categories.length > 6 ? 40 : 0 } },
      yAxis: { type: "value" },
      series: chart.series.map((s) => ({ name: s.name, type: type, data: s.data, smooth: type === "line",
                                          stack: chart.kind === "stacked" ? "total" : undefined })),
    });
  }

  document.querySelectorAll(".dashboard-chart").forEach((element) => {
    const source = document.getElementById(element.dataset.source);
    if (!source || typeof echarts === "undefined") { return; }
    const chart = JSON.parse(source.textContent);
    const rows = chart.kind === "heatmap" ? chart.rows.length : 0;
    element.style.height = Math.max(280, 24 * rows + 80) + "px";
    const instance = echarts.init(element, null, { renderer: "svg" });
    instance.setOption(option(chart));
    window.addEventListener("resize", () => instance.resize());
  });
})();

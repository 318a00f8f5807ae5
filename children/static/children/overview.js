// Overview charts: data comes from the json_script block, never from inline handlers.
(function () {
  "use strict";
  var source = document.getElementById("children-chart-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var charts = [];

  var projects = document.getElementById("projects-chart");
  if (projects) {
    var chart = echarts.init(projects);
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: data.domains, inverse: true },
      series: data.statuses.map(function (name, i) {
        return { name: name, type: "bar", stack: "total", data: data.series[i] };
      })
    });
    charts.push(chart);
  }
  var grants = document.getElementById("grants-chart");
  if (grants) {
    var pie = echarts.init(grants);
    pie.setOption({
      tooltip: { trigger: "item", formatter: "{b}: ¥{c} ({d}%)" },
      series: [{ type: "pie", radius: ["35%", "65%"], data: data.programmes }]
    });
    charts.push(pie);
  }
  function resize() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener("resize", resize);
  document.querySelectorAll('[data-bs-toggle="tab"]').forEach(function (tab) {
    tab.addEventListener("shown.bs.tab", resize);
  });
}());

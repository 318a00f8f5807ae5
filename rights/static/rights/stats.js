// Cases received and closed by month, from the json_script block (the table holds the same).
(function () {
  var source = document.getElementById("month-data");
  var element = document.getElementById("month-chart");
  if (!source || !element || typeof echarts === "undefined") { return; }
  var rows = JSON.parse(source.textContent);
  var chart = echarts.init(element);
  chart.setOption({tooltip: {trigger: "axis"}, grid: {left: 30, right: 10, top: 10, bottom: 30},
    xAxis: {type: "category", data: rows.map(function (r) { return r.month; })},
    yAxis: {type: "value"},
    series: [{type: "bar", data: rows.map(function (r) { return r.count; })},
             {type: "bar", data: rows.map(function (r) { return r.closed; })}]});
})();

/* The steering charts: each `[data-chart]` element names the JSON block (`json_script`, never an inline script: the
 * Content-Security-Policy allows none) that insights.charts built from the figure's table, and Apache ECharts draws
 * it on a canvas (the SVG renderer writes style attributes, which the policy's style-src 'self' blocks). The
 * tooltip is drawn on the canvas too (richText) for the same reason. The data table beside each chart is the
 * accessible equivalent; the canvas carries the Dutch description as its aria-label. Colours are the NL Design
 * System tokens of the page's theme, each with at least 3:1 contrast against white. */
(function () {
  "use strict";

  // Token, and the colour used when the theme does not define it.
  var PALETTE = [
    ["--utrecht-color-blue-40", "#2964a3"],
    ["--utrecht-color-secondary-red", "#cc0000"],
    ["--utrecht-color-green-30", "#4d6336"],
    ["--utrecht-color-secondary-purple", "#762cd1"],
    ["--utrecht-color-secondary-brown", "#ad643b"],
    ["--utrecht-color-yellow-20", "#665200"],
    ["--utrecht-color-secondary-navy", "#1c4181"],
    ["--utrecht-color-grey-30", "#4c4c4c"],
  ];
  var TEXT = ["--utrecht-document-color", "#1a1a1a"];
  var GRID = ["--utrecht-color-grey-80", "#cccccc"];

  // A token's value as rgb(), which the canvas and ECharts' own colour arithmetic both read.
  function resolve(token) {
    var probe = document.createElement("span");
    probe.hidden = true;
    document.body.appendChild(probe);
    probe.style.color = token[1];
    var value = getComputedStyle(document.documentElement).getPropertyValue(token[0]).trim();
    if (value) {
      probe.style.color = value;
    }
    var colour = getComputedStyle(probe).color || token[1];
    probe.remove();
    return colour;
  }

  function fontFamily() {
    var value = getComputedStyle(document.body).fontFamily;
    return value || "sans-serif";
  }

  function axisOption(spec, text, grid) {
    var stacked = spec.kind === "stacked_bar";
    return {
      grid: { left: 16, right: 24, top: spec.series.length > 1 ? 48 : 24, bottom: 16, containLabel: true },
      legend: spec.series.length > 1 ? { top: 0, textStyle: { color: text } } : undefined,
      tooltip: { trigger: "axis", renderMode: "richText" },
      xAxis: {
        type: "category",
        data: spec.categories,
        axisLabel: { color: text, hideOverlap: true },
        axisLine: { lineStyle: { color: text } },
      },
      yAxis: {
        type: "value",
        name: spec.y_label || "",
        nameTextStyle: { color: text, align: "left" },
        axisLabel: { color: text },
        splitLine: { lineStyle: { color: grid } },
      },
      series: spec.series.map(function (series) {
        var item = { name: series.name, type: spec.kind === "line" ? "line" : "bar", data: series.data };
        if (stacked) {
          item.stack = "totaal";
        }
        if (spec.kind === "line") {
          item.connectNulls = false;
          item.symbolSize = 6;
        }
        return item;
      }),
    };
  }

  function sankeyOption(spec, text) {
    return {
      tooltip: { trigger: "item", renderMode: "richText" },
      series: [
        {
          type: "sankey",
          left: 8,
          right: 160,
          top: 8,
          bottom: 8,
          nodeGap: 12,
          data: spec.nodes,
          links: spec.links,
          emphasis: { focus: "adjacency" },
          label: { color: text },
          lineStyle: { color: "gradient", opacity: 0.35 },
        },
      ],
    };
  }

  function option(spec) {
    var text = resolve(TEXT);
    var base = spec.kind === "sankey" ? sankeyOption(spec, text) : axisOption(spec, text, resolve(GRID));
    base.color = PALETTE.map(resolve);
    base.animation = false;
    base.textStyle = { fontFamily: fontFamily(), color: text };
    // The description replaces ECharts' generated (English) one; decals tell the series apart without colour.
    base.aria = {
      enabled: true,
      label: { enabled: true, description: spec.description },
      decal: { show: spec.kind === "bar" || spec.kind === "stacked_bar" },
    };
    return base;
  }

  function draw(container) {
    if (container.getAttribute("data-drawn") === "true" || typeof echarts === "undefined") {
      return;
    }
    var source = document.getElementById(container.getAttribute("data-chart"));
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var chart = echarts.init(container, null, { renderer: "canvas", locale: "EN" });
    chart.setOption(option(spec));
    container.setAttribute("data-drawn", "true");
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function drawAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("[data-chart]"), draw);
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    drawAll(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      drawAll(document);
    });
  } else {
    drawAll(document);
  }
})();

// Hand-written SVG line charts: linear or logarithmic x, error bars, one polyline per series, a legend.
// Every plotted marker is an SVG element carrying the data attributes its series point gives, so a test (or a
// curious reader in the inspector) can tell exactly what was drawn.

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 460;
const HEIGHT = 290;
const MARGIN = { top: 12, right: 14, bottom: 42, left: 54 };
const CAP = 3;

/** A categorical palette (colour-blind friendly, Okabe & Ito 2008), repeated when there are more series. */
export const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"];

/**
 * Draws a chart into a new <figure>.
 *
 * @param {object} chart
 * @param {string} chart.panel   name of the panel, set as data-panel on the figure
 * @param {string} chart.title   caption
 * @param {string} chart.xLabel  x axis label
 * @param {string} chart.yLabel  y axis label
 * @param {boolean} [chart.xLog] logarithmic x axis (points with x <= 0 are left out)
 * @param {Array<{label: string, color: string, marker?: string, dashed?: boolean,
 *                points: Array<{x: number, y: number, error?: number, note?: string, data: object}>}>}
 *                chart.series (a point's note ends its tooltip)
 * @returns {HTMLElement} the figure
 */
export function lineChart(chart) {
    const figure = document.createElement("figure");
    figure.className = "chart";
    figure.dataset.panel = chart.panel;
    const caption = document.createElement("figcaption");
    caption.textContent = chart.title;
    figure.append(caption);

    const series = chart.series.map((s) => ({
        ...s,
        points: s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!chart.xLog || p.x > 0))
            .sort((a, b) => a.x - b.x),
    }));
    const all = series.flatMap((s) => s.points);
    const svg = node("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": chart.title });
    figure.append(svg);
    if (all.length === 0) {
        svg.append(text("no results yet", WIDTH / 2, HEIGHT / 2, { class: "empty", "text-anchor": "middle" }));
        return figure;
    }

    const x = chart.xLog ? logScale(all.map((p) => p.x)) : linearScale(all.map((p) => p.x));
    const y = linearScale(all.flatMap((p) => errorRange(p)));
    const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
    const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
    const px = (v) => MARGIN.left + x.position(v) * plotWidth;
    const py = (v) => MARGIN.top + (1 - y.position(v)) * plotHeight;

    svg.append(axes(x, y, px, py, chart));
    series.forEach((s) => svg.append(drawSeries(s, px, py)));
    figure.append(legend(series.filter((s) => s.points.length > 0)));
    return figure;
}

function errorRange(point) {
    return Number.isFinite(point.error) ? [point.y - point.error, point.y + point.error] : [point.y];
}

function drawSeries(series, px, py) {
    const group = node("g", { class: "series", "data-series": series.label });
    if (series.points.length > 1) {
        group.append(node("polyline", {
            points: series.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(" "),
            fill: "none", stroke: series.color, "stroke-width": 1.6,
            "stroke-dasharray": series.dashed ? "5 3" : "none",
        }));
    }
    for (const point of series.points) {
        if (Number.isFinite(point.error) && point.error > 0) {
            const cx = px(point.x);
            const top = py(point.y + point.error);
            const bottom = py(point.y - point.error);
            group.append(node("path", {
                class: "error-bar", stroke: series.color, fill: "none",
                d: `M${cx},${top}V${bottom}M${cx - CAP},${top}H${cx + CAP}M${cx - CAP},${bottom}H${cx + CAP}`,
            }));
        }
        const marker = markerAt(series.marker, px(point.x), py(point.y), series.color);
        marker.classList.add("point");
        for (const [key, value] of Object.entries(point.data)) {
            marker.setAttribute(`data-${key}`, value);
        }
        const tooltip = node("title");
        tooltip.textContent = `${series.label}: ${formatNumber(point.y)}`
            + (Number.isFinite(point.error) ? ` ± ${formatNumber(point.error)}` : "")
            + ` at ${formatNumber(point.x)}` + (point.note ? ` (${point.note})` : "");
        marker.append(tooltip);
        group.append(marker);
    }
    return group;
}

function markerAt(shape, cx, cy, color) {
    if (shape === "square") {
        return node("rect", { x: cx - 3.5, y: cy - 3.5, width: 7, height: 7, fill: color });
    }
    return node("circle", { cx, cy, r: 3.5, fill: color });
}

function axes(x, y, px, py, chart) {
    const group = node("g", { class: "axes" });
    const left = MARGIN.left;
    const right = WIDTH - MARGIN.right;
    const top = MARGIN.top;
    const bottom = HEIGHT - MARGIN.bottom;
    for (const tick of x.ticks) {
        group.append(node("line", { class: "grid", x1: px(tick), x2: px(tick), y1: top, y2: bottom }));
        group.append(text(formatNumber(tick), px(tick), bottom + 14, { "text-anchor": "middle" }));
    }
    for (const tick of y.ticks) {
        group.append(node("line", { class: "grid", x1: left, x2: right, y1: py(tick), y2: py(tick) }));
        group.append(text(formatNumber(tick), left - 5, py(tick) + 3.5, { "text-anchor": "end" }));
    }
    group.append(node("rect", { class: "frame", x: left, y: top, width: right - left, height: bottom - top }));
    group.append(text(chart.xLabel, (left + right) / 2, HEIGHT - 6, { class: "label", "text-anchor": "middle" }));
    group.append(text(chart.yLabel, 0, 0, {
        class: "label", "text-anchor": "middle", transform: `translate(13 ${(top + bottom) / 2}) rotate(-90)`,
    }));
    return group;
}

function legend(series) {
    const list = document.createElement("ul");
    list.className = "legend";
    for (const s of series) {
        const item = document.createElement("li");
        const swatch = document.createElement("span");
        swatch.className = s.marker === "square" ? "swatch square" : "swatch";
        swatch.style.background = s.color;
        item.append(swatch, document.createTextNode(s.label));
        list.append(item);
    }
    return list;
}

/** A linear scale over the values with a little room, and round ticks. */
function linearScale(values) {
    let min = Math.min(...values);
    let max = Math.max(...values);
    if (min === max) {
        const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
        min -= pad;
        max += pad;
    } else {
        const pad = (max - min) * 0.06;
        min -= pad;
        max += pad;
    }
    const step = niceStep((max - min) / 5);
    const ticks = [];
    for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
        ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
    }
    return { ticks, position: (v) => (v - min) / (max - min) };
}

/** A log10 scale from the decade below the smallest value to the one above the largest. */
function logScale(values) {
    const low = Math.floor(Math.log10(Math.min(...values)));
    let high = Math.ceil(Math.log10(Math.max(...values)));
    if (high === low) {
        high += 1;
    }
    const ticks = [];
    for (let decade = low; decade <= high; decade++) {
        const multiples = high - low <= 2 ? [1, 2, 5] : [1];
        for (const m of multiples) {
            const t = m * 10 ** decade;
            if (t <= 10 ** high) {
                ticks.push(Number(t.toPrecision(12)));
            }
        }
    }
    return { ticks, position: (v) => (Math.log10(v) - low) / (high - low) };
}

function niceStep(raw) {
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const fraction = raw / magnitude;
    return (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * magnitude;
}

/** Short human form of a number for labels and tooltips (the data attributes keep the exact value). */
export function formatNumber(value) {
    if (!Number.isFinite(value)) {
        return String(value);
    }
    if (value !== 0 && (Math.abs(value) >= 1e4 || Math.abs(value) < 1e-3)) {
        return value.toExponential(1);
    }
    return String(Number(value.toPrecision(3)));
}

function text(content, x, y, attributes = {}) {
    const element = node("text", { x, y, ...attributes });
    element.textContent = content;
    return element;
}

function node(tag, attributes = {}) {
    const element = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes)) {
        element.setAttribute(key, value);
    }
    return element;
}

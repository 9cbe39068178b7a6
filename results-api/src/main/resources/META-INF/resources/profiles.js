// The profile panels of one run: ID versus depth, GRIDE versus scale, information per quantity, the estimate table.
import { PALETTE, formatNumber, lineChart } from "./plot.js";

const DEPTH = "relative depth";
/** Normal approximation: sd = IQR / 1.349 and SE(median) = sqrt(pi / 2) sd / sqrt(n). */
const MEDIAN_SE_PER_IQR = Math.sqrt(Math.PI / 2) / 1.349;
const PREFERRED_CORRECTION = "panzeri-treves";
const ESTIMATOR_NAMES = {
    "twonn": "TwoNN, linear fit",
    "twonn-mle": "TwoNN, maximum likelihood",
    "pc-id": "PC-ID",
    "participation-ratio": "participation ratio",
};

/** What the reader chose in the panels' selectors; kept across redraws and runs. */
export const choices = { estimator: null, estimatorChosen: false, correction: null };

const $ = (id) => document.getElementById(id);

// ---- intrinsic dimension ------------------------------------------------------------------------------------------

/** Estimators with several points per source (one per scale or subset size): plotted against scale, not depth. */
const PER_SCALE = new Set(["gride", "twonn-decimation"]);

export function renderIdProfile(points) {
    const perSource = points.filter((p) => !PER_SCALE.has(p.estimator));
    const estimators = [...new Set(perSource.map((p) => p.estimator))];
    if (!choices.estimatorChosen || !estimators.includes(choices.estimator)) {
        choices.estimator = defaultEstimator(perSource, estimators);
    }
    fillSelect($("estimator"), estimators, (e) => ESTIMATOR_NAMES[e] ?? e, choices.estimator);

    const colors = colorsFor(points.map((p) => seriesKey(p.source)));
    const chosen = perSource.filter((p) => p.estimator === choices.estimator);
    const yLabel = `ID (${ESTIMATOR_NAMES[choices.estimator] ?? choices.estimator ?? "–"})`;
    $("id-depth-panels").replaceChildren(
        lineChart({
            panel: "id-depth-layers", title: "Network layers", xLabel: DEPTH, yLabel,
            series: groupSeries(chosen.filter(isLayer), colors, idPointAt((p) => depth(p.source))),
        }),
        lineChart({
            panel: "id-depth-areas", title: "Recorded areas", xLabel: DEPTH, yLabel,
            series: groupSeries(chosen.filter((p) => !isLayer(p)), colors, idPointAt((p) => depth(p.source)),
                "square"),
        }));

    const gride = points.filter((p) => p.estimator === "gride");
    const sourceColors = colorsFor(gride.map((p) => sourceKey(p.source)));
    const grideChart = (panel, title, subset, marker) => lineChart({
        panel, title, xLabel: "scale (distance to the n2-th neighbour, log)", yLabel: "GRIDE ID", xLog: true,
        series: groupSeries(subset, sourceColors, idPointAt((p) => number(p.scale)), marker,
            (p) => sourceKey(p.source), (p) => sourceLabel(p.source)),
    });
    $("gride-panels").replaceChildren(grideChart("gride-layers", "Network layers", gride.filter(isLayer)),
        grideChart("gride-areas", "Recorded areas", gride.filter((p) => !isLayer(p)), "square"));

    renderEstimatorTable(perSource);
}

/** TwoNN with error bars: the linear fit once it carries errors for every source, until then the likelihood one. */
function defaultEstimator(points, estimators) {
    const linearFit = points.filter((p) => p.estimator === "twonn");
    if (linearFit.length > 0 && linearFit.every((p) => p.has_error === true)) {
        return "twonn";
    }
    for (const preferred of ["twonn-mle", "twonn"]) {
        if (estimators.includes(preferred)) {
            return preferred;
        }
    }
    return estimators[0] ?? null;
}

function idPointAt(x) {
    return (p) => ({
        x: x(p), y: number(p.id), error: p.has_error === true ? number(p.error) : undefined,
        data: {
            source: p.source.name, kind: kind(p.source), checkpoint: p.source.checkpoint, origin: p.source.origin,
            estimator: p.estimator, x: String(x(p)), value: String(number(p.id)),
            ...(p.has_error === true ? { error: String(number(p.error)) } : {}),
            ...(p.estimator === "gride" ? { scale: String(number(p.scale)) } : {}),
        },
    });
}

/** Every non-GRIDE estimator of every source, one row per source: the numbers behind the plots at a glance. */
function renderEstimatorTable(points) {
    const estimators = [...new Set(points.map((p) => p.estimator))];
    const rows = new Map();
    for (const point of points) {
        const key = sourceKey(point.source);
        if (!rows.has(key)) {
            rows.set(key, { source: point.source, values: new Map() });
        }
        rows.get(key).values.set(point.estimator, point);
    }
    const table = $("estimators");
    table.tHead.replaceChildren(element("tr", {}, element("th", {}, "source"), element("th", {}, DEPTH),
        ...estimators.map((name) => element("th", {}, name))));
    table.tBodies[0].replaceChildren(...[...rows.values()].map(({ source, values }) => element("tr", {},
        element("td", {}, sourceLabel(source)), element("td", {}, formatNumber(depth(source))),
        ...estimators.map((name) => {
            const point = values.get(name);
            if (point === undefined) {
                return element("td", {}, "");
            }
            const text = formatNumber(number(point.id))
                + (point.has_error === true ? ` ± ${formatNumber(number(point.error))}` : "");
            return element("td", { "data-source": source.name, "data-checkpoint": source.checkpoint,
                "data-estimator": name, "data-value": String(number(point.id)) }, text);
        }))));
}

// ---- information --------------------------------------------------------------------------------------------------

export function renderInformation(points) {
    const corrections = [...new Set(points.map((p) => p.correction))];
    if (!corrections.includes(choices.correction)) {
        choices.correction = corrections.includes(PREFERRED_CORRECTION) ? PREFERRED_CORRECTION
            : corrections[0] ?? null;
    }
    fillSelect($("correction"), corrections, (c) => c, choices.correction);

    const chosen = points.filter((p) => p.correction === choices.correction);
    const quantities = [...new Set(chosen.map((p) => p.quantity))];
    const colors = colorsFor(chosen.map((p) => seriesKey(p.source)));
    const toPoint = (p) => {
        const error = medianStandardError(p);
        return {
            x: depth(p.source), y: number(p.median), error, note: unitsCounted(p),
            data: {
                source: p.source.name, kind: kind(p.source), checkpoint: p.source.checkpoint,
                origin: p.source.origin, quantity: p.quantity, correction: p.correction,
                x: String(depth(p.source)), value: String(number(p.median)), units: String(p.units),
                included: String(p.included_units ?? 0),
                ...(Number.isFinite(error) ? { error: String(error) } : {}),
            },
        };
    };
    const charts = quantities.map((quantity) => {
        const ofQuantity = chosen.filter((p) => p.quantity === quantity);
        return lineChart({
            panel: `information:${quantity}`, title: quantity, xLabel: DEPTH, yLabel: "median over units (bits)",
            series: [...groupSeries(ofQuantity.filter(isLayer), colors, toPoint),
                ...groupSeries(ofQuantity.filter((p) => !isLayer(p)), colors, toPoint, "square")],
        });
    });
    $("information-panels").replaceChildren(...(charts.length > 0 ? charts
        : [element("p", { class: "empty" }, "no information results yet")]));
}

/** Which units a median counts (SCIENCE.md 4.7), for the marker's tooltip. */
function unitsCounted(point) {
    const included = point.included_units ?? 0;
    const filtered = point.parameters?.["unit_inclusion.filter"];
    if (filtered !== "UNIT_FILTER_INCLUDED") {
        return `${point.units} units`;
    }
    return `${included} of ${point.units} units included`;
}

/** The served bootstrap standard error of the median when there is one, else the normal approximation from the IQR. */
function medianStandardError(point) {
    if (point.has_median_error === true) {
        return number(point.median_error);
    }
    const spread = number(point.q75) - number(point.q25);
    return point.units > 1 && Number.isFinite(spread) ? MEDIAN_SE_PER_IQR * spread / Math.sqrt(point.units)
        : undefined;
}

// ---- grouping and formatting --------------------------------------------------------------------------------------

/** One series per key (checkpoint of a model, or a recording), areas drawn dashed with square markers. */
function groupSeries(points, colors, toPoint, marker = "circle", key = (p) => seriesKey(p.source),
                     label = (p) => seriesLabel(p.source)) {
    const groups = new Map();
    for (const point of points) {
        const k = key(point);
        if (!groups.has(k)) {
            groups.set(k, { label: label(point), color: colors.get(k), marker, dashed: marker === "square",
                points: [] });
        }
        groups.get(k).points.push(toPoint(point));
    }
    return [...groups.values()];
}

/** Sets the options of a select, leaving it alone (open or not) when they have not changed. */
function fillSelect(select, values, label, chosen) {
    const current = [...select.options].map((option) => option.value);
    if (current.join("\n") !== values.join("\n")) {
        select.replaceChildren(...values.map((value) => element("option", { value }, label(value))));
    }
    select.value = chosen ?? "";
    select.disabled = values.length < 2;
}

function colorsFor(keys) {
    const distinct = [...new Set(keys)];
    return new Map(distinct.map((key, i) => [key, PALETTE[i % PALETTE.length]]));
}

const isLayer = (point) => point.source.kind === "SOURCE_KIND_LAYER";
const kind = (source) => (source.kind === "SOURCE_KIND_LAYER" ? "layer" : "area");
const depth = (source) => number(source.relative_depth);
const seriesKey = (source) => `${kind(source)}|${source.origin}|${source.checkpoint}`;
const sourceKey = (source) => `${seriesKey(source)}|${source.name}`;

function seriesLabel(source) {
    if (source.kind !== "SOURCE_KIND_LAYER") {
        return source.origin ? `areas · ${source.origin}` : "areas";
    }
    return `${source.origin} · ${source.checkpoint || "default"}`;
}

export function sourceLabel(source) {
    return source.kind === "SOURCE_KIND_LAYER" ? `${source.name} (${source.checkpoint || source.origin})`
        : source.name;
}

/** Protobuf's JSON writes NaN, infinities and 64-bit integers as strings. */
export function number(value) {
    return typeof value === "number" ? value : Number(value);
}

export function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
        node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
}

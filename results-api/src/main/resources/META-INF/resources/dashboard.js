// The results dashboard: polls the REST mirror (/api/runs...) every POLL_MS and redraws what changed.
import { formatNumber } from "./plot.js";
import { choices, element, number, renderIdProfile, renderInformation, sourceLabel } from "./profiles.js";

const POLL_MS = 2000;
const state = { lastBodies: new Map(), run: null, idProfile: null, informationProfile: null, findings: null };
let timer = null;
let refreshing = false;
let refreshAgain = false;
/** The delay before the next refresh; shorter while results-api catches up. */
let nextDelay = POLL_MS;

const $ = (id) => document.getElementById(id);

// ---- polling ------------------------------------------------------------------------------------------------------

function selectedRunId() {
    const match = /^#run=(.+)$/.exec(window.location.hash);
    return match ? decodeURIComponent(match[1]) : null;
}

const TOKEN_KEY = "prune-distill-read-token";

/**
 * Fetches with the read token this tab was given, if any. A results-api whose reads need a token answers 401; the
 * dashboard then asks for it once (kept in this tab's session storage only, never in the page or the URL) and tries
 * again.
 */
async function fetchWithToken(path) {
    for (;;) {
        const token = sessionStorage.getItem(TOKEN_KEY);
        const headers = { Accept: "application/json" };
        if (token) {
            headers.Authorization = `Bearer ${token}`;
        }
        const response = await fetch(path, { headers, cache: "no-store" });
        if (response.status !== 401) {
            return response;
        }
        const entered = window.prompt(token ? "The read token was refused. Read token of this results-api:"
            : "This results-api serves its results to token holders. Read token (PD_API_READ_TOKEN):");
        if (!entered) {
            return response;
        }
        sessionStorage.setItem(TOKEN_KEY, entered.trim());
    }
}

/** Fetches a JSON resource: its parsed value, and whether its body differs from the last one fetched. */
async function fetchJson(path) {
    const response = await fetchWithToken(path);
    if (!response.ok) {
        const error = new Error(`${path}: HTTP ${response.status}`);
        error.status = response.status;
        if (response.status === 503) {
            // results-api is rebuilding its catalog after a start: it says how far it is and when to ask again.
            error.detail = (await response.json().catch(() => ({}))).error ?? "results-api is catching up";
            error.retryAfterMs = 1000 * Number(response.headers.get("Retry-After") ?? POLL_MS / 1000);
        }
        throw error;
    }
    const body = await response.text();
    const last = state.lastBodies.get(path);
    if (last !== undefined && last.body === body) {
        return { value: last.value, changed: false };
    }
    const value = JSON.parse(body);
    state.lastBodies.set(path, { body, value });
    return { value, changed: true };
}

async function refresh() {
    if (refreshing) {
        refreshAgain = true;
        return;
    }
    refreshing = true;
    try {
        const runs = await fetchJson("/api/runs");
        if (runs.changed) {
            renderRunList(runs.value);
        }
        const runId = selectedRunId() ?? runs.value[0]?.run_id ?? null;
        if (runId !== null && runs.value.some((run) => run.run_id === runId)) {
            await refreshRun(runId);
        } else if (runId !== null) {
            showUnknownRun(runId);
        }
        setLive("live", `live · updated ${new Date().toLocaleTimeString()}`);
    } catch (error) {
        if (error.status === 503) {
            // Not an error: what is shown stays, and is refreshed as soon as the catalog has caught up.
            setLive("catching-up", `${error.detail}; retrying`);
            nextDelay = Math.min(error.retryAfterMs, POLL_MS);
        } else {
            // Forget what was fetched, so that the next poll draws everything again rather than keep what a failed
            // drawing left half done.
            state.lastBodies.clear();
            setLive("error", `connection problem (${error.message}); retrying every ${POLL_MS / 1000} s`);
        }
    } finally {
        refreshing = false;
        if (refreshAgain) {
            refreshAgain = false;
            schedule(0);
        }
    }
}

async function refreshRun(runId) {
    const base = `/api/runs/${encodeURIComponent(runId)}`;
    let results;
    try {
        results = await Promise.all([fetchJson(base), fetchJson(`${base}/id-profile`),
            fetchJson(`${base}/information-profile`), fetchJson(`${base}/findings`)]);
    } catch (error) {
        if (error.status === 404) {
            showUnknownRun(runId);
            return;
        }
        throw error;
    }
    const [run, idProfile, informationProfile, findings] = results;
    const switched = state.run === null || state.run.run_id !== runId;
    state.run = run.value;
    state.idProfile = idProfile.value;
    state.informationProfile = informationProfile.value;
    state.findings = findings.value;
    if (run.changed || switched) {
        renderRunSummary(run.value);
        markSelected(runId);
    }
    if (idProfile.changed || switched) {
        renderIdProfile(idProfile.value.points);
    }
    if (informationProfile.changed || switched) {
        renderInformation(informationProfile.value.points);
    }
    if (findings.changed || switched) {
        renderFindings(findings.value.findings ?? []);
        renderTrends(findings.value.trends ?? []);
    }
}

// ---- findings: results-api's verdicts, shown as they are ------------------------------------------------------------

function renderFindings(findings) {
    const items = findings.map((finding) => element("li", { "data-question": finding.question,
        "data-answer": finding.answer }, element("span", { class: "question" }, finding.text), " ",
        element("strong", { class: "answer" }, answerText(finding)), element("br"),
        element("span", { class: "evidence" }, evidenceText(finding))));
    $("findings").replaceChildren(...items);
    $("findings-empty").hidden = items.length > 0;
}

function answerText(finding) {
    switch (finding.answer) {
    case "ANSWER_YES": return finding.training ? "yes, in every layer" : "yes";
    case "ANSWER_NO": return "no";
    case "ANSWER_IN_SOME_LAYERS":
        return `in ${finding.training.agreeing} of ${finding.training.layers.length} layers`;
    case "ANSWER_OPPOSITE": return "opposite, in every layer";
    case "ANSWER_NOT_EVALUATED": return "not evaluated: no layer has an error bar at both checkpoints";
    default: return "–";
    }
}

// A layer of a profile: name, ID and error bar.
function positionText(p) {
    return `${p.source.name} ${formatNumber(number(p.id))} ± ${formatNumber(number(p.error))}`;
}

// The premise check: can this setup show an expansion at all (the input's ID below an early layer's)?
function premiseText(profile) {
    const premise = profile.premise;
    if (!premise) {
        return "";
    }
    const input = positionText(profile.positions[premise.input_position]);
    const early = premise.early_positions.map((index) => positionText(profile.positions[index])).join(", ");
    return premise.holds
        ? ` Premise: the input's ID (${input}) lies below an early layer's (${early}), so an expansion can show.`
        : ` Premise not met: the input's ID (${input}) is not below the early layers' (${early}) beyond the error `
            + "bars, so this setup cannot show an expansion whatever the network learned.";
}

function evidenceText(finding) {
    if (finding.hunchback) {
        const profile = finding.hunchback;
        const positions = profile.positions.map(positionText);
        const peak = profile.positions[profile.peak];
        const phases = profile.phases.map((phase) => `${phase.kind === "PHASE_KIND_EXPANSION" ? "expansion"
            : "contraction"} ${profile.positions[phase.from_position].source.name} → `
            + profile.positions[phase.to_position].source.name);
        const peakName = profile.peak_source?.name || (peak ? peak.source.name : "–");
        return `${positions.join(", ")}. Peak at ${peakName}; `
            + (phases.length > 0 ? phases.join(", ") : "no step beyond the error bars") + "."
            + premiseText(profile);
    }
    const verdicts = { CHANGE_VERDICT_NO_ERROR_BAR: "no error bar", CHANGE_VERDICT_NOT_SIGNIFICANT:
        "no significant change", CHANGE_VERDICT_AS_CLAIMED: "as claimed", CHANGE_VERDICT_OPPOSITE:
        "opposite to the claim" };
    return (finding.training?.layers ?? []).map((layer) => {
        const change = layer.change;
        const error = change.has_error ? ` ± ${formatNumber(number(change.error))}` : "";
        return `${change.from_source.name}: ${formatNumber(number(change.before))} → `
            + `${formatNumber(number(change.after))}${error}: ${verdicts[layer.verdict] ?? layer.verdict}`;
    }).join("; ") + ".";
}

// ---- trends along the hierarchy: the findings' embedded GetTrends, shown as they are -------------------------------

function renderTrends(questions) {
    const items = questions.flatMap((question) => [
        ...question.trends.map((trend) => trendItem(question, trend.text, trend.verdict, trend.reason,
            trendEvidence(trend))),
        ...question.interactions.map((interaction) => trendItem(question, interaction.text, interaction.verdict,
            interaction.reason, interactionEvidence(interaction)))]);
    $("trends").replaceChildren(...items);
    $("trends-empty").hidden = items.length > 0;
}

function trendItem(question, text, verdict, reason, evidence) {
    return element("li", { "data-question": question.question, "data-verdict": verdict },
        element("span", { class: "question" }, text), " ",
        element("strong", { class: "answer" }, verdictText(verdict, reason)), element("br"),
        element("span", { class: "evidence" }, evidence));
}

function verdictText(verdict, reason) {
    switch (verdict) {
    case "VERDICT_YES": return "yes, beyond 2 SE";
    case "VERDICT_NO": return "no: within 2 SE";
    case "VERDICT_OPPOSITE": return "opposite: beyond 2 SE against the claim";
    case "VERDICT_NOT_EVALUATED": return `not evaluated: ${reason}`;
    default: return "–";
    }
}

function withError(value, error, hasError) {
    return `${formatNumber(number(value))}${hasError ? ` ± ${formatNumber(number(error))}` : ""}`;
}

function trendEvidence(trend) {
    const positions = trend.positions.map((p) => `${p.source.name} ${withError(p.value, p.error, p.has_error)}`);
    if (trend.first_third.count === 0) {
        return `${positions.join(", ")}.`;
    }
    const first = trend.first_third;
    const last = trend.last_third;
    const rho = trend.has_rank_correlation ? `; rank correlation with depth ${formatNumber(
        number(trend.rank_correlation))}` : "";
    return `last third ${withError(last.mean, last.error, last.has_error)} − first third `
        + `${withError(first.mean, first.error, first.has_error)} = `
        + `${withError(trend.difference, trend.error, trend.has_error)}${rho} (${positions.join(", ")}).`;
}

function interactionEvidence(interaction) {
    return `trend at ${interaction.last_checkpoint} ${formatNumber(number(interaction.last_difference))} − trend at `
        + `${interaction.first_checkpoint} ${formatNumber(number(interaction.first_difference))} = `
        + `${withError(interaction.difference, interaction.error, interaction.has_error)}.`;
}

function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(async () => {
        nextDelay = POLL_MS;
        if (!document.hidden) {
            await refresh();
        }
        schedule(nextDelay);
    }, delay);
}

function setLive(status, message) {
    const live = $("live-status");
    live.dataset.state = status;
    live.textContent = message;
}

// ---- run list and summary -----------------------------------------------------------------------------------------

function renderRunList(runs) {
    const body = $("runs").tBodies[0];
    body.replaceChildren(...runs.map((run) => {
        const row = element("tr", { "data-run-id": run.run_id, "data-status": run.status, tabindex: 0 },
            element("td", {}, element("span", { class: "run-id" }, run.run_id),
                run.spec && run.spec.label ? element("span", { class: "run-label" }, run.spec.label) : ""),
            element("td", {}, element("span", { class: `status ${shortStatus(run.status)}` },
                shortStatus(run.status))),
            element("td", {}, formatTime(run.submitted_at_ms)));
        const open = () => {
            window.location.hash = `run=${encodeURIComponent(run.run_id)}`;
        };
        row.addEventListener("click", open);
        row.addEventListener("keydown", (event) => event.key === "Enter" && open());
        return row;
    }));
    $("runs-empty").hidden = runs.length > 0;
    if (state.run !== null) {
        markSelected(state.run.run_id);
    }
}

function markSelected(runId) {
    for (const row of $("runs").tBodies[0].rows) {
        row.classList.toggle("selected", row.dataset.runId === runId);
    }
}

function renderRunSummary(run) {
    const view = $("run-view");
    view.hidden = false;
    $("no-run").hidden = true;
    view.dataset.runId = run.run_id;
    view.dataset.status = run.status;
    $("run-title").textContent = run.spec && run.spec.label ? `${run.run_id} — ${run.spec.label}` : run.run_id;
    const facts = [["status", shortStatus(run.status)], ["progress", run.progress || "–"],
        ["results", String(run.results)], ["sources", String(run.sources.length)],
        ["submitted", formatTime(run.submitted_at_ms)], ["updated", formatTime(run.updated_at_ms)]];
    $("run-facts").replaceChildren(...facts.flatMap(([name, value]) => [element("dt", {}, name),
        element("dd", { "data-fact": name }, value)]));
    const base = `/api/runs/${encodeURIComponent(run.run_id)}`;
    $("id-csv").href = `${base}/id-profile.csv`;
    $("information-csv").href = `${base}/information-profile.csv`;
    $("run-json").href = base;
    const messages = [];
    if (run.failure_reason) {
        messages.push(element("li", { class: "failure" }, `failed: ${run.failure_reason}`));
    }
    for (const source of run.sources) {
        for (const failure of source.failures) {
            messages.push(element("li", { class: "failure", "data-analysis": failure.analysis },
                `${sourceLabel(source.source)}: ${failure.analysis} failed: ${failure.reason}`));
        }
    }
    run.warnings.forEach((warning) => messages.push(element("li", { class: "warning" }, warning)));
    $("run-messages").replaceChildren(...messages);
}

function showUnknownRun(runId) {
    state.run = null;
    $("run-view").hidden = true;
    $("no-run").hidden = false;
    $("no-run").textContent = `No run '${runId}' (yet): waiting for it to appear.`;
    markSelected(null);
}

function shortStatus(status) {
    return String(status).replace("RUN_STATUS_", "").toLowerCase();
}

function formatTime(ms) {
    const value = number(ms);
    return value > 0 ? new Date(value).toLocaleString() : "–";
}

// ---- start --------------------------------------------------------------------------------------------------------

$("correction").addEventListener("change", (event) => {
    choices.correction = event.target.value;
    if (state.informationProfile !== null) {
        renderInformation(state.informationProfile.points);
    }
});
$("estimator").addEventListener("change", (event) => {
    choices.estimator = event.target.value;
    choices.estimatorChosen = true;
    if (state.idProfile !== null) {
        renderIdProfile(state.idProfile.points);
    }
});
// Downloads: with a read token, a plain link would be refused, so the bytes are fetched with it and handed over.
for (const id of ["id-csv", "information-csv", "run-json"]) {
    $(id).addEventListener("click", async (event) => {
        if (!sessionStorage.getItem(TOKEN_KEY)) {
            return;
        }
        event.preventDefault();
        const link = event.currentTarget;
        const response = await fetchWithToken(link.href);
        if (response.ok) {
            const url = URL.createObjectURL(await response.blob());
            const save = document.createElement("a");
            save.href = url;
            save.download = new URL(link.href).pathname.split("/").pop();
            save.click();
            URL.revokeObjectURL(url);
        }
    });
}
window.addEventListener("hashchange", () => {
    state.run = null;
    schedule(0);
});
document.addEventListener("visibilitychange", () => !document.hidden && schedule(0));
schedule(0);

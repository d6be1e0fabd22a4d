// The page of aiq-dev ui. Everything it shows comes from the local server, which passes control requests on to the
// target's socket; every text is set with textContent, never as HTML.
import {EditorView, basicSetup} from "codemirror";
import {EditorState} from "@codemirror/state";
import {yaml} from "@codemirror/lang-yaml";
import {lintGutter, setDiagnostics} from "@codemirror/lint";

const VALIDATE_DEBOUNCE_MS = 400;
const $ = (id) => document.getElementById(id);

const state = {
  pid: null, config: null, status: null,
  file: null, loadedSha: null, lastValidated: null,
  events: null, timeline: [],
};

// ---- small helpers -----------------------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

async function api(path, body) {
  const init = body === undefined ? {} : {method: "POST", headers: {"Content-Type": "application/json"},
    body: JSON.stringify(body)};
  const response = await fetch("/api/" + path, init);
  let data = null;
  try { data = await response.json(); } catch (e) { data = {error: response.statusText}; }
  return {status: response.status, data};
}

/** One control request to the selected JVM's agent: {ok, result | error}. */
async function control(op, params = {}) {
  const request = Object.assign({op}, params);
  if (state.config && op !== "status") request.config = state.config;
  const {status, data} = await api("call", {pid: state.pid, request});
  if (status !== 200) return {ok: false, error: data.error || ("HTTP " + status)};
  return data;
}

function ms(value) {
  return (Math.round(value * 10) / 10).toFixed(1) + " ms";
}

function baseName(path) {
  return path.substring(path.lastIndexOf("/") + 1);
}

// a command line with each absolute path shortened to its file name: the menu is narrow, the tooltip has it all
function shortCommand(command) {
  return command.replace(/(^|\s)\/\S*\/([^\s\/]+)/g, "$1$2");
}

function flash(node, text, kind) {
  node.textContent = text;
  node.className = "note " + (kind || "");
}

// ---- editors -----------------------------------------------------------------------------------------------------

const theme = EditorView.theme({
  "&": {fontSize: "13px", height: "100%"},
  ".cm-scroller": {fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"},
});

const editor = new EditorView({
  parent: $("editor"),
  state: EditorState.create({doc: "", extensions: [basicSetup, yaml(), theme, lintGutter(),
    EditorView.updateListener.of((update) => { if (update.docChanged) scheduleValidation(); })]}),
});

const live = new EditorView({
  parent: $("live"),
  state: EditorState.create({doc: "", extensions: [basicSetup, yaml(), theme, EditorState.readOnly.of(true),
    EditorView.editable.of(false)]}),
});

function setText(view, text) {
  view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}});
}

// ---- JVMs and configs --------------------------------------------------------------------------------------------

async function loadJvms() {
  const {data} = await api("jvms");
  const select = $("jvm");
  select.replaceChildren(...data.map((jvm) => el("option", {value: jvm.pid, title: jvm.name},
      jvm.pid + "  " + shortCommand(jvm.name))));
  if (data.length === 0) {
    $("banner").textContent = "No JVM of this user runs aiq-dev. Start one with -javaagent:aiq-dev.jar, or aiq-dev attach <pid>.";
    return;
  }
  $("banner").textContent = "";
  const keep = data.find((jvm) => String(jvm.pid) === String(state.pid));
  await selectJvm(keep ? keep.pid : data[0].pid);
}

async function selectJvm(pid) {
  state.pid = pid;
  $("jvm").value = String(pid);
  const reply = await control("status");
  if (!reply.ok) { $("banner").textContent = reply.error; return; }
  const configs = reply.result.configs;
  $("config").replaceChildren(...configs.map((c) => el("option", {value: c.name}, c.name)));
  state.config = configs.length ? configs[0].name : null;
  follow();
  await refresh(true);
}

/** Status, live config, history and overrides again; {@code withFile}: the editor's file too. */
async function refresh(withFile) {
  const reply = await control("status", state.config ? {config: state.config} : {});
  if (!reply.ok) { $("banner").textContent = reply.error; return; }
  state.status = reply.result.configs[0];
  renderStatus(state.status);
  renderFiles(state.status, withFile);
  renderOverrides(state.status);
  await Promise.all([loadLive(), loadHistory()]);
}

// ---- status ------------------------------------------------------------------------------------------------------

function renderStatus(s) {
  const last = s.last || s.lastOutcome;
  const rows = [
    ["Config", s.configFile || s.name],
    ["Provider", s.provider],
    ["Generation", String(s.generation)],
    ["Last result", last ? (last.success ? "✔ " : "✘ ") + last.kind.toLowerCase() + ": " + last.message : "—"],
    ["Attempts", s.attempts + " of " + s.maxAttempts],
    ["Debounce", s.delaySeconds + " s" + (s.pollSeconds > 0 ? ", polling every " + s.pollSeconds + " s" : "")
        + (s.events ? ", file events" : "")],
    ["History", s.historySize + " generation(s) kept"],
  ];
  $("status").replaceChildren(el("dl", {}, rows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])));
  const result = $("status").querySelector("dl dd:nth-of-type(4)");
  if (last) result.classList.add(last.success ? "good" : "bad");
  if (last && !last.success && last.errors && last.errors.length) {
    $("status").append(el("ul", {class: "errors"}, last.errors.map((e) => el("li", {}, e))));
  }
  $("status").append(el("h3", {}, "Watched files"),
    el("ul", {class: "files"}, (s.watchedFiles || []).map((f) => el("li", {}, f))));
  $("generation").textContent = "generation " + s.generation;
}

async function loadLive() {
  const reply = await control("show");
  setText(live, reply.ok ? reply.yaml : "# " + reply.error);
}

// ---- source files and the editor ---------------------------------------------------------------------------------

function renderFiles(s, reload) {
  const files = [...new Set([s.configFile, ...(s.watchedFiles || []), ...(s.dependencies || [])].filter(Boolean))];
  const select = $("file");
  select.replaceChildren(...files.map((f) => el("option", {value: f}, baseName(f) + "  —  " + f)));
  if (!state.file || !files.includes(state.file)) state.file = files[0] || null;
  select.value = state.file;
  if (reload) loadFile();
}

async function loadFile() {
  if (!state.file) return;
  const query = new URLSearchParams({pid: state.pid, path: state.file});
  if (state.config) query.set("config", state.config);
  const {status, data} = await api("file?" + query);
  if (status !== 200) { flash($("save-message"), data.error, "bad"); return; }
  state.loadedSha = data.sha256;
  state.lastValidated = null;
  setText(editor, data.text);
  $("reload-file").hidden = true;
  flash($("save-message"), "Loaded " + baseName(data.path) + " (sha256 " + data.sha256.substring(0, 12) + "…)", "");
}

let validationTimer = null;
function scheduleValidation() {
  clearTimeout(validationTimer);
  flash($("validation"), "Validating…", "");
  validationTimer = setTimeout(validate, VALIDATE_DEBOUNCE_MS);
}

/** Errors name {@code file:line:col: reason}; those of the file in the editor become markers at their place. */
const POSITIONED = /^(.*?):(\d+):(\d+): (.*)$/;

async function validate() {
  const text = editor.state.doc.toString();
  const reply = await control("validate", {file: state.file, text});
  if (text !== editor.state.doc.toString()) return; // typed on meanwhile: the next run reports
  const outcome = reply.ok ? reply.result : {success: false, errors: [reply.error], message: reply.error};
  state.lastValidated = outcome;
  const marks = [];
  const general = [];
  for (const error of outcome.success ? [] : (outcome.errors.length ? outcome.errors : [outcome.message])) {
    const m = POSITIONED.exec(error);
    if (m && state.file.endsWith(m[1].replace(/^\.\//, "")) && Number(m[2]) <= editor.state.doc.lines) {
      const line = editor.state.doc.line(Number(m[2]));
      const from = Math.min(line.from + Math.max(0, Number(m[3]) - 1), line.to);
      marks.push({from, to: Math.max(from + 1, line.to), severity: "error", message: m[4]});
    }
    general.push(error);
  }
  editor.dispatch(setDiagnostics(editor.state, marks));
  if (outcome.success) {
    const changes = outcome.changes || [];
    flash($("validation"), "✔ The running app accepts this" + (changes.length ? ": " + changes.map((c) =>
        c.path + " " + c.before + " → " + c.after).join(", ") : " (no values change)"), "good");
  } else {
    $("validation").replaceChildren(el("strong", {}, "✘ The running app would refuse this"),
      el("ul", {class: "errors"}, general.map((e) => el("li", {}, e))));
    $("validation").className = "note bad";
  }
}

async function save() {
  const body = {pid: state.pid, config: state.config, path: state.file, text: editor.state.doc.toString(),
    sha256: state.loadedSha};
  // the watcher may apply the save before its answer is read here: the outcome that follows belongs to it
  state.awaitingSave = true;
  const {status, data} = await api("save", body);
  if (status !== 200) state.awaitingSave = false;
  if (status === 409) {
    flash($("save-message"), "Not saved: " + data.error, "bad");
    $("reload-file").hidden = false;
    return;
  }
  if (status !== 200) { flash($("save-message"), "Not saved: " + data.error, "bad"); return; }
  state.loadedSha = data.sha256;
  if (state.awaitingSave) {
    flash($("save-message"), "Saved " + baseName(data.path) + "; waiting for the app to reload it…", "");
  }
}

// ---- history, diff, rollback -------------------------------------------------------------------------------------

async function loadHistory() {
  const reply = await control("history");
  const items = reply.ok ? reply.result : [];
  const body = $("history-rows");
  body.replaceChildren(...items.map((item, index) => el("tr", {"data-generation": item.generation},
    el("td", {}, el("input", {type: "radio", name: "from", value: item.generation,
      ...(index === 1 || (items.length === 1 && index === 0) ? {checked: ""} : {})})),
    el("td", {}, el("input", {type: "radio", name: "to", value: item.generation, ...(index === 0 ? {checked: ""} : {})})),
    el("td", {class: "num"}, String(item.generation) + (index === 0 ? " (live)" : "")),
    el("td", {}, new Date(item.at).toLocaleTimeString()),
    el("td", {}, item.cause),
    el("td", {}, index === 0 ? "" : el("button", {class: "rollback", "data-steps": index,
      onclick: () => rollback(index, item.generation)}, "Roll back to " + item.generation)))));
}

async function diff() {
  const from = document.querySelector("input[name=from]:checked");
  const to = document.querySelector("input[name=to]:checked");
  if (!from || !to) return;
  const reply = await control("diff", {from: Number(from.value), to: Number(to.value)});
  const table = $("diff");
  if (!reply.ok) { table.replaceChildren(el("caption", {}, reply.error)); return; }
  const changes = reply.result;
  table.replaceChildren(
    el("caption", {}, "Generation " + from.value + " ↔ " + to.value + ": " + changes.length + " change(s)"),
    el("thead", {}, el("tr", {}, el("th", {}, "Path"), el("th", {}, "Generation " + from.value),
      el("th", {}, "Generation " + to.value))),
    el("tbody", {}, changes.map((c) => el("tr", {},
      el("td", {class: "path"}, c.path),
      el("td", {class: c.before === null || c.before === undefined ? "absent" : "before"}, c.before ?? "(absent)"),
      el("td", {class: c.after === null || c.after === undefined ? "absent" : "after"}, c.after ?? "(absent)")))));
}

async function rollback(steps, generation) {
  const reply = await control("rollback", {steps});
  flash($("history-message"), reply.ok ? (reply.result.success ? "✔ " : "✘ ") + reply.result.message : reply.error,
    reply.ok && reply.result.success ? "good" : "bad");
  await refresh(true);
}

// ---- overrides ---------------------------------------------------------------------------------------------------

function renderOverrides(s) {
  const entries = Object.entries(s.liveOverrides || {});
  $("overrides").replaceChildren(...(entries.length ? entries.map(([path, value]) => el("li", {},
    el("code", {}, path + " = " + value), " ", el("button", {class: "unset", onclick: () => override("unset", {path})},
      "Unset"))) : [el("li", {class: "muted"}, "No live override set.")]));
  $("app-overrides").textContent = (s.appOverrides || []).length
    ? "The app's own: " + s.appOverrides.join(", ") : "";
}

async function override(op, params) {
  const reply = await control(op, params);
  flash($("override-message"), reply.ok ? (reply.result.success ? "✔ " : "✘ ") + reply.result.message : reply.error,
    reply.ok && reply.result.success ? "good" : "bad");
  await refresh(false);
}

// ---- timeline ----------------------------------------------------------------------------------------------------

function follow() {
  if (state.events) state.events.close();
  state.timeline = [];
  renderTimeline();
  window.aiqDevFollowing = false;
  state.events = new EventSource("/api/events?pid=" + encodeURIComponent(state.pid));
  // the first event says the target accepted the follow: from then on no outcome is missed (tests wait for it)
  state.events.addEventListener("following", () => { window.aiqDevFollowing = true; });
  state.events.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.event !== "outcome" || (state.config && event.config !== state.config)) return;
    const outcome = event.outcome;
    state.timeline.push(outcome);
    renderTimeline();
    // what the watcher made of the save: a reload (or none, for the same content); a dry run or a CLI command is not it
    if (state.awaitingSave && ["RELOAD", "UNCHANGED", "MISSING"].includes(outcome.kind)) {
      state.awaitingSave = false;
      flash($("save-message"), (outcome.success ? "✔ Applied: " : "✘ Not applied: ") + outcome.message
        + " (generation " + outcome.generation + ")", outcome.success ? "good" : "bad");
    }
    refresh(false);
  };
}

function renderTimeline() {
  const list = $("timeline");
  const entries = state.timeline.slice().reverse();
  const longest = Math.max(1, ...state.timeline.map(total));
  list.replaceChildren(...(entries.length ? entries.map((o) => el("li", {class: o.success ? "good" : "bad",
      "data-kind": o.kind},
    el("div", {class: "head"}, el("span", {class: "when"}, new Date(o.at).toLocaleTimeString()),
      el("span", {class: "kind"}, o.kind.toLowerCase()), el("span", {}, "gen " + o.generation),
      el("span", {class: "msg"}, o.message), el("span", {class: "total"}, ms(total(o)))),
    el("div", {class: "bars"}, ["readMs", "validateMs", "applyMs"].map((stage) => el("span", {
      class: "bar " + stage, title: stage.replace("Ms", "") + " " + ms(o.timings[stage]),
      style: "width:" + (100 * o.timings[stage] / longest).toFixed(2) + "%"})))))
    : [el("li", {class: "muted"}, "Reloads appear here as they happen: edit a file, save from the editor, or use the CLI.")]));
  renderChart();
}

function total(o) {
  return o.timings ? o.timings.readMs + o.timings.validateMs + o.timings.applyMs : 0;
}

function renderChart() {
  const svg = $("chart");
  // drawn at the size it is shown, so dots stay round and labels unstretched
  const width = Math.max(300, Math.round(svg.getBoundingClientRect().width) || 600), height = 120, pad = 24;
  svg.setAttribute("viewBox", "0 0 " + width + " " + height);
  const points = state.timeline.filter((o) => total(o) > 0);
  const longest = Math.max(1, ...points.map(total));
  const ns = "http://www.w3.org/2000/svg";
  const node = (tag, attrs, text) => {
    const n = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text) n.textContent = text;
    return n;
  };
  svg.replaceChildren(node("line", {x1: pad, y1: height - pad, x2: width, y2: height - pad, class: "axis"}),
    node("text", {x: 2, y: 12, class: "label"}, ms(longest)), node("text", {x: 2, y: height - pad, class: "label"}, "0"));
  const step = points.length > 1 ? (width - pad * 2) / (points.length - 1) : 0;
  const xy = points.map((o, i) => [pad * 1.5 + i * step, height - pad - (height - pad * 2) * total(o) / longest]);
  if (xy.length > 1) svg.append(node("polyline", {points: xy.map((p) => p.join(",")).join(" "), class: "line"}));
  xy.forEach(([x, y], i) => svg.append(node("circle", {cx: x, cy: y, r: 3.5,
    class: points[i].success ? "dot good" : "dot bad"})));
}

// ---- tabs and wiring ---------------------------------------------------------------------------------------------

for (const tab of document.querySelectorAll("nav button[data-tab]")) {
  tab.addEventListener("click", () => {
    document.querySelectorAll("nav button[data-tab]").forEach((t) => t.classList.toggle("active", t === tab));
    document.querySelectorAll("section.panel").forEach((p) => { p.hidden = p.id !== "panel-" + tab.dataset.tab; });
    if (tab.dataset.tab === "files") editor.requestMeasure();
  });
}
$("jvm").addEventListener("change", (e) => selectJvm(e.target.value));
$("config").addEventListener("change", (e) => { state.config = e.target.value; state.file = null; refresh(true); });
$("file").addEventListener("change", (e) => { state.file = e.target.value; loadFile(); });
$("save").addEventListener("click", save);
$("reload-file").addEventListener("click", loadFile);
$("diff-button").addEventListener("click", diff);
$("override-form").addEventListener("submit", (e) => {
  e.preventDefault();
  override("set", {path: $("ov-path").value.trim(), value: $("ov-value").value});
});
$("refresh").addEventListener("click", loadJvms);
loadJvms();

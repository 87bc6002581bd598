// The newsaudit page: send the pasted article to POST /v1/audit and render the report it returns.
//
// Everything is drawn from the report's data: parts this page knows (reliability, quotes, claims,
// comments, thread) get their own view, any other part a generic key/value view, so parts added to
// the pipeline later show up without changing the page. Text from the article or its comments is
// only ever set with textContent (or text nodes), never parsed as HTML.
"use strict";

(() => {
  // Keys shown in the header line, or not at all.
  const HEADER_KEYS = new Set(["schema", "id", "title", "url", "domain", "body"]);
  // Parts with their own view, in the order they are shown; other parts follow in report order.
  const KNOWN_PARTS = ["reliability", "quotes", "claims", "comments", "thread"];
  const TEXT_KEYS = ["text", "quote", "claim", "sentence", "summary", "explanation", "description"];
  const SPEAKER_KEYS = ["speaker", "attributed_to", "source", "who"];
  const OFFSET_KEYS = new Set(["start", "end", "field"]);
  const MAX_SIGNALS = 10;

  let lastReport = null;

  // -- small DOM helpers: text always goes in through textContent

  function el(tag, options = {}, children = []) {
    const node = document.createElement(tag);
    if (options.className) node.className = options.className;
    if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
    if (options.title) node.title = options.title;
    if (options.id) node.id = options.id;
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function section(title, ...children) {
    return el("section", { className: "part" }, [el("h2", { text: title }), ...children]);
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function formatScalar(value) {
    if (value === null || value === undefined) return "n/a";
    if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(3);
    if (typeof value === "boolean") return value ? "yes" : "no";
    return String(value);
  }

  function humanise(key) {
    return String(key).replace(/_/g, " ");
  }

  // -- generic view: any JSON value

  function renderValue(value) {
    if (Array.isArray(value)) {
      if (value.length === 0) return el("span", { className: "muted", text: "none" });
      if (value.every((v) => !isPlainObject(v) && !Array.isArray(v))) {
        return el("span", { text: value.map(formatScalar).join(", ") });
      }
      return el("ol", { className: "items" }, value.map((v) => el("li", { className: "item" }, [renderValue(v)])));
    }
    if (isPlainObject(value)) {
      const dl = el("dl", { className: "kv" });
      for (const [key, v] of Object.entries(value)) {
        dl.append(el("dt", { text: humanise(key) }), el("dd", {}, [renderValue(v)]));
      }
      return dl;
    }
    return el("span", { text: formatScalar(value) });
  }

  function firstKey(item, keys) {
    return keys.find((k) => typeof item[k] === "string" && item[k] !== "");
  }

  // Remaining scalar fields of an item, as "key value" metadata.
  function itemMeta(item, shown) {
    const parts = [];
    for (const [key, value] of Object.entries(item)) {
      if (shown.has(key) || OFFSET_KEYS.has(key) || /_(start|end)$/.test(key)) continue;
      if (value === null || value === undefined || isPlainObject(value) || Array.isArray(value)) continue;
      parts.push(`${humanise(key)} ${formatScalar(value)}`);
    }
    return parts.length ? el("div", { className: "item-meta", text: parts.join(" · ") }) : null;
  }

  // Nested objects or lists of an item that no view above showed.
  function itemExtras(item, shown) {
    const rest = Object.entries(item).filter(
      ([key, value]) => !shown.has(key) && (isPlainObject(value) || Array.isArray(value)),
    );
    return rest.length ? renderValue(Object.fromEntries(rest)) : null;
  }

  // -- badges: flags (a list of names, or {name: true}) and scores ({name: number})

  function flagNames(flags) {
    if (Array.isArray(flags)) return flags.map((f) => (isPlainObject(f) ? f.name || f.label || JSON.stringify(f) : f));
    if (isPlainObject(flags)) return Object.keys(flags).filter((k) => flags[k]);
    if (typeof flags === "string") return [flags];
    return [];
  }

  function badges(item) {
    const box = el("span", { className: "badges" });
    for (const name of flagNames(item.flags)) box.append(el("span", { className: "badge flag", text: humanise(name) }));
    if (item.flagged === true) box.append(el("span", { className: "badge flag", text: "flagged" }));
    if (isPlainObject(item.scores)) {
      for (const [name, score] of Object.entries(item.scores)) {
        if (typeof score !== "number") continue;
        const level = score >= 0.5 ? "high" : "low";
        box.append(el("span", { className: `badge ${level}`, text: `${humanise(name)} ${score.toFixed(2)}` }));
      }
    }
    for (const key of ["label", "verdict"]) {
      if (typeof item[key] === "string") box.append(el("span", { className: "badge", text: item[key] }));
    }
    return box.childElementCount ? box : null;
  }

  // -- evidence highlighting; offsets are in Unicode code points, as Python counts them

  function contributionColour(contribution, maxAbs) {
    const strength = maxAbs > 0 ? Math.min(Math.abs(contribution) / maxAbs, 1) : 0;
    const rgb = contribution > 0 ? "var(--toward-unreliable)" : "var(--toward-reliable)";
    return `rgba(${rgb}, ${(0.12 + 0.5 * strength).toFixed(3)})`;
  }

  function strongest(spans) {
    return spans.reduce((best, s) => (best === null || Math.abs(s.contribution) > Math.abs(best.contribution) ? s : best), null);
  }

  // Draw `text` into `container`, each evidence span a coloured <span class="ev">, phrases underlined.
  function highlight(container, text, spans) {
    const chars = Array.from(text);
    const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end);
    const cuts = new Set([0, chars.length]);
    for (const s of valid) {
      cuts.add(Math.max(0, Math.min(s.start, chars.length)));
      cuts.add(Math.max(0, Math.min(s.end, chars.length)));
    }
    const bounds = [...cuts].sort((a, b) => a - b);
    const maxAbs = Math.max(0, ...valid.filter((s) => !s.phrase).map((s) => Math.abs(s.contribution)));
    const maxPhrase = Math.max(0, ...valid.filter((s) => s.phrase).map((s) => Math.abs(s.contribution)));
    for (let i = 0; i + 1 < bounds.length; i += 1) {
      const [a, b] = [bounds[i], bounds[i + 1]];
      const piece = chars.slice(a, b).join("");
      const covering = valid.filter((s) => s.start <= a && s.end >= b);
      const sentence = strongest(covering.filter((s) => !s.phrase));
      const phrase = strongest(covering.filter((s) => s.phrase));
      if (!sentence && !phrase) {
        container.append(document.createTextNode(piece));
        continue;
      }
      const span = el("span", { text: piece });
      const notes = [];
      if (sentence) {
        span.classList.add("ev", sentence.contribution > 0 ? "up" : "down");
        span.style.setProperty("background-color", contributionColour(sentence.contribution, maxAbs));
        span.dataset.contribution = String(sentence.contribution);
        notes.push(`${sentence.kind || "span"}: ${signed(sentence.contribution)}`);
      }
      if (phrase) {
        span.classList.add("ev-phrase", phrase.contribution > 0 ? "up" : "down");
        const weight = maxPhrase > 0 ? Math.abs(phrase.contribution) / maxPhrase : 0;
        span.style.setProperty("text-decoration-thickness", `${(1 + 2 * weight).toFixed(1)}px`);
        notes.push(`"${phrase.text}": ${signed(phrase.contribution)}${phrase.pattern ? ` (pattern ${phrase.pattern})` : ""}`);
      }
      span.title = notes.join("\n");
      container.append(span);
    }
  }

  function signed(x) {
    return `${x > 0 ? "+" : ""}${x.toFixed(3)}`;
  }

  // Evidence items (and their phrases) of one text field, as flat spans.
  function spansFor(evidence, field) {
    const spans = [];
    for (const item of evidence || []) {
      if ((item.field || "body") !== field) continue;
      spans.push({ start: item.start, end: item.end, contribution: item.contribution || 0, kind: item.kind });
      for (const p of item.phrases || []) {
        spans.push({ ...p, contribution: p.contribution || 0, phrase: true });
      }
    }
    return spans;
  }

  // -- the parts this page knows

  function renderReliability(rel, report, body) {
    const verdict = document.getElementById("verdict");
    const label = rel.label || "unknown";
    verdict.className = `verdict ${label}`;
    document.getElementById("verdict-label").textContent = label;
    const p = rel.probability_unreliable;
    document.getElementById("verdict-probability").textContent =
      typeof p === "number" ? `probability unreliable ${(100 * p).toFixed(1)}%` : "";

    const nodes = [];
    const legend = el("p", { className: "legend" });
    legend.append(
      el("span", { className: "swatch up" }), " pushes toward unreliable   ",
      el("span", { className: "swatch down" }), " toward reliable; the stronger the colour, the larger the contribution; underlined: the strongest phrases (hover for figures).",
    );
    nodes.push(legend);
    const box = el("div", { className: "article-text", id: "article-view" });
    const title = el("p", { className: "article-title", id: "article-title" });
    highlight(title, report.title || "", spansFor(rel.evidence, "title"));
    box.append(title);
    const bodyNode = el("p", { className: "article-body", id: "article-body" });
    if (typeof body === "string") {
      highlight(bodyNode, body, spansFor(rel.evidence, "body"));
    } else {
      // Without the body, show the evidence sentences on their own.
      for (const item of rel.evidence || []) {
        if ((item.field || "body") !== "body" || typeof item.text !== "string") continue;
        const shifted = spansFor([item], "body").map((s) => ({ ...s, start: s.start - item.start, end: s.end - item.start }));
        const line = el("span");
        highlight(line, item.text, shifted);
        bodyNode.append(line, "\n");
      }
    }
    box.append(bodyNode);
    nodes.push(box);

    if (Array.isArray(rel.signals) && rel.signals.length) {
      const top = [...rel.signals].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, MAX_SIGNALS);
      const maxAbs = Math.max(...top.map((s) => Math.abs(s.contribution)), 1e-9);
      const table = el("table", { id: "signals" });
      table.append(el("thead", {}, [el("tr", {}, ["signal", "value", "contribution", ""].map((h) => el("th", { text: h })))]));
      const tbody = el("tbody");
      for (const s of top) {
        const bar = el("span", { className: `bar ${s.contribution > 0 ? "up" : "down"}` });
        bar.style.setProperty("width", `${(100 * Math.abs(s.contribution)) / maxAbs}px`);
        tbody.append(el("tr", {}, [
          el("td", { text: s.description || humanise(s.name), title: s.name }),
          el("td", { className: "num", text: formatScalar(s.value) }),
          el("td", { className: "num", text: signed(s.contribution || 0) }),
          el("td", {}, [bar]),
        ]));
      }
      table.append(tbody);
      nodes.push(el("h3", { text: "Strongest signals" }), table);
    }
    const rest = {};
    for (const [key, value] of Object.entries(rel)) {
      if (!["label", "probability_unreliable", "evidence", "signals"].includes(key)) rest[key] = value;
    }
    nodes.push(el("h3", { text: "Figures" }), renderValue(rest));
    return section("Reliability", ...nodes);
  }

  function renderItems(title, items, { id, speaker = false }) {
    if (!Array.isArray(items)) return section(title, renderValue(items));
    if (items.length === 0) return section(title, el("p", { className: "muted", text: "none found" }));
    const list = el("ol", { className: "items", id });
    for (const item of items) {
      if (!isPlainObject(item)) {
        list.append(el("li", { className: "item" }, [el("p", { className: "item-text", text: formatScalar(item) })]));
        continue;
      }
      const textKey = firstKey(item, TEXT_KEYS);
      const shown = new Set([textKey, "flags", "flagged", "scores", "label", "verdict"]);
      const head = el("div", { className: "item-head" });
      if (speaker) {
        const key = firstKey(item, SPEAKER_KEYS);
        SPEAKER_KEYS.forEach((k) => shown.add(k));
        head.append(el("span", { className: "speaker", text: key ? item[key] : "unattributed" }));
      } else if ("author" in item) {
        shown.add("author");
        head.append(el("span", { className: "speaker", text: item.author || "anonymous" }));
      } else if (typeof item.name === "string") {
        shown.add("name");
        head.append(el("span", { className: "speaker", text: humanise(item.name) }));
      }
      head.append(badges(item) || "");
      list.append(el("li", { className: "item" }, [
        head,
        textKey ? el("p", { className: "item-text", text: item[textKey] }) : null,
        itemMeta(item, shown),
        itemExtras(item, shown),
      ]));
    }
    return section(title, list);
  }

  function render(report, body) {
    const parts = document.getElementById("parts");
    parts.replaceChildren();
    const source = [report.domain, report.url].filter(Boolean);
    document.getElementById("source-line").textContent = source.length ? `Source: ${source[source.length - 1]}` : "";
    if (isPlainObject(report.reliability)) {
      parts.append(renderReliability(report.reliability, report, body));
    } else {
      document.getElementById("verdict").className = "verdict";
      document.getElementById("verdict-label").textContent = "no verdict";
      document.getElementById("verdict-probability").textContent = "";
    }
    if ("quotes" in report) parts.append(renderItems("Quotes", report.quotes, { id: "quotes", speaker: true }));
    if ("claims" in report) parts.append(renderItems("Claims", report.claims, { id: "claims" }));
    if ("comments" in report) parts.append(renderItems("Comments", report.comments, { id: "comments" }));
    if ("thread" in report) {
      const thread = section("Thread", renderValue(report.thread));
      thread.id = "thread";
      parts.append(thread);
    }
    for (const [key, value] of Object.entries(report)) {
      if (HEADER_KEYS.has(key) || KNOWN_PARTS.includes(key)) continue;
      const title = humanise(key).replace(/^./, (c) => c.toUpperCase());
      const listOfItems = Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
      const part = listOfItems ? renderItems(title, value, { id: `part-${key}` }) : section(title, renderValue(value));
      part.dataset.part = key;
      parts.append(part);
    }
    document.getElementById("results").hidden = false;
  }

  // -- talking to the service

  function setStatus(message, isError = false) {
    const status = document.getElementById("status");
    status.textContent = message;
    status.classList.toggle("error", isError);
  }

  async function audit(event) {
    event.preventDefault();
    const text = document.getElementById("article").value;
    const url = document.getElementById("url").value.trim();
    if (!text.trim()) {
      setStatus("Paste an article first.", true);
      return;
    }
    const params = new URLSearchParams({ include_body: "true" });
    if (url) params.set("url", url);
    const type = /^\s*</.test(text) ? "text/html" : "text/plain";
    const button = document.getElementById("audit-button");
    button.disabled = true;
    setStatus("Auditing…");
    try {
      const response = await fetch(`/v1/audit?${params}`, {
        method: "POST",
        headers: { "content-type": `${type}; charset=utf-8` },
        body: text,
      });
      const data = await response.json().catch(() => null);
      if (!response.ok) {
        const error = (data && data.error) || {};
        setStatus(`Error ${response.status}${error.code ? ` [${error.code}]` : ""}: ${error.message || response.statusText}`, true);
        return;
      }
      const { body, ...report } = data;
      lastReport = report;
      render(report, body);
      setStatus("");
    } catch (err) {
      setStatus(`The service could not be reached: ${err}`, true);
    } finally {
      button.disabled = false;
    }
  }

  function download() {
    if (!lastReport) return;
    const blob = new Blob([JSON.stringify(lastReport, null, 2)], { type: "application/json" });
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = "newsaudit-report.json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("audit-form").addEventListener("submit", audit);
    document.getElementById("download").addEventListener("click", download);
  });
})();

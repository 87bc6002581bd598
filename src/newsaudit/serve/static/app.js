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
    return section(title, el("ol", { className: "items", id }, items.map((item) => renderItem(item, { speaker }))));
  }

  // One item of a list part, generically: who, badges, text, the other fields.
  function renderItem(item, { speaker = false } = {}) {
    if (!isPlainObject(item)) {
      return el("li", { className: "item" }, [el("p", { className: "item-text", text: formatScalar(item) })]);
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
    return el("li", { className: "item" }, [
      head,
      textKey ? el("p", { className: "item-text", text: item[textKey] }) : null,
      itemMeta(item, shown),
      itemExtras(item, shown),
    ]);
  }

  // -- scored comments: a red badge per flagged head, the other scores muted, the words behind the flags marked

  const COMMENT_KEYS = ["author", "text", "scores", "flags", "spans", "language", "scores_reliable"];

  function score2(x) {
    return typeof x === "number" ? x.toFixed(2) : formatScalar(x);
  }

  // The spans of every head as flat ranges {start, end, text, head, contribution, rule}.
  function commentSpans(spans, length) {
    const out = [];
    if (!isPlainObject(spans)) return out;
    for (const [head, items] of Object.entries(spans)) {
      if (!Array.isArray(items)) continue;
      for (const s of items) {
        if (!isPlainObject(s) || !Number.isInteger(s.start) || !Number.isInteger(s.end)) continue;
        const start = Math.max(0, s.start);
        const end = Math.min(length, s.end);
        if (start >= end) continue;
        out.push({
          start, end, head,
          text: typeof s.text === "string" ? s.text : null,
          contribution: typeof s.contribution === "number" ? s.contribution : null,
          rule: typeof s.rule === "string" && s.rule ? s.rule : null,
        });
      }
    }
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  // Overlapping ranges merged into groups [{start, end, spans}].
  function mergeRanges(spans) {
    const groups = [];
    for (const s of spans) {
      const last = groups[groups.length - 1];
      if (last && s.start < last.end) {
        last.end = Math.max(last.end, s.end);
        last.spans.push(s);
      } else {
        groups.push({ start: s.start, end: s.end, spans: [s] });
      }
    }
    return groups;
  }

  // The tooltip of one highlight: per matched range, its heads with their contributions, and any rule.
  function markTitle(group, chars) {
    const byRange = new Map();
    for (const s of group.spans) {
      const key = `${s.start}:${s.end}:${s.rule || ""}`;
      if (!byRange.has(key)) byRange.set(key, { ...s, heads: [] });
      byRange.get(key).heads.push(s);
    }
    const lines = [];
    for (const r of byRange.values()) {
      const words = r.text !== null ? r.text : chars.slice(r.start, r.end).join("");
      const heads = r.heads
        .map((h) => `${humanise(h.head)}${h.contribution !== null ? ` ${signed2(h.contribution)}` : ""}`)
        .join(", ");
      lines.push(`"${words}": ${heads}${r.rule ? ` (rule: ${r.rule})` : ""}`);
    }
    return lines.join("\n");
  }

  function signed2(x) {
    return `${x > 0 ? "+" : ""}${x.toFixed(2)}`;
  }

  // The comment's text with each (merged) span range in a <mark>; offsets in code points, as Python counts.
  function markedText(text, spans) {
    const p = el("p", { className: "item-text comment-text" });
    const chars = Array.from(text);
    let at = 0;
    for (const group of mergeRanges(commentSpans(spans, chars.length))) {
      if (group.start > at) p.append(document.createTextNode(chars.slice(at, group.start).join("")));
      const mark = el("mark", { className: "tox", text: chars.slice(group.start, group.end).join("") });
      mark.title = markTitle(group, chars);
      const heads = [...new Set(group.spans.map((s) => s.head))];
      mark.dataset.heads = heads.join(" ");
      const strength = Math.min(Math.max(0, ...group.spans.map((s) => s.contribution || 0)) / 2, 1);
      mark.style.setProperty("background-color", `rgba(var(--toward-unreliable), ${(0.14 + 0.3 * strength).toFixed(3)})`);
      if (group.spans.some((s) => s.rule)) mark.classList.add("rule");
      p.append(mark);
      at = group.end;
    }
    if (at < chars.length) p.append(document.createTextNode(chars.slice(at).join("")));
    return p;
  }

  function renderComment(item) {
    const scores = item.scores;
    const flags = flagNames(item.flags);
    const shown = new Set(COMMENT_KEYS);
    const head = el("div", { className: "item-head" });
    head.append(el("span", { className: "speaker", text: item.author || "anonymous" }));
    const box = el("span", { className: "badges" });
    for (const name of flags) {
      const value = scores[name];
      const text = typeof value === "number" ? `${humanise(name)} ${score2(value)}` : humanise(name);
      const badge = el("span", { className: "badge head", text });
      badge.dataset.head = name;
      box.append(badge);
    }
    if (box.childElementCount) head.append(box);
    const lang = typeof item.language === "string" && item.language ? item.language : null;
    if (item.scores_reliable === false) {
      head.append(el("span", { className: "lang-note", text: lang ? `in ${lang} — scores less reliable` : "scores less reliable" }));
    }

    const others = Object.entries(scores).filter(([name, v]) => !flags.includes(name) && typeof v === "number");
    let rest = null;
    if (others.length) {
      rest = el("div", { className: "other-scores" });
      rest.append(el("span", { className: "other-label", text: flags.length ? "other scores" : "not flagged; scores" }));
      for (const [name, v] of others) rest.append(el("span", { className: "score", text: `${humanise(name)} ${score2(v)}` }));
    }
    const li = el("li", { className: flags.length ? "item comment flagged" : "item comment" }, [
      head,
      markedText(typeof item.text === "string" ? item.text : formatScalar(item.text), item.spans),
      rest,
      itemMeta(item, shown),
      itemExtras(item, shown),
    ]);
    return li;
  }

  function renderComments(comments) {
    if (!Array.isArray(comments)) return section("Comments", renderValue(comments));
    if (comments.length === 0) return section("Comments", el("p", { className: "muted", text: "none found" }));
    const list = el("ol", { className: "items", id: "comments" });
    let scored = false;
    comments.forEach((item, index) => {
      const isScored = isPlainObject(item) && isPlainObject(item.scores);
      scored = scored || isScored;
      const li = isScored ? renderComment(item) : renderItem(item);
      li.id = `comment-${index}`;
      list.append(li);
    });
    const nodes = [];
    if (scored) {
      const legend = el("p", { className: "legend" });
      legend.append(
        el("span", { className: "swatch up" }),
        " the words behind each flag, stronger for a larger contribution; underlined: a rule matched (hover for the flags, contributions and rule).",
      );
      nodes.push(legend);
    }
    return section(`Comments (${comments.length})`, ...nodes, list);
  }

  // -- the thread summary

  function renderThread(thread) {
    if (!isPlainObject(thread)) return section("Thread", renderValue(thread));
    const nodes = [];
    const used = new Set();
    if (typeof thread.flagged === "number" && typeof thread.comments === "number") {
      const share = typeof thread.share_flagged === "number"
        ? thread.share_flagged
        : thread.comments ? thread.flagged / thread.comments : 0;
      const line = el("p", { className: "thread-summary", id: "thread-summary" });
      line.append(
        el("strong", { text: `${thread.flagged} of ${thread.comments} comments flagged` }),
        ` (${Math.round(100 * share)}%)`,
      );
      nodes.push(line);
      ["comments", "flagged", "share_flagged"].forEach((k) => used.add(k));
    }
    if (isPlainObject(thread.per_flag)) {
      used.add("per_flag");
      const counts = Object.entries(thread.per_flag).filter(([, n]) => typeof n === "number" && n > 0);
      if (counts.length) {
        const row = el("div", { className: "thread-row", id: "thread-flags" }, [el("span", { className: "thread-label", text: "By flag" })]);
        const box = el("span", { className: "badges" });
        for (const [name, n] of counts) box.append(el("span", { className: "badge flag", text: `${humanise(name)} ${n}` }));
        row.append(box);
        nodes.push(row);
      }
    }
    if (Array.isArray(thread.most_severe)) {
      used.add("most_severe");
      if (thread.most_severe.length) {
        const list = el("ol", { className: "items severe", id: "most-severe" });
        for (const item of thread.most_severe) {
          if (!isPlainObject(item)) {
            list.append(renderItem(item));
            continue;
          }
          const who = Number.isInteger(item.index) ? el("a", { className: "speaker", text: item.author || "anonymous" })
            : el("span", { className: "speaker", text: item.author || "anonymous" });
          if (Number.isInteger(item.index)) who.href = `#comment-${item.index}`;
          const head = el("div", { className: "item-head" }, [who]);
          if (item.head) {
            head.append(el("span", { className: "badges" }, [
              el("span", { className: "badge head", text: `${humanise(item.head)} ${score2(item.score)}` }),
            ]));
          }
          list.append(el("li", { className: "item" }, [
            head,
            typeof item.text === "string" ? el("p", { className: "item-text excerpt", text: item.text }) : null,
          ]));
        }
        nodes.push(el("h3", { text: "Most severe" }), list);
      }
    }
    if (Array.isArray(thread.flagged_authors)) {
      used.add("flagged_authors");
      if (thread.flagged_authors.length) {
        const row = el("div", { className: "thread-row", id: "flagged-authors" }, [
          el("span", { className: "thread-label", text: "Flagged authors" }),
        ]);
        const names = el("span");
        thread.flagged_authors.forEach((a, i) => {
          if (i) names.append(", ");
          if (!isPlainObject(a)) {
            names.append(formatScalar(a));
            return;
          }
          names.append(el("span", { className: "speaker", text: a.author || "anonymous" }));
          if (typeof a.flagged_comments === "number") names.append(` (${a.flagged_comments})`);
        });
        row.append(names);
        nodes.push(row);
      }
    }
    const rest = Object.fromEntries(Object.entries(thread).filter(([key]) => !used.has(key)));
    if (Object.keys(rest).length) nodes.push(renderValue(rest));
    const part = section("Thread", ...nodes);
    part.id = "thread";
    return part;
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
    if ("comments" in report) parts.append(renderComments(report.comments));
    if ("thread" in report) {
      const thread = renderThread(report.thread);
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

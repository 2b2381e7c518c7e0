"use strict";
// The review report's behaviour: filterable, sortable, paginated site and page tables and a page
// view with the evidence marked in place. Text from pages only ever goes in through textContent.
(function () {
  const DATA = JSON.parse(document.getElementById("report-data").textContent);
  const META = DATA.meta, SITES = DATA.sites, PAGES = DATA.pages, DETAILS = DATA.details;
  const LABELS = META.labels.concat([""]);
  const ROWS_PER_PAGE = 50;
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value; else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const fmt = (v, digits = 2) => (v === null || v === undefined ? "" : Number(v).toFixed(digits));
  const pct = (v) => (v === null || v === undefined ? "" : (100 * v).toFixed(0) + "%");
  function fillSelect(select, values) {
    for (const value of values) select.append(el("option", { value: value }, value));
  }

  // ---------------------------------------------------------------- header
  const left = META.left_out;
  $("summary").textContent = `${META.pages.toLocaleString()} pages on ${META.sites.toLocaleString()} sites, ` +
    `made ${META.made} by ${META.tool}` + (META.inputs.length ? ` from ${META.inputs.join(", ")}` : "") + ".";
  $("left-out").textContent = META.has_evidence
    ? `Text and evidence are embedded for ${left.pages_with_text.toLocaleString()} pages (the top ` +
      `${META.limits.top_pages} by p_scraped and the pages of farm sites, at most ${META.limits.max_detailed} ` +
      `pages and ${(META.limits.max_text_chars / 1e6).toFixed(0)} M characters, each page cut at ` +
      `${META.limits.page_text_chars.toLocaleString()}); left out: the text of ` +
      `${left.pages_without_text.toLocaleString()} pages` +
      (left.wanted_but_left_out ? `, of which ${left.wanted_but_left_out} would have been embedded but went over the limits.` : ".")
    : "The scores hold no evidence or text (score with `detector score --evidence` to read pages here); " +
      "every page is listed with its label, probabilities and signals.";
  $("rule").textContent = "Verdict rule: " + META.rule + "; fewer than the minimum pages: too few pages.";

  // ---------------------------------------------------------------- sites
  const siteCount = SITES.site.length;
  const siteHasLabel = META.labels.map(() => new Uint8Array(siteCount));
  PAGES.site.forEach((s, i) => { if (PAGES.label[i] < 3) siteHasLabel[PAGES.label[i]][s] = 1; });
  const siteSignals = SITES.top_signals.map((t) => new Set((t || "").split(" ").map((x) => x.split(":")[0])));
  fillSelect($("site-verdict"), META.verdicts);
  fillSelect($("site-label"), META.labels);
  fillSelect($("site-signal"), META.signals);
  const siteState = { key: null, dir: 1, page: 0, rows: [] };

  function filterSites() {
    const verdict = $("site-verdict").value, label = META.labels.indexOf($("site-label").value);
    const signal = $("site-signal").value, search = $("site-search").value.trim().toLowerCase();
    const rows = [];
    for (let i = 0; i < siteCount; i++) {
      if (verdict && SITES.verdict[i] !== verdict) continue;
      if (label >= 0 && !siteHasLabel[label][i]) continue;
      if (signal && !siteSignals[i].has(signal)) continue;
      if (search && !SITES.site[i].toLowerCase().includes(search)) continue;
      rows.push(i);
    }
    sortRows(rows, siteState, (i, key) => SITES[key][i]);
    siteState.rows = rows;
    siteState.page = 0;
    renderSites();
  }

  function sortRows(rows, state, value) {
    if (!state.key) return;
    const dir = state.dir;
    rows.sort((a, b) => {
      const x = value(a, state.key), y = value(b, state.key);
      if (x === y) return a - b;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * dir;
    });
  }

  function renderSites() {
    const body = $("site-table").tBodies[0];
    body.replaceChildren();
    const start = siteState.page * ROWS_PER_PAGE;
    for (const i of siteState.rows.slice(start, start + ROWS_PER_PAGE)) {
      const scraped = SITES.share_scraped[i];
      const tr = el("tr", { "data-site": SITES.site[i] },
        el("td", { class: "name" }, SITES.site[i]),
        el("td", {}, el("span", { class: "verdict v-" + SITES.verdict[i].replace(/ /g, "-") }, SITES.verdict[i])),
        el("td", { class: "num" }, SITES.pages_scored[i] + (SITES.pages[i] !== SITES.pages_scored[i] ? ` / ${SITES.pages[i]}` : "")),
        el("td", { class: "num", title: `95% Wilson interval ${fmt(SITES.share_scraped_low[i])}-${fmt(SITES.share_scraped_high[i])}` },
          el("span", { class: "bar", style: `width:${Math.round(40 * (scraped || 0))}px` }),
          `${pct(scraped)} (${pct(SITES.share_scraped_low[i])}-${pct(SITES.share_scraped_high[i])})`),
        el("td", { class: "num" }, pct(SITES.share_syndicated[i])),
        el("td", { class: "num" }, pct(SITES.share_original[i])),
        el("td", { class: "num" }, fmt(SITES.mean_p_scraped[i], 3)),
        el("td", {}, SITES.top_signals[i] || ""),
        el("td", { title: SITES.network_shares[i] || "" },
          SITES.network[i] ? `${SITES.network[i]} (${SITES.network_size[i]} sites)` : "",
          SITES.copied_from && SITES.copied_from[i] ? el("div", { class: "note" }, "copies from " + SITES.copied_from[i]) : null));
      tr.addEventListener("click", () => {
        $("page-site").value = SITES.site[i];
        filterPages();
        $("pages-section").scrollIntoView();
      });
      body.append(tr);
    }
    $("site-count").textContent = `${siteState.rows.length.toLocaleString()} of ${siteCount.toLocaleString()} sites`;
    $("site-count").dataset.count = siteState.rows.length;
    pager($("site-pager"), siteState, renderSites);
  }

  // ---------------------------------------------------------------- pages
  const pageCount = PAGES.name.length;
  fillSelect($("page-label"), META.labels);
  fillSelect($("page-signal"), META.signals);
  const pageState = { key: "p_scraped", dir: -1, page: 0, rows: [], open: null };

  function filterPages() {
    const label = $("page-label").value === "" ? -1 : META.labels.indexOf($("page-label").value);
    const signal = $("page-signal").value === "" ? -1 : META.signals.indexOf($("page-signal").value);
    const site = $("page-site").value.trim().toLowerCase();
    const textOnly = $("page-text-only").checked;
    const exactSite = SITES.site.findIndex((s) => s.toLowerCase() === site);
    const rows = [];
    for (let i = 0; i < pageCount; i++) {
      if (label >= 0 && PAGES.label[i] !== label) continue;
      if (signal >= 0 && !PAGES.signals[i].includes(signal)) continue;
      if (site && (exactSite >= 0 ? PAGES.site[i] !== exactSite : !SITES.site[PAGES.site[i]].includes(site))) continue;
      if (textOnly && !(i in DETAILS)) continue;
      rows.push(i);
    }
    sortRows(rows, pageState, (i, key) => (key === "label" ? LABELS[PAGES.label[i]] : key === "signals" ? PAGES.signals[i].length : PAGES[key][i]));
    pageState.rows = rows;
    pageState.page = 0;
    renderPages();
  }

  function renderPages() {
    const body = $("page-table").tBodies[0];
    body.replaceChildren();
    const start = pageState.page * ROWS_PER_PAGE;
    for (const i of pageState.rows.slice(start, start + ROWS_PER_PAGE)) {
      const label = LABELS[PAGES.label[i]];
      const tr = el("tr", { "data-page": i, class: pageState.open === i ? "open" : "" },
        el("td", { class: "name", title: PAGES.name[i] }, (i in DETAILS ? "" : "\u25CB ") + PAGES.name[i]),
        el("td", {}, label ? el("span", { class: "label l-" + label }, label) : el("span", { class: "label" }, "error")),
        el("td", { class: "num" }, fmt(PAGES.p_scraped[i], 3)),
        el("td", {}, PAGES.signals[i].map((s) => META.signals[s]).join(" ")));
      tr.addEventListener("click", () => openPage(i));
      body.append(tr);
    }
    $("page-count").textContent = `${pageState.rows.length.toLocaleString()} of ${pageCount.toLocaleString()} pages` +
      " (\u25CB: text not embedded)";
    $("page-count").dataset.count = pageState.rows.length;
    pager($("page-pager"), pageState, renderPages);
  }

  function marked(text, spans) {
    // Cut the text at every span edge; each piece covered by spans becomes one <mark> naming them all.
    const fragment = document.createDocumentFragment();
    const edges = new Set([0, text.length]);
    for (const [s, e] of spans) { edges.add(Math.max(0, Math.min(s, text.length))); edges.add(Math.max(0, Math.min(e, text.length))); }
    const cuts = [...edges].sort((a, b) => a - b);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const a = cuts[k], b = cuts[k + 1], piece = text.slice(a, b);
      const covering = spans.filter(([s, e]) => s <= a && e >= b);
      if (!covering.length) { fragment.append(piece); continue; }
      fragment.append(el("mark", {
        title: covering.map(([, , signal, reason]) => `${signal}: ${reason}`).join("\n"),
        "data-signal": [...new Set(covering.map((c) => c[2]))].join(" "),
      }, piece));
    }
    return fragment;
  }

  function openPage(i) {
    pageState.open = i;
    renderPages();
    const detail = $("page-detail");
    const label = LABELS[PAGES.label[i]] || "error";
    const d = DETAILS[i];
    const parts = [
      el("p", { class: "note" }, `${SITES.site[PAGES.site[i]]} \u00B7 ${SITES.verdict[PAGES.site[i]]}`),
      el("p", {}, el("span", { class: "label l-" + label }, label), " ",
        el("span", { class: "probs" }, `original ${fmt(PAGES.p_original[i], 3)} \u00B7 syndicated ` +
          `${fmt(PAGES.p_syndicated[i], 3)} \u00B7 scraped ${fmt(PAGES.p_scraped[i], 3)}`),
        PAGES.gold ? ` \u00B7 gold: ${PAGES.gold[i] || "-"}` : ""),
      el("p", { class: "note" }, PAGES.name[i]),
    ];
    if (PAGES.error[i]) parts.push(el("p", {}, "error: " + PAGES.error[i]));
    parts.push(el("p", {}, "signals: " + (PAGES.signals[i].map((s) => META.signals[s]).join(", ") || "none fired")));
    if (d) {
      parts.push(el("h3", {}, marked(d.title || "(no title)", d.title_marks)));
      if (d.other.length) {
        const list = el("ul", { class: "other-evidence" });
        for (const [field, quote, signal, reason] of d.other) {
          list.append(el("li", {}, `${field}: `, el("mark", { title: `${signal}: ${reason}`, "data-signal": signal }, quote)));
        }
        parts.push(el("p", { class: "note" }, "Evidence in other fields:"), list);
      }
      parts.push(el("div", { class: "body" }, marked(d.text, d.marks)));
      if (d.cut) parts.push(el("p", { class: "note" }, `Text cut at ${META.limits.page_text_chars.toLocaleString()} characters.`));
    } else {
      parts.push(el("p", { class: "note" }, "The text of this page is not embedded in this report (see the limits at the top); " +
        "`detector explain` on the page shows its evidence."));
    }
    detail.replaceChildren(...parts);
    detail.scrollTop = 0;
  }

  function pager(node, state, render) {
    const pages = Math.max(1, Math.ceil(state.rows.length / ROWS_PER_PAGE));
    const prev = el("button", { type: "button" }, "\u2039 previous"), next = el("button", { type: "button" }, "next \u203A");
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    prev.addEventListener("click", () => { state.page--; render(); });
    next.addEventListener("click", () => { state.page++; render(); });
    node.replaceChildren(prev, el("span", {}, `page ${state.page + 1} of ${pages}`), next);
  }

  function sortable(table, state, refilter) {
    for (const th of table.tHead.rows[0].cells) {
      th.addEventListener("click", () => {
        const key = th.dataset.key;
        state.dir = state.key === key ? -state.dir : (th.classList.contains("num") ? -1 : 1);
        state.key = key;
        for (const other of table.tHead.rows[0].cells) other.classList.remove("sorted-asc", "sorted-desc");
        th.classList.add(state.dir > 0 ? "sorted-asc" : "sorted-desc");
        refilter();
      });
    }
  }

  for (const id of ["site-verdict", "site-label", "site-signal", "site-search"]) $(id).addEventListener("input", filterSites);
  for (const id of ["page-label", "page-signal", "page-site", "page-text-only"]) $(id).addEventListener("input", filterPages);
  sortable($("site-table"), siteState, filterSites);
  sortable($("page-table"), pageState, filterPages);
  filterSites();
  filterPages();
})();

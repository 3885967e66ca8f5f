/* bilateral-kg network views. Reads the view from <script id="view-data" type="application/json">,
   draws it with vis-network and shows details and citations. Every text from the data goes
   into the page through textContent or vis-network's plain-text labels, never as markup. */
(function () {
  "use strict";

  var lang = document.documentElement.lang === "ja" ? "ja" : "en";
  var MAX_CITATIONS = 60;

  function pick(both) {
    if (!both) return "";
    return both[lang] || both.en || both.ja || "";
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function link(href, text) {
    var a = el("a", text);
    a.setAttribute("href", href);
    return a;
  }

  /* Labels in both languages: every element with data-en / data-ja. */
  function switchStatic() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-en][data-ja]").forEach(function (node) {
      node.textContent = node.getAttribute("data-" + lang);
    });
    document.querySelectorAll("[data-set-lang]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-set-lang") === lang));
    });
    document.querySelectorAll("[data-lang-input]").forEach(function (input) {
      input.value = lang;
    });
    if (window.location.protocol === "http:" || window.location.protocol === "https:") {
      var url = new URL(window.location.href);
      url.searchParams.set("lang", lang);
      window.history.replaceState(null, "", url.toString());
    }
  }

  var view = { lang: function () { return lang; }, setLang: null, drawn: false, drawnAt: null };
  window.bkgView = view;

  var source = document.getElementById("view-data");
  var container = document.getElementById("network");
  var details = document.getElementById("details");
  var redraw = function () {};

  if (source && container && window.vis) {
    var data = JSON.parse(source.textContent);
    var byId = new Map();
    data.nodes.forEach(function (n) { byId.set(n.id, n); });
    var edgesOf = new Map();
    data.edges.forEach(function (e) {
      [e.from, e.to].forEach(function (id) {
        if (!edgesOf.has(id)) edgesOf.set(id, []);
        edgesOf.get(id).push(e);
      });
    });
    var edgeById = new Map();
    data.edges.forEach(function (e) { edgeById.set(e.id, e); });

    var nodeItem = function (n) {
      return {
        id: n.id, label: pick(n.label), x: n.x, y: n.y, size: n.size, shape: "dot",
        title: pick(n.label) + " — " + pick(n.swatch),
        color: { background: n.color, border: "#333333",
                 highlight: { background: n.color, border: "#000000" },
                 hover: { background: n.color, border: "#000000" } }
      };
    };
    var edgeTitle = function (e) {
      var a = pick(byId.get(e.from).label), b = pick(byId.get(e.to).label);
      var n = e.cites.length;
      return a + " — " + b + " (" + n + (lang === "ja" ? " 件の記述)" : (n === 1 ? " statement)" : " statements)"));
    };
    // How an edge is drawn follows its strongest evidence (docs/participation.md): named
    // solid; through a reference (両者) or sharing initiatives only dashed; only through a
    // collective term (日英関係省庁) dotted and lighter.
    var edgeItem = function (e) {
      var item = { id: e.id, from: e.from, to: e.to, width: e.width, title: edgeTitle(e) };
      if (e.evidence === "collective") {
        item.dashes = [2, 5];
        item.color = { color: "#d0d0d0", highlight: "#555555", hover: "#777777", opacity: 0.8 };
      } else if (e.evidence === "reference" || e.weight === 0) {
        item.dashes = true;
      } else {
        item.dashes = false;
      }
      return item;
    };
    var evidenceWords = {
      reference: { en: " · through a reference (both sides)", ja: " ・「両者」等による指示" },
      collective: { en: " · only through a collective term", ja: " ・総称（日英関係省庁）のみ" }
    };
    var nodes = new vis.DataSet(data.nodes.map(nodeItem));
    var edges = new vis.DataSet(data.edges.map(function (e) {
      return edgeItem(e);
    }));
    var options = {
      autoResize: true,
      layout: { improvedLayout: false },
      physics: data.meta.physics
        ? { enabled: true, solver: "barnesHut",
            barnesHut: { gravitationalConstant: -6000, springLength: 150, avoidOverlap: 0.4 },
            stabilization: { enabled: true, iterations: 120, fit: true } }
        : { enabled: false },
      interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: data.nodes.length > 300,
                     hideEdgesOnZoom: data.nodes.length > 300 },
      nodes: { font: { size: 14, face: "system-ui, sans-serif" }, borderWidth: 1 },
      edges: { smooth: false, color: { color: "#a8a8a8", highlight: "#333333", hover: "#555555" } }
    };
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    view.network = network;
    view.nodes = nodes;
    view.edges = edges;
    view.data = data;
    network.once("afterDrawing", function () {
      view.drawn = true;
      view.drawnAt = performance.now();
      document.body.setAttribute("data-drawn", "1");
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
    });
    if (!data.meta.physics) network.fit({ animation: false });

    var citationList = function (e, budget) {
      var list = el("ol", null, "citations");
      e.cites.slice(0, budget).forEach(function (c) {
        var st = data.statements[c[0]];
        var item = el("li");
        item.appendChild(st.href ? link(st.href, pick(st.locator)) : el("span", pick(st.locator)));
        var quote = el("blockquote", data.quotes[c[1]]);
        quote.setAttribute("lang", "ja");
        item.appendChild(quote);
        list.appendChild(item);
      });
      if (e.cites.length > budget) {
        list.appendChild(el("li", "… " + (e.cites.length - budget) + (lang === "ja" ? " 件" : " more")));
      }
      return list;
    };
    var edgeHeading = function (e, from) {
      var other = from ? byId.get(e.from === from ? e.to : e.from) : null;
      var text = other ? pick(other.label)
        : pick(byId.get(e.from).label) + " — " + pick(byId.get(e.to).label);
      var n = e.weight;
      text += lang === "ja" ? "（記述 " + e.cites.length + " 件）" : " (" + e.cites.length + " cited)";
      if (evidenceWords[e.evidence]) text += evidenceWords[e.evidence][lang === "ja" ? "ja" : "en"];
      if (n === 0 && e.initiatives.length) text += lang === "ja" ? " ・取組の共有のみ" : " · shared initiatives only";
      return el("h3", text);
    };
    var initiativesLine = function (e) {
      if (!e.initiatives.length) return null;
      var names = e.initiatives.map(pick).join(lang === "ja" ? "、" : ", ");
      return el("p", (lang === "ja" ? "共有する取組: " : "Shared initiatives: ") + names);
    };
    var row = function (dl, term, value) {
      if (value === "" || value === null || value === undefined) return;
      dl.appendChild(el("dt", term));
      dl.appendChild(el("dd", value));
    };
    var showNode = function (id) {
      var n = byId.get(id);
      if (!n) return;
      details.replaceChildren();
      details.appendChild(el("h2", pick(n.label)));
      var other = lang === "ja" ? n.label.en : n.label.ja;
      if (other && other !== pick(n.label)) details.appendChild(el("p", other, "other"));
      var dl = el("dl");
      row(dl, lang === "ja" ? "種類" : "Type", pick(n.swatch) + (n.type !== n.group ? " (" + n.type + ")" : ""));
      row(dl, lang === "ja" ? "国" : "Country", n.country.toUpperCase());
      row(dl, lang === "ja" ? "略称" : "Abbreviation", n.abbr);
      row(dl, lang === "ja" ? "つながり" : "Links", n.degree);
      row(dl, "IRI", n.id);
      details.appendChild(dl);
      var links = el("p");
      if (n.href) links.appendChild(link(n.href, lang === "ja" ? "詳細ページ" : "Entity page"));
      if (data.meta.viewUrl) {
        if (n.href) links.appendChild(document.createTextNode(" · "));
        links.appendChild(link(data.meta.viewUrl + "?kind=neighbourhood&focus=" + encodeURIComponent(n.focus)
          + "&lang=" + lang, lang === "ja" ? "近傍を表示" : "Show its neighbourhood"));
      }
      details.appendChild(links);
      var budget = MAX_CITATIONS;
      (edgesOf.get(id) || []).slice().sort(function (a, b) { return b.cites.length - a.cites.length; })
        .forEach(function (e) {
          if (budget <= 0) return;
          details.appendChild(edgeHeading(e, id));
          var line = initiativesLine(e);
          if (line) details.appendChild(line);
          details.appendChild(citationList(e, budget));
          budget -= e.cites.length;
        });
      redraw = function () { showNode(id); };
    };
    var showEdge = function (id) {
      var e = edgeById.get(id);
      if (!e) return;
      details.replaceChildren();
      details.appendChild(edgeHeading(e, null));
      var line = initiativesLine(e);
      if (line) details.appendChild(line);
      details.appendChild(citationList(e, MAX_CITATIONS));
      redraw = function () { showEdge(id); };
    };
    view.showNode = showNode;
    network.on("click", function (params) {
      if (params.nodes.length) showNode(params.nodes[0]);
      else if (params.edges.length) showEdge(params.edges[0]);
    });
    view.relabel = function () {
      nodes.update(data.nodes.map(function (n) {
        return { id: n.id, label: pick(n.label), title: pick(n.label) + " — " + pick(n.swatch) };
      }));
      edges.update(data.edges.map(function (e) { return { id: e.id, title: edgeTitle(e) }; }));
    };
  }

  view.setLang = function (next) {
    if (next !== "en" && next !== "ja") return;
    lang = next;
    switchStatic();
    if (view.relabel) view.relabel();
    redraw();
  };
  document.querySelectorAll("[data-set-lang]").forEach(function (button) {
    button.addEventListener("click", function () { view.setLang(button.getAttribute("data-set-lang")); });
  });
  document.querySelectorAll("#embed-snippet").forEach(function (area) {
    area.addEventListener("focus", function () { area.select(); });
  });
  switchStatic();
}());

/* kg map: draws the network from the embedded JSON and highlights one agency's tasks (in
   the agency and document views: the agency and everything it is joined to). Positions are
   precomputed and physics is off, so the first frame is the final layout. A node whose label
   was left out (it would overlap a heavier one) keeps its name in n.name. */
(function () {
  "use strict";
  var holder = document.getElementById("kg-network-data");
  var container = document.getElementById("kg-network");
  if (!holder || !container) { return; }
  var data = JSON.parse(holder.textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  var byIri = {}, byLabel = {}, tasksOf = {};
  var roles = {lead: true, support: true, shared: true};
  var corpus = !!container.getAttribute("data-view");
  function name(n) { return n.name || n.label; }
  /* What the search box finds: agencies, and in the jurisdiction view its governments. */
  function searchable(n) {
    return n.group === "agency" || n.group === "collective" || (corpus && n.group === "place");
  }
  data.nodes.forEach(function (n) { byIri[n.iri] = n; byLabel[name(n)] = byLabel[name(n)] || n; });
  data.edges.forEach(function (e) {
    if (corpus) {
      (tasksOf[e.to] = tasksOf[e.to] || []).push(e.from);
      (tasksOf[e.from] = tasksOf[e.from] || []).push(e.to);
    } else if (roles[e.role]) { (tasksOf[e.to] = tasksOf[e.to] || []).push(e.from); }
  });
  var groups = data.options.groups || {};
  function fontColour(n) {
    var g = groups[n.group] || {};
    return (g.font && g.font.color) || "#343434";
  }
  var select = document.getElementById("kg-agency");
  var search = document.getElementById("kg-search");
  var status = document.getElementById("kg-status");
  var total = status ? status.textContent : "";

  /* Highlight one agency (by IRI) and the tasks it leads, supports or shares; "" resets. */
  function highlight(iri) {
    var agency = iri ? byIri[iri] : null;
    var on = null;
    if (agency) {
      on = {};
      on[agency.id] = true;
      (tasksOf[agency.id] || []).forEach(function (t) { on[t] = true; });
    }
    nodes.update(data.nodes.map(function (n) {
      var lit = !on || on[n.id];
      var node = {id: n.id, opacity: lit ? 1 : 0.15, font: {color: lit ? fontColour(n) : "#cfd8dc"}};
      if (n.name !== undefined) { node.label = on && lit ? n.name : n.label; }
      return node;
    }));
    edges.update(data.edges.map(function (e) {
      var id = agency && agency.id;
      var lit = !on || (corpus ? e.to === id || e.from === id : e.to === id && on[e.from]);
      return {id: e.id, color: {color: e.color, opacity: lit ? 1 : 0.12}};
    }));
    var ids = on ? Object.keys(on).map(Number) : [];
    network.selectNodes(ids, false);
    if (select && select.value !== (iri || "")) { select.value = iri || ""; }
    document.body.setAttribute("data-kg-agency", agency ? agency.iri : "");
    if (status) {
      var count = (tasksOf[agency && agency.id] || []).length;
      status.textContent = !agency ? total
        : corpus ? name(agency) + ": " + agency.tasks + " 项任务 tasks · " + count + " 个相连节点 linked"
          : agency.label + ": " + count + " 项任务 tasks";
    }
    if (ids.length) { network.fit({nodes: ids, animation: false}); } else { network.fit({animation: false}); }
    return ids;
  }
  if (select) { select.addEventListener("change", function () { highlight(select.value); }); }
  if (search) {
    search.addEventListener("change", function () {
      var q = search.value.trim();
      if (!q) { highlight(""); return; }
      var hit = byLabel[q];
      if (!hit || !searchable(hit)) {
        hit = data.nodes.filter(function (n) { return searchable(n) && name(n).indexOf(q) >= 0; })[0];
      }
      highlight(hit ? hit.iri : "");
    });
  }
  network.once("afterDrawing", function () {
    window.kgDrawnAt = performance.now();
    document.body.setAttribute("data-kg-drawn", "1");
  });
  network.fit({animation: false});
  window.kgNetwork = network;
  window.kgHighlight = highlight;
}());

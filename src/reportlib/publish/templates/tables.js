// reportlib: sort a table.sortable by a click on its column heading, filter its rows by name.
// The report's only script; its SHA-256 is in the page's Content-Security-Policy, so no other
// script runs. Without it (a PDF, scripts off) the tables read as they are printed.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")
      .replace(/Đ/g, "D").toLowerCase();
  }
  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    var text = cell ? (cell.getAttribute("data-value") || cell.textContent || "") : "";
    return kind === "number" ? parseFloat(text) || 0 : text.trim();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headings = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headings, function (heading, index) {
      var kind = heading.getAttribute("data-sort");
      if (!kind) { return; }
      heading.tabIndex = 0;
      heading.classList.add("sort-heading");
      function sort() {
        var ascending = heading.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headings, function (h) { h.removeAttribute("aria-sort"); });
        heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
          var order = kind === "number" ? x - y : String(x).localeCompare(String(y), "vi");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      heading.addEventListener("click", sort);
      heading.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  });
  document.querySelectorAll("input.table-filter").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    var count = document.querySelector(".table-filter-count[data-table='" + table.id + "']");
    function filter() {
      // "thap muoi" finds Tháp Mười; a query typed with its marks ("phường") matches them.
      var typed = input.value.trim().toLowerCase();
      var exact = typed !== fold(typed);
      var wanted = exact ? typed : fold(typed);
      var shown = 0, rows = table.tBodies[0].rows;
      Array.prototype.forEach.call(rows, function (row) {
        var name = row.getAttribute("data-name") || "";
        var match = !wanted || (exact ? name.toLowerCase() : fold(name)).indexOf(wanted) >= 0;
        row.hidden = !match;
        shown += match ? 1 : 0;
      });
      if (count) { count.textContent = shown + "/" + rows.length; }
    }
    input.addEventListener("input", filter);
    filter();
  });
})();

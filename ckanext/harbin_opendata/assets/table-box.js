/* Each table of a page's content gets a box of its own (harbin.css lets the box scroll sideways on
   phones): a wide table scrolls inside it instead of widening the page, and a narrow one keeps the
   full width. Tables already in a Bootstrap .table-responsive box are left as they are. A table
   marked .harbin-stack (its last columns are what the page is for: a rule to choose, examples)
   becomes one card per row on phones instead: each cell is labelled with its column's heading. */
(function () {
  function labelCells(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll('tbody tr').forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, n) {
        if (heads[n] && !cell.hasAttribute('data-label')) {
          cell.setAttribute('data-label', heads[n]);
        }
      });
    });
  }
  function boxTables() {
    document.querySelectorAll('[role="main"] table').forEach(function (table) {
      if (table.classList.contains('harbin-stack')) {
        labelCells(table);
        return;
      }
      if (table.closest('.table-responsive, .harbin-table-box')) {
        return;
      }
      var box = document.createElement('div');
      box.className = 'harbin-table-box';
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boxTables);
  } else {
    boxTables();
  }
})();

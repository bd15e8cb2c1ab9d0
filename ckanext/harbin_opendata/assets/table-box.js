/* Each table of a page's content gets a box of its own (harbin.css lets the box scroll sideways on
   phones): a wide table scrolls inside it instead of widening the page, and a narrow one keeps the
   full width. Tables already in a Bootstrap .table-responsive box are left as they are. */
(function () {
  function boxTables() {
    document.querySelectorAll('[role="main"] table').forEach(function (table) {
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

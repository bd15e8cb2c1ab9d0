/* The data-item table of the entry form (scheming/form_snippets/data_items_table.html): rows are
   added, removed and moved, and named data_items-<n>-<field> in their order; 从文件生成数据项 posts
   the chosen file (or, on an existing entry, nothing: its newest uploaded file is read) with the
   rows to /data-items/draft and shows the merged items it answers (the editor's entries are kept,
   only their empty fields are filled). Without this script the table is a plain form. */
(function () {
  var FIELDS = ['name', 'type', 'unit', 'description', 'example'];

  function setUp(box) {
    var field = box.getAttribute('data-field');
    var body = box.querySelector('tbody');
    var template = box.querySelector('#harbin-item-template');
    var status = box.querySelector('.harbin-items-status');
    var form = box.closest('form');

    function rows() { return Array.prototype.slice.call(body.querySelectorAll('tr.harbin-item-row')); }
    function input(row, name) { return row.querySelector('[name$="-' + name + '"]'); }
    function blank(row) { return FIELDS.every(function (name) { return !input(row, name).value.trim(); }); }

    function renumber() {
      rows().forEach(function (row, index) {
        row.querySelector('.harbin-item-number').textContent = index + 1;
        FIELDS.forEach(function (name) {
          var control = input(row, name);
          control.name = field + '-' + index + '-' + name;
          control.id = 'field-' + control.name;
        });
      });
    }

    function addRow(item) {
      var row = template.content.querySelector('tr').cloneNode(true);
      row.querySelector('.btn-group').hidden = false;
      FIELDS.forEach(function (name) { input(row, name).value = (item && item[name]) || ''; });
      body.appendChild(row);
      renumber();
      return row;
    }

    function items() {
      return rows().filter(function (row) { return !blank(row); }).map(function (row) {
        var item = {};
        FIELDS.forEach(function (name) { item[name] = input(row, name).value; });
        return item;
      });
    }

    function show(list) {
      rows().forEach(function (row) { row.remove(); });
      list.forEach(addRow);
      if (!list.length) { addRow(); }
    }

    function say(text, kind) {  // kind: 'danger', 'success' or 'muted' (working)
      status.textContent = text;
      status.className = 'harbin-items-status text-' + kind;
    }

    function post(url, file) {
      var data = new FormData();
      data.append('id', box.getAttribute('data-entry'));
      data.append('items', JSON.stringify(items()));
      if (file) { data.append('upload', file); }
      var token = form && form.querySelector('input[name="_csrf_token"]');
      say(box.getAttribute('data-msg-working'), 'muted');
      return fetch(url, {method: 'POST', body: data, credentials: 'same-origin',
                         headers: token ? {'X-CSRFToken': token.value} : {}})
        .then(function (answer) { return answer.json(); })
        .then(function (result) {
          if (!result.success) { say(result.error, 'danger'); return; }
          show(result.items);
          var text = box.getAttribute('data-msg-drafted').replace('{added}', result.added.length)
            .replace('{completed}', result.completed.length).replace('{file}', result.source || '');
          var missing = (result.without_example || []).map(function (column) {
            return column.kind_labels && column.kind_labels.length ?
              column.name + '（' + column.kind_labels.join('、') + '）' : column.name;
          });
          say(missing.length ? text + ' ' + box.getAttribute('data-msg-no-example') + ' ' + missing.join('，') : text, 'success');
        })
        .catch(function () { say(box.getAttribute('data-msg-failed'), 'danger'); });
    }

    // rows left blank for filling in without the script: one is enough when it runs
    var present = rows();
    while (present.length && blank(present[present.length - 1])) { present.pop().remove(); }
    if (!present.length) { addRow(); }
    rows().forEach(function (row) { row.querySelector('.btn-group').hidden = false; });
    box.querySelectorAll('.harbin-items-tools, .harbin-items-add').forEach(function (part) { part.hidden = false; });
    box.querySelector('.harbin-items-nojs').hidden = true;

    body.addEventListener('click', function (event) {
      var button = event.target.closest('[data-item-action]');
      if (!button) { return; }
      var row = button.closest('tr');
      var action = button.getAttribute('data-item-action');
      if (action === 'remove') {
        row.remove();
        if (!rows().length) { addRow(); }
      } else if (action === 'up' && row.previousElementSibling) {
        body.insertBefore(row, row.previousElementSibling);
      } else if (action === 'down' && row.nextElementSibling) {
        body.insertBefore(row.nextElementSibling, row);
      }
      renumber();
      button.focus();
    });
    box.querySelector('[data-items-add]').addEventListener('click', function () {
      input(addRow(), 'name').focus();
    });
    box.querySelector('[data-items-draft]').addEventListener('click', function () {
      var chooser = box.querySelector('#harbin-items-file');
      post(box.getAttribute('data-draft-url'), chooser.files[0]);
    });
    var importButton = box.querySelector('[data-items-import]');
    if (importButton) {
      importButton.addEventListener('click', function () {
        var chooser = box.querySelector('#harbin-items-template-file');
        if (!chooser.files[0]) { say(chooser.getAttribute('data-msg-choose'), 'danger'); return; }
        post(box.getAttribute('data-import-url'), chooser.files[0]);
      });
    }
  }

  function start() { document.querySelectorAll('.harbin-data-items').forEach(setUp); }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();

/* The configuration CKAN's table view (datatablesview.js) reads from the globals gdataDict and
   gresviewId, which its template set in an inline script the Content-Security-Policy refuses:
   here read from the table's data- attributes. Its inline handlers become listeners. */
/* global fitColText copyModal printModal $ */
(function () {
  'use strict'
  const table = document.getElementById('dtprv')
  if (!table) {
    return
  }
  window.gdataDict = JSON.parse(table.dataset.datadictionary)
  window.gresviewId = table.dataset.resviewId
  // datatablesview.js, on a language file loaded (every language but English), calls
  // setTimeout(initFilterObserver(), 100): the observer already ran, and the timer gets undefined,
  // which the browser would evaluate as a string (refused by the policy, reported as a violation).
  const setTimer = window.setTimeout
  window.setTimeout = function (handler) {
    return typeof handler === 'function' ? setTimer.apply(window, arguments) : 0
  }
  // datatablesview.js gives each column `data: <its name>`, which DataTables reads as a path: "."
  // nests ("PM2.5浓度" as row["PM2"]["5浓度"], an empty cell), "[]" and "()" index and call (the
  // table stops drawing). The rows come keyed by the column names (data/table_rows.py): each
  // column reads its own key, before the first rows are asked for.
  $(table).on('preInit.dt', function (event, settings) {
    settings.aoColumns.forEach(function (column) {
      const key = column.mData
      if (typeof key !== 'string' || !/[.[\]()]/.test(key)) {
        return
      }
      const render = column.mRender ? $.fn.dataTable.util.get(column.mRender) : null
      column.fnGetData = function (row, type, meta) {
        return render && type ? render(row[key], type, row, meta) : row[key]
      }
      column.fnSetData = function (row, value) {
        row[key] = value
      }
    })
  })
  const title = table.dataset.packageName + '\u2014' + table.dataset.resourceName
  document.addEventListener('click', function (event) {
    const button = event.target.closest('#refit-button, #modalcopy-button, #modalprint-button')
    if (!button) {
      return
    }
    event.preventDefault()
    if (button.id === 'refit-button') {
      fitColText()
    } else if (button.id === 'modalcopy-button') {
      copyModal(title)
    } else {
      printModal(title)
    }
  })
  // The list view's record dialog is built with onclick attributes: dropped before they are added
  // to the page, so that the browser has no inline handler to refuse.
  const dropHandlers = function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.querySelectorAll) {
          node.querySelectorAll('[onclick]').forEach(function (element) { element.removeAttribute('onclick') })
        }
      })
    })
  }
  new MutationObserver(dropHandlers).observe(document.body, { childList: true, subtree: true })
})()

/* The query console of the entry page's data API (harbin_data/api.html): runs datastore_search in
   the page with the reader's text (q), an optional column = value (filters) and a row limit, shows
   the address it called (the same query, to copy) and the rows it returned. Texts in the reader's
   language come from the form's data- attributes; cells are written as text, never as HTML. */
(function () {
  'use strict'

  function address (form) {
    const data = new FormData(form)
    const params = new URLSearchParams({ resource_id: form.dataset.resourceId })
    const q = (data.get('q') || '').trim()
    const column = data.get('column') || ''
    const value = (data.get('value') || '').trim()
    if (q) {
      params.set('q', q)
    }
    if (column && value) {
      params.set('filters', JSON.stringify({ [column]: value }))
    }
    params.set('limit', data.get('limit') || '5')
    return form.dataset.endpoint + '?' + params.toString()
  }

  // a date as the table preview shows it: 2025-01-05 (midnight left out), else 2025-01-05 13:20:00
  function cellText (value, type) {
    if (value === null || value === undefined) {
      return ''
    }
    const text = String(value)
    return type === 'timestamp' ? text.replace(/T00:00:00$/, '').replace('T', ' ') : text
  }

  function show (form, status, fields, records) {
    const table = form.querySelector('[data-console="rows"]')
    table.replaceChildren()
    form.querySelector('[data-console="status"]').textContent = status
    if (!records || !records.length) {
      return
    }
    const types = {}
    fields.forEach(function (field) { types[field.id] = field.type })
    const names = Object.keys(types).filter(function (name) {
      return name !== '_id' && name !== 'rank' && name.indexOf('rank ') !== 0
    })
    const head = table.createTHead().insertRow()
    names.forEach(function (name) {
      const cell = document.createElement('th')
      cell.scope = 'col'
      cell.textContent = name
      head.appendChild(cell)
    })
    const body = table.createTBody()
    records.forEach(function (record) {
      const row = body.insertRow()
      names.forEach(function (name) {
        row.insertCell().textContent = cellText(record[name], types[name])
      })
    })
  }

  function refused (form, answer) {
    const error = (answer && answer.error) || {}
    const reasons = Object.keys(error).filter(function (key) { return key !== '__type' && key !== 'message' })
      .map(function (key) { return key + ': ' + [].concat(error[key]).join(' ') })
    return form.dataset.failed + ' ' + (error.message || reasons.join('; ') || '')
  }

  function run (form) {
    const url = address(form)
    form.querySelector('[data-console="url"]').textContent = url
    form.querySelector('[data-console="status"]').textContent = form.dataset.running
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.json() })
      .then(function (answer) {
        if (!answer.success) {
          show(form, refused(form, answer), [], [])
          return
        }
        const result = answer.result
        // a total above the exact bound is an estimate (total_was_estimated): said so, as "about"
        const found = result.total_was_estimated ? form.dataset.foundEstimated : form.dataset.found
        const status = result.records.length
          ? found.replace('{total}', result.total).replace('{shown}', result.records.length)
          : form.dataset.none
        show(form, status, result.fields, result.records)
      })
      .catch(function () { show(form, form.dataset.failed, [], []) })
  }

  document.querySelectorAll('form.harbin-data-console').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault()
      run(form)
    })
  })
})()

/* CKAN and ckanext-scheming write a few links as href="javascript:…" (scheming's "Add" of a
   repeating text field, "Remove" links whose real handler is bound by a module). The portal's
   Content-Security-Policy does not run javascript: links, so they are handled here: the link's
   own action is taken without evaluating any text. */
document.addEventListener('click', function (event) {
  var link = event.target.closest ? event.target.closest('a[href^="javascript:"]') : null;
  if (!link) {
    return;
  }
  event.preventDefault();
  var add = /^javascript:MultipleText\.multiple_add\('([\w-]+)'\);?$/.exec(link.getAttribute('href'));
  if (add && window.MultipleText) {
    window.MultipleText.multiple_add(add[1]);
  }
}, true);

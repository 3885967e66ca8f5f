// The query page: Ctrl+Enter (Cmd+Enter) in the editor runs the query; Tab indents.
// The page works without this script; it only saves keystrokes.
(function () {
  "use strict";
  var editor = document.getElementById("sparql");
  if (!editor) {
    return;
  }
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      editor.form.requestSubmit ? editor.form.requestSubmit() : editor.form.submit();
    } else if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      var start = editor.selectionStart;
      var end = editor.selectionEnd;
      editor.value = editor.value.slice(0, start) + "  " + editor.value.slice(end);
      editor.selectionStart = editor.selectionEnd = start + 2;
    }
  });
  document.body.classList.add("js");
})();

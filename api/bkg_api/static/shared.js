// The shared-initiatives page: fills the agency suggestions (a <datalist>) from the REST
// route /agencies, with every abbreviation and name in both languages. The page works
// without it; this only saves typing.
(function () {
  "use strict";
  var list = document.getElementById("agency-names");
  if (!list || !window.fetch) {
    return;
  }
  fetch(list.getAttribute("data-source"), { headers: { Accept: "application/json" } })
    .then(function (response) {
      return response.ok ? response.json() : { items: [] };
    })
    .then(function (page) {
      var seen = {};
      page.items.forEach(function (a) {
        [a.abbreviation, a.label_en, a.label_ja].forEach(function (name) {
          if (!name || seen[name]) {
            return;
          }
          seen[name] = true;
          var option = document.createElement("option");
          option.value = name;
          option.textContent = a.abbreviation && name !== a.abbreviation ? a.abbreviation : a.label;
          list.appendChild(option);
        });
      });
    });
})();

// The draft form's parent field: as an official types a number or words of a title, ask
// the office which agreements they may mean (at most twenty) and offer them in the field's
// datalist. The field works without this script: it takes the typed number or identifier.
// No inline code, no other origin: the portal's Content-Security-Policy holds.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest][list]");
  if (!input || !window.fetch) {
    return;
  }
  var list = document.getElementById(input.getAttribute("list"));
  var timer = 0;
  var asked = "";

  function fill(items, typed) {
    if (input.value.trim() !== typed) {
      return; // the official typed on since: a later answer fills the list
    }
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.value;
      option.label = item.label;
      option.textContent = item.label;
      list.appendChild(option);
    });
  }

  function suggest() {
    var typed = input.value.trim();
    if (typed.length < 2 || typed === asked) {
      return;
    }
    asked = typed;
    var url = new URL(input.getAttribute("data-suggest"), window.location.href);
    url.searchParams.set("q", typed);
    fetch(url.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(function (items) {
        fill(Array.isArray(items) ? items : [], typed);
      })
      .catch(function () {
        asked = ""; // offline or signed out: try again on the next key
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, 250);
  });
})();

// Completions for search boxes marked with data-suggest-url (see /api/suggest/).
// An ARIA combobox: arrow keys move through the list, Enter opens the chosen entry,
// Escape closes the list. Without this script the box is an ordinary search form.
(function () {
  "use strict";

  var LABELS = { hospital: "医院", indicator: "指标", initiative: "举措" };
  var DELAY_MS = 120;

  function enhance(input, number) {
    var url = input.getAttribute("data-suggest-url");
    var listId = "suggest-list-" + number;
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var timer = null;
    var pending = null;
    var items = [];
    var active = -1;

    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "搜索建议");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.classList.add("suggest-host");
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      active = index;
      items.forEach(function (item, i) {
        item.node.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].node.id);
        items[index].node.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      list.textContent = "";
      items = suggestions.map(function (s, i) {
        var node = document.createElement("li");
        var kind = document.createElement("span");
        node.id = listId + "-" + i;
        node.setAttribute("role", "option");
        node.setAttribute("aria-selected", "false");
        kind.className = "suggest-kind";
        kind.textContent = LABELS[s.type] || s.type;
        node.appendChild(kind);
        node.appendChild(document.createTextNode(s.title));
        // mousedown, not click: the input keeps focus and its blur does not close first.
        node.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.assign(s.url);
        });
        list.appendChild(node);
        return { node: node, url: s.url };
      });
      active = -1;
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      status.textContent = items.length ? items.length + " 条建议，可用上下方向键选择" : "";
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (pending) {
        pending.abort();
      }
      if (!q) {
        show([]);
        return;
      }
      pending = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(q), {
        signal: pending.signal,
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() === q) {
            show(data.suggestions || []);
          }
        })
        .catch(function () {
          // Aborted or offline: the form still searches.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden) {
          if (items.length) {
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
          }
          return;
        }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        if (next < -1) {
          next = items.length - 1;
        } else if (next >= items.length) {
          next = -1;
        }
        choose(next);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].url);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);
  }

  if (!("fetch" in window) || !("AbortController" in window)) {
    return;
  }
  var boxes = document.querySelectorAll("input[data-suggest-url]");
  for (var i = 0; i < boxes.length; i++) {
    enhance(boxes[i], i);
  }
})();

// The console without this file still works (plain forms and links); with it: htmx sends the CSRF
// token on its requests, and the queue is worked from the keyboard.
document.addEventListener("htmx:configRequest", function (event) {
  var header = document.querySelector("meta[name=csrf-header]");
  var token = document.querySelector("meta[name=csrf-token]");
  if (header && token) { event.detail.headers[header.content] = token.content; }
});

// Keyboard: j/k move through the queue, Enter opens, c claims, n opens the next case for you; on a
// case page a / r / d go to the approve / reject / request-documents form.
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
  var page = document.body.getAttribute("data-page");
  if (event.key === "n") { window.location.href = "/console/next"; return; }
  if (page === "queue") {
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.case-row"));
    if (rows.length === 0) { return; }
    var current = rows.findIndex(function (r) { return r.classList.contains("current"); });
    if (event.key === "j" || event.key === "k") {
      if (current >= 0) { rows[current].classList.remove("current"); }
      current = event.key === "j" ? Math.min(rows.length - 1, current + 1) : Math.max(0, current - 1);
      rows[current].classList.add("current");
      rows[current].scrollIntoView({block: "nearest"});
    } else if (event.key === "Enter" && current >= 0) {
      rows[current].querySelector("a.open").click();
    } else if (event.key === "c" && current >= 0) {
      var claim = rows[current].querySelector("form.claim button");
      if (claim) { claim.click(); }
    }
  } else if (page === "case") {
    var forms = {a: "decide-approve", r: "decide-reject", d: "decide-request_documents"};
    var form = forms[event.key] && document.getElementById(forms[event.key]);
    if (form) {
      event.preventDefault();
      form.scrollIntoView({block: "center"});
      form.querySelector("select, textarea").focus();
    }
  }
});

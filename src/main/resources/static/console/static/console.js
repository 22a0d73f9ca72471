// The console without this file still works (plain forms and links); with it: htmx sends the CSRF
// token on its requests, and the queue is worked from the keyboard.
document.addEventListener("htmx:configRequest", function (event) {
  var header = document.querySelector("meta[name=csrf-header]");
  var token = document.querySelector("meta[name=csrf-token]");
  if (header && token) { event.detail.headers[header.content] = token.content; }
});

// Runs first: every script error, failed resource load, rejected promise and console.error is written into the page
// (the #report-errors list and data-js-error on <html>), so a headless browser's DOM dump shows it.
(function () {
  'use strict';
  var pending = [];
  function record(message) {
    document.documentElement.setAttribute('data-js-error', 'true');
    var box = document.getElementById('report-errors');
    if (!box) { pending.push(message); return; }
    box.hidden = false;
    var li = document.createElement('li');
    li.className = 'js-error';
    li.textContent = message;
    box.querySelector('ul').appendChild(li);
  }
  window.reportError = record;
  window.addEventListener('error', function (e) {
    var where = e.target && e.target !== window ? ' loading ' + (e.target.src || e.target.href || e.target.tagName) : '';
    record('error' + where + ': ' + (e.message || e.type) + (e.lineno ? ' (line ' + e.lineno + ')' : ''));
  }, true);
  window.addEventListener('unhandledrejection', function (e) { record('unhandled rejection: ' + e.reason); });
  var consoleError = console.error;
  console.error = function () {
    record('console.error: ' + Array.prototype.slice.call(arguments).join(' '));
    return consoleError.apply(console, arguments);
  };
  document.addEventListener('DOMContentLoaded', function () { pending.splice(0).forEach(record); });
})();

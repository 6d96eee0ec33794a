// Progressive enhancement for the console's pages: each of them works, and posts the same forms, without it.
(function () {
  'use strict';

  // An engine's queue: one box selects every notice shown, and shows whether some or all are selected.
  var queue = document.getElementById('queue');
  var boxes = queue ? Array.prototype.slice.call(queue.querySelectorAll('tbody input[type=checkbox]')) : [];
  var head = queue ? queue.querySelector('thead th') : null;
  if (head && boxes.length) {
    var all = document.createElement('input');
    all.type = 'checkbox';
    all.id = 'select-all';
    all.setAttribute('aria-label', queue.getAttribute('data-select-all'));
    head.appendChild(document.createTextNode(' '));
    head.appendChild(all);
    var sync = function () {
      var checked = boxes.filter(function (b) { return b.checked; }).length;
      all.checked = checked === boxes.length;
      all.indeterminate = checked > 0 && checked < boxes.length;
    };
    all.addEventListener('change', function () {
      boxes.forEach(function (b) { b.checked = all.checked; });
      sync();
    });
    boxes.forEach(function (b) { b.addEventListener('change', sync); });
  }

  // The acknowledgement form: only the fields the chosen state takes are shown and sent (a rejection's reason;
  // a delisting's territories and front-ends).
  var status = document.querySelector('#ack-form #status');
  if (status) {
    var takes = { reasonCode: 'REJECTED', territories: 'DELISTED', frontEnds: 'DELISTED' };
    var apply = function () {
      Object.keys(takes).forEach(function (id) {
        var field = document.getElementById(id);
        var wanted = takes[id] === status.value;
        field.disabled = !wanted;
        field.closest('p').hidden = !wanted;
      });
    };
    status.addEventListener('change', apply);
    apply();
  }
})();

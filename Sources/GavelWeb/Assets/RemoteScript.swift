extension WebAssets {
    /// `/assets/remote.js`: the chair remote, for a co-chair's phone: start/pause, next, previous
    /// and ±1 min on the current topic, and the slot's topics with their state.
    static let remoteScript = #"""
'use strict';
(function (G) {
  var state = null;
  var busy = false;

  function showError(text) {
    var e = G.$('error');
    e.textContent = text || '';
    e.hidden = !text;
  }

  var buttons = document.querySelectorAll('#buttons button');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', function (event) {
      send(event.currentTarget.getAttribute('data-command'), false);
    });
  }

  // A message for the speaker: the typed text, else the preset picked.
  G.$('say').addEventListener('submit', function (event) {
    event.preventDefault();
    var typed = G.$('text').value.trim();
    var text = typed || G.$('preset').value;
    if (text) send('message', false, text);
    G.$('text').value = '';
  });
  G.$('clear').addEventListener('click', function () { send('clear', false); });

  /// Sends a command; a question (another slot still runs) is asked here and, on yes, the same
  /// command goes again confirmed.
  function send(command, confirmed, text) {
    if (busy) return;
    busy = true;
    fetch(G.api('/command'), { method: 'POST', headers: { 'Content-Type': 'application/json' },
                               body: JSON.stringify({ command: command, confirmed: confirmed, text: text }), cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) return r.text().then(function (t) { showError(t.trim()); });
        return r.json().then(function (b) {
          if (b.question) {
            busy = false;
            if (window.confirm(b.question)) send(command, true, text);
            return;
          }
          showError(b.recorded ? '' : (b.reason || 'nothing to do now'));
        });
      }, function () { showError('not sent: the server cannot be reached'); })
      .then(function () { busy = false; });
  }

  function draw() {
    var v = G.view(state, G.now());
    G.setPhase(v);
    if (!state) return;
    G.setText('title', v ? v.topic.title : (state.slot ? state.slot.title : state.agenda.title));
    G.setText('speakers', v ? G.speakersText(v.topic) : '');
    G.setText('clock', v ? v.clock : '--:--');
    G.setText('words', v ? v.words : '');
    G.setText('slot', v ? v.slotText : '');
    G.setText('toggle', v && v.running ? 'Pause' : v && v.paused ? 'Resume' : 'Start');
    var presets = G.$('preset');
    var wanted = (state.agenda.messages || []).join('\n');
    if (presets.getAttribute('data-for') !== wanted) {
      presets.setAttribute('data-for', wanted);
      while (presets.firstChild) presets.removeChild(presets.firstChild);
      (state.agenda.messages || []).forEach(function (m) {
        var o = document.createElement('option');
        o.value = m;
        o.textContent = m;
        presets.appendChild(o);
      });
    }
  }

  function drawTopics() {
    var list = G.$('topics');
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!state || !state.slot) return;
    var topics = state.slot.topics;
    for (var i = 0; i < topics.length; i++) {
      var li = G.el('li', 'topic ' + topics[i].state + (i === state.slot.current ? ' current' : ''));
      li.appendChild(G.el('span', 'text', topics[i].title));
      li.appendChild(G.el('span', 'meta', G.mmss(topics[i].plannedSeconds) + ' · ' + topics[i].state));
      list.appendChild(li);
    }
  }

  var tick = G.ticker(function () { return state; }, draw);
  G.connect(function (s) { state = s; drawTopics(); tick(); }, function (word) {
    G.setText('status', G.statusWords[word] || '');
  });
})(Gavel);
"""#
}

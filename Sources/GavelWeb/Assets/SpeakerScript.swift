extension WebAssets {
    /// `/assets/speaker.js`: the big countdown. Reads only; a tap asks for full screen, and the
    /// screen is kept awake where the browser allows it (the Wake Lock API needs a secure context:
    /// localhost, an ssh tunnel, or HTTPS in front).
    static let speakerScript = #"""
'use strict';
(function (G) {
  var state = null;
  var status = 'connecting…';

  function fitClock(text) {
    var clock = G.$('clock');
    clock.className = text.length > 6 ? 'longer' : text.length > 5 ? 'long' : '';
    G.setText('clock', text);
  }

  function draw() {
    var v = G.view(state, G.now());
    G.setPhase(v);
    if (!state) return;
    if (!v) {
      G.setText('title', state.slot ? state.slot.title : state.agenda.title);
      G.setText('speakers', state.slot ? 'No topics in this slot.' : 'No slot is open.');
      fitClock('--:--');
      G.setText('words', '');
      G.setText('slot', '');
      return;
    }
    G.setText('title', v.topic.title);
    G.setText('speakers', G.speakersText(v.topic));
    fitClock(v.clock);
    G.setText('words', v.words);
    G.setText('slot', v.slotText);
    var message = G.$('message');
    if (state.message && state.message.text) {
      G.setText('message', state.message.text);
      message.hidden = false;
    } else {
      message.hidden = true;
    }
  }

  var tick = G.ticker(function () { return state; }, draw);
  G.connect(function (s) { state = s; tick(); }, function (word) {
    status = G.statusWords[word] || '';
    G.setText('status', status);
  });

  var lock = null;
  function keepAwake() {
    if (!('wakeLock' in navigator) || lock) return;
    navigator.wakeLock.request('screen').then(function (l) {
      lock = l;
      l.addEventListener('release', function () { lock = null; });
    }, function () {});
  }
  document.addEventListener('visibilitychange', function () { if (!document.hidden) keepAwake(); });
  document.addEventListener('click', function () {
    keepAwake();
    var root = document.documentElement;
    if (!document.fullscreenElement && root.requestFullscreen) root.requestFullscreen().catch(function () {});
  });
  keepAwake();
})(Gavel);
"""#
}

extension WebAssets {
    /// `/assets/gavel.js`: what every page shares. The time rules mirror GavelCore's exactly
    /// (`TopicStatus.remaining`, `.overtime`, `.clockText`, `Session.phase`, the speaker view's
    /// phase words); `Tests/GavelWebTests/PageScriptTests` runs them against the engine.
    ///
    /// The page never trusts the device's clock: it measures the offset between the server's clock
    /// and its own monotonic `performance.now()` from request round trips (the sample with the
    /// shortest round trip wins; its error is at most half that trip), then computes each second
    /// from the session's instants and schedules the next redraw at the instant the shown second
    /// changes. Nothing travels while time merely passes: the server sends changes and keep-alives.
    static let commonScript = #"""
'use strict';
var Gavel = (function () {
  var G = {};

  // --- Time rules (GavelCore) ---------------------------------------------------------------
  G.two = function (n) { return (n < 10 ? '0' : '') + n; };
  G.mmss = function (seconds) {
    var s = Math.abs(seconds);
    if (s >= 3600) return Math.floor(s / 3600) + ':' + G.two(Math.floor((s % 3600) / 60)) + ':' + G.two(s % 60);
    return G.two(Math.floor(s / 60)) + ':' + G.two(s % 60);
  };
  G.shown = function (r) { return r > 0 ? Math.ceil(r) : 0; };
  G.overtime = function (r) { return r > 0 ? 0 : Math.floor(-r); };
  G.phase = function (r, started, warn) {
    if (!started) return 'ready';
    if (r <= 0) return 'overtime';
    var s = Math.ceil(r);
    if (warn.length > 1 && s <= warn[1]) return 'urgent';
    if (warn.length > 0 && s <= warn[0]) return 'warn';
    return 'running';
  };
  G.clockText = function (r, phase) {
    return phase === 'overtime' ? '+' + G.mmss(G.overtime(r)) : G.mmss(G.shown(r));
  };
  G.phaseWords = { ready: 'READY', running: '', warn: 'WRAP UP', urgent: 'TIME', overtime: 'OVER' };
  G.minutes = function (seconds) { return Math.floor((Math.abs(seconds) + 59) / 60); };
  /// DurationText.left: m:ss under ten minutes, whole minutes rounded down from ten.
  G.left = function (seconds) {
    var s = Math.abs(seconds);
    return s < 600 ? Math.floor(s / 60) + ':' + G.two(s % 60) : Math.floor(s / 60) + ' min';
  };

  /// When the slot's clocks stop: its recorded end, or its deadline once passed (the server
  /// records that a moment later; the page does not wait for it).
  G.slotEnd = function (slot, now) {
    if (!slot) return null;
    if (slot.ended) return slot.ended.atMs;
    if (slot.deadlineMs !== null && now >= slot.deadlineMs) return slot.deadlineMs;
    return null;
  };

  /// Everything a page shows about time at the server instant `now` (ms).
  G.view = function (state, now) {
    var slot = state && state.slot;
    if (!slot || !slot.topics.length) return null;
    var topic = slot.topics[Math.min(slot.current, slot.topics.length - 1)];
    var end = G.slotEnd(slot, now);
    var t = end === null ? now : Math.min(now, end);
    var elapsed = topic.accumulatedSeconds;
    if (topic.runningSinceMs !== null && end === null) elapsed += Math.max(0, (t - topic.runningSinceMs) / 1000);
    else if (topic.runningSinceMs !== null) elapsed += Math.max(0, (end - topic.runningSinceMs) / 1000);
    var remaining = topic.plannedSeconds - elapsed;
    // A topic that runs to a time of day counts to it, whatever happened before.
    if (topic.untilMs !== null && topic.untilMs !== undefined) remaining = (topic.untilMs - t) / 1000;
    var started = topic.state !== 'ready';
    var running = topic.runningSinceMs !== null && end === null;
    var warn = topic.warnSeconds || state.warnSeconds;
    var phase = G.phase(remaining, started, warn);
    var held = topic.atZero === 'stop' && started && remaining <= 0;
    if (held) phase = 'urgent';
    var clock = held ? '00:00' : G.clockText(remaining, phase);
    // The notice before the next topic starts by itself (at_zero = "next").
    var autoNext = null;
    if (topic.atZero === 'next' && running && !topic.autoNextHeld && remaining <= 0) autoNext = 10 + remaining;
    var exactSlotLeft;
    if (slot.deadlineMs !== null) exactSlotLeft = (slot.deadlineMs - now) / 1000;
    else if (slot.scheduledStartMs !== null && slot.scheduledStartMs <= now && now < slot.scheduledEndMs) exactSlotLeft = (slot.scheduledEndMs - now) / 1000;
    else exactSlotLeft = slot.lengthSeconds;
    // The slot ends before the running topic would (Snapshot.slotEndsFirst): its end is the
    // countdown the speaker sees.
    var slotFirst = end === null && slot.deadlineMs !== null && running && remaining > 0 && exactSlotLeft < remaining;
    var words;
    if (slotFirst) {
      phase = G.phase(exactSlotLeft, true, warn);
      clock = G.mmss(Math.max(0, Math.ceil(exactSlotLeft)));
      words = 'SLOT ENDS';
    }
    else if (end !== null) words = 'SLOT ENDED';
    else if (autoNext !== null) words = 'NEXT IN ' + Math.ceil(autoNext) + ' S';
    else if (phase === 'overtime') words = clock + ' OVER' + (started && !running && topic.state !== 'finished' ? ' PAUSED' : '');
    else if (started && !running && topic.state !== 'finished') words = 'PAUSED';
    else words = G.phaseWords[phase];
    var slotLeft = Math.ceil(exactSlotLeft);
    var slotText = end !== null ? slot.title + ' · slot ended'
      : slot.title + ' · slot: ' + (slotLeft >= 0 ? G.left(slotLeft) + ' left' : 'over');
    return { slot: slot, topic: topic, remaining: remaining, phase: phase, clock: clock, words: words,
             running: running, paused: started && !running && topic.state !== 'finished',
             ended: end !== null, slotText: slotText };
  };

  /// Milliseconds from `now` until what `G.view` shows next changes (a countdown's second, or the
  /// slot's deadline), or null when nothing runs.
  G.nextChange = function (state, now) {
    var v = G.view(state, now);
    if (!v || v.ended) return null;
    var candidates = [];
    if (v.running || v.topic.untilMs) {
      var r = v.remaining;
      // While the slot's end is the countdown, its seconds are what change.
      if (v.words === 'SLOT ENDS') r = (v.slot.deadlineMs - now) / 1000;
      // The shown second changes when the exact remaining time crosses a whole second.
      var next = r > 0 ? r - (Math.ceil(r) - 1) : (Math.floor(-r) + 1) + r;
      candidates.push(Math.max(1, next * 1000));
    }
    if (v.slot.deadlineMs !== null) {
      var d = v.slot.deadlineMs - now;
      // The slot's time left changes each second under ten minutes, each minute above.
      if (d > 0) candidates.push(Math.min(d, d > 600000 ? d % 60000 || 60000 : d % 1000 || 1000));
    }
    return candidates.length ? Math.min.apply(null, candidates) : null;
  };

  // --- The server's clock ------------------------------------------------------------------
  /// samples: [{sent, received, server}], `sent`/`received` on the page's monotonic clock (ms),
  /// `server` the server's reading in between. Returns {offset, error}: server = local + offset.
  G.estimateOffset = function (samples) {
    var best = null;
    for (var i = 0; i < samples.length; i++) {
      var s = samples[i];
      var trip = s.received - s.sent;
      if (!(trip >= 0) || typeof s.server !== 'number') continue;
      if (best === null || trip < best.trip) best = { trip: trip, offset: s.server - (s.sent + s.received) / 2 };
    }
    return best === null ? null : { offset: best.offset, error: best.trip / 2 };
  };

  var clock = { offset: null, error: Infinity, samples: [] };
  G.monotonic = function () { return performance.now(); };
  G.now = function () { return clock.offset === null ? Date.now() : G.monotonic() + clock.offset; };
  G.clockError = function () { return clock.error; };
  /// A state's stamp, as a rough offset until round trips give a better one.
  G.noteServerTime = function (serverTimeMs) {
    if (typeof serverTimeMs !== 'number') return;
    if (clock.offset === null) { clock.offset = serverTimeMs - G.monotonic(); clock.error = 1000; }
  };

  G.token = decodeURIComponent(location.pathname.split('/')[2] || '');
  G.api = function (path) { return '/api/' + encodeURIComponent(G.token) + path; };

  var syncing = false;
  G.sync = function (count) {
    if (syncing) return Promise.resolve();
    syncing = true;
    var samples = [];
    var n = count || 5;
    function one() {
      var sent = G.monotonic();
      return fetch(G.api('/time'), { cache: 'no-store' }).then(function (r) {
        var received = G.monotonic();
        return r.json().then(function (body) { samples.push({ sent: sent, received: received, server: body.serverTimeMs }); });
      });
    }
    var chain = Promise.resolve();
    for (var i = 0; i < n; i++) chain = chain.then(one);
    return chain.catch(function () {}).then(function () {
      syncing = false;
      // Older samples count too, so a burst of slow trips cannot make the estimate worse.
      clock.samples = clock.samples.concat(samples).slice(-20);
      var e = G.estimateOffset(clock.samples);
      if (e) { clock.offset = e.offset; clock.error = e.error; }
      if (G.onClock) G.onClock();
    });
  };
  // The monotonic clock may stop while a phone sleeps: measure again when the page comes back.
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) { clock.samples = []; G.sync(); }
  });
  setInterval(function () { G.sync(3); }, 10 * 60 * 1000);

  // --- The live state ----------------------------------------------------------------------
  /// Opens the stream; calls onState(state) for each state and onStatus(word) as the connection
  /// changes: 'live', 'reconnecting', 'gone' (the link no longer works).
  G.connect = function (onState, onStatus) {
    var source = null;
    function open() {
      source = new EventSource(G.api('/events'));
      source.addEventListener('state', function (event) {
        var state;
        try { state = JSON.parse(event.data); } catch (e) { return; }
        G.noteServerTime(state.serverTimeMs);
        onState(state);
      });
      source.onopen = function () { onStatus('live'); G.sync(); };
      source.onerror = function () {
        if (source.readyState === EventSource.CLOSED) { onStatus('reconnecting'); setTimeout(check, 3000); }
        else onStatus('reconnecting');
      };
    }
    // A closed stream: the server answered with an error. A 404 means the link was renewed.
    function check() {
      fetch(G.api('/time'), { cache: 'no-store' }).then(function (r) {
        if (r.status === 404) onStatus('gone'); else open();
      }, function () { setTimeout(check, 3000); });
    }
    open();
  };

  /// Calls draw() now and again each time the shown second changes.
  G.ticker = function (getState, draw) {
    var timer = null;
    function run() {
      clearTimeout(timer);
      draw();
      var wait = G.nextChange(getState(), G.now());
      if (wait !== null) timer = setTimeout(run, wait + 2);
    }
    G.onClock = run;
    return run;
  };

  // --- Safe DOM ----------------------------------------------------------------------------
  G.$ = function (id) { return document.getElementById(id); };
  /// An element with text: always text, never markup.
  G.el = function (tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  G.setText = function (id, text) { var e = G.$(id); if (e && e.textContent !== text) e.textContent = text; };
  G.setPhase = function (v) {
    var cls = 'phase-ready';
    if (v) cls = v.ended ? 'phase-ended' : v.paused ? 'phase-paused phase-' + v.phase : 'phase-' + v.phase;
    document.body.className = document.body.className.replace(/\bphase-[a-z]+\b/g, '').trim() + ' ' + cls;
  };
  G.statusWords = { live: '', reconnecting: 'reconnecting…', gone: 'this link no longer works: ask the chair for the new one' };
  G.speakersText = function (topic) { return topic.speakers.length ? topic.speakers.join(', ') : 'speaker not known'; };

  /// A random hex string of `bytes` bytes (crypto.getRandomValues works on plain-HTTP pages too).
  G.randomHex = function (bytes) {
    var a = new Uint8Array(bytes);
    crypto.getRandomValues(a);
    var s = '';
    for (var i = 0; i < a.length; i++) s += (a[i] < 16 ? '0' : '') + a[i].toString(16);
    return s;
  };
  return G;
})();
if (typeof module !== 'undefined') module.exports = Gavel;
"""#
}

extension WebAssets {
    /// `/assets/notes.js`: the note line and the running topic's notes, newest first.
    ///
    /// Every write is queued in the page (and in `localStorage`, so a reload keeps it) and sent in
    /// order; a write that fails for want of network stays queued and is sent again when the
    /// network is back. A note's id is chosen here, so a resend after a lost answer records
    /// nothing twice. The page's `writer` secret marks the notes it may edit and delete.
    static let notesScript = #"""
'use strict';
(function (G) {
  var KEY = 'gavel-notes:' + G.token;
  var memory = {};
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || '{}'); } catch (e) { return memory; }
  }
  var saved = load();
  saved.writer = saved.writer || G.randomHex(16);
  saved.mine = saved.mine || [];
  saved.queue = saved.queue || [];
  saved.name = saved.name || '';
  function save() {
    memory = saved;
    try { localStorage.setItem(KEY, JSON.stringify(saved)); } catch (e) {}
  }
  save();

  var state = null;
  var editing = null;
  var sending = false;
  var retryTimer = null;

  function showError(text) {
    var e = G.$('error');
    e.textContent = text || '';
    e.hidden = !text;
  }

  function request(op) {
    var path, body;
    if (op.op === 'add') {
      path = '/notes';
      body = { id: op.id, text: op.text, slot: op.slot, topic: op.topic, by: op.by, writer: saved.writer };
    } else if (op.op === 'edit') {
      path = '/notes/' + encodeURIComponent(op.id);
      body = { text: op.text, writer: saved.writer };
    } else {
      path = '/notes/' + encodeURIComponent(op.id) + '/delete';
      body = { writer: saved.writer };
    }
    return fetch(G.api(path), { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                body: JSON.stringify(body), cache: 'no-store' });
  }

  /// Sends the queue in order; stops at the first write the network did not carry.
  function flush() {
    if (sending || !saved.queue.length) return;
    sending = true;
    var op = saved.queue[0];
    request(op).then(function (response) {
      sending = false;
      if (response.ok) {
        saved.queue.shift();
        save();
        showError('');
        draw();
        flush();
      } else if (response.status === 408 || response.status === 429 || response.status >= 500) {
        retry();
      } else {
        // Refused for good (too long, no such topic, not ours): drop it, say why, give the text back.
        saved.queue.shift();
        save();
        response.text().then(function (t) { showError(t.trim()); });
        if (op.op === 'add' && !G.$('text').value) G.$('text').value = op.text;
        draw();
        flush();
      }
    }, function () {
      sending = false;
      retry();
    });
  }
  function retry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, 3000);
    G.setText('status', 'offline: ' + saved.queue.length + ' waiting to be sent');
  }
  window.addEventListener('online', flush);

  function enqueue(op) {
    saved.queue.push(op);
    save();
    draw();
    flush();
  }

  G.$('name').value = saved.name;
  G.$('name').addEventListener('change', function () { saved.name = G.$('name').value.trim(); save(); });
  G.$('cancel').addEventListener('click', function () { stopEditing(); });
  function stopEditing() {
    editing = null;
    G.$('editing').hidden = true;
    G.$('text').value = '';
  }

  G.$('line').addEventListener('submit', function (event) {
    event.preventDefault();
    var input = G.$('text');
    var text = input.value;
    if (!text.trim()) return;
    if (editing) {
      enqueue({ op: 'edit', id: editing, text: text });
      stopEditing();
      return;
    }
    var v = G.view(state, G.now());
    var id = G.randomHex(16);
    saved.mine.push(id);
    if (saved.mine.length > 500) saved.mine = saved.mine.slice(-500);
    enqueue({ op: 'add', id: id, text: text, slot: v ? v.slot.id : null, topic: v ? v.topic.id : null,
              by: saved.name, at: Date.now() });
    input.value = '';
  });

  var kinds = { action: 'ACTION', decision: 'DECISION', question: 'QUESTION', discussion: '' };
  function kindOf(text) {
    var t = text.replace(/^ +/, '').toLowerCase();
    var prefixes = [['action:', 'action'], ['a:', 'action'], ['decision:', 'decision'], ['d:', 'decision'],
                    ['question:', 'question'], ['q:', 'question']];
    for (var i = 0; i < prefixes.length; i++) if (t.indexOf(prefixes[i][0]) === 0) return prefixes[i][1];
    return 'discussion';
  }

  function item(note, pending) {
    var li = G.el('li', 'note kind-' + note.kind + (pending ? ' pending' : ''));
    if (kinds[note.kind]) li.appendChild(G.el('span', 'kind', kinds[note.kind]));
    li.appendChild(G.el('span', 'text', note.text));
    var meta = G.el('span', 'meta', pending ? pending : (note.by + ' · ' + G.mmss(note.offsetSeconds) + (note.edited ? ' · edited' : '')));
    li.appendChild(meta);
    if (!pending && saved.mine.indexOf(note.id) >= 0) {
      var edit = G.el('button', 'edit', 'edit');
      edit.type = 'button';
      edit.addEventListener('click', function () {
        editing = note.id;
        G.$('editing').hidden = false;
        G.$('text').value = note.text;
        G.$('text').focus();
      });
      var del = G.el('button', 'delete', 'delete');
      del.type = 'button';
      del.addEventListener('click', function () {
        if (window.confirm('Delete this note?')) enqueue({ op: 'delete', id: note.id });
      });
      li.appendChild(edit);
      li.appendChild(del);
    }
    return li;
  }

  function draw() {
    var v = G.view(state, G.now());
    G.setPhase(v);
    if (state) {
      G.setText('title', v ? v.topic.title : (state.slot ? state.slot.title : state.agenda.title));
      G.setText('speakers', v ? G.speakersText(v.topic) : 'No topic is open.');
      G.setText('clock', v ? v.clock : '--:--');
      G.setText('words', v ? v.words : '');
      G.setText('slot', v ? v.slotText : '');
    }
    var list = G.$('notes');
    var fresh = document.createDocumentFragment();
    var known = {};
    var notes = (state && state.notes) || [];
    for (var i = 0; i < notes.length; i++) known[notes[i].id] = notes[i];
    var deleting = {}, edits = {};
    for (var q = 0; q < saved.queue.length; q++) {
      var op = saved.queue[q];
      if (op.op === 'delete') deleting[op.id] = true;
      if (op.op === 'edit') edits[op.id] = op.text;
    }
    for (var p = saved.queue.length - 1; p >= 0; p--) {
      var add = saved.queue[p];
      if (add.op === 'add' && !known[add.id]) {
        fresh.appendChild(item({ id: add.id, text: add.text, kind: kindOf(add.text) }, 'sending…'));
      }
    }
    for (var n = 0; n < notes.length; n++) {
      var note = notes[n];
      if (deleting[note.id]) continue;
      if (edits[note.id] !== undefined) {
        fresh.appendChild(item({ id: note.id, text: edits[note.id], kind: kindOf(edits[note.id]) }, 'saving…'));
      } else {
        fresh.appendChild(item(note, null));
      }
    }
    while (list.firstChild) list.removeChild(list.firstChild);
    list.appendChild(fresh);
  }

  var tick = G.ticker(function () { return state; }, function () {
    var v = G.view(state, G.now());
    G.setPhase(v);
    if (v) { G.setText('clock', v.clock); G.setText('words', v.words); G.setText('slot', v.slotText); }
  });
  G.connect(function (s) { state = s; draw(); tick(); flush(); }, function (word) {
    G.setText('status', G.statusWords[word] || '');
    if (word === 'live') flush();
  });
  draw();
})(Gavel);
"""#
}

#!/usr/bin/env bash
# A whole microconference, fast, end to end: the real binary in one private tmux server (100x30),
# driven by keys as people would. The chair (`gavel run`), a speaker view and two note-takers
# (`gavel notes --by ada`, `--by bob`) share one session through three slots of 20-30 s topics:
#   - alpha ends when its time runs out, its second topic past its own time;
#   - beta's first topic is renamed in the agenda file while it runs (new id and title, and
#     [renamed]): the views take the new title, notes typed before, across and after the rename
#     stay on it; its last topic runs past the slot's end, the chair extends the slot with + and y,
#     resumes the topic, then ends the slot with E and y;
#   - gamma holds a talk and a lightning talk and ends after its last topic;
#   - the slot is picked with s each time (a list: arrows, Enter).
# Then everyone quits (q, or Ctrl-C for the note-takers), and the summaries in track-summary/ must
# say exactly what happened: each note under its topic with its kind and owners, both authors
# credited, the renamed topic under its new title, the extension, each topic's and slot's times
# (computed here again from the session's events with sqlite3), the lightning talk, and an index
# with every slot, the actions by owner, the decisions and the open questions.
# Usage: .ci/day-e2e.sh PATH/TO/gavel
set -euo pipefail
gavel="${1:?usage: $0 PATH/TO/gavel}"
[ -x "$gavel" ] || { echo "day-e2e: $gavel is not an executable" >&2; exit 2; }
gavel="$(cd "$(dirname "$gavel")" && pwd)/$(basename "$gavel")"
repo="$(cd "$(dirname "$0")/.." && pwd)"
. "$repo/.ci/lib.sh"
e2e_setup day-e2e
began=$(date +%s)
zone=Europe/Berlin
agenda="$work/track.toml"
db="$work/track.gavel"
out="$work/track-summary"

# fail MESSAGE: the message first, then every window, the summaries and the session's events; the
# work folder is kept in $GAVEL_CI_LOGS/day-e2e when CI gives a log folder.
fail() {
  printf 'day-e2e: FAIL: %b\n' "$*" >&2
  local w f
  for w in $(tm list-windows -a -F '#{window_name}' 2>/dev/null); do
    echo "--- window $w:" >&2
    screen "$w" >&2 || true
  done
  for f in "$out"/*.md; do [ -f "$f" ] && { echo "--- $f:" >&2; cat "$f" >&2; }; done
  [ -f "$db" ] && { echo "--- events:" >&2; sqlite3 -cmd ".timeout 2000" "$db" \
    "SELECT id, printf('%.3f', at), kind, slot, topic, author, seconds, cause, text FROM event ORDER BY id" >&2 || true; }
  if [ -n "${GAVEL_CI_LOGS:-}" ]; then
    mkdir -p "$GAVEL_CI_LOGS/day-e2e" && cp -r "$work/." "$GAVEL_CI_LOGS/day-e2e/" 2>/dev/null || true
    echo "--- the work folder is kept in $GAVEL_CI_LOGS/day-e2e" >&2
  fi
  exit 1
}

cat > "$agenda" <<'TOML'
title = "Fast microconference"
event = "day-e2e"
timezone = "Europe/Berlin"

[defaults]
warn = ["10s", "5s"]
warn_lightning = ["5s"]

[[slot]]
id = "alpha"
title = "Alpha slot"
length = "40s"

  [[slot.topic]]
  id = "a1"
  title = "Alpha one"
  speakers = ["Ann"]
  length = "20s"

  [[slot.topic]]
  id = "a2"
  title = "Alpha two"
  speakers = ["Al"]
  length = "20s"

[[slot]]
id = "beta"
title = "Beta slot"
length = "40s"

  [[slot.topic]]
  id = "b1"
  title = "Beta one"
  speakers = ["Bea"]
  length = "20s"

  [[slot.topic]]
  id = "b2"
  title = "Beta two"
  speakers = ["Ben"]
  length = "20s"

[[slot]]
id = "gamma"
title = "Gamma slot"
length = "50s"

  [[slot.topic]]
  id = "g1"
  title = "Gamma one"
  speakers = ["Gus"]
  length = "30s"

  [[slot.topic]]
  id = "flash"
  title = "Flash talk"
  kind = "lightning"
  speakers = ["Flo"]
  length = "20s"
TOML
"$gavel" check "$agenda" >/dev/null 2>&1 || fail "gavel check refuses the test's agenda:\n$("$gavel" check "$agenda" 2>&1)"

# The agenda as the summaries must show it once beta's first topic is renamed.
slots=(alpha beta gamma)
declare -A slot_title=([alpha]="Alpha slot" [beta]="Beta slot" [gamma]="Gamma slot")
declare -A slot_length=([alpha]=40 [beta]=40 [gamma]=50)
declare -A slot_topics=([alpha]="a1 a2" [beta]="b1x b2" [gamma]="g1 flash")
declare -A topic_title=([a1]="Alpha one" [a2]="Alpha two" [b1x]="Beta one (renamed)" [b2]="Beta two"
                        [g1]="Gamma one" [flash]="Flash talk")
declare -A topic_speaker=([a1]=Ann [a2]=Al [b1x]=Bea [b2]=Ben [g1]=Gus [flash]=Flo)
declare -A topic_planned=([a1]=20 [a2]=20 [b1x]=20 [b2]=20 [g1]=30 [flash]=20)

# Each view in its own window; the exit status lands in rc.WINDOW when it quits.
view() { # WINDOW ARGS...
  local w="$1"; shift
  local args="" a
  for a in "$@"; do args+=" $(printf '%q' "$a")"; done
  tm new-window -d -t day -n "$w" -c "$work" "'$gavel'$args; echo \$? > '$work/rc.$w'"
}
tm new-session -d -s day -n idle -x 100 -y 30 -c "$work" "sleep 600"
view chair run "$agenda" --by chair
view speaker speaker "$agenda"
view ada notes "$agenda" --by ada
view bob notes "$agenda" --by bob
wait_for chair "Alpha slot \(slot 1/3\)" 10 || fail "the chair did not come up on the first slot"
wait_for chair "› Alpha one +00:20 READY" 5 || fail "the chair does not show the first topic READY with 00:20"
wait_for speaker "^ +Alpha one +[0-9]{2}:[0-9]{2}$" 10 || fail "the speaker did not come up"
for w in ada bob; do wait_for "$w" "^ note>" 10 || fail "gavel notes --by $w did not come up"; done

# note WINDOW SLOT TOPIC TEXT: types TEXT in a note-taker's line and saves it; it must be in the
# session within 5 s, by that note-taker, on that slot and topic (the id the event names: a note
# typed before a rename names the old one). Remembers the note for the checks at the end.
note_text=(); note_slot=(); note_topic=(); note_by=()
note() {
  local w="$1" slot="$2" topic="$3" text="$4" q got=""
  tm send-keys -t "$w" -l "$text"
  tm send-keys -t "$w" Enter
  q="${text//\'/\'\'}"
  for _ in $(seq 250); do
    got=$(sql "$db" "SELECT author || '/' || slot || '/' || topic FROM event WHERE kind = 'noteAdded' AND text = '$q'")
    [ -n "$got" ] && break
    sleep 0.02
  done
  [ -n "$got" ] || fail "the note \"$text\" typed in $w was not saved"
  [ "$got" = "$w/$slot/$topic" ] || fail "the note \"$text\" was saved as $got, not $w/$slot/$topic"
  remember "$text" "$slot" "$topic" "$w"
}
# remember TEXT SLOT TOPIC AUTHOR: a note the summaries must show (b1x: beta's first topic, whichever
# id it had when the note was taken).
remember() {
  note_text+=("$1"); note_slot+=("$2"); note_by+=("$4")
  case "$3" in b1|b1-renamed) note_topic+=(b1x) ;; *) note_topic+=("$3") ;; esac
}

# pick_slot PREVIOUS NEXT: after PREVIOUS ended, s opens the list on NEXT (the legend says
# `s next slot`); Up selects PREVIOUS, Down NEXT again; Enter opens it.
pick_slot() {
  tm send-keys -t chair s
  wait_for chair "Open which slot\?" 3 || fail "s did not open the slot picker"
  wait_for chair "│ › $2 " 1 || fail "after \"$1\" ended, s did not open the list on the next slot, \"$2\""
  tm send-keys -t chair Up
  wait_for chair "│ › $1 " 1 || fail "Up in the slot picker did not select \"$1\""
  tm send-keys -t chair Down
  wait_for chair "│ › $2 " 1 || fail "Down in the slot picker did not select \"$2\""
  tm send-keys -t chair Enter
  wait_for chair "· $2 \(slot [0-9]/3\)" 3 || fail "Enter on \"$2\" in the picker did not open it"
}

# ---- alpha: two topics, the slot's time runs out during the second
tm send-keys -t chair Space
wait_for speaker "^ +00:1[0-9] *$" 3 || fail "Space on the chair did not start the countdown on the speaker view"
note ada alpha a1 "ada says alpha one is about the basics"
note bob alpha a1 "a: @ada do the alpha thing"
note ada alpha a1 "d: decided alpha ships first"
note bob alpha a1 "q: open alpha question for later?"
wait_for ada "ACTION @ada do the alpha thing" 2 || fail "ada does not see bob's action"
wait_for bob "ada says alpha one is about the basics" 2 || fail "bob does not see ada's note"
sleep 1
tm send-keys -t chair n
wait_for chair "▶ Alpha two" 3 || fail "n did not move to the second topic"
wait_for ada "^ Alpha two " 3 || fail "ada's view did not follow the chair to the second topic"
note ada alpha a2 "a: @ada send the alpha two slides"
note bob alpha a2 "bob notes alpha two runs long"
wait_for chair "Slot time ran out at [0-9]{2}:[0-9]{2}" 45 || fail "alpha's time did not run out"
wait_for chair "Alpha slot ended: summary in track-summary/alpha.md" 3 || fail "the chair was not told where alpha's summary is"
wait_for speaker "SLOT ENDED" 3 || fail "the speaker does not say the slot ended"
[ "$(sql "$db" "SELECT group_concat(cause) FROM event WHERE kind = 'endSlot' AND slot = 'alpha'")" = timeUp ] \
  || fail "alpha did not end once, by its time running out"

# ---- beta: a rename while its first topic runs; an extension past its end; E ends it
pick_slot "Alpha slot" "Beta slot"
wait_for speaker "^ +Beta one +[0-9]{2}:[0-9]{2}$" 3 || fail "the speaker does not follow the chair to beta"
tm send-keys -t chair Space
wait_for chair "▶ Beta one" 3 || fail "Space did not start beta's first topic"
note ada beta b1 "ada heard beta one before the rename"
note bob beta b1 "d: decided before the rename"
sleep 1
# bob starts a note before the rename and saves it after: it belongs to the topic it was begun on.
tm send-keys -t bob -l "q: typed across the rename?"
wait_for bob "note> q: typed across the rename\?" 2 || fail "bob's line does not show what he types"
# An editor's save: a new file renamed over the agenda.
sed -e 's/^  id = "b1"$/  id = "b1-renamed"/' -e 's/^  title = "Beta one"$/  title = "Beta one (renamed)"/' "$agenda" > "$work/track.toml.new"
printf '\n[renamed]\nb1 = "b1-renamed"\n' >> "$work/track.toml.new"
grep -q 'id = "b1-renamed"' "$work/track.toml.new" || fail "the test's sed did not rename the topic"
mv "$work/track.toml.new" "$agenda"
wait_for chair "▶ Beta one \(renamed\)" 5 || fail "the chair did not take the renamed topic"
wait_for speaker "^ +Beta one \(renamed\) +[0-9]{2}:[0-9]{2}$" 5 || fail "the speaker did not take the renamed topic"
for w in ada bob; do
  wait_for "$w" "^ Beta one \(renamed\) " 5 || fail "$w's view did not take the renamed topic"
  screen "$w" | grep -q "ada heard beta one before the rename" || fail "$w's view lost the note taken before the rename"
done
screen chair | grep -q "DECISION decided before the rename" || fail "the chair's view lost the decision taken before the rename"
wait_for bob "note> q: typed across the rename\?" 1 || fail "bob's unsaved line was lost in the reload"
tm send-keys -t bob Enter
for _ in $(seq 250); do [ "$(sql "$db" "SELECT count(*) FROM event WHERE text = 'q: typed across the rename?'")" = 1 ] && break; sleep 0.02; done
[ "$(sql "$db" "SELECT author || '/' || slot || '/' || topic FROM event WHERE text = 'q: typed across the rename?'")" = bob/beta/b1 ] \
  || fail "bob's note begun before the rename was not saved on the topic it was begun on"
remember "q: typed across the rename?" beta b1 bob
sleep 1
note ada beta b1-renamed "q: asked after the rename?"
note bob beta b1-renamed "a: @ada @bob follow up after the rename"
tm send-keys -t chair n
wait_for chair "▶ Beta two" 3 || fail "n did not move to beta's second topic"
note bob beta b2 "bob says beta two will run past the slot"
# The slot's time runs out while Beta two is in overtime; + then asks to extend the slot.
wait_for chair "Slot time ran out at [0-9]{2}:[0-9]{2}" 45 || fail "beta's time did not run out"
wait_for chair "Beta slot ended: summary in track-summary/beta.md · s next slot, \+ extends it" 2 || fail "the chair is not offered + to extend the slot"
tm send-keys -t chair +
wait_for chair "Extend the slot by 5 min\? \(y/n\)" 3 || fail "+ after the slot's time ran out did not ask to extend it"
tm send-keys -t chair y
wait_for chair "Slot .* [45]:[0-9]{2} left of" 3 || fail "y did not give the slot its 5 minutes"
[ "$(sql "$db" "SELECT count(*) FROM event WHERE kind = 'extendSlot' AND slot = 'beta'")" = 1 ] || fail "the extension was not recorded once"
wait_for chair "‖ Beta two" 2 || fail "after the extension Beta two is not shown paused"
# Its summary said it ended; now it says it runs again.
for _ in $(seq 150); do grep -qE "^- Actual: [0-9]{2}:[0-9]{2}–, running at" "$out/beta.md" 2>/dev/null && break; sleep 0.02; done
grep -qE "^- Actual: [0-9]{2}:[0-9]{2}–, running at" "$out/beta.md" || fail "after the extension beta.md still says the slot ended"
tm send-keys -t chair Space
wait_for chair "▶ Beta two" 3 || fail "Space did not resume Beta two in the extended slot"
wait_for speaker "OVER" 3 || fail "the speaker does not count Beta two's overtime after the extension"
note ada beta b2 "d: decided in the extra time"
sleep 1
tm send-keys -t chair E
wait_for chair "End the slot .Beta slot. now\? \(y/n\)" 3 || fail "E did not ask to end the slot"
tm send-keys -t chair y
wait_for chair "Slot ended by the chair at [0-9]{2}:[0-9]{2}" 3 || fail "E, y did not end the slot"
[ "$(sql "$db" "SELECT group_concat(cause) FROM (SELECT cause FROM event WHERE kind = 'endSlot' AND slot = 'beta' ORDER BY id)")" = "timeUp,chair" ] \
  || fail "beta's ends are not its time running out, then the chair"

# ---- gamma: a talk, then a lightning talk; n on the last topic ends the slot
pick_slot "Beta slot" "Gamma slot"
tm send-keys -t chair Space
wait_for chair "▶ Gamma one" 3 || fail "Space did not start gamma's first topic"
note bob gamma g1 "bob thinks gamma one was clear"
note ada gamma g1 "d: decided gamma goes on"
tm send-keys -t chair n
wait_for chair "▶ Flash talk" 3 || fail "n did not move to the lightning talk"
wait_for chair "planned 0:20 \(lightning\)" 2 || fail "the chair does not show the lightning talk as one"
note ada gamma flash "a: @ada post the flash talk link"
note bob gamma flash "q: will the flash talk come back next year?"
sleep 1
tm send-keys -t chair n
wait_for chair "Slot ended after its last topic at [0-9]{2}:[0-9]{2}" 3 || fail "n on the last topic did not end the slot"

# ---- everyone quits: the chair and the speaker with q (y if asked); in gavel notes every letter is
# text for the note line, so the note-takers quit with Ctrl-C (their empty lines keep nothing).
for w in ada bob; do tm send-keys -t "$w" C-c; done
for w in speaker chair; do
  tm send-keys -t "$w" q
  if ! wait_gone "$w"; then
    screen "$w" | grep -q "Quit? (y/n)" || fail "q did not quit the $w, nor ask"
    tm send-keys -t "$w" y
    wait_gone "$w" || fail "q, y did not quit the $w"
  fi
done
for w in ada bob; do wait_gone "$w" || fail "Ctrl-C did not quit $w's view"; done
for w in chair speaker ada bob; do
  [ "$(cat "$work/rc.$w" 2>/dev/null)" = 0 ] || fail "the $w's view exited with status $(cat "$work/rc.$w" 2>/dev/null || echo unknown)"
done
echo "day.run_seconds: $(( $(date +%s) - began ))"
echo "day.notes: ${#note_text[@]}"

# ---- the summaries against the session
# Replays the session's events (ordered as recorded) the way the README says time is counted:
# a topic runs from its start (or the previous topic's n) until a pause, n, or its slot's end;
# a slot whose time ran out ends at its deadline (first start + length + extensions).
# Prints: topic SLOT TOPIC FIRST_START USED_SECONDS; slot SLOT START END CAUSE EXTRA;
# note TEXT-ID OFFSET (seconds into its topic when saved).
replay() {
  sql "$db" "SELECT id, printf('%.6f', at), kind, ifnull(slot, ''), ifnull(topic, ''), ifnull(cause, ''),
                    ifnull(seconds, 0), ifnull(note, '') FROM event ORDER BY id" | tr '|' '\t' |
  awk -F '\t' -v OFS='\t' -v order="alpha=a1,a2 beta=b1x,b2 gamma=g1,flash" \
      -v lengths="alpha=40 beta=40 gamma=50" -v renamed="b1=b1x b1-renamed=b1x" '
    BEGIN {
      n = split(order, so, " ")
      for (i = 1; i <= n; i++) {
        split(so[i], kv, "="); slots[i] = kv[1]; m = split(kv[2], ts, ",")
        for (j = 1; j <= m; j++) { topics[kv[1], j] = ts[j]; if (j > 1) after[kv[1], ts[j - 1]] = ts[j] }
        count[kv[1]] = m
      }
      split(lengths, ls, " "); for (i in ls) { split(ls[i], kv, "="); len[kv[1]] = kv[2] }
      split(renamed, rs, " "); for (i in rs) { split(rs[i], kv, "="); ren[kv[1]] = kv[2] }
    }
    function tid(x) { return (x in ren) ? ren[x] : x }
    function stop(s, t) { if (run[s] != "") { used[s, run[s]] += t - since[s]; run[s] = "" } }
    function go(s, tp, t) { run[s] = tp; since[s] = t; if (!((s, tp) in first)) first[s, tp] = t; if (!(s in sfirst)) sfirst[s] = t }
    {
      at = $2 + 0; k = $3; s = $4; tp = tid($5)
      if (k == "start") { for (o in run) stop(o, at); go(s, tp, at) }
      else if (k == "pause") stop(s, at)
      else if (k == "next") {
        was = (run[s] == tp); stop(s, at)
        if ((s, tp) in after) { if (was) go(s, after[s, tp], at) } else { end[s] = at; cause[s] = "lastTopic" }
      }
      else if (k == "endSlot") {
        e = at
        if ($6 == "timeUp") { d = sfirst[s] + len[s] + extra[s]; if (d < e) e = d }
        stop(s, e); end[s] = e; cause[s] = $6
      }
      else if (k == "extendSlot") { extra[s] += $7; if (cause[s] == "timeUp") { end[s] = ""; cause[s] = "" } }
      else if (k == "noteAdded") { el = used[s, tp] + (run[s] == tp ? at - since[s] : 0); print "note", $8, int(el) }
    }
    END {
      for (i = 1; slots[i] != ""; i++) {
        s = slots[i]
        for (j = 1; j <= count[s]; j++) { tp = topics[s, j]; print "topic", s, tp, ((s, tp) in first) ? sprintf("%.3f", first[s, tp]) : "-", int(used[s, tp] + 0.5) }
        print "slot", s, sprintf("%.3f", sfirst[s]), (end[s] == "" ? "-" : sprintf("%.3f", end[s])), cause[s], extra[s] + 0
      }
    }'
}
replayed="$(replay)"
grep -q . <<<"$replayed" || fail "the session's events could not be replayed"
declare -A used first_start slot_start slot_end slot_cause slot_extra note_offset
while IFS=$'\t' read -r what a b c d e; do
  case "$what" in
    topic) first_start[$b]="$c"; used[$b]="$d" ;;
    slot) slot_start[$a]="$b"; slot_end[$a]="$c"; slot_cause[$a]="$d"; slot_extra[$a]="$e" ;;
    note) note_offset[$a]="$b" ;;
  esac
done <<<"$replayed"

# Durations as the summaries write those under ten minutes (m:ss), signed ones, clock readings.
dur() { printf '%d:%02d' $(( $1 / 60 )) $(( $1 % 60 )); }
sdur() { if [ "$1" -gt 0 ]; then echo "+$(dur "$1")"; elif [ "$1" -lt 0 ]; then echo "-$(dur $(( -$1 )))"; else echo "0:00"; fi; }
hhmm() { TZ="$zone" date -d "@${1%.*}" +%H:%M; }
against() { # DIFFERENCE: "0:15 over the plan", "0:03 under the plan", "exactly the plan"
  if [ "$1" -gt 0 ]; then echo "$(dur "$1") over the plan"; elif [ "$1" -lt 0 ]; then echo "$(dur $(( -$1 ))) under the plan"; else echo "exactly the plan"; fi
}

# The facts that do not depend on the clock: every topic ran, and the times the test meant.
for s in "${slots[@]}"; do for t in ${slot_topics[$s]}; do
  [ "${first_start[$t]}" != "-" ] || fail "the replay finds no start of $s/$t"
done; done
[ "${used[a1]}" -lt 20 ] && [ "${used[b1x]}" -lt 20 ] && [ "${used[g1]}" -lt 30 ] && [ "${used[flash]}" -lt 20 ] \
  || fail "a topic the test meant to end early used its time (a1 ${used[a1]}, b1 ${used[b1x]}, g1 ${used[g1]}, flash ${used[flash]} s): the machine is too slow for this test"
[ "${used[a2]}" -gt 20 ] && [ "${used[b2]}" -gt 20 ] || fail "alpha's and beta's last topics did not run past their time"
[ $(( used[a1] + used[a2] )) = 40 ] || fail "alpha's topics used $(( used[a1] + used[a2] )) s of a 40 s slot that ran out"
[ "${slot_cause[alpha]}" = timeUp ] && [ "${slot_cause[beta]}" = chair ] && [ "${slot_cause[gamma]}" = lastTopic ] \
  || fail "the slots ended by ${slot_cause[alpha]}, ${slot_cause[beta]}, ${slot_cause[gamma]}; the test meant timeUp, chair, lastTopic"
extra=${slot_extra[beta]}
[ "$extra" -ge 300 ] && [ "$extra" -le 305 ] || fail "beta was extended by $extra s; + asks for 5 min from the moment it is pressed"
[ "${slot_extra[alpha]}" = 0 ] && [ "${slot_extra[gamma]}" = 0 ] || fail "a slot the chair did not extend has an extension"

# notes_in FILE LEVEL: each note a summary lists, as TOPIC<tab>SECTION<tab>ITEM, LEVEL being the
# topics' heading (## in a slot's file, ### in the index, read from its first slot on).
notes_in() {
  awk -v h="$2" -v first="${3:-}" '
    BEGIN { t = h " "; sec = h "# " }
    first != "" && !on { if ($0 == first) on = 1; next }
    index($0, t) == 1 { topic = substr($0, length(t) + 1); section = ""; next }
    index($0, sec) == 1 { section = substr($0, length(sec) + 1); next }
    /^#/ { topic = ""; section = ""; next }
    /^- / && topic != "" && section ~ /^(Decisions|Actions|Open questions|Discussion)$/ { print topic "\t" section "\t" substr($0, 3) }
  ' "$1"
}
# expected_notes [SLOT]: the same, from the notes typed (every slot's when SLOT is empty).
expected_notes() {
  local i text body section id
  for i in "${!note_text[@]}"; do
    [ -z "${1:-}" ] || [ "${note_slot[$i]}" = "$1" ] || continue
    text="${note_text[$i]}"
    case "$text" in
      "a: "*) section=Actions; body="${text#a: }" ;;
      "d: "*) section=Decisions; body="${text#d: }" ;;
      "q: "*) section="Open questions"; body="${text#q: }" ;;
      *) section=Discussion
         id=$(sql "$db" "SELECT note FROM event WHERE kind = 'noteAdded' AND text = '${text//\'/\'\'}'")
         [ -n "${note_offset[$id]:-}" ] || fail "the replay has no offset for \"$text\""
         body="+$(printf '%02d:%02d' $(( note_offset[$id] / 60 )) $(( note_offset[$id] % 60 ))) $text" ;;
    esac
    printf '%s\t%s\t%s\n' "${topic_title[${note_topic[$i]}]}" "$section" "$body"
  done
}
# credits: the authors read (one a line) as a "Notes by:" line says them: "ada (5), bob (4)", most
# notes first, then by name.
credits() { sort | uniq -c | sort -k1,1nr -k2,2 | awk '{ printf "%s%s (%d)", (NR > 1 ? ", " : ""), $2, $1 }'; }

in_file() { # FILE LINE: the file has LINE, exactly, as a whole line
  grep -qxF -- "$2" "$1" || fail "$(basename "$1") lacks the line:\n  $2"
}

for s in "${slots[@]}"; do
  f="$out/$s.md"
  [ -f "$f" ] || fail "no summary $s.md was written"
  title="${slot_title[$s]}"
  in_file "$f" "# $title"
  in_file "$f" "Fast microconference · day-e2e"
  in_file "$f" "- Date: $(TZ="$zone" date -d "@${slot_start[$s]%.*}" +%F)"
  case "${slot_cause[$s]}" in
    timeUp) words="ended when its time ran out" ;;
    chair) words="ended by the chair" ;;
    lastTopic) words="ended after its last topic" ;;
  esac
  in_file "$f" "- Actual: $(hhmm "${slot_start[$s]}")–$(hhmm "${slot_end[$s]}"), $words"
  in_file "$f" "- Times in $zone; notes are marked with their time into the topic (+mm:ss)"
  by=$(for i in "${!note_text[@]}"; do if [ "${note_slot[$i]}" = "$s" ]; then echo "${note_by[$i]}"; fi; done | credits)
  in_file "$f" "- Notes by: $by"
  grep -qE "^- Notes by: .*ada \([0-9]+\)" "$f" && grep -qE "^- Notes by: .*bob \([0-9]+\)" "$f" || fail "$s.md does not credit both note-takers"
  # Each topic: its heading, speaker, planned and used time, and its row of the timing table.
  planned_sum=0; used_sum=0
  for t in ${slot_topics[$s]}; do
    p=${topic_planned[$t]}; u=${used[$t]}
    kind=""; [ "$t" = flash ] && kind="Lightning talk · "
    in_file "$f" "## ${topic_title[$t]}"
    in_file "$f" "${kind}Speaker: ${topic_speaker[$t]} · planned $(dur "$p"), used $(dur "$u"): $(against $(( u - p )))"
    in_file "$f" "| ${topic_title[$t]} | $(hhmm "${first_start[$t]}") | $(dur "$p") | 0:00 | $(dur "$u") | $(sdur $(( u - p ))) | $(sdur $(( u - p ))) |"
    planned_sum=$(( planned_sum + p )); used_sum=$(( used_sum + u ))
  done
  in_file "$f" "| Total | $(hhmm "${slot_start[$s]}") | $(dur "$planned_sum") | 0:00 | $(dur "$used_sum") | $(sdur $(( used_sum - planned_sum ))) | $(sdur $(( used_sum - planned_sum ))) |"
  # Every note of the slot under its topic and kind, none lost, none twice, none elsewhere.
  diff <(expected_notes "$s" | sort) <(notes_in "$f" "##" | sort) > "$work/diff.$s" \
    || fail "the notes in $s.md are not the notes typed in the slot (< typed, > in the summary):\n$(cat "$work/diff.$s")"
  [ "$(notes_in "$f" "##" | wc -l)" = "$(sql "$db" "SELECT count(*) FROM current_note WHERE NOT deleted AND slot = '$s'")" ] \
    || fail "$s.md lists $(notes_in "$f" "##" | wc -l) notes, the session has $(sql "$db" "SELECT count(*) FROM current_note WHERE NOT deleted AND slot = '$s'")"
done
# What happened to each slot, in its own words.
in_file "$out/alpha.md" "| Total | $(hhmm "${slot_start[alpha]}") | 0:40 | 0:00 | 0:40 | 0:00 | 0:00 |"
in_file "$out/beta.md" "- Length: 0:40, extended by $(dur "$extra") after its time ran out"
grep -q "extended" "$out/alpha.md" "$out/gamma.md" && fail "a slot the chair did not extend says it was extended"
in_file "$out/gamma.md" "## Flash talk"
in_file "$out/gamma.md" "Lightning talk · Speaker: Flo · planned 0:20, used $(dur "${used[flash]}"): $(against $(( used[flash] - 20 )))"
# The renamed topic: its new title only, with the notes of before, across and after the rename.
grep -q "Beta one$\|Unlisted\|b1-renamed\|\bb1\b" "$out/beta.md" "$out/index.md" && fail "the renamed topic shows its old title or id, or as a topic no longer listed"
for text in "heard beta one before the rename" "decided before the rename" "typed across the rename?" \
            "asked after the rename?" "@ada @bob follow up after the rename"; do
  notes_in "$out/beta.md" "##" | grep -F -- "$text" | grep -q "^Beta one (renamed)	" || fail "\"$text\" is not under the renamed topic in beta.md"
done

# ---- the index: every slot, the overview, actions by owner, decisions, open questions
f="$out/index.md"
[ -f "$f" ] || fail "no index.md was written"
in_file "$f" "# Fast microconference: summary"
for s in "${slots[@]}"; do in_file "$f" "## ${slot_title[$s]}"; done
in_file "$f" "- Slots held: 3 of 3"
in_file "$f" "- Topics held: 6 of 6"
in_file "$f" "- Whole agenda: 2:10 planned"
total_used=0; for t in a1 a2 b1x b2 g1 flash; do total_used=$(( total_used + used[$t] )); done
in_file "$f" "- Time for the topics held: planned 2:10, used $(dur "$total_used"): $(against $(( total_used - 130 )))"
in_file "$f" "- Overruns (past planned+granted): 2"
in_file "$f" "- Alpha two (Alpha slot): planned 0:20, used $(dur "${used[a2]}"): $(against $(( used[a2] - 20 )))"
in_file "$f" "- Beta two (Beta slot): planned 0:20, used $(dur "${used[b2]}"): $(against $(( used[b2] - 20 )))"
in_file "$f" "- Notes by: $(printf '%s\n' "${note_by[@]}" | credits)"
# section FILE HEADING: the lines under a "### HEADING" of the overview, up to the next "### " or "## ".
section() { awk -v h="### $2" '$0 == h { on = 1; next } on && /^##/ && !/^####/ { exit } on' "$1" | grep -v '^$'; }
placed() { # KIND-PREFIX [OWNER]: the notes of a kind as the overview lists them, in agenda order
  local s t i text
  for s in "${slots[@]}"; do for t in ${slot_topics[$s]}; do
    for i in "${!note_text[@]}"; do
      text="${note_text[$i]}"
      [ "${note_topic[$i]}" = "$t" ] && [ "${text#"$1"}" != "$text" ] || continue
      [ -z "${2:-}" ] || [[ " ${text} " == *" @$2 "* ]] || continue
      echo "- ${text#"$1"} — *${slot_title[$s]} / ${topic_title[$t]}*"
    done
  done; done
}
expected_actions="$(echo "#### @ada"; placed "a: " ada; echo "#### @bob"; placed "a: " bob)"
[ "$(section "$f" "Actions by owner")" = "$expected_actions" ] \
  || fail "the index's actions by owner differ:\n$(diff <(echo "$expected_actions") <(section "$f" "Actions by owner"))"
[ "$(section "$f" "Decisions")" = "$(placed "d: ")" ] \
  || fail "the index's decisions differ:\n$(diff <(placed "d: ") <(section "$f" "Decisions"))"
[ "$(section "$f" "Open questions")" = "$(placed "q: ")" ] \
  || fail "the index's open questions differ:\n$(diff <(placed "q: ") <(section "$f" "Open questions"))"
in_file "$f" "- Length: 0:40, extended by $(dur "$extra") after its time ran out"
diff <(expected_notes | sort) <(notes_in "$f" "###" "## Alpha slot" | sort) > "$work/diff.index" \
  || fail "the notes in index.md are not the notes typed (< typed, > in the index):\n$(cat "$work/diff.index")"
total=$(sql "$db" "SELECT count(*) FROM current_note WHERE NOT deleted")
[ "$total" = "${#note_text[@]}" ] || fail "the session has $total notes, the test typed ${#note_text[@]}"
[ "$(notes_in "$f" "###" "## Alpha slot" | wc -l)" = "$total" ] || fail "index.md lists $(notes_in "$f" "###" "## Alpha slot" | wc -l) notes, the session has $total"

# The files are the session as it ended: gavel summary prints the same slot summaries, and the
# session has no note on a topic the agenda lost.
for s in "${slots[@]}"; do
  "$gavel" summary "$agenda" --slot "$s" > "$work/printed.$s.md" || fail "gavel summary --slot $s failed"
  diff -q "$out/$s.md" "$work/printed.$s.md" >/dev/null || fail "$s.md is not what gavel summary prints now:\n$(diff "$out/$s.md" "$work/printed.$s.md")"
done
"$gavel" check "$agenda" --session > "$work/check.txt" 2>&1 || fail "gavel check --session after the day failed:\n$(cat "$work/check.txt")"
grep -q "events, $total notes; every id it names is on the agenda" "$work/check.txt" \
  || fail "gavel check --session does not place every note:\n$(cat "$work/check.txt")"

echo "day.beta_extended_seconds: $extra"
if [ -n "${GAVEL_CI_LOGS:-}" ]; then
  mkdir -p "$GAVEL_CI_LOGS/day-e2e" && cp -r "$out" "$agenda" "$GAVEL_CI_LOGS/day-e2e/"
  echo "day.summaries: $GAVEL_CI_LOGS/day-e2e/track-summary"
fi
e2e_done "3 slots, ${#note_text[@]} notes by 2 note-takers, a rename, an extension of $(dur "$extra"); $(( $(date +%s) - began )) s"

#!/bin/sh
# test-crash-recovery.sh: the real sitmap, edited, killed with SIGKILL, started again: it offers the edit back
#
# Runs the installed-to-be program (its path is $1) on a copy of the demo, with settings in memory and a state
# folder of its own, on the test's X display. The edit is an import of a one-row table through the real
# File → Import dialog (Ctrl+I, a path typed, Enter): an edit like any other, on the undo stack. Within 5 s
# a recovery file must be on disk; then kill -9. The next start must offer to restore it; Enter restores it
# (the title says unsaved), Ctrl+S saves it in place, the event is in the file, and nothing is left in the
# recovery folder once the window is closed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

sitmap=$1
# Under AddressSanitizer, tools/lsan-check: the clean end is checked for leaks through it, which knows the blocks
# GLib's quark table leaves (a killed process reports nothing).
lsan_check=${2:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/sitmap-crash-XXXXXX")
pid=
cleanup () {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

# Runs a shell condition every 0.1 s until it holds, for at most $1 seconds; prints how long it took.
wait_for () {
  limit=$1
  shift
  start=$(date +%s.%N)
  while ! eval "$@"; do
    now=$(date +%s.%N)
    if [ "$(echo "$now - $start > $limit" | bc)" = 1 ]; then
      fail "waited $limit s for: $*"
    fi
    sleep 0.1
  done
  echo "$(date +%s.%N) - $start" | bc
}

# The shown X window of the process whose title is $1, exactly (xdotool's --name cannot be trusted with the
# title's "—" and "•"); with $1 "*Sitmap", the main window.
find_window () {
  for window in $(xdotool search --onlyvisible --pid "$pid" 2>/dev/null); do
    case "$(xdotool getwindowname "$window" 2>/dev/null)" in
      $1) echo "$window"; return ;;
    esac
  done
}

# The title of X window $1 is exactly $2 (xdotool's own search cannot tell "• " apart)
title_is () {
  [ "$(xdotool getwindowname "$1" 2>/dev/null)" = "$2" ]
}

n_windows () {
  xdotool search --onlyvisible --pid "$pid" 2>/dev/null | wc -l
}

recovery_files () {
  ls "$XDG_STATE_HOME"/sitmap/recovery/*.sitmap-recovery 2>/dev/null | wc -l
}

export XDG_STATE_HOME="$work/state"
export GSETTINGS_BACKEND=memory
cp "$SITMAP_DEMO" "$work/report.kml"
printf 'id,date,latitude,longitude,title\ncrash-test-1,2024-12-01,35.50,38.50,Added before the crash\n' \
  > "$work/new-events.csv"

echo "# start, import a table (an edit), wait for the recovery file"
"$sitmap" "$work/report.kml" &
pid=$!
wait_for 30 '[ -n "$(find_window "*Sitmap")" ]' > /dev/null
main=$(find_window "*Sitmap")
wait_for 30 'title_is "$main" "Syria, late 2024 — Sitmap"' > /dev/null
xdotool windowfocus --sync "$main" key --clearmodifiers ctrl+i
wait_for 10 '[ -n "$(find_window "Import Events")" ]' > /dev/null
chooser=$(find_window "Import Events")
sleep 0.5
xdotool windowfocus --sync "$chooser" type --delay 5 "$work/new-events.csv"
# GTK 4.8's chooser may take the first Enter to go to the file's folder and select it
for attempt in 1 2 3; do
  [ -n "$(find_window "Import Events")" ] || break
  xdotool windowfocus --sync "$chooser" key --clearmodifiers Return 2>/dev/null || true
  sleep 1
done
wait_for 20 'title_is "$main" "• Syria, late 2024 — Sitmap"' > /dev/null
took=$(wait_for 10 '[ "$(recovery_files)" -eq 1 ]')
echo "# the recovery file was written $took s after the title showed the edit"
[ "$(echo "$took <= 5" | bc)" = 1 ] || fail "the recovery file took $took s"

echo "# kill -9"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
pid=
[ "$(recovery_files)" -eq 1 ] || fail "the recovery file is gone after the kill"
grep -q crash-test-1 "$work/report.kml" && fail "the edit is in the file, unsaved"

echo "# start again: the restore is offered; Enter restores"
if [ -n "$lsan_check" ]; then
  "$lsan_check" "$sitmap" "$work/report.kml" &
  runner=$!
  wait_for 60 '[ -n "$(pgrep -P "$runner")" ]' > /dev/null
  pid=$(pgrep -P "$runner")
else
  "$sitmap" "$work/report.kml" &
  runner=$!
  pid=$runner
fi
wait_for 30 '[ "$(n_windows)" -ge 2 ]' > /dev/null
main=$(find_window "*Sitmap")
for window in $(xdotool search --onlyvisible --pid "$pid"); do
  case "$(xdotool getwindowname "$window")" in
    *Sitmap) ;;
    *) dialog=$window ;;
  esac
done
[ -n "${dialog:-}" ] || fail "no dialog besides the window"
sleep 0.5
xdotool windowfocus --sync "$dialog" key --clearmodifiers Return
wait_for 20 'title_is "$main" "• Syria, late 2024 — Sitmap"' > /dev/null
echo "# restored, unsaved; Ctrl+S saves it in place"
xdotool windowfocus --sync "$main" key --clearmodifiers ctrl+s
wait_for 20 'title_is "$main" "Syria, late 2024 — Sitmap"' > /dev/null
grep -q crash-test-1 "$work/report.kml" || fail "the restored edit is not in the saved file"
[ "$(recovery_files)" -eq 0 ] || fail "a recovery file is left after the save"
[ -f "$work/report.kml.bak" ] || fail "no backup of the version replaced"

echo "# Ctrl+Q: a clean end leaves nothing in the recovery folder"
xdotool windowfocus --sync "$main" key --clearmodifiers ctrl+q
wait "$runner" || fail "sitmap did not end cleanly"
pid=
[ -z "$(ls -A "$XDG_STATE_HOME/sitmap/recovery")" ] || fail "left in the recovery folder: $(ls -A "$XDG_STATE_HOME/sitmap/recovery")"
echo "# ok"

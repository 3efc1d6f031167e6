#!/bin/sh
# Idle memory of the real app: starts the window under a private Xvfb on a copy of a database,
# with a throwaway home (no preferences or backups of yours touched), waits until it has shown
# the list, read the progress, run the background check and the daily backup, then prints what
# the kernel says the process holds (docs/performance.md quotes it).
#
#   scripts/idle-memory.sh BINARY DATABASE [SECONDS]
#
# SECONDS (default 60) is how long to wait before reading; the figures are read three times,
# five seconds apart, so a process still settling shows.
set -eu
bin=$1
db=$2
wait=${3:-60}
work=$(mktemp -d)
app=
xvfb=
stop() {
	# The app writes its preferences as it closes: wait for it before removing its home.
	[ -z "$app" ] || { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
	[ -z "$xvfb" ] || { kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; }
	rm -rf "$work"
}
trap stop EXIT
cp "$db" "$work/k.db"
chmod 600 "$work/k.db"
display=":$((90 + $$ % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
	DISPLAY="$display" "$bin" --db "$work/k.db" >"$work/out.log" 2>&1 &
app=$!
sleep "$wait"
for i in 1 2 3; do
	if ! kill -0 "$app" 2>/dev/null; then
		echo "the app ended early:" >&2
		cat "$work/out.log" >&2
		exit 1
	fi
	printf '%s ' "$(date +%T)"
	grep -E '^(VmRSS|RssAnon|RssFile|VmHWM)' "/proc/$app/status" | tr -s ' \t' ' ' | tr '\n' ';'
	echo
	[ "$i" = 3 ] || sleep 5
done

#!/bin/sh
# The browser tests (test/web) drive Debian's Chromium. Install it when it is missing, from Debian's
# packages (as root, or through sudo); PEERWATCH_CHROMIUM names another binary instead.
set -e
browser="${PEERWATCH_CHROMIUM:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0
if [ -n "$PEERWATCH_CHROMIUM" ]; then
  echo "ensure-chromium: PEERWATCH_CHROMIUM=$PEERWATCH_CHROMIUM is not an executable" >&2
  exit 1
fi
if [ "$(id -u)" = 0 ]; then run=""; elif command -v sudo >/dev/null 2>&1; then run="sudo"; else
  echo "ensure-chromium: Chromium is missing and this user cannot install it: apt-get install chromium, as root" >&2
  exit 1
fi
echo "ensure-chromium: installing Debian's chromium for the browser tests" >&2
$run apt-get update -qq
$run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

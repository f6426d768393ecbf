#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the report render test when it is missing.
# Called by scripts/test.sh; quiet when Chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium is missing and apt-get is not available;" \
       "install Debian's 'chromium' package by hand (the report render test is skipped without it)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo -n"
  else
    echo "ensure-chromium: /usr/bin/chromium is missing and installing it needs root (apt-get install chromium)" >&2
    exit 1
  fi
fi
echo "ensure-chromium: installing Debian's chromium (for the report render test)..." >&2
log="$(mktemp)"
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  rm -f "$log"
  echo "ensure-chromium: could not install chromium with apt-get (see above); install it by hand:" \
       "apt-get install chromium" >&2
  exit 1
fi
rm -f "$log"
if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-chromium: apt-get installed chromium but /usr/bin/chromium is still missing" >&2
  exit 1
fi

#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium and its WebDriver (chromium-driver) for the browser tests
# (the report render test, the serve page's Selenium test) when they are missing, and Debian's tcmalloc
# (libtcmalloc-minimal4: the allocator the launcher preloads, whose detection a bench test checks).
# Called by scripts/test.sh; quiet when all are already there.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
[ -f /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 ] || need+=(libtcmalloc-minimal4)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: ${need[*]} missing and apt-get is not available;" \
       "install Debian's ${need[*]} package(s) by hand (the browser tests are skipped without them, and fail with CI=1)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo -n"
  else
    echo "ensure-chromium: ${need[*]} missing and installing needs root (apt-get install ${need[*]})" >&2
    exit 1
  fi
fi
echo "ensure-chromium: installing Debian's ${need[*]} (for the browser and allocator tests)..." >&2
log="$(mktemp)"
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  rm -f "$log"
  echo "ensure-chromium: could not install ${need[*]} with apt-get (see above); install by hand:" \
       "apt-get install ${need[*]}" >&2
  exit 1
fi
rm -f "$log"
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  if [ ! -x "$tool" ]; then
    echo "ensure-chromium: apt-get ran but $tool is still missing" >&2
    exit 1
  fi
done

#!/usr/bin/env bash
# The browser test drives Debian's Chromium (no browser downloads are possible here). Installs it when missing.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium not found: installing Debian's chromium for the browser test" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium not found at $chromium_path: install it (sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
  exit 1
fi

#!/usr/bin/env bash
# The console's browser tests drive Debian's Chromium headless through its ChromeDriver. Run by
# `./mvnw verify` before the tests: installs both from Debian's packages when they are missing and the
# build runs as root; otherwise says what is needed.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "browser: $(/usr/bin/chromium --version 2>/dev/null | head -1), $(/usr/bin/chromedriver --version 2>/dev/null | head -1)"
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "browser: installing chromium and chromium-driver from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null; }
    echo "browser: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
    exit 0
fi
echo "The console's browser tests need Chromium and its driver: apt-get install chromium chromium-driver" >&2
exit 3

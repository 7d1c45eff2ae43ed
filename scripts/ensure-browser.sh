#!/usr/bin/env bash
# The review-page tests drive Debian's headless Chromium. Install it (and CJK fonts, so the
# screenshot shows Chinese) when it is missing and we may: as root with apt-get. Anywhere else
# the browser tests skip with a clear reason, and everything else still runs.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium for the review-page tests (apt-get)"
  apt-get update -qq >/dev/null \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null \
    || echo "chromium could not be installed; the browser tests will skip"
else
  echo "no /usr/bin/chromium and no root apt-get; the browser tests will skip"
fi
exit 0

#!/usr/bin/env bash
# Install the Debian packages the portal needs, when they are missing.
#   libharfbuzz-subset0  fast CJK font subsetting in WeasyPrint (~0.1 s a page, not ~10 s)
#   fonts-noto-cjk       Chinese glyphs embedded in PDFs
#   poppler-utils        pdffonts/pdftotext, used by the tests to check PDFs
#   chromium             the browser tests (Playwright drives Debian's chromium)
# Usage: scripts/system-deps.sh [--strict]   (--strict: fail if anything is missing after)
set -u
STRICT=0
[ "${1:-}" = "--strict" ] && STRICT=1
PACKAGES="libharfbuzz-subset0 fonts-noto-cjk poppler-utils chromium"

missing=""
for pkg in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing system packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >/tmp/brandportal-apt.log 2>&1 \
    || { echo "apt-get failed; see /tmp/brandportal-apt.log"; [ $STRICT = 1 ] && exit 1; }
  exit 0
fi

echo "WARNING: missing system packages:$missing"
echo "  Install them with: sudo apt-get install -y$missing"
echo "  Without them, Chinese PDFs lack their font and browser tests are skipped."
[ $STRICT = 1 ] && exit 1
exit 0

#!/usr/bin/env bash
# Prints a Python >= 3.12 to build the virtualenv with. PySide6 6.12.0 under-counts
# references to None when a void Qt method is called from Python; on 3.11 that crashes
# the process after enough calls ("none_dealloc"). From 3.12 on, None is immortal and the
# bug is harmless, so the kiosk requires 3.12+.
set -u
ok() { "$1" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
candidates=("${PYTHON:-}" python3.12 python3.13 python3)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for dir in "$root"/versions/3.12* "$root"/versions/3.13*; do
    candidates+=("$dir/bin/python3")
  done
fi
for py in "${candidates[@]}"; do
  [ -n "$py" ] || continue
  if ok "$py"; then command -v "$py" || echo "$py"; exit 0; fi
done
echo "No Python 3.12 or newer found. Install Python 3.12+ and run: make PYTHON=/path/to/python3.12" >&2
exit 1

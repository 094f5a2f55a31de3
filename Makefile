# Two commands matter: `make run` and `make test`. Everything else is for developers.
# Python 3.12+ is required (see deploy/find-python.sh for why); found automatically.
PYTHON ?= $(shell bash deploy/find-python.sh)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SYSDEPS_TEST := xvfb matchbox-window-manager xdotool x11-xserver-utils libxcb-icccm4 libxcb-keysyms1 \
                libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 \
                libdbus-1-3 fonts-dejavu-core libpulse0
# Take home (tests/ui/test_take_home.py, tests/export/): zbar reads the QR codes back from
# the screen and from a printed page (poppler draws the PDF); the web export is checked in
# Debian's Chromium through its chromedriver.
SYSDEPS_TEST += chromium chromium-driver zbar-tools poppler-utils
# The metrics tests push to a real Pushgateway on loopback (tests/fleet/pushgateway.py).
SYSDEPS_TEST += prometheus-pushgateway
# Speech: Qt's speech plug-ins need libpulse0; speech-dispatcher + espeak-ng give en/es voices.
SYSDEPS_RUN  := libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 \
                libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core x11-xserver-utils \
                libpulse0 libspeechd2 speech-dispatcher speech-dispatcher-espeak-ng
# Time zones: the time_zone setting and the local times staff read (zoneinfo uses the system's).
SYSDEPS_TEST += tzdata
SYSDEPS_RUN += tzdata

.PHONY: run test lint bench screenshots validate venv bytecode sysdeps-run sysdeps-test clean

run: sysdeps-run bytecode
	$(PY) main.py run $(ARGS)

test: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check kiosk tests main.py bench
	$(VENV)/bin/ruff format --check kiosk tests main.py bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

# Benchmarks (docs/benchmarks.md), never part of `make test`: the system packages of
# `make run` and `make test`, and Debian's chromium as the browser baseline when missing.
# BENCH_ARGS=--quick for the everyday short run.
bench: sysdeps-run sysdeps-test bytecode
	@bash deploy/install-system-packages.sh chromium
	$(PY) -m bench $(BENCH_ARGS)

# The Python environment alone (deploy/install-linux.sh).
venv: bytecode

# The kiosk's own modules compiled ahead: the kiosk user cannot write __pycache__ under
# /opt/fbss-kiosk, and compiling ~90 modules at every start costs ~70 ms (docs/benchmarks.md).
# Only changed files are compiled again, so this is cheap to repeat (e.g. after `git pull`).
bytecode: $(STAMP)
	$(PY) -m compileall -q kiosk main.py

validate: $(STAMP)
	$(PY) main.py validate content.yaml

screenshots: $(STAMP)
	$(PY) main.py screenshots shots

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12+ is needed"; exit 1; }
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		echo "Replacing $(VENV): it was made with Python < 3.12"; rm -rf $(VENV); fi
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

# Debian/Ubuntu only: installs what Qt and the real-window tests need, when missing.
sysdeps-run:
	@bash deploy/install-system-packages.sh $(SYSDEPS_RUN)

sysdeps-test:
	@bash deploy/install-system-packages.sh $(SYSDEPS_TEST)
	@command -v npm >/dev/null 2>&1 || bash deploy/install-system-packages.sh npm  # axe-core

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache shots

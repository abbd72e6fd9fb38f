# Clearance — the two commands a new machine needs:
#   make run    set up, build and open the desktop app (with the bundled sample release)
#   make test   set up and run every test
# Both install what they need (Debian/Ubuntu packages, npm packages) first.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian/Ubuntu packages: WebKitGTK for the desktop shell, Xvfb and X tools for headless runs,
# python3-venv for the SBOM validators (spdx-tools, cyclonedx-python-lib; into .cache/venv by the tests),
# WebKitWebDriver for the end-to-end tests of the real app, Chromium for the UI's browser tests.
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev \
  libayatana-appindicator3-dev librsvg2-dev xvfb xauth x11-utils dbus-x11 at-spi2-core imagemagick python3-venv \
  webkit2gtk-driver chromium postgresql
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO ?= cargo

TAURI_DRIVER := $(HOME)/.cargo/bin/tauri-driver

.PHONY: help run test deps apt ui desktop cli engine-test lint desktop-test ui-test e2e screenshots package bench accuracy clean

help:
	@echo "make run    build and open the Clearance desktop app (sample release included)"
	@echo "make test   run every test (installs what it needs first)"
	@echo "make bench  measure scan speed and memory on a large real tree (docs/BENCHMARKS.md)"
	@echo "make accuracy      precision/recall/F1 vs ScanCode and askalono (docs/ACCURACY.md)"
	@echo "make screenshots   the main views of the real app under Xvfb, into docs/screenshots"
	@echo "make package       a .deb and an AppImage of the desktop app (target/release/bundle)"

deps: apt ui/node_modules/.installed

# The WebDriver bridge between the tests and WebKitWebDriver (compiled once, ~1 min).
$(TAURI_DRIVER):
	$(CARGO) install tauri-driver --version '^2' --locked

apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:" $$missing; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

ui/node_modules/.installed: ui/package.json ui/package-lock.json
	npm --prefix ui ci --no-audit --no-fund
	touch $@

ui: ui/node_modules/.installed
	npm --prefix ui run build

desktop: deps ui
	$(CARGO) build -p clearance-desktop

cli:
	$(CARGO) build -p clearance-cli

run: desktop
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "No display: starting Clearance under Xvfb (screenshot with: DISPLAY=:99 import -window root shot.png)"; \
	  (Xvfb :99 -screen 0 1280x800x24 -nolisten tcp &) ; sleep 1; \
	  DISPLAY=:99 ./target/debug/clearance-desktop; \
	else ./target/debug/clearance-desktop; fi

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	cd ui && ./node_modules/.bin/tsc --noEmit && ./node_modules/.bin/biome lint --error-on-warnings .

engine-test:
	$(CARGO) test
	bash tests/validate-exports.sh
	bash tests/real-packages.sh
	bash tests/dogfood.sh
	bash tests/supplier-sboms.sh
	bash tests/library-real.sh

# The UI alone: unit tests (Vitest), then the built UI in Chromium with the Rust side mocked.
ui-test: ui
	npm --prefix ui test -- --reporter=tap-flat
	npm --prefix ui run test:browser

# The real app: commands, bindings and security checks, a window smoke test, then the whole
# reviewer path through WebDriver.
desktop-test: desktop $(TAURI_DRIVER)
	$(CARGO) clippy -p clearance-desktop --all-targets -- -D warnings
	$(CARGO) test -p clearance-desktop
	bash tests/desktop-smoke.sh target/debug/clearance-desktop
	bash tests/e2e/run.sh target/debug/clearance-desktop

e2e: desktop $(TAURI_DRIVER)
	bash tests/e2e/run.sh target/debug/clearance-desktop

screenshots: desktop $(TAURI_DRIVER)
	SCREENSHOTS_DIR=docs/screenshots bash tests/e2e/run.sh target/debug/clearance-desktop

# A .deb with the desktop app and the `clearance` CLI. BUNDLES=deb,appimage also makes an AppImage,
# which needs tools the tauri bundler downloads from GitHub (linuxdeploy, AppRun): not offline.
BUNDLES ?= deb
package: deps
	$(CARGO) build --release -p clearance-cli
	ui/node_modules/.bin/tauri build --bundles $(BUNDLES) -- -p clearance-desktop
	@ls -l target/release/bundle/*/*.deb target/release/bundle/*/*.AppImage 2>/dev/null || true

test: deps lint engine-test ui-test desktop-test

bench: cli
	bash bench/run.sh

# Detection accuracy against ScanCode Toolkit and askalono on labelled real packages (minutes).
accuracy:
	bash bench/accuracy/run.sh

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules

# Kintsugi: `make run` opens the app, `make test` checks everything.
GO ?= go
# Debian packages a build (cgo: SQLite, Fyne's OpenGL/GLFW for X11 and Wayland) and the tests
# (pdftotext, pdfinfo, pdftoppm) need.
DEB_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev poppler-utils
# A count, not a duration: with a duration Go 1.26 can fail a clean run with "context deadline
# exceeded" at the deadline (go.dev/issue/75804, fixed in Go 1.27). 300 runs take about ten seconds.
FUZZTIME ?= 300x

.PHONY: deps run build test fuzz bench screenshots clean

deps:
	@if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
		missing=""; \
		for p in $(DEB_PACKAGES); do \
			dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
		done; \
		if [ -n "$$missing" ]; then \
			echo "Installing:$$missing"; \
			if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
			$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
		fi; \
	else \
		case "$$(uname -s)" in \
		Darwin) command -v pdftotext >/dev/null || echo "Install Xcode command line tools (xcode-select --install) and poppler (brew install poppler).";; \
		Linux) command -v pdftotext >/dev/null || echo "Install a C compiler, pkg-config, OpenGL, X11 and Wayland development headers, and poppler-utils with your package manager.";; \
		*) command -v pdftotext >/dev/null || echo "Install a C compiler (e.g. MSYS2's mingw-w64-x86_64-gcc) and poppler (pdftotext) and put them on PATH.";; \
		esac; \
	fi

build: deps
	$(GO) build -o kintsugi .

run: deps
	$(GO) run .

test: deps
	$(GO) vet ./...
	$(GO) test ./...
	$(GO) test -tags screenshots -run Screenshots ./screens/
	$(GO) test -run '^$$' -fuzz FuzzWriteText -fuzztime $(FUZZTIME) ./workbook/

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

screenshots: deps
	$(GO) run -tags screenshots . screenshots --out docs/screenshots

clean:
	rm -f kintsugi

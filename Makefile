# Kintsugi: `make run` opens the app, `make test` checks everything.
GO ?= go
# A count, not a duration: with a duration Go 1.26 can fail a clean run with "context deadline
# exceeded" at the deadline (go.dev/issue/75804, fixed in Go 1.27). 300 runs take about ten seconds.
FUZZTIME ?= 300x

.PHONY: deps dist-deps dist run build test fuzz bench screenshots clean

# Installs what the build and tests need on Debian and Ubuntu; elsewhere says which packages
# to install, by name for each system, and stops (scripts/deps.sh).
deps:
	@sh scripts/deps.sh

build: deps
	$(GO) build -o kintsugi .

run: deps
	$(GO) run .

test: deps
	$(GO) vet ./...
	$(GO) test ./...
	$(GO) test -tags screenshots -run Screenshots ./screens/
	$(GO) test -run '^$$' -fuzz FuzzWriteText -fuzztime $(FUZZTIME) ./workbook/
	$(GO) test -run '^$$' -fuzz FuzzParseDate -fuzztime $(FUZZTIME) ./data/

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

screenshots: deps
	$(GO) run -tags screenshots . screenshots --out docs/screenshots

# --- Release packages: make dist (on Linux) --------------------------------------------------
# The fyne CLI (fyne.io/tools), pinned: every release is packaged by the same tool. It lands in
# .tools/, never on the tests' path: make test needs none of this.
FYNE_TOOLS_VERSION := v1.7.4
FYNE := $(CURDIR)/.tools/fyne-$(FYNE_TOOLS_VERSION)
# The version is written once, in FyneApp.toml; the binary embeds the same file (version.go).
VERSION := $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)
DIST := dist
WINDOWS_CC := x86_64-w64-mingw32-gcc

$(FYNE):
	GOBIN=$(CURDIR)/.tools $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION)
	mv $(CURDIR)/.tools/fyne $@

# fyne package --release rewrites FyneApp.toml: it drops the comments and adds one to Build on
# every run, so two packages of one release would carry two build numbers and the tree would
# change. The file is put back after each run: the version and build are what is written there.
define fyne_package
	cp FyneApp.toml $(DIST)/FyneApp.toml.kept && \
	{ $(2) $(FYNE) package --release $(1); rc=$$?; cp $(DIST)/FyneApp.toml.kept FyneApp.toml; \
	  rm $(DIST)/FyneApp.toml.kept; exit $$rc; }
endef

dist-deps: $(FYNE)
	@sh scripts/deps.sh dist

# fyne package --release builds with -trimpath -ldflags "-s -w" (stripped), adds -H windowsgui
# for Windows (no console when double-clicked), and writes the icon, version and manifest into
# the .exe. The sizes go to $(DIST)/SIZES.txt; docs/release-notes.md records them per release.
dist: dist-deps
	rm -rf $(DIST) && mkdir -p $(DIST)
	$(call fyne_package,--os linux)
	mv Kintsugi.tar.xz $(DIST)/kintsugi-$(VERSION)-linux-amd64.tar.xz
	$(call fyne_package,--os windows,CC=$(WINDOWS_CC) GOARCH=amd64)
	mv Kintsugi.exe $(DIST)/kintsugi-$(VERSION)-windows-amd64.exe
	rm -f kintsugi kintsugi.exe
	cd $(DIST) && sha256sum kintsugi-$(VERSION)-* > SHA256SUMS
	tar -xOJf $(DIST)/kintsugi-$(VERSION)-linux-amd64.tar.xz kintsugi/usr/local/bin/kintsugi | wc -c | \
		xargs printf 'linux-amd64 binary (stripped)\t%s bytes\n' > $(DIST)/SIZES.txt
	cd $(DIST) && for f in kintsugi-$(VERSION)-*; do printf '%s\t%s bytes\n' "$$f" "$$(wc -c < $$f)"; done >> SIZES.txt
	@cat $(DIST)/SIZES.txt

clean:
	rm -rf kintsugi kintsugi.exe $(DIST)

#!/bin/sh
# make deps: what a build (cgo: SQLite, Fyne's OpenGL/GLFW for X11 and Wayland) and the tests
# (pdftotext, pdfinfo, pdftoppm; DejaVu Sans, the machine font the workbook's Arabic and Hebrew
# tests print with) need. On Debian and Ubuntu it installs what is missing; elsewhere
# it checks, and when something is missing it says which packages to install and stops, rather
# than leave a cgo build to fail with a missing header.
# Usage: scripts/deps.sh [dist]   (dist: also the Windows cross-compiler for make dist)
set -u
want_dist=${1:-}

DEB="gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev poppler-utils fonts-dejavu-core"
DEB_DIST="gcc-mingw-w64-x86-64 xz-utils"
FEDORA="gcc pkgconf-pkg-config mesa-libGL-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel wayland-devel libxkbcommon-devel poppler-utils dejavu-sans-fonts"
FEDORA_DIST="mingw64-gcc xz"
ARCH="gcc pkgconf mesa libxcursor libxrandr libxinerama libxi libxxf86vm wayland libxkbcommon poppler ttf-dejavu"
ARCH_DIST="mingw-w64-gcc xz"
SUSE="gcc pkg-config Mesa-libGL-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel wayland-devel libxkbcommon-devel poppler-tools dejavu-fonts"
SUSE_DIST="mingw64-cross-gcc xz"

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	pkgs=$DEB
	[ "$want_dist" = dist ] && pkgs="$pkgs $DEB_DIST"
	missing=""
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && exit 0
	echo "Installing:$missing"
	if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
	$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
	exit
fi

case "$(uname -s)" in
Darwin)
	command -v cc >/dev/null || { echo "make deps: install Xcode's command line tools: xcode-select --install"; exit 1; }
	command -v pdftotext >/dev/null || echo "make deps: the tests that read PDFs are skipped without poppler: brew install poppler"
	exit 0;;
Linux) ;;
*)
	command -v gcc >/dev/null || { echo "make deps: put a 64-bit gcc on PATH (MSYS2: pacman -S mingw-w64-x86_64-gcc)"; exit 1; }
	command -v pdftotext >/dev/null || echo "make deps: the tests that read PDFs are skipped without poppler (MSYS2: pacman -S mingw-w64-x86_64-poppler)"
	exit 0;;
esac

# A Linux without apt: check each thing the build needs, by what it provides.
lacking=""
command -v cc >/dev/null 2>&1 || lacking="$lacking C-compiler"
if command -v pkg-config >/dev/null 2>&1; then
	for m in gl x11 xcursor xrandr xinerama xi xxf86vm xkbcommon wayland-client; do
		pkg-config --exists "$m" || lacking="$lacking $m"
	done
else
	lacking="$lacking pkg-config"
fi
if [ "$want_dist" = dist ]; then
	command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || lacking="$lacking x86_64-w64-mingw32-gcc"
	command -v xz >/dev/null 2>&1 || lacking="$lacking xz"
fi
if [ -z "$lacking" ]; then
	command -v pdftotext >/dev/null 2>&1 ||
		echo "make deps: the tests that read PDFs are skipped without pdftotext (package poppler-utils; poppler on Arch, poppler-tools on openSUSE)"
	exit 0
fi

pick() { if [ "$want_dist" = dist ]; then echo "$1 $2"; else echo "$1"; fi; }
id=""
[ -r /etc/os-release ] && id=$(. /etc/os-release; echo "${ID:-} ${ID_LIKE:-}")
echo "make deps: this system lacks what the build needs:$lacking"
echo "Install these packages, then run make again:"
case "$id" in
*fedora*|*rhel*|*centos*) echo "  sudo dnf install $(pick "$FEDORA" "$FEDORA_DIST")";;
*arch*) echo "  sudo pacman -S --needed $(pick "$ARCH" "$ARCH_DIST")";;
*suse*) echo "  sudo zypper install $(pick "$SUSE" "$SUSE_DIST")";;
*)
	echo "  Fedora:   sudo dnf install $(pick "$FEDORA" "$FEDORA_DIST")"
	echo "  Arch:     sudo pacman -S --needed $(pick "$ARCH" "$ARCH_DIST")"
	echo "  openSUSE: sudo zypper install $(pick "$SUSE" "$SUSE_DIST")"
	echo "  others:   a C compiler, pkg-config, and the development files of OpenGL, X11 (Xcursor,"
	echo "            Xrandr, Xinerama, Xi, Xxf86vm), Wayland and xkbcommon; poppler's pdftotext";;
esac
exit 1

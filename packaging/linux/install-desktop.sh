#!/bin/sh
# Installs the desktop entry, the AppStream metainfo and the icon where desktops look
# for them (`make install-desktop`), so Scrutiny Desk appears in the applications menu
# with its icon and in software centres.
#
#   PREFIX   where share/ is: ~/.local for one user (the default), /usr/local for all
#   DESTDIR  a staging root packagers install into (the files still name PREFIX)
#   EXEC     the program the menu entry starts, written into the installed .desktop
#            file as an absolute path: the menu has no virtualenv's PATH. The default
#            is `scrutiny-desk` as found on PATH; for the bundle, name its program
#            (e.g. EXEC=/opt/scrutiny-desk/scrutiny-desk).
#
# The icon caches and the desktop database are refreshed only for a live install
# (no DESTDIR) and only where their tools exist.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APP_ID=uk.org.scrutinydesk.ScrutinyDesk
PREFIX=${PREFIX:-$HOME/.local}
DESTDIR=${DESTDIR:-}
EXEC=${EXEC:-$(command -v scrutiny-desk || true)}

if [ -z "$EXEC" ]; then
    echo "install-desktop: no scrutiny-desk on PATH; say which program to start:" >&2
    echo "  make install-desktop EXEC=/path/to/scrutiny-desk" >&2
    exit 2
fi
case "$EXEC" in
    /*) ;;
    *) echo "install-desktop: EXEC must be an absolute path, not $EXEC" >&2; exit 2 ;;
esac
case "$EXEC" in
    *[\"\`\$\\\ ]*)
        echo "install-desktop: EXEC must not hold spaces, quotes, \$, \` or \\: $EXEC" >&2
        exit 2 ;;
esac

SHARE="$DESTDIR$PREFIX/share"
APPS="$SHARE/applications"
ICONS="$SHARE/icons/hicolor"

install -d "$APPS" "$SHARE/metainfo" "$ICONS/scalable/apps"
# Written to a temporary name and renamed: a half-written entry never shows in a menu.
sed "s|^Exec=scrutiny-desk\$|Exec=$EXEC|; s|^TryExec=scrutiny-desk\$|TryExec=$EXEC|" \
    "$HERE/$APP_ID.desktop" > "$APPS/.$APP_ID.desktop.partial"
chmod 644 "$APPS/.$APP_ID.desktop.partial"
mv "$APPS/.$APP_ID.desktop.partial" "$APPS/$APP_ID.desktop"
install -m 644 "$HERE/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
install -m 644 "$ROOT/resources/icons/scrutiny-desk.svg" "$ICONS/scalable/apps/$APP_ID.svg"

if [ -z "$DESTDIR" ]; then
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$APPS" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$ICONS/index.theme" ]; then
        gtk-update-icon-cache -q -t "$ICONS" || true
    fi
fi
echo "Installed $APPS/$APP_ID.desktop (Exec=$EXEC), its metainfo and its icon under $SHARE"

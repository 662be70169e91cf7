#!/bin/sh
# Installs Guichet from the unpacked Linux tarball:
#   ./install.sh                 # for you: ~/.local (bin/guichet, the menu entry, the icons)
#   sudo ./install.sh /opt/guichet /usr/local   # for every user: files in /opt, links in /usr/local
# Remove it with ./install.sh --uninstall [same arguments].
set -eu
here=$(cd "$(dirname "$0")" && pwd)
uninstall=no
if [ "${1:-}" = "--uninstall" ]; then uninstall=yes; shift; fi
if [ "$(id -u)" = 0 ]; then
    files=${1:-/opt/guichet}; prefix=${2:-/usr/local}
else
    files=${1:-"$HOME/.local/lib/guichet"}; prefix=${2:-"$HOME/.local"}
fi
app=org.guichet.Guichet
desktop="$prefix/share/applications/$app.desktop"
if [ "$uninstall" = yes ]; then
    rm -rf "$files"
    rm -f "$prefix/bin/guichet" "$desktop" "$prefix/share/metainfo/$app.metainfo.xml"
    find "$prefix/share/icons/hicolor" -name "$app.*" -delete 2>/dev/null || true
    echo "Guichet removed (your data folder and settings are kept)."
    exit 0
fi
mkdir -p "$files" "$prefix/bin" "$prefix/share"
cp -R "$here/lib/guichet/." "$files/"
ln -sf "$files/guichet" "$prefix/bin/guichet"
cp -R "$here/share/applications" "$here/share/icons" "$here/share/metainfo" "$prefix/share/"
# The menu entry runs the installed program whatever the PATH.
sed -i "s|^Exec=guichet|Exec=$files/guichet|" "$desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
echo "Guichet installed in $files; run: $prefix/bin/guichet (or Guichet in the applications menu)."
echo "The headless scheduler as a service: $here/share/guichet/guichet-scheduler.service (docs/install.md)."

#!/usr/bin/env bash
# Turn a fresh Debian 13 / Ubuntu 24.04 PC into a locked-down kiosk. Run as root from the
# checked-out project, e.g.:  sudo /opt/fbss-kiosk/deploy/install-linux.sh
# Safe to run again (for example after `git pull`): it only adds what is missing and never
# overwrites /etc/fbss-kiosk/settings.toml, the data or the staff PIN.
set -euo pipefail
APP_DIR="$(cd "$(dirname "$0")/.." && pwd)"
USER_NAME="${KIOSK_USER:-kiosk}"
ETC=/etc/fbss-kiosk DATA=/var/lib/fbss-kiosk LOGS=/var/log/fbss-kiosk

[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo $0)"; exit 1; }
[ "$APP_DIR" = /opt/fbss-kiosk ] || echo "note: the unit file expects /opt/fbss-kiosk, not $APP_DIR"

echo "1/6 system packages"
bash "$APP_DIR/deploy/install-system-packages.sh" cage make python3 python3-venv \
  libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
  fonts-dejavu-core libwayland-client0 libwayland-cursor0 libwayland-egl1 sudo x11-xserver-utils \
  libpulse0 libspeechd2 speech-dispatcher speech-dispatcher-espeak-ng

echo "2/6 Python environment (.venv, pinned packages)"
make -C "$APP_DIR" venv

echo "3/6 the kiosk user (seat access: video, input, render)"
id "$USER_NAME" >/dev/null 2>&1 || useradd --system --create-home --shell /usr/sbin/nologin "$USER_NAME"
for group in video input render; do
  getent group "$group" >/dev/null && usermod -aG "$group" "$USER_NAME"
done

echo "4/6 folders and settings"
install -d -m 0755 "$ETC"
install -d -m 0700 -o "$USER_NAME" -g "$USER_NAME" "$DATA" "$LOGS"
[ -f "$ETC/settings.toml" ] || install -m 0644 "$APP_DIR/deploy/settings.example.toml" "$ETC/settings.toml"

echo "5/6 service, login session, no Ctrl+Alt+Del reboot"
install -m 0644 "$APP_DIR/deploy/pam-fbss-kiosk" /etc/pam.d/fbss-kiosk
install -m 0644 "$APP_DIR/deploy/fbss-kiosk.service" /etc/systemd/system/fbss-kiosk.service
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable fbss-kiosk.service
  systemctl set-default graphical.target
  systemctl mask ctrl-alt-del.target
else
  echo "   systemd is not running here: enable fbss-kiosk.service after booting with it"
fi

echo "6/6 check"
sudo -u "$USER_NAME" "$APP_DIR/.venv/bin/python" "$APP_DIR/main.py" doctor --settings "$ETC/settings.toml" || true
cat <<DONE

Installed. Next:
  sudo -u $USER_NAME $APP_DIR/.venv/bin/python $APP_DIR/main.py set-pin --data-dir $DATA
  sudo reboot        # the kiosk starts full screen on tty1; or: systemctl start fbss-kiosk
DONE

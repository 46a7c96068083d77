# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by setup-and-run.sh, run-tests.sh and take-screenshot.sh (sourced).

# The source root, wherever the script is called from.
CURATOR_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
CURATOR_PACKAGES_FILE="$CURATOR_ROOT/build-aux/debian-packages.txt"

log ()
{
  printf '\033[1m==> %s\033[0m\n' "$*" >&2
}

die ()
{
  printf 'error: %s\n' "$*" >&2
  exit 1
}

curator_packages ()
{
  sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$CURATOR_PACKAGES_FILE"
}

package_installed ()
{
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

package_has_candidate ()
{
  local candidate
  candidate=$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

# Install the listed packages that are missing; `apt-get update` only when a
# missing package is unknown to the local package lists.
install_missing_packages ()
{
  local missing=() need_update=0 sudo=() package

  command -v dpkg-query >/dev/null || die "this script needs Debian 12 (dpkg-query not found)"

  while read -r package; do
    package_installed "$package" || missing+=("$package")
  done < <(curator_packages)

  if [ ${#missing[@]} -eq 0 ]; then
    log "All $(curator_packages | wc -l) Debian packages are installed"
    return 0
  fi

  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "missing packages (${missing[*]}) and not root: install them or run as root"
    sudo=(sudo)
  fi

  for package in "${missing[@]}"; do
    package_has_candidate "$package" || need_update=1
  done

  log "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
  if [ $need_update -eq 1 ]; then
    "${sudo[@]}" apt-get update -q
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q "${missing[@]}"
}

# configure_build DIR [MESON_OPTION...]: set up DIR, or apply the options to
# an existing one.
configure_build ()
{
  local dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$CURATOR_ROOT" "$@"
  else
    meson setup "$dir" "$CURATOR_ROOT" "$@"
  fi
}

compile_build ()
{
  meson compile -C "$1" ${CURATOR_JOBS:+-j "$CURATOR_JOBS"}
}

# A private, throw-away session environment (headless.md): nothing is written
# to the home directory. Sets CURATOR_SESSION_DIR; remove it when done.
make_private_session ()
{
  CURATOR_SESSION_DIR=$(mktemp -d "${TMPDIR:-/tmp}/curator-session.XXXXXX")
  mkdir -p "$CURATOR_SESSION_DIR"/{runtime,cache,config,data,tmp}
  chmod 700 "$CURATOR_SESSION_DIR/runtime"
  export XDG_RUNTIME_DIR="$CURATOR_SESSION_DIR/runtime"
  export XDG_CACHE_HOME="$CURATOR_SESSION_DIR/cache"
  export XDG_CONFIG_HOME="$CURATOR_SESSION_DIR/config"
  export XDG_DATA_HOME="$CURATOR_SESSION_DIR/data"
  export TMPDIR="$CURATOR_SESSION_DIR/tmp"
}

# Run a command on a private X server and D-Bus session bus.
headless ()
{
  xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- "$@"
}

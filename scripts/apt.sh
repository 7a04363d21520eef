# Sourced by the install scripts: one way to install Debian packages (sudo unless root,
# the package lists refreshed once per run).

# apt_install "why" package...
apt_install() {
  local why=$1
  shift
  echo "==> installing $* ($why)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -z "${ARC_APT_UPDATED:-}" ]; then
    $sudo apt-get update -qq
    ARC_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

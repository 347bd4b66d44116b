#!/bin/sh
# managed-by: workstation
# Session launcher: freshen your clones and Claude config links (bounded, never blocks), then
# start Claude Code in ~/code. If Claude exits abnormally you land in a shell, not a dead tab.
# Deployed by `workstation reconcile` to ~/start-claude.sh while it carries the marker above;
# remove that line to keep your own version (it will then be left alone).
cd "$HOME" || exit 1
# The resident session service does the freshen over warm connections, with no JVM to start here
# (it learns who you are from the kernel, never from the request). Without it, or when it leaves
# your clones to you, `workstation session-start` does the same in this session. 15 s in all.
sock=/run/workstation/session.sock
read -r started _ </proc/uptime # the launch's start, without a process: seconds since boot
done=
if [ -S "$sock" ] && command -v curl >/dev/null 2>&1; then
  # -q: no ~/.curlrc, which could change what curl prints or where
  exec 3>&1 # what the service did goes to the terminal, its HTTP status to $code
  code=$(curl -q --silent --fail --max-time 15 --unix-socket "$sock" \
    --write-out '%{stderr}%{http_code}' http://workstation/session-start 2>&1 1>&3)
  status=$?
  exec 3>&-
  case "$code" in
    200 | 409 | 503) done=1 ;;          # done, or already being done for you
    000) [ "$status" = 28 ] && done=1 ;; # no answer within the bound: start anyway
  esac
fi
if [ -z "$done" ] && command -v workstation >/dev/null 2>&1; then
  read -r now _ </proc/uptime
  left=$((15 - (${now%.*} - ${started%.*})))
  if [ "$left" -gt 0 ]; then
    timeout "$left" workstation session-start || true
  fi
fi
if [ -d "$HOME/code" ]; then
  cd "$HOME/code" || cd "$HOME"
fi
# a setup token from Vault, written by the claude-auth job (SPEC 6.12): read as one line, never
# sourced, so nothing in it runs
oauth_env="$HOME/.config/workstation/claude-auth/oauth.env"
if [ -f "$oauth_env" ]; then
  IFS= read -r line <"$oauth_env" || true
  case "$line" in
    CLAUDE_CODE_OAUTH_TOKEN=?*) export CLAUDE_CODE_OAUTH_TOKEN="${line#CLAUDE_CODE_OAUTH_TOKEN=}" ;;
  esac
  unset line
fi
if command -v claude >/dev/null 2>&1; then
  claude "$@"
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "claude exited with status $status; dropping to a shell (type exit to close)." >&2
    exec "${SHELL:-/bin/bash}" -l
  fi
  exit 0
fi
echo "claude is not installed here; starting a shell." >&2
exec "${SHELL:-/bin/bash}" -l

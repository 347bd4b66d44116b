#!/bin/sh
# managed-by: workstation
# Session launcher: freshen your clones and Claude config links (bounded, never blocks), then
# start Claude Code in ~/code. If Claude exits abnormally you land in a shell, not a dead tab.
# Deployed by `workstation reconcile` to ~/start-claude.sh while it carries the marker above;
# remove that line to keep your own version (it will then be left alone).
cd "$HOME" || exit 1
if command -v workstation >/dev/null 2>&1; then
  timeout 15 workstation session-start || true
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

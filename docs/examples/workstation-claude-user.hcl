# The one Vault policy a user's claude-auth token carries (SPEC 6.12). One per user: replace
# {os_user} with the account name and write it under the name claude_auth.policy gives, e.g.
#   sed 's/{os_user}/alice/g' workstation-claude-user.hcl | vault policy write workstation-claude-alice -
# The path is claude_auth.path inside the KV v2 mount (vault.user_secrets' mount, or secret),
# with KV v2's data/ segment. Nothing else: the token reads and writes only its own user's
# backup (and setup_token), and looks itself up and renews itself.
path "secret/data/workstation/claude-users/{os_user}" {
  capabilities = ["create", "read", "update"]
}

path "auth/token/lookup-self" {
  capabilities = ["read"]
}

path "auth/token/renew-self" {
  capabilities = ["update"]
}

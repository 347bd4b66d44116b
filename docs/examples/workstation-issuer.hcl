# What root's own Vault token (vault.token_file or the AppRole) needs for claude_auth (SPEC 6.12),
# besides reading k8s_users and the users' Forgejo tokens:
#   vault policy write workstation-issuer workstation-issuer.hcl
# sudo on auth/token/create: each user's token is periodic and an orphan (it must outlive root's
# own token when that is rotated), and Vault allows both only to root or sudo. The accessors let
# root check and revoke a user's token without ever holding it again. Reading the users' policies
# lets `workstation doctor` check that each reaches only its own user's path.
path "auth/token/create" {
  capabilities = ["create", "update", "sudo"]
}

path "auth/token/lookup-accessor" {
  capabilities = ["update"]
}

path "auth/token/revoke-accessor" {
  capabilities = ["update"]
}

path "sys/policies/acl/workstation-claude-*" {
  capabilities = ["read"]
}

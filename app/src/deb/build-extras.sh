#!/bin/sh
# Generated package files, from the same picocli definitions as the CLI: the bash completion
# and the man page (gzipped, as Debian policy wants), plus the gzipped changelog.
set -eu
target="$1"
version="$2"
out="$target/deb-extra"
mkdir -p "$out"
java -cp "$target/workstation-all.jar" dev.workstation.cli.Main generate-completion | sed "1{/^#!/d}" > "$out/workstation"
java -cp "$target/workstation-all.jar" dev.workstation.cli.Main generate-manpage > "$out/workstation.1"
gzip -9nf "$out/workstation.1"
sed "s/\[\[version\]\]/$version/" "$(dirname "$0")/files/changelog" > "$out/changelog"
gzip -9nf "$out/changelog"

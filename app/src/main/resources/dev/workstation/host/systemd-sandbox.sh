#!/bin/sh
# PID 1 of a systemd sandbox's PID namespace until it becomes systemd (host.SystemdSandbox).
# Started by `unshare --pid --fork --kill-child --mount-proc --mount --uts --ipc`, as
#   sh systemd-sandbox.sh enter DIR SYSTEMD   (then, in its own cgroup namespace: ... boot ...)
# DIR is the sandbox's scratch directory; DIR/.sandbox holds what the JVM prepared:
#   cgroups     one line per host cgroup hierarchy: MOUNTPOINT TYPE OPTIONS LEAF
#   login.defs  the host's, with the sandbox's UID_MIN/UID_MAX/GID_MIN/GID_MAX
#   {etc,var,usr}-{up,work}  the overlays' upper and work directories
# Nothing here may change the host: every write below lands on an overlay or a tmpfs of this
# mount namespace, and what the host shares with it (/sys, /proc/sys) is made read-only here.
set -eu
stage=$1
D=$2
SYSTEMD=$3
S=$D/.sandbox

enter() {
  mount --make-rprivate /
  # into the leaves the JVM made under its own cgroups, then a cgroup namespace rooted there: the
  # sandbox's systemd builds its tree inside them, not at the root of the host's hierarchies
  while read -r mp type opts leaf; do
    echo 0 > "$leaf/cgroup.procs"
  done < "$S/cgroups"
  exec unshare --cgroup -- /bin/sh "$S/systemd-sandbox.sh" boot "$D" "$SYSTEMD"
}

boot() {
  # the scratch dir is under the host's /tmp, which systemd-tmpfiles empties at boot: keep it
  # aside on a fresh /run, hide the host's /tmp behind a tmpfs, and put only the scratch dir back
  mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
  mkdir /run/.scratch
  mount --bind "$D" /run/.scratch
  for d in etc var usr; do
    mount -t overlay overlay -o "lowerdir=/$d,upperdir=$S/$d-up,workdir=$S/$d-work" "/$d"
  done
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
  for d in home srv root; do
    mount -t tmpfs -o mode=0755 tmpfs "/$d"
  done
  chmod 0700 /root
  mkdir -p "$D"
  mount --move /run/.scratch "$D"
  rmdir /run/.scratch

  # what the host shares, read-only: the kernel's tunables (systemd-sysctl, binfmt and udev then
  # skip themselves) and sysfs; the cgroup hierarchies again, as this cgroup namespace sees them
  mount --bind /proc/sys /proc/sys
  mount -o remount,bind,ro /proc/sys
  if [ -e /proc/sysrq-trigger ]; then
    mount --bind /proc/sysrq-trigger /proc/sysrq-trigger
    mount -o remount,bind,ro /proc/sysrq-trigger
  fi
  mount -o remount,bind,ro /sys
  if ! grep -q '^/sys/fs/cgroup cgroup2 ' "$S/cgroups"; then
    mount -t tmpfs -o mode=0755,nosuid,nodev,noexec tmpfs /sys/fs/cgroup
  fi
  while read -r mp type opts leaf; do
    mkdir -p "$mp"
    if [ "$type" = cgroup2 ]; then
      mount -t cgroup2 cgroup2 "$mp"
    else
      mount -t cgroup -o "$opts" cgroup "$mp"
    fi
  done < "$S/cgroups"

  # its own /dev: the usual character devices, its own ptys, and a console that goes nowhere
  mount -t tmpfs -o mode=0755,nosuid tmpfs /dev
  for n in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name major minor <<EOF
$n
EOF
    mknod -m 0666 "/dev/$name" c "$major" "$minor"
  done
  mkdir /dev/pts /dev/shm
  mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts /dev/pts
  ln -s pts/ptmx /dev/ptmx
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
  ln -s /proc/self/fd /dev/fd
  ln -s /proc/self/fd/0 /dev/stdin
  ln -s /proc/self/fd/1 /dev/stdout
  ln -s /proc/self/fd/2 /dev/stderr
  touch /dev/console
  mount --bind /dev/null /dev/console

  # its own identity, accounts range and /tmp policy (all on the /etc overlay)
  hostname workstation-sandbox
  echo workstation-sandbox > /etc/hostname
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > /etc/machine-id
  echo >> /etc/machine-id
  cp "$S/login.defs" /etc/login.defs
  mkdir -p /etc/tmpfiles.d /var/lib/workstation
  echo 'd /tmp 1777 root root -' > /etc/tmpfiles.d/tmp.conf
  # Docker-style images forbid maintainer scripts to start units (exit 101); not in here
  rm -f /usr/sbin/policy-rc.d

  # the image's own daemons (whatever it enables), and units that would act on the kernel,
  # devices, filesystems or clock the host shares, or log in on terminals: masked
  for w in /etc/systemd/system/*.wants/* /etc/systemd/system/*.requires/*; do
    [ -e "$w" ] || [ -L "$w" ] || continue
    mask "${w##*/}"
  done
  for u in \
    systemd-modules-load.service systemd-sysctl.service systemd-binfmt.service \
    proc-sys-fs-binfmt_misc.automount systemd-udevd.service systemd-udevd-control.socket \
    systemd-udevd-kernel.socket systemd-udev-trigger.service systemd-udev-settle.service \
    systemd-hwdb-update.service systemd-random-seed.service systemd-remount-fs.service \
    systemd-fsck-root.service systemd-growfs-root.service systemd-pstore.service \
    systemd-timesyncd.service kmod-static-nodes.service systemd-firstboot.service \
    systemd-journald-audit.socket sys-kernel-config.mount sys-kernel-debug.mount \
    sys-kernel-tracing.mount sys-fs-fuse-connections.mount dev-hugepages.mount \
    getty@.service serial-getty@.service console-getty.service container-getty@.service \
    systemd-tmpfiles-clean.timer networking.service systemd-networkd.service \
    systemd-resolved.service ssh.service ssh.socket cron.service rsyslog.service \
    nginx.service postgresql.service; do
    mask "$u"
  done

  exec env -i container=other TERM=dumb "$SYSTEMD" --unit=multi-user.target \
    --show-status=no
}

mask() {
  rm -f "/etc/systemd/system/$1"
  ln -s /dev/null "/etc/systemd/system/$1"
}

"$stage"

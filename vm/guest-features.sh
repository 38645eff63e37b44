#!/bin/sh
# What the attack tests need from the guest, as Debian's 6.12 has it: two
# online CPUs (a race on one CPU proves nothing), io_uring, userfaultfd,
# FUSE and user namespaces. One line per feature; exits non-zero when one
# is missing, naming it. run-tests.sh boots this before the selftests.
missing=
check()	# check NAME CONDITION...
{
	name=$1
	shift
	if "$@"; then
		echo "guest: $name: yes"
	else
		echo "guest: $name: MISSING"
		missing="$missing $name"
	fi
}

cpus=$(grep -c '^processor' /proc/cpuinfo)
echo "guest: $cpus CPUs online"
check "two CPUs" [ "$cpus" -ge 2 ]
# each option adds its sysctl or device node
check io_uring [ -e /proc/sys/kernel/io_uring_disabled ]
check userfaultfd [ -e /proc/sys/vm/unprivileged_userfaultfd ]
check FUSE [ -c /dev/fuse ]
check "user namespaces" [ -e /proc/self/ns/user ]
[ -z "$missing" ] || { echo "guest: missing:$missing (config/vm.config)"; exit 1; }
